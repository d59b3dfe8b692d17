import assert from 'node:assert/strict';
import type { ActionPrompts, RunActionTarget, RunHost, TextQuestion } from '../../../src/actions/actionTypes';
import { addFollowUpAction, changeFollowUpAction, followUpLink } from '../../../src/actions/followUpActions';
import { OperationRefused } from '../../../src/core/model/errors';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import type { OperationContext } from '../../../src/core/runs/operationContext';
import { startRun } from '../../../src/core/runs/startRun';
import { editFrontMatterFile } from '../../../src/core/files/yamlEdit';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../helpers/tempRepo';

const CONTEXT: OperationContext = { actor: 'alice', now: () => new Date('2026-11-24T10:30:00Z') };

interface Recorded {
  inputs: TextQuestion[];
  reports: string[];
  log: string[];
}

function setup(answers: { input?: string; writable?: boolean } = {}): RunActionTarget & Recorded {
  const root = tempDir('gp-follow-ups-');
  const repo = PlaybooksRepository.at(root);
  initRepository(repo);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  const { runId } = startRun(repo, { actor: 'alice', now: () => new Date('2026-11-24T10:00:00Z') }, { playbook: 'db-incident', name: 'DB down', owner: 'alice' });
  const recorded: Recorded = { inputs: [], reports: [], log: [] };
  const refuse = (): void => {
    if (answers.writable === false) throw new OperationRefused('This workspace is not trusted.');
  };
  const prompts: ActionPrompts = {
    confirm: () => Promise.resolve(true),
    input: (question) => (recorded.inputs.push(question), Promise.resolve(answers.input)),
    report: (message) => void recorded.reports.push(message),
    announce: () => undefined,
  };
  const host: RunHost = {
    checkWritable: () => (recorded.log.push('check'), refuse()),
    change: async (operation) => {
      recorded.log.push('change');
      refuse();
      return operation(CONTEXT);
    },
    headCommit: () => Promise.resolve(undefined),
    commitSkip: () => Promise.resolve(undefined),
    preparePublish: () => Promise.reject(new Error('not here')),
    runInTerminal: () => undefined,
    refresh: () => undefined,
  };
  return { repo, runId, host, prompts, ...recorded };
}

describe('follow-up actions (src/actions), with fake prompts and host', () => {
  it('adds an action with the fields given (blank ones left out, the priority in capitals) through the host', async () => {
    const target = setup();
    const added = await addFollowUpAction(target, { title: '  Alert on replica lag ', owner: 'bob', due: ' ', priority: 'p2' });
    assert.ok(added);
    assert.equal(added.title, 'Alert on replica lag');
    assert.equal(added.owner, 'bob');
    assert.equal(added.due, undefined);
    assert.equal(added.priority, 'P2');
    assert.deepEqual(target.log, ['check', 'change']);
    assert.deepEqual(target.reports, [`$(checklist) Action ${added.id} added`]);
  });

  it('asks for the title when none is given; a cancel writes nothing', async () => {
    const cancelled = setup();
    assert.equal(await addFollowUpAction(cancelled, {}), undefined);
    assert.equal(cancelled.inputs[0]?.prompt, 'What needs to be done?');
    assert.equal(cancelled.inputs[0]?.validate(' '), 'Say what the action is.');
    assert.deepEqual(cancelled.log, ['check']);
    const answered = setup({ input: 'Rotate the key' });
    assert.equal((await addFollowUpAction(answered, {}))?.title, 'Rotate the key');
  });

  it('refuses before writing: an unknown priority, an empty title, an untrusted workspace', async () => {
    const target = setup();
    await assert.rejects(addFollowUpAction(target, { title: 'x', priority: 'P9' }), (error: Error) => error instanceof OperationRefused && /"P9" is not a priority: use P1, P2, P3, P4\./.test(error.message));
    await assert.rejects(addFollowUpAction(target, { title: '  ' }), /title is empty/);
    assert.deepEqual(target.log, ['check', 'check'], 'never reached the write');
    const untrusted = setup({ writable: false });
    await assert.rejects(addFollowUpAction(untrusted, { title: 'x' }), /not trusted/);
    await assert.rejects(changeFollowUpAction(untrusted, 'a-abcdef', { status: 'done' }), /not trusted/);
  });

  it('changes owner, due, priority and status; an empty text removes the field; nothing to change is refused', async () => {
    const target = setup();
    const added = await addFollowUpAction(target, { title: 'Alert on replica lag', owner: 'bob', due: '2026-12-24', priority: 'P1' });
    assert.ok(added);
    const changed = await changeFollowUpAction(target, added.id, { owner: 'carol', due: '', priority: '' });
    assert.deepEqual([changed.owner, changed.due, changed.priority], ['carol', undefined, undefined]);
    const done = await changeFollowUpAction(target, added.id, { status: 'done' });
    assert.equal(done.status, 'done');
    assert.ok(done.closedAt);
    assert.ok(target.reports.includes(`$(check) Action ${added.id} set to done`));
    await assert.rejects(changeFollowUpAction(target, added.id, {}), /Nothing to change/);
  });

  it('gives the tracker link only when it is http(s), read from the file', async () => {
    const target = setup();
    const added = await addFollowUpAction(target, { title: 'Alert on replica lag' });
    assert.ok(added);
    assert.throws(() => followUpLink(target.repo, target.runId, added.id), /no tracker link yet/);
    assert.throws(() => followUpLink(target.repo, target.runId, 'a-zzzzzz'), /no action "a-zzzzzz"/);
    await changeFollowUpAction(target, added.id, { status: 'in_progress' });
    const file = target.repo.layout.retrospectiveFile(target.runId);
    // A hand edit (or a merge) could put anything there: only a web address is ever opened.
    editFrontMatterFile(file, 'retrospective.md', (editor) => editor.set(['actions', 0, 'link'], 'https://github.com/acme/shop/issues/12'));
    assert.equal(followUpLink(target.repo, target.runId, added.id), 'https://github.com/acme/shop/issues/12');
    editFrontMatterFile(file, 'retrospective.md', (editor) => editor.set(['actions', 0, 'link'], 'file:///etc/passwd'));
    assert.throws(() => followUpLink(target.repo, target.runId, added.id), OperationRefused);
  });
});
