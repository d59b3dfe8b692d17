import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { recordMetric } from '../../src/core/retrospectives/retrospectiveOperations';
import type { PlaybooksExtensionApi } from '../../src/extension';
import type { PublishOutcome } from '../../src/git/publishRetrospective';
import type { PlaybookFolder } from '../../src/platform/workspaceModel';
import { openDemo, runIdNamed, git, resetWorkspace, workspaceRoot } from './helpers';
import { runPath } from '../helpers/runPaths';

/** Publish Retrospective through the command, against the demo repository's real git. */
describe('Publish Retrospective (in the extension host)', () => {
  let api: PlaybooksExtensionApi;
  let folder: PlaybookFolder;
  const remote = path.join(os.tmpdir(), `gp-publish-remote-${process.pid}.git`);

  /** Fills the metrics the demo left empty, so the retrospective can be published. */
  const fillMetrics = (runId: string, values: Record<string, string>): void => {
    const context = { actor: 'alice', now: () => new Date() };
    for (const [metric, value] of Object.entries(values)) recordMetric(folder.repo, context, runId, metric, value);
    folder.refreshNow();
  };
  const publish = (runId: string): Thenable<PublishOutcome | undefined> => vscode.commands.executeCommand<PublishOutcome | undefined>('playbooks.publishRetrospective', { run: runId });

  before(async () => {
    ({ api, folder } = await openDemo());
  });

  after(async () => {
    await vscode.workspace.getConfiguration('playbooks').update('publish.mode', undefined, vscode.ConfigurationTarget.Workspace);
    if (git('remote').split('\n').includes('origin')) git('remote', 'remove', 'origin');
    fs.rmSync(remote, { recursive: true, force: true });
    await resetWorkspace(api);
  });

  it('refuses while metrics are missing, naming them, and commits nothing', async () => {
    const head = git('rev-parse', 'HEAD');
    assert.equal(await publish(runIdNamed(folder, 'CDN certificate expired')), undefined);
    assert.equal(git('rev-parse', 'HEAD'), head);
  });

  it("commits exactly the run's files with the Playbook-Run trailer, on the current branch", async () => {
    const runId = runIdNamed(folder, 'CDN certificate expired');
    fillMetrics(runId, { 'customer-tickets': '5', cost: '120.00' });
    fs.appendFileSync(path.join(workspaceRoot(), 'README.md'), '\nAn unrelated edit that must stay uncommitted.\n');
    const outcome = await publish(runId);
    assert.ok(outcome, 'published');
    assert.equal(outcome.branch, undefined);
    assert.equal(git('rev-parse', 'HEAD'), outcome.sha);
    const files = git('log', '-1', '--name-only', '--format=').split('\n').filter((line) => line !== '');
    assert.ok(files.length > 0 && files.every((file) => file.startsWith(`${runPath(runId)}/`)), files.join(', '));
    assert.ok(files.includes(`${runPath(runId)}/retrospective.md`));
    assert.match(git('log', '-1', '--format=%B'), new RegExp(`^Playbook-Run: ${runId}$`, 'm'));
    assert.deepEqual(git('diff', '--name-only').split('\n'), ['README.md'], 'the unrelated edit stays, uncommitted');
    assert.equal(folder.repo.readRetrospective(runId).data?.status, 'published');
    assert.equal(folder.snapshot.runs.find((run) => run.id === runId)?.retrospective, 'published', 'the tree sees it at once');
  });

  it('refuses to publish twice', async () => {
    const head = git('rev-parse', 'HEAD');
    assert.equal(await publish(runIdNamed(folder, 'CDN certificate expired')), undefined);
    assert.equal(git('rev-parse', 'HEAD'), head);
  });

  it('with publish mode branchAndPush: commits on retro/<run> and pushes it to the remote', async () => {
    git('init', '-q', '--bare', remote);
    git('remote', 'add', 'origin', remote);
    await vscode.workspace.getConfiguration('playbooks').update('publish.mode', 'branchAndPush', vscode.ConfigurationTarget.Workspace);
    const runId = runIdNamed(folder, 'Release 2.6');
    fillMetrics(runId, { 'rollback-count': '0', 'escaped-defects': '1' });
    const outcome = await publish(runId);
    assert.ok(outcome, 'published');
    assert.equal(outcome.branch, `retro/${runId}`);
    assert.equal(outcome.pushed, true);
    const remoteHead = git('ls-remote', 'origin', `refs/heads/retro/${runId}`).split('\t')[0];
    assert.equal(remoteHead, outcome.sha, 'the branch exists on the remote at the published commit');
    assert.match(git('log', '-1', '--format=%B', `retro/${runId}`), new RegExp(`^Playbook-Run: ${runId}$`, 'm'));
  });
});
