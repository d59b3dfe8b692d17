import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitRepository } from '../../../src/git/gitRepository';
import { GitRunner } from '../../../src/git/gitRunner';
import { git, isolatedGitEnv, tempDir, tempGitRepo } from '../../helpers/tempRepo';

/** Counts the `git config` processes `fn` starts. */
async function configReads(fn: () => Promise<unknown>): Promise<number> {
  const original = GitRunner.prototype.run;
  let reads = 0;
  GitRunner.prototype.run = function run(this: GitRunner, args: readonly string[]): Promise<string> {
    if (args[0] === 'config') reads += 1;
    return original.call(this, args);
  };
  try {
    await fn();
  } finally {
    GitRunner.prototype.run = original;
  }
  return reads;
}

describe('the git identity, read once per repository', function () {
  this.timeout(20_000);

  it('is read once, then again only when the repository config or the global config changes', async () => {
    const root = tempGitRepo('Alice Example', 'alice@example.com');
    const home = tempDir('gp-home-');
    const env = isolatedGitEnv(home);
    fs.writeFileSync(path.join(home, '.gitconfig'), '[init]\n\tdefaultBranch = main\n');
    const repo = await GitRepository.open(root, { env });
    assert.equal(await configReads(async () => {
      for (let i = 0; i < 5; i += 1) assert.equal((await repo.identity())?.name, 'Alice Example');
    }), 1);

    git(root, ['config', 'user.name', 'Bob Example']);
    assert.equal(await configReads(async () => assert.equal((await repo.identity())?.name, 'Bob Example')), 1);
    assert.equal(await configReads(() => repo.identity()), 0);

    // The global config is watched too: a name set there shows once the local one is gone.
    git(root, ['config', '--unset', 'user.name']);
    fs.appendFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Carol Global\n');
    assert.equal(await configReads(async () => assert.equal((await repo.identity())?.name, 'Carol Global')), 1);
  });

  it('sees the shared config of a linked worktree', async () => {
    const root = tempGitRepo('Alice Example', 'alice@example.com');
    git(root, ['commit', '-q', '--allow-empty', '-m', 'first']);
    const linked = path.join(tempDir('gp-linked-'), 'wt');
    git(root, ['worktree', 'add', '-q', linked]);
    const home = tempDir('gp-home-');
    const repo = await GitRepository.open(linked, { env: isolatedGitEnv(home) });
    assert.equal((await repo.identity())?.name, 'Alice Example');
    git(root, ['config', 'user.name', 'Dana Example']);
    assert.equal((await repo.identity())?.name, 'Dana Example');
  });
});
