import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { startRun } from '../../src/core/runs/startRun';
import type { PlaybooksExtensionApi } from '../../src/extension';
import type { PlaybookFolder } from '../../src/platform/workspaceModel';
import type { PageRequest, RunViewState } from '../../src/shared/protocol';
import type { RunEditorPrompts } from '../../src/webviews/runEditorPrompts';
import { git, openDemo, resetWorkspace, waitFor } from './helpers';

/** Mattermost's per-run switches, the update request, a task's command and an early publish, from the run editor. */
describe('run editor: switches, update requests, commands, publishing in progress (in the extension host)', () => {
  let api: PlaybooksExtensionApi;
  let folder: PlaybookFolder;
  let runId: string;
  let confirm = true;
  const asked: Array<{ message: string; detail: string }> = [];
  const prompts: RunEditorPrompts = {
    confirm: (message, detail) => (asked.push({ message, detail }), Promise.resolve(confirm)),
    inform: () => Promise.resolve(undefined),
  };
  const send = (request: PageRequest): Promise<void> => api.runEditors.handleForTest(folder, runId, request);
  const state = (): RunViewState => {
    const current = api.runEditors.stateOf(folder, runId);
    assert.ok(current, 'the run editor is open');
    return current;
  };
  const eventTypes = (): string[] => folder.repo.requireTimeline(runId).events.map((event) => event.type);
  const commandTask = (): { id: string; title: string; command: string } => {
    const task = state().checklists.flatMap((checklist) => checklist.items).find((item) => item.command !== undefined);
    assert.ok(task?.command, 'the incident playbook has a task with a command');
    return { id: task.id, title: task.title, command: task.command };
  };
  const playbookTerminals = (): vscode.Terminal[] => vscode.window.terminals.filter((terminal) => terminal.name.startsWith('Playbooks: '));

  before(async () => {
    ({ api, folder } = await openDemo());
    runId = startRun(folder.repo, { actor: 'alice', now: () => new Date() }, { playbook: 'incident-response', name: 'Switches suite', owner: 'alice' }).runId;
    folder.refreshNow();
    api.runEditors.prompts = prompts;
    api.runEditors.open(folder, runId);
  });

  after(async () => {
    for (const terminal of playbookTerminals()) terminal.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetWorkspace(api);
  });

  it('turns status updates off and on, and requests an update from the owner only while they are on', async () => {
    assert.equal(state().statusUpdatesEnabled, true);
    await send({ kind: 'run.setStatusUpdates', enabled: false });
    assert.equal(state().statusUpdatesEnabled, false);
    assert.match(fs.readFileSync(folder.repo.layout.runFile(runId), 'utf8'), /statusUpdates:\n {2}enabled: false/);
    await assert.rejects(send({ kind: 'run.requestUpdate' }), /are off; turn them on before requesting one/);
    await send({ kind: 'run.setStatusUpdates', enabled: true });
    await send({ kind: 'run.requestUpdate' });
    assert.deepEqual(eventTypes().slice(1), ['status_updates_disabled', 'status_updates_enabled', 'status_update_requested']);
    assert.ok(state().timeline.events.some((event) => event.type === 'status_update_requested'), 'the page lists the request');
  });

  it('asks before running a task\u2019s command, showing it; declined, no terminal opens and nothing is recorded', async () => {
    const task = commandTask();
    const terminalsBefore = playbookTerminals().length;
    confirm = false;
    await send({ kind: 'run.runCommand', taskId: task.id });
    confirm = true;
    const question = asked.at(-1);
    assert.equal(question?.message, `Run the command of "${task.title}" in a terminal?`);
    assert.ok(question?.detail.startsWith(`${task.command}\n\n`), 'the command itself is shown');
    assert.match(question?.detail ?? '', /comes from the run's run\.yaml.*run it only if you trust it/s);
    assert.equal(playbookTerminals().length, terminalsBefore);
    assert.equal(eventTypes().includes('command_ran'), false);
  });

  it('runs the command in a terminal at the repository root once confirmed, and records command_ran', async () => {
    const task = commandTask();
    await send({ kind: 'run.runCommand', taskId: task.id });
    await waitFor(() => playbookTerminals().some((terminal) => terminal.name === `Playbooks: ${task.title}`), 10_000, 'the terminal');
    const terminal = playbookTerminals().find((each) => each.name === `Playbooks: ${task.title}`);
    const cwd = (terminal?.creationOptions as vscode.TerminalOptions | undefined)?.cwd;
    assert.equal(typeof cwd === 'string' ? cwd : cwd?.fsPath, folder.repo.layout.root);
    const ran = folder.repo.requireTimeline(runId).events.find((event) => event.type === 'command_ran');
    assert.deepEqual(ran?.data, { task: task.id, command: task.command });
    await assert.rejects(send({ kind: 'run.runCommand', taskId: 'no-such-task' }), /no task/);
  });

  it('publishes the retrospective of a run in progress after a confirmation that says so; the run goes on', async () => {
    const valid = { duration: '45m', integer: '3', currency: '12.50' } as const;
    for (const metric of state().retrospective?.metrics ?? []) await send({ kind: 'retro.setMetric', metricId: metric.id, value: valid[metric.type] });
    confirm = false;
    await send({ kind: 'retro.publish' });
    confirm = true;
    assert.equal(asked.at(-1)?.message, '"Switches suite" is still in progress. Publish its retrospective now?');
    assert.equal(state().retrospective?.status, 'draft', 'declined: nothing published');
    const head = git('rev-parse', 'HEAD');
    await send({ kind: 'retro.publish' });
    assert.equal(git('rev-list', '--count', `${head}..HEAD`), '1', 'one new commit');
    assert.equal(state().retrospective?.status, 'published');
    assert.equal(state().status, 'in_progress');
  });

  it('turns the retrospective off and on again, on a finished run too', async () => {
    const other = startRun(folder.repo, { actor: 'alice', now: () => new Date() }, { playbook: 'incident-response', name: 'Retro switch', owner: 'alice' }).runId;
    folder.refreshNow();
    const sendTo = (request: PageRequest): Promise<void> => api.runEditors.handleForTest(folder, other, request);
    api.runEditors.open(folder, other);
    await sendTo({ kind: 'run.finish' });
    await sendTo({ kind: 'retro.setEnabled', enabled: false });
    assert.equal(api.runEditors.stateOf(folder, other)?.retrospectiveEnabled, false);
    assert.equal(folder.repo.requireRun(other).retrospective.enabled, false);
    await assert.rejects(sendTo({ kind: 'retro.setEnabled', enabled: false }), /already off/);
    await sendTo({ kind: 'retro.setEnabled', enabled: true });
    assert.equal(api.runEditors.stateOf(folder, other)?.retrospectiveEnabled, true);
    const types = folder.repo.requireTimeline(other).events.map((event) => event.type);
    assert.deepEqual(types.slice(-2), ['retrospective_disabled', 'retrospective_enabled']);
  });
});
