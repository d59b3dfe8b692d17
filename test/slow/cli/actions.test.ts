import assert from 'node:assert/strict';
import { cli, cliOk } from '../../helpers/cli';
import { at, repoWithRun } from '../../helpers/cliRepo';
import { readFile, writeFile } from '../../helpers/tempRepo';
import { runPath } from '../../helpers/runPaths';

describe('CLI action add / set / list and due', function () {
  this.timeout(60_000);

  it('adds actions (the id printed last), changes them, and lists them across the repository in every format', async () => {
    const { root, runId, env } = await repoWithRun();
    const added = await cliOk(root, ['action', 'add', runId, '--title', 'Alert on replica lag', '--owner', 'bob', '--due', '2026-12-01', '--priority', 'p2'], at(env, '2026-11-25T09:00:00Z'));
    const lagId = added.last;
    assert.match(lagId, /^a-[a-z0-9]{6}$/);
    assert.equal(added.stderr, `added "Alert on replica lag" to ${runId}, owner bob`);
    const runbookId = (await cliOk(root, ['action', 'add', runId, '--title', 'Runbook for failover', '--priority', 'P1', '--link', 'https://github.com/acme/shop/issues/12'], at(env, '2026-11-25T09:05:00Z'))).last;
    const retro = readFile(root, `${runPath(runId)}/retrospective.md`);
    assert.match(retro, new RegExp(`actions:\\n {2}- id: ${lagId}\\n {4}title: Alert on replica lag\\n {4}owner: bob\\n {4}due: 2026-12-01\\n {4}priority: P2\\n {4}status: open\\n {4}createdAt: 2026-11-25T09:00:00Z\\n`));

    const table = (await cliOk(root, ['action', 'list', '--now', '2026-12-10T00:00:00Z'], env)).stdout.split('\n');
    assert.match(table[0] ?? '', /^RUN\s+ACTION\s+STATUS\s+OWNER\s+DUE\s+PRIORITY\s+TITLE$/);
    assert.match(table[1] ?? '', new RegExp(`^${runId}\\s+${lagId}\\s+open\\s+bob\\s+2026-12-01 \\(8d overdue\\)\\s+P2\\s+Alert on replica lag$`));
    assert.match(table[2] ?? '', /open\s+—\s+after publishing\s+P1\s+Runbook for failover$/, 'a P1 deadline counts from publishing');

    const json = JSON.parse((await cliOk(root, ['action', 'list', '--overdue', '--now', '2026-12-10T00:00:00Z', '--format', 'json'], env)).stdout) as Array<{ id: string; dueAt: string; overdue: boolean; runName: string }>;
    assert.deepEqual(json.map((view) => [view.id, view.dueAt, view.overdue, view.runName]), [[lagId, '2026-12-01T23:59:59Z', true, 'DB down, again']]);
    const csv = (await cliOk(root, ['action', 'list', '--owner', 'BOB', '--now', '2026-12-10T00:00:00Z', '--format', 'csv'], env)).stdout;
    assert.equal(csv.split('\r\n')[1]?.replace(/\r$/, ''), `${runId},"DB down, again",db-incident,${lagId},Alert on replica lag,bob,P2,open,2026-12-01,2026-12-01T23:59:59Z,yes,8,,2026-11-25T09:00:00Z,,`);
    const md = (await cliOk(root, ['action', 'list', '--overdue', '--format', 'md', '--now', '2026-12-10T00:00:00Z'], env)).stdout;
    assert.match(md, /^# Overdue follow-up actions — 2026-12-10\n\n1 action, 1 overdue\.\n\n\| Run \| Action \| Owner \| Due \| Days overdue \| Link \|\n/);
    assert.match(md, new RegExp(`\\| DB down, again \\(\`${runId}\`\\) \\| Alert on replica lag \\(\`${lagId}\`\\) P2 \\| bob \\| 2026-12-01 \\| 8 \\| — \\|`));

    // due lists the overdue action besides the reminders.
    const due = (await cliOk(root, ['due', '--now', '2026-12-10T00:00:00Z'], env)).stdout;
    assert.match(due, new RegExp(`^${runId}\\taction ${lagId}\\tbob\\tdue since 2026-12-01T23:59:59Z: Alert on replica lag$`, 'm'));

    // Closing records closedAt; "" removes the owner; the action is no longer overdue anywhere.
    const set = await cliOk(root, ['action', 'set', runId, lagId, '--status', 'done', '--owner', ''], at(env, '2026-12-09T12:00:00Z'));
    assert.equal(set.last, lagId);
    assert.match(readFile(root, `${runPath(runId)}/retrospective.md`), /status: done\n {4}createdAt: 2026-11-25T09:00:00Z\n {4}closedAt: 2026-12-09T12:00:00Z\n/);
    assert.doesNotMatch(readFile(root, `${runPath(runId)}/retrospective.md`), /owner: bob/);
    assert.equal((await cliOk(root, ['action', 'list', '--overdue', '--now', '2026-12-10T00:00:00Z'], env)).stdout, 'No actions.');
    assert.doesNotMatch((await cliOk(root, ['due', '--now', '2026-12-10T00:00:00Z'], env)).stdout, /action/);
    const types = (JSON.parse((await cliOk(root, ['timeline', runId, '--format', 'json'], env)).stdout) as Array<{ type: string }>).map((event) => event.type);
    assert.deepEqual(types.filter((type) => type.startsWith('action_')), ['action_added', 'action_added', 'action_state_changed', 'action_changed']);
    assert.equal((await cli(root, ['validate'], env)).code, 0);
    assert.ok(runbookId);
  });

  it('deadlines by priority start at publishing, and review.yaml can change them', async () => {
    const { root, runId, env } = await repoWithRun();
    const p1 = (await cliOk(root, ['action', 'add', runId, '--title', 'P1 fix', '--priority', 'P1'], env)).last;
    await cliOk(root, ['run', 'finish', runId], at(env, '2026-11-24T12:00:00Z'));
    for (const [metric, value] of [['time-to-mitigate', '1h'], ['tickets', '3'], ['credits', '0']] as const) await cliOk(root, ['retro', 'metric', runId, metric, value], env);
    writeFile(root, `${runPath(runId)}/retrospective.md`, readFile(root, `${runPath(runId)}/retrospective.md`).replace('status: draft', 'status: published\npublishedAt: 2026-11-26T10:00:00Z\npublishedBy: alice'));
    const dueAt = async (): Promise<string | undefined> => (JSON.parse((await cliOk(root, ['action', 'list', '--run', runId, '--format', 'json', '--now', '2026-12-01T00:00:00Z'], env)).stdout) as Array<{ dueAt?: string }>)[0]?.dueAt;
    assert.equal(await dueAt(), '2026-12-24T10:00:00Z', 'P1: four weeks after publishing by default');
    writeFile(root, 'playbooks/review.yaml', 'actions:\n  deadlines:\n    P1: 3d\n');
    assert.equal(await dueAt(), '2026-11-29T10:00:00Z');
    const overdue = (await cliOk(root, ['action', 'list', '--overdue', '--now', '2026-12-01T00:00:00Z'], env)).stdout;
    assert.match(overdue, new RegExp(`${p1}\\s+open\\s+—\\s+2026-11-29 \\(1d overdue\\)`));
  });

  it('refuses in one line: unknown run, unknown id, nothing to change, a bad option', async () => {
    const { root, runId, env } = await repoWithRun();
    const id = (await cliOk(root, ['action', 'add', runId, '--title', 'Fix it', '--owner', 'bob'], env)).last;
    const refusals: Array<[string[], RegExp]> = [
      [['action', 'add', 'nope', '--title', 'x'], /^error: no run "nope"/],
      [['action', 'set', runId, 'a-000000', '--status', 'done'], /^error: the retrospective of ".+" has no action "a-000000"; its actions: a-/],
      [['action', 'set', runId, id, '--owner', 'bob'], /^error: nothing to change/],
      [['action', 'set', runId, id], /^error: say what to change/],
      [['action', 'set', runId, id, '--status', 'closed'], /^error: --status must be one of open, in_progress, done, wont_do, not "closed"/],
      [['action', 'add', runId, '--title', 'x', '--priority', 'P7'], /^error: --priority must be one of P1, P2, P3, P4/],
      [['action', 'list', '--now', 'yesterday'], /^error: --now "yesterday" is not an ISO 8601 date and time/],
      [['action', 'list', '--playbook', 'nope'], /^error: no playbook "nope"/],
    ];
    for (const [args, expected] of refusals) {
      const result = await cli(root, args, env);
      assert.equal(result.code, 1, args.join(' '));
      assert.match(result.stderr, expected, args.join(' '));
      assert.equal(result.stderr.split('\n').length, 1, args.join(' '));
    }
  });
});
