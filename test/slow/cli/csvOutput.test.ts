import assert from 'node:assert/strict';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { homeWithIdentity, installedCliDir } from '../../helpers/builtCli';
import { isolatedGitEnv, tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';

/** Runs the installed `git-playbooks` and returns standard output as bytes, as a shell redirect would save them. */
function run(cwd: string, env: NodeJS.ProcessEnv, args: string[]): string {
  return execFileSync(path.join(installedCliDir(), 'git-playbooks'), args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
}

function assertRfc4180LineEnds(csv: string, what: string): void {
  assert.ok(csv.endsWith('\r\n'), `${what}: the last record must end with CRLF, got ${JSON.stringify(csv.slice(-12))}`);
  // Line breaks inside quoted fields are data, not record ends.
  const outsideQuotes = csv.replace(/"(?:[^"]|"")*"/g, '""');
  assert.ok(!/(?<!\r)\n/.test(outsideQuotes), `${what}: a record ends with a bare LF`);
  assert.ok(!csv.endsWith('\r\n\r\n'), `${what}: an empty record at the end`);
}

describe('CSV on standard output', function () {
  this.timeout(120_000);

  it('ends every record with CRLF, the last one included (timeline, export, report)', () => {
    const root = tempGitRepo();
    const home = homeWithIdentity();
    const env: NodeJS.ProcessEnv = { ...process.env, ...isolatedGitEnv(home), GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' };
    run(root, env, ['init']);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    const runId = run(root, env, ['run', 'start', 'db-incident', '--name', 'DB down', '--as', 'alice']).trim();
    run(root, env, ['run', 'note', runId, '--summary', 'Saw timeouts', '--details', 'first\nsecond', '--as', 'bob']);
    run(root, env, ['run', 'finish', runId, '--as', 'alice']);
    for (const [metric, value] of [['time-to-mitigate', '2h'], ['tickets', '12'], ['credits', '99.5']] as const) {
      run(root, env, ['retro', 'metric', runId, metric, value, '--as', 'alice']);
    }
    run(root, env, ['retro', 'publish', runId]);

    const timeline = run(root, env, ['timeline', runId, '--format', 'csv']);
    assertRfc4180LineEnds(timeline, 'timeline --format csv');
    assert.ok(timeline.startsWith('Event Time,Since Start,Event Type,Actor,Summary,Details,Link,Event ID\r\n'));
    assert.ok(timeline.includes('"first\nsecond"'), 'a line break inside a quoted field stays as written');
    assertRfc4180LineEnds(run(root, env, ['export', runId, '--format', 'csv']), 'export --format csv');
    const report = run(root, env, ['report', 'db-incident', '--format', 'csv']);
    assertRfc4180LineEnds(report, 'report --format csv');
    assert.equal(report.split('\r\n').length, 3, 'a header, one run and the final CRLF');
  });
});
