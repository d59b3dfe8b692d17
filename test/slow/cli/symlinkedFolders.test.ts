import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliOk } from '../../helpers/cli';
import { tempDir, tempGitRepo } from '../../helpers/tempRepo';
import { repoWithRun } from '../../helpers/runFixture';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { postStatusUpdate } from '../../../src/core/runs/runOperations';
import { runPath } from '../../helpers/runPaths';

/** Moves `relative` out of the repository and leaves a symbolic link to it, as a clone can carry. */
function linkOut(root: string, relative: string): string {
  const outside = path.join(tempDir('gp-outside-'), path.basename(relative));
  fs.renameSync(path.join(root, relative), outside);
  fs.symlinkSync(outside, path.join(root, relative));
  return outside;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
}

describe('writes through symbolic links', function () {
  this.timeout(30_000);

  it('refuses to change a run whose folder is a link out of the repository, and leaves no lock there', async () => {
    const { root, runId, env } = await repoWithRun();
    const outside = linkOut(root, `${runPath(runId)}`);
    const before = snapshot(outside);
    for (const args of [['run', 'update', runId, '--message', 'hi'], ['run', 'note', runId, '--summary', 'x'], ['run', 'finish', runId], ['retro', 'skip', runId, '--reason', 'r']]) {
      const result = await cli(root, [...args, '--as', 'bob'], env);
      assert.equal(result.code, 1, args.join(' '));
      assert.equal(result.stderr, `error: refusing to write ${runPath(runId)}/.lock: a symbolic link leads it to ${fs.realpathSync(outside)}/.lock, outside the playbooks folder playbooks`);
    }
    assert.deepEqual(snapshot(outside), before);
    // A link that stays inside the playbooks folder is fine.
    fs.rmSync(path.join(root, runPath(runId)));
    fs.renameSync(outside, path.join(root, 'playbooks/runs/real'));
    fs.symlinkSync('../../real', path.join(root, runPath(runId)));
    await cliOk(root, ['run', 'note', runId, '--summary', 'inside', '--as', 'bob'], env);
    assert.match(fs.readFileSync(path.join(root, 'playbooks/runs/real/timeline.yaml'), 'utf8'), /inside/);
  });

  it('refuses to start a run or change one when playbooks/runs is a link out of the repository', async () => {
    const { root, runId, env } = await repoWithRun();
    const outside = linkOut(root, 'playbooks/runs');
    const started = await cli(root, ['run', 'start', 'db-incident', '--name', 'Again', '--as', 'bob'], env);
    assert.equal(started.code, 1);
    assert.match(started.stderr, /^error: refusing to write playbooks\/runs: a symbolic link leads it to .*, outside the playbooks folder playbooks$/);
    const noted = await cli(root, ['run', 'note', runId, '--summary', 'x', '--as', 'bob'], env);
    assert.equal(noted.code, 1);
    assert.match(noted.stderr, /refusing to write playbooks\/runs\/.*\/\.lock/);
    assert.deepEqual(fs.readdirSync(outside).sort(), ['.gitkeep', '2026']);
    assert.deepEqual(fs.readdirSync(path.join(outside, '2026', '11')), [runId]);
    assert.deepEqual(fs.readdirSync(path.join(outside, '2026', '11', runId)).sort(), ['retrospective.md', 'run.yaml', 'timeline.yaml']);
  });

  it('refuses in the core as well, where the extension writes', async () => {
    const { root, runId } = await repoWithRun();
    const outside = linkOut(root, `${runPath(runId)}`);
    const repo = PlaybooksRepository.at(root);
    assert.throws(() => postStatusUpdate(repo, { actor: 'bob', now: () => new Date() }, runId, 'hi'), /refusing to write playbooks\/runs\/.*\/\.lock: a symbolic link/);
    assert.ok(!fs.existsSync(path.join(outside, '.lock')));
  });

  it('refuses in one line to start a run where a dangling link sits at the new run folder, writing nothing', async () => {
    const { root, env } = await repoWithRun();
    // The month folder of the runs started on 2026-11-24.
    const runsDir = path.join(root, 'playbooks/runs/2026/11');
    const before = fs.readdirSync(runsDir).sort();
    // The id run start would pick: the start date and the name's slug.
    const outsideTarget = path.join(tempDir('gp-outside-'), 'not-there');
    fs.symlinkSync(outsideTarget, path.join(runsDir, '2026-11-24-again'));
    fs.symlinkSync('missing-folder', path.join(runsDir, '2026-11-24-once-more'));

    const outward = await cli(root, ['run', 'start', 'db-incident', '--name', 'Again', '--as', 'bob'], env);
    assert.equal(outward.code, 1);
    assert.equal(outward.stderr, `error: refusing to write playbooks/runs/2026/11/2026-11-24-again: a symbolic link leads it to ${path.join(fs.realpathSync(path.dirname(outsideTarget)), 'not-there')}, outside the playbooks folder playbooks`);
    assert.ok(!fs.existsSync(outsideTarget), 'the link target was created');

    const inward = await cli(root, ['run', 'start', 'db-incident', '--name', 'Once more', '--as', 'bob'], env);
    assert.equal(inward.code, 1);
    assert.equal(inward.stderr, 'error: playbooks/runs/2026/11/2026-11-24-once-more is a symbolic link to missing-folder, which does not exist; remove the link or start the run under another name');
    assert.ok(!fs.existsSync(path.join(runsDir, 'missing-folder')), 'the link target was created');

    assert.deepEqual(fs.readdirSync(runsDir).sort(), [...before, '2026-11-24-again', '2026-11-24-once-more'].sort(), 'something was left in the month folder');
  });

  it('refuses a new playbook written through a linked playbooks folder', async () => {
    const root = tempGitRepo();
    const elsewhere = tempDir('gp-outside-');
    fs.symlinkSync(elsewhere, path.join(root, 'playbooks'));
    const result = await cli(root, ['playbook', 'new', 'x']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: refusing to write playbooks\/x\.yaml: a symbolic link leads it to .*, outside the playbooks folder playbooks$/);
    assert.deepEqual(fs.readdirSync(elsewhere), []);
  });
});

