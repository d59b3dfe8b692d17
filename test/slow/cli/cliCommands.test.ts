import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliOk } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { git, readFile, tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { runPath } from '../../helpers/runPaths';

const MATTERMOST = path.resolve(__dirname, '../../fixtures/mattermost/customer-outage.json');

async function repoWithRun(): Promise<{ root: string; runId: string; env: Record<string, string> }> {
  const root = tempGitRepo();
  const env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' };
  await cliOk(root, ['init'], env);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'DB down, again', '--as', 'alice'], env)).last;
  return { root, runId, env };
}

describe('CLI', function () {
  this.timeout(30_000);

  it('has --help for every command', async () => {
    const root = tempGitRepo();
    const commands = [
      ['init'], ['playbook', 'new'], ['playbook', 'import-mattermost'], ['run', 'start'], ['run', 'update'], ['run', 'owner'],
      ['run', 'participants'], ['run', 'task'], ['run', 'note'], ['run', 'finish'], ['run', 'restore'], ['timeline'],
      ['retro', 'metric'], ['retro', 'publish'], ['retro', 'skip'], ['due'], ['report'], ['export'], ['validate'], ['action', 'sync'],
    ];
    for (const command of commands) {
      const result = await cli(root, [...command, '--help']);
      assert.equal(result.code, 0, command.join(' '));
      assert.match(result.stdout, new RegExp(`Usage: git-playbooks ${command.join(' ')}`), command.join(' '));
    }
  });

  it('explains a usage mistake with exit code 2', async () => {
    const result = await cli(tempGitRepo(), ['run', 'start', 'x']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /required option '--name <text>' not specified/);
  });

  it('init is idempotent and leaves existing .gitattributes lines alone', async () => {
    const root = tempGitRepo();
    writeFile(root, '.gitattributes', '*.png binary');
    await cliOk(root, ['init']);
    const second = await cliOk(root, ['init']);
    assert.match(second.stderr, /kept \.gitattributes/);
    assert.equal(
      readFile(root, '.gitattributes'),
      [
        '*.png binary',
        '# git-playbooks: events added to a run on two branches merge line by line.',
        'playbooks/runs/**/timeline.yaml merge=union',
        '# git-playbooks: run.yaml merges field by field, the later change winning (any git-playbooks command registers the driver in .git/config).',
        'playbooks/runs/**/run.yaml merge=git-playbooks-run',
        "# git-playbooks: a retrospective's front matter merges field by field, its prose line by line.",
        'playbooks/runs/**/retrospective.md merge=git-playbooks-retrospective',
        '',
      ].join('\n'),
    );
  });

  it('init adds the merge lines to a repository an older version initialised, keeping its timeline line', async () => {
    const root = tempGitRepo();
    const older = '# git-playbooks: events added to a run on two branches merge line by line.\nplaybooks/runs/*/timeline.yaml merge=union\n';
    writeFile(root, '.gitattributes', older);
    const result = await cliOk(root, ['init']);
    assert.match(result.stderr, /wrote \.gitattributes/);
    const text = readFile(root, '.gitattributes');
    assert.ok(text.startsWith(older), text);
    for (const line of ['playbooks/runs/**/timeline.yaml merge=union', 'playbooks/runs/**/run.yaml merge=git-playbooks-run', 'playbooks/runs/**/retrospective.md merge=git-playbooks-retrospective']) {
      assert.ok(text.split('\n').includes(line), `${line} in\n${text}`);
    }
  });

  it('creates playbooks from templates and refuses bad names and unknown templates', async () => {
    const root = tempGitRepo();
    await cliOk(root, ['init']);
    assert.equal((await cliOk(root, ['playbook', 'new', 'weekly-release', '--template', 'product-release'])).last, 'weekly-release');
    assert.match(readFile(root, 'playbooks/weekly-release.yaml'), /title: Product release/);
    const traversal = await cli(root, ['playbook', 'new', '../../etc/evil']);
    assert.equal(traversal.code, 1);
    assert.match(traversal.stderr, /not a valid name/);
    assert.match((await cli(root, ['playbook', 'new', 'x', '--template', 'nope'])).stderr, /no template "nope"; templates: incident-response, product-release, security-incident/);
    assert.match((await cli(root, ['playbook', 'new', 'weekly-release'])).stderr, /already exists/);
  });

  it('imports a Mattermost export and lists what it could not keep', async () => {
    const root = tempGitRepo();
    await cliOk(root, ['init']);
    const result = await cliOk(root, ['playbook', 'import-mattermost', MATTERMOST]);
    assert.equal(result.last, 'customer-facing-outage');
    assert.match(result.stderr, /warning: .*channel_mode: not imported/);
    const validate = await cliOk(root, ['validate']);
    assert.match(validate.stderr, /No problems\./);
  });

  it('prints the timeline as a table, JSON or CSV', async () => {
    const { root, runId, env } = await repoWithRun();
    await cliOk(root, ['run', 'note', runId, '--summary', 'Saw "timeouts", then recovery', '--as', 'bob'], env);
    const json = JSON.parse((await cliOk(root, ['timeline', runId, '--format', 'json'], env)).stdout) as Array<{ type: string; actor: string }>;
    assert.deepEqual(json.map((event) => `${event.type}/${event.actor}`), ['run_started/alice', 'note/bob']);
    const csv = (await cliOk(root, ['timeline', runId, '--format', 'csv'], env)).stdout.split('\r\n');
    assert.equal(csv[0], 'Event Time,Since Start,Event Type,Actor,Summary,Details,Link,Event ID');
    assert.match(csv[2] ?? '', /,note,bob,"Saw ""timeouts"", then recovery",/);
    assert.match((await cli(root, ['timeline', runId, '--format', 'xml'], env)).stderr, /--format must be one of table, json, csv/);
  });

  it('lists due reminders as JSON with run, playbook and nextReminderAt', async () => {
    const { root, runId, env } = await repoWithRun();
    await cliOk(root, ['run', 'finish', runId, '--as', 'alice'], { ...env, GIT_PLAYBOOKS_NOW: '2026-11-24T11:00:00Z' });
    const due = JSON.parse((await cliOk(root, ['due', '--now', '2026-11-24T20:00:00Z', '--format', 'json'], env)).stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(due.map(({ run, playbook, kind, nextReminderAt, lastReminderAt }) => ({ run, playbook, kind, nextReminderAt, lastReminderAt })), [
      { run: runId, playbook: 'db-incident', kind: 'retrospective', lastReminderAt: '2026-11-24T19:00:00Z', nextReminderAt: '2026-11-24T23:00:00Z' },
    ]);
  });

  it('reports metrics as JSON with the documented keys', async () => {
    const { root, runId, env } = await repoWithRun();
    await cliOk(root, ['run', 'finish', runId, '--as', 'alice'], env);
    for (const [metric, value] of [['time-to-mitigate', '2h'], ['tickets', '12'], ['credits', '99.5']]) {
      await cliOk(root, ['retro', 'metric', runId, metric as string, value as string, '--as', 'alice'], env);
    }
    await cliOk(root, ['retro', 'publish', runId], env);
    const report = JSON.parse((await cliOk(root, ['report', 'db-incident', '--format', 'json'], env)).stdout) as { metrics: Array<Record<string, unknown>> };
    const mitigate = report.metrics[0] ?? {};
    for (const key of ['title', 'type', 'target', 'average', 'median', 'rollingAverage', 'rollingAverageChange', 'min', 'max', 'values']) assert.ok(key in mitigate, key);
    assert.equal(mitigate['average'], 2 * 3_600_000);
    assert.deepEqual((mitigate['values'] as Array<Record<string, unknown>>).map(({ run, value, diffFromTarget }) => ({ run, value, diffFromTarget })), [{ run: runId, value: 7_200_000, diffFromTarget: 3_600_000 }]);
  });

  it('exports a run to a file in each format', async () => {
    const { root, runId, env } = await repoWithRun();
    for (const format of ['md', 'html', 'csv', 'json']) {
      const target = `out/${runId}.${format}`;
      const result = await cliOk(root, ['export', runId, '--format', format, '-o', target], env);
      assert.equal(result.last, path.join(root, target));
      assert.ok(fs.statSync(path.join(root, target)).size > 100, format);
    }
    assert.equal(JSON.parse(readFile(root, `out/${runId}.json`)).run.name, 'DB down, again');
  });

  it('validate prints path:line:col, JSON on request, and exits 1 on errors', async () => {
    const { root, runId, env } = await repoWithRun();
    assert.equal((await cli(root, ['validate'], env)).code, 0);
    const file = `${runPath(runId)}/run.yaml`;
    writeFile(root, file, readFile(root, file).replace('status: in_progress', 'status: paused'));
    const text = await cli(root, ['validate'], env);
    assert.equal(text.code, 1);
    assert.match(text.stdout, new RegExp(`^${file}:9:9: "status" must be one of: in_progress, finished$`, 'm'));
    const json = await cli(root, ['validate', '--format', 'json'], env);
    assert.equal(json.code, 1);
    assert.deepEqual(JSON.parse(json.stdout), [{ file, line: 9, column: 9, message: '"status" must be one of: in_progress, finished', severity: 'error' }]);
    // A path limits what is checked.
    assert.equal((await cli(root, ['validate', 'playbooks/db-incident.yaml'], env)).code, 0);
    // And other commands refuse to act on the broken file, pointing at it.
    const update = await cli(root, ['run', 'update', runId, '--message', 'x', '--as', 'a'], env);
    assert.equal(update.code, 1);
    assert.match(update.stderr, new RegExp(`${file}:9:9`));
  });

  it('uses the git identity as the actor, or refuses to guess', async () => {
    const { root, runId, env } = await repoWithRun();
    await cliOk(root, ['run', 'update', runId, '--message', 'From git identity'], env);
    const events = JSON.parse((await cliOk(root, ['timeline', runId, '--format', 'json'], env)).stdout) as Array<{ actor: string }>;
    assert.equal(events.at(-1)?.actor, 'Alice Example');
    git(root, ['config', '--unset', 'user.name']);
    const nobody = fs.mkdtempSync(path.join(root, '..', 'gp-nobody-'));
    const refused = await cli(root, ['run', 'update', runId, '--message', 'Who am I?'], { HOME: nobody });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Set your git identity \(git config user.name "Your Name"\) or pass --as NAME/);
  });

  it('honours --dir for a playbooks folder elsewhere in the repository', async () => {
    const root = tempGitRepo();
    await cliOk(root, ['--dir', 'ops/playbooks', 'init']);
    await cliOk(root, ['--dir', 'ops/playbooks', 'playbook', 'new', 'incident']);
    assert.ok(fs.existsSync(path.join(root, 'ops/playbooks/incident.yaml')));
    assert.match(readFile(root, '.gitattributes'), /^ops\/playbooks\/runs\/\*\*\/timeline\.yaml merge=union$/m);
    const outside = await cli(root, ['--dir', '../outside', 'init']);
    assert.equal(outside.code, 1);
    assert.match(outside.stderr, /^error: playbooks folder "..\/outside" must be a folder inside the repository$/);
  });
});
