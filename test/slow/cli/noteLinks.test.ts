import assert from 'node:assert/strict';
import { cliOk } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { git, tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import type { TimelineEvent } from '../../../src/core/model/types';

describe('a note linked to path:line', function () {
  this.timeout(30_000);

  it('records the commit checked out, and the exports link it (and commits, URLs) to the remote\'s web pages when known', async () => {
    const root = tempGitRepo();
    const env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' };
    git(root, ['remote', 'add', 'origin', 'git@github.com:acme/shop.git']);
    await cliOk(root, ['init'], env);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    writeFile(root, 'src/pool.ts', 'export const max = 10;\n');
    git(root, ['add', '-A']);
    git(root, ['commit', '-qm', 'pool']);
    const noted = git(root, ['rev-parse', 'HEAD']).trim();
    const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'Pool exhausted', '--as', 'alice'], env)).last;

    await cliOk(root, ['run', 'note', runId, '--summary', 'The pool limit', '--link', 'src/pool.ts:1', '--as', 'bob'], env);
    await cliOk(root, ['run', 'note', runId, '--summary', 'Range', '--details', 'Look here.', '--link', 'src/pool.ts:1-3', '--as', 'bob'], env);
    await cliOk(root, ['run', 'note', runId, '--summary', 'The commit', '--link', noted.slice(0, 10), '--as', 'bob'], env);
    await cliOk(root, ['run', 'note', runId, '--summary', 'Dashboard', '--link', 'https://grafana.example.com/d/1', '--as', 'bob'], env);
    const events = JSON.parse((await cliOk(root, ['timeline', runId, '--format', 'json'], env)).stdout) as TimelineEvent[];
    const details = Object.fromEntries(events.map((event) => [event.summary, event.details]));
    assert.equal(details['The pool limit'], `From src/pool.ts:1 at commit ${noted}`);
    assert.equal(details['Range'], `Look here.\n\nFrom src/pool.ts:1-3 at commit ${noted}`);
    assert.equal(details['The commit'], undefined, 'a commit link is already exact');
    assert.equal(details['Dashboard'], undefined);

    // Later commits move HEAD; the link still points at the code as it was when the note was taken.
    writeFile(root, 'src/pool.ts', '// moved\nexport const max = 10;\n');
    git(root, ['commit', '-qam', 'later']);
    const blob = `https://github.com/acme/shop/blob/${noted}/src/pool.ts`;
    const markdown = (await cliOk(root, ['export', runId, '--format', 'md'], env)).stdout;
    assert.ok(markdown.includes(`| [\`src/pool.ts:1\`](${blob}#L1) |`), markdown);
    assert.ok(markdown.includes(`| [\`src/pool.ts:1-3\`](${blob}#L1-L3) |`), markdown);
    assert.ok(markdown.includes(`| [\`${noted.slice(0, 10)}\`](https://github.com/acme/shop/commit/${noted.slice(0, 10)}) |`), markdown);
    assert.ok(markdown.includes('| <https://grafana.example.com/d/1> |'), markdown);

    const html = (await cliOk(root, ['export', runId, '--format', 'html'], env)).stdout;
    assert.ok(html.includes(`<a href="${blob}#L1" rel="noopener noreferrer"><code>src/pool.ts:1</code></a>`), html);
    assert.ok(html.includes(`<a href="https://github.com/acme/shop/commit/${noted.slice(0, 10)}" rel="noopener noreferrer"><code title="${noted.slice(0, 10)}">`), html);
    assert.ok(html.includes('<a href="https://grafana.example.com/d/1" rel="noopener noreferrer">'), html);

    // Without a remote whose web pages are known, a path stays code.
    git(root, ['remote', 'set-url', 'origin', '/srv/git/shop.git']);
    assert.ok((await cliOk(root, ['export', runId, '--format', 'md'], env)).stdout.includes('| `src/pool.ts:1` |'));
  });
});
