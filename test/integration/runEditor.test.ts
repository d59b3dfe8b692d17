import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startRun } from '../../src/core/runs/startRun';
import type { PlaybooksExtensionApi } from '../../src/extension';
import type { PlaybookFolder } from '../../src/platform/workspaceModel';
import type { PageRequest, RunViewState } from '../../src/shared/protocol';
import type { RunEditorPrompts } from '../../src/webviews/runEditorPrompts';
import { openDemo, git, resetWorkspace } from './helpers';

/** Answers every confirmation as told, and records the questions asked. */
function scriptedPrompts(answer: () => boolean): RunEditorPrompts & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    confirm: (message) => {
      asked.push(message);
      return Promise.resolve(answer());
    },
    inform: () => Promise.resolve(undefined),
  };
}

describe('run editor (in the extension host)', () => {
  let api: PlaybooksExtensionApi;
  let folder: PlaybookFolder;
  let runId: string;
  let confirm = true;
  const prompts = scriptedPrompts(() => confirm);
  const send = (request: PageRequest): Promise<void> => api.runEditors.handleForTest(folder, runId, request);
  const state = (): RunViewState => {
    const current = api.runEditors.stateOf(folder, runId);
    assert.ok(current, 'the run editor is open');
    return current;
  };
  const read = (file: 'run.yaml' | 'timeline.yaml' | 'retrospective.md'): string => fs.readFileSync(path.join(folder.repo.layout.runDir(runId), file), 'utf8');
  const eventTypes = (): string[] => folder.repo.requireTimeline(runId).events.map((event) => event.type);

  before(async () => {
    ({ api, folder } = await openDemo());
    // A run of our own, so the demo's runs stay as other suites expect them.
    runId = startRun(folder.repo, { actor: 'alice', now: () => new Date() }, { playbook: 'incident-response', name: 'Run editor suite', owner: 'alice' }).runId;
    folder.refreshNow();
    api.runEditors.prompts = prompts;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetWorkspace(api);
  });

  it('opens one panel per run, titled after the run, with the state built from its files', () => {
    api.runEditors.open(folder, runId);
    api.runEditors.open(folder, runId);
    assert.equal(api.runEditors.isOpen(folder, runId), true);
    const current = state();
    assert.equal(current.name, 'Run editor suite');
    assert.equal(current.readOnly, false, 'the suites run in a trusted workspace');
    assert.equal(current.status, 'in_progress');
    assert.deepEqual(current.problems, []);
    assert.ok(current.checklists.length > 0 && current.retrospective?.status === 'draft');
  });

  it('applies page requests through the core, appending timeline events in order without rewriting earlier lines', async () => {
    const before = read('timeline.yaml');
    const [first, second] = state().checklists.flatMap((checklist) => checklist.items);
    assert.ok(first && second);
    await send({ kind: 'run.postUpdate', message: 'Investigating: checkout errors at 30%' });
    await send({ kind: 'run.changeOwner', owner: 'bob' });
    await send({ kind: 'run.participants', add: ['carol'], remove: [] });
    await send({ kind: 'run.task', taskId: second.id, assignee: 'carol' });
    await send({ kind: 'run.task', taskId: first.id, state: 'closed' });
    await send({ kind: 'run.addNote', summary: 'First alert fired', at: '10m ago', link: 'https://alerts.example.com/1' });
    assert.ok(read('timeline.yaml').startsWith(before), 'events are appended; earlier lines stay byte for byte');
    assert.deepEqual(eventTypes(), ['run_started', 'status_updated', 'owner_changed', 'participants_changed', 'assignee_changed', 'task_state_changed', 'note']);
    const current = state();
    assert.equal(current.owner, 'bob');
    assert.ok(current.participants.includes('carol'));
    assert.equal(current.statusUpdateDraft, 'Investigating: checkout errors at 30%', 'the next update starts from the last one');
    assert.equal(current.checklists[0]?.items[0]?.state, 'closed');
    const note = current.timeline.events.find((event) => event.type === 'note');
    assert.ok(note && note.deletable && note.sinceStartMs < 0, 'the backdated note is deletable and before the start');
  });

  it('asks before deleting a note and keeps it when the person declines', async () => {
    const note = state().timeline.events.find((event) => event.type === 'note');
    assert.ok(note);
    confirm = false;
    await send({ kind: 'run.deleteEvent', eventId: note.id });
    assert.ok(eventTypes().includes('note'), 'declined: the note stays');
    confirm = true;
    await send({ kind: 'run.deleteEvent', eventId: note.id });
    assert.equal(eventTypes().includes('note'), false);
    assert.match(prompts.asked.at(-1) ?? '', /Delete the note "First alert fired"/);
    const automatic = state().timeline.events.find((event) => event.type === 'owner_changed');
    await assert.rejects(send({ kind: 'run.deleteEvent', eventId: automatic?.id ?? '' }), /only notes can be deleted/);
  });

  it('records the commit checked out with a note linked to path:line', async () => {
    await send({ kind: 'run.addNote', summary: 'Rounding in total()', link: 'src/checkout.ts:2' });
    const note = folder.repo.requireTimeline(runId).events.find((event) => event.summary === 'Rounding in total()');
    assert.equal(note?.details, `From src/checkout.ts:2 at commit ${git('rev-parse', 'HEAD')}`);
  });

  it('refuses a change while run.yaml has unsaved edits, without touching any file', async () => {
    const document = await vscode.workspace.openTextDocument(folder.repo.layout.runFile(runId));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# being edited by hand\n'));
    assert.equal(document.isDirty, true);
    const files = { run: read('run.yaml'), timeline: read('timeline.yaml') };
    await assert.rejects(send({ kind: 'run.postUpdate', message: 'should not be written' }), /run\.yaml has unsaved changes/);
    await assert.rejects(send({ kind: 'run.finish' }), /unsaved changes/);
    assert.deepEqual({ run: read('run.yaml'), timeline: read('timeline.yaml') }, files);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.equal(document.isDirty, false);
  });

  it('answers a malformed metric with the reason, writing nothing', async () => {
    const metric = state().retrospective?.metrics.find((candidate) => candidate.type === 'duration');
    assert.ok(metric);
    const before = read('retrospective.md');
    await assert.rejects(send({ kind: 'retro.setMetric', metricId: metric.id, value: '90 minutes' }), /is not a duration/);
    assert.equal(read('retrospective.md'), before);
  });

  it('finishes after confirming the open tasks, then publishes: one commit of exactly the run\u2019s files, then read-only', async () => {
    await send({ kind: 'run.finish' });
    assert.match(prompts.asked.at(-1) ?? '', /tasks? still open/);
    assert.equal(state().status, 'finished');
    const valid = { duration: '45m', integer: '3', currency: '12.50' } as const;
    for (const metric of state().retrospective?.metrics ?? []) await send({ kind: 'retro.setMetric', metricId: metric.id, value: valid[metric.type] });
    const head = git('rev-parse', 'HEAD');
    await send({ kind: 'retro.publish' });
    assert.match(prompts.asked.at(-1) ?? '', /Publish the retrospective of "Run editor suite"/);
    assert.equal(git('rev-list', '--count', `${head}..HEAD`), '1', 'one new commit');
    const committed = git('show', '--name-only', '--format=', 'HEAD').split('\n').filter(Boolean);
    const runFolder = folder.repo.layout.relative(folder.repo.layout.runDir(runId));
    assert.ok(committed.length > 0 && committed.every((file) => file.startsWith(`${runFolder}/`)), `only the run's files: ${committed.join(', ')}`);
    const retro = state().retrospective;
    assert.equal(retro?.status, 'published');
    assert.ok(retro?.publishedBy && retro.publishedAt);
    const metric = retro.metrics[0];
    assert.ok(metric);
    await assert.rejects(send({ kind: 'retro.setMetric', metricId: metric.id, value: valid[metric.type] }), /published and read-only/);
  });

  it('pages a long timeline: one page in the state, the filter and count the page asks for, a new note first at once', async () => {
    const longRun = startRun(folder.repo, { actor: 'alice', now: () => new Date() }, { playbook: 'incident-response', name: 'Long timeline', owner: 'alice' }).runId;
    const started = Date.parse(folder.repo.requireRun(longRun).startedAt);
    const lines = Array.from({ length: 500 }, (_, i) => `  - {id: "paged-${String(i).padStart(4, '0')}", at: "${new Date(started - (i + 1) * 60_000).toISOString()}", type: ${i % 2 === 0 ? 'note' : 'assignee_changed'}, actor: "alice", summary: "event ${i}"}\n`);
    fs.appendFileSync(folder.repo.layout.timelineFile(longRun), lines.join(''));
    folder.refreshNow();
    const sendTo = (request: PageRequest): Promise<void> => api.runEditors.handleForTest(folder, longRun, request);
    const view = (): RunViewState['timeline'] => {
      const current = api.runEditors.stateOf(folder, longRun);
      assert.ok(current);
      return current.timeline;
    };
    api.runEditors.open(folder, longRun);
    assert.deepEqual([view().complete, view().total, view().events.length], [false, 501, 200]);
    assert.ok(view().events.every((event) => event.type !== 'assignee_changed'), 'assignments start hidden');
    await sendTo({ kind: 'run.showEvents', categories: ['assignments'], count: 200 });
    assert.deepEqual(view().categories, ['assignments']);
    assert.ok(view().events.length === 200 && view().events.every((event) => event.type === 'assignee_changed'));
    await sendTo({ kind: 'run.showEvents', categories: ['assignments', 'notes', 'status'], count: 400 });
    assert.equal(view().events.length, 400);
    await sendTo({ kind: 'run.addNote', summary: 'Added while paged' });
    assert.equal(view().events[0]?.summary, 'Added while paged', 'the new note heads the list at once');
    assert.equal(view().total, 502);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
