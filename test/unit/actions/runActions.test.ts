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
function fakeHost(repo: PlaybooksRepository, runId: string, options: { writable?: boolean; head?: string; publishRefusal?: string } = {}): RunHost & { log: string[] } {
  const log: string[] = [];
  const refuse = (): void => {
    if (options.writable === false) throw new OperationRefused('This workspace is not trusted.');
  };
  return {
    log,
    checkWritable: () => (log.push('check'), refuse()),
    change: async (operation) => {
      log.push('change');
      refuse();
      return operation(CONTEXT);
    },
    headCommit: () => (log.push('head'), Promise.resolve(options.head)),
    commitSkip: (reason, context) => (log.push(`commitSkip ${reason}`), Promise.resolve(skipCore(repo, context, runId, reason))),
    refresh: () => void log.push('refresh'),
    preparePublish: async () => {
      log.push('prepare');
      if (options.publishRefusal !== undefined) throw new OperationRefused(options.publishRefusal);
      return {
        runName: repo.requireRun(runId).name,
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
    const outcome = await actions.publishRetrospective(target);
    assert.equal(outcome?.sha, 'abcdef1234567');
    assert.match(target.prompts.confirms[0] ?? '', /^Publish the retrospective of "DB down"\? \| You will not be able to edit the retrospective after publishing it\.\n\nIt is committed on a new branch/);
    assert.deepEqual(target.host.log, ['check', 'prepare', 'change', 'publish', 'refresh']);
    assert.deepEqual(target.prompts.announced, [`Retrospective published on retro/${target.runId} (abcdef1), pushed to origin. [Open Pull Request: https://github.com/acme/ops/compare/main...retro]`]);
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