describe('a playbooks folder inside .git', function () {
  this.timeout(30_000);

  for (const [how, args, env] of [
    ['--dir .git', ['--dir', '.git', 'init'], {}],
    ['--dir .git/hooks', ['--dir', '.git/hooks', 'init'], {}],
    ['--dir ./.GIT/hooks/', ['--dir', './.GIT/hooks/', 'init'], {}],
    ['GIT_PLAYBOOKS_DIR=.git/hooks', ['init'], { GIT_PLAYBOOKS_DIR: '.git/hooks' }],
  ] as const) {
    it(`is refused (${how}), and nothing is written there`, async () => {
      const root = tempGitRepo();
      const hooks = fs.readdirSync(path.join(root, '.git/hooks')).sort();
      const result = await cli(root, [...args], { ...env });
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^error: playbooks folder ".*" is inside \.git; choose a folder of the work tree, such as "playbooks"$/);
      assert.deepEqual(fs.readdirSync(path.join(root, '.git/hooks')).sort(), hooks);
      assert.ok(!fs.existsSync(path.join(root, '.git/README.md')));
    });
  }

  it('is refused when the playbooks folder is a link into .git', async () => {
    const root = tempGitRepo();
    fs.symlinkSync(path.join(root, '.git/hooks'), path.join(root, 'playbooks'));
    const result = await cli(root, ['init']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: refusing to write playbooks\/runs: a symbolic link leads it to .*\.git\/hooks\/runs, inside \.git$/);
    assert.ok(!fs.existsSync(path.join(root, '.git/hooks/runs')));
  });
});
