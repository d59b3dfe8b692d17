import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { startRun } from '../../src/core/runs/startRun';
import type { PlaybooksExtensionApi } from '../../src/extension';
import type { PlaybookFolder } from '../../src/platform/workspaceModel';
import { ReminderController } from '../../src/reminders/reminders';
import type { FollowUpView, PageRequest } from '../../src/shared/protocol';
import { openDemo, resetWorkspace, waitFor } from './helpers';

const DAY = 86_400_000;
const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

interface StoredAction {
  id: string;
  title: string;
  owner?: string;
  due?: string;
  priority?: string;
  status: string;
  closedAt?: string;
}

describe('follow-up actions in the run editor, the tree and the reminders (in the extension host)', () => {
  let api: PlaybooksExtensionApi;
  let folder: PlaybookFolder;
  let runId: string;
  let storageDir: string;
  const controllers: ReminderController[] = [];
  const send = (request: PageRequest): Promise<void> => api.runEditors.handleForTest(folder, runId, request);
  const shown = (): FollowUpView[] => api.runEditors.stateOf(folder, runId)?.retrospective?.actions ?? [];
  /** The actions as retrospective.md holds them (its front matter), read without the extension. */
  const stored = (): StoredAction[] => {
    const text = fs.readFileSync(folder.repo.layout.retrospectiveFile(runId), 'utf8');
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    return ((parse(front) as { actions?: StoredAction[] }).actions ?? []);
  };
  const description = (item: vscode.TreeItem): string => String(item.description ?? '');
  const runDescription = (): string => {
    const node = api.tree.findRunNode(folder, runId);
    assert.ok(node, 'the run is in the tree');
    return description(api.tree.getTreeItem(node));
  };
  const playbookDescription = (): string => {
    // By its label: the tests are bundled apart from the extension, so its classes are not the tests' (no instanceof).
    const node = api.tree.getChildren().find((each) => api.tree.getTreeItem(each).label === 'Incident response');
    assert.ok(node, 'the playbook is in the tree');
    return description(api.tree.getTreeItem(node));
  };

  before(async () => {
    ({ api, folder } = await openDemo());
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-follow-ups-it-'));
    // Started ten days ago, so a due date three days ago is after the start and already past.
    const started = Date.now() - 10 * DAY;
    runId = startRun(folder.repo, { actor: 'alice', now: () => new Date(started) }, { playbook: 'incident-response', name: 'Follow-ups suite', owner: 'alice' }).runId;
    folder.refreshNow();
    api.runEditors.open(folder, runId);
  });

  after(async () => {
    for (const controller of controllers) controller.dispose();
    fs.rmSync(storageDir, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetWorkspace(api);
  });

  it('adds an action from the page: in retrospective.md, in the editor (overdue) and in the tree', async () => {
    assert.deepEqual(shown(), [], 'a new run has no actions');
    assert.doesNotMatch(runDescription(), /open action/, 'nothing said while there are none');
    const due = dateOf(Date.now() - 3 * DAY);
    await send({ kind: 'retro.addAction', title: 'Alert on replica lag', owner: 'bob', due, priority: 'P2' });
    const [action] = stored();
    assert.ok(action, 'one action in the front matter');
    assert.match(action.id, /^a-[a-z0-9]{6}$/);
    assert.deepEqual({ title: action.title, owner: action.owner, due: action.due, priority: action.priority, status: action.status }, { title: 'Alert on replica lag', owner: 'bob', due, priority: 'P2', status: 'open' });
    const [view] = shown();
    assert.equal(view?.overdue, true, `due ${due} has passed`);
    assert.ok(view?.dueAt !== undefined && Date.parse(view.dueAt) < Date.now());
    await waitFor(() => runDescription().endsWith('1 open action · 1 overdue'), 5_000, `the run's description (${runDescription()})`);
    assert.match(playbookDescription(), /1 open action · 1 overdue$/);
  });

  it('changes owner, due and status through the page; closing it clears the tree', async () => {
    const id = stored()[0]?.id ?? '';
    await send({ kind: 'retro.setAction', actionId: id, owner: 'carol' });
    await send({ kind: 'retro.setAction', actionId: id, due: dateOf(Date.now() + 30 * DAY) });
    assert.deepEqual([stored()[0]?.owner, stored()[0]?.due], ['carol', dateOf(Date.now() + 30 * DAY)]);
    assert.equal(shown()[0]?.overdue, false, 'due in a month: not overdue');
    await waitFor(() => runDescription().endsWith('1 open action'), 5_000, `the run's description (${runDescription()})`);

    await send({ kind: 'retro.setAction', actionId: id, status: 'in_progress' });
    assert.equal(stored()[0]?.status, 'in_progress');
    assert.match(runDescription(), /1 open action$/, 'in progress is still open');
    await send({ kind: 'retro.setAction', actionId: id, status: 'done' });
    assert.equal(stored()[0]?.status, 'done');
    assert.ok(stored()[0]?.closedAt, 'closing records when');
    await waitFor(() => !/open action/.test(runDescription()), 5_000, `no action count (${runDescription()})`);
    assert.doesNotMatch(playbookDescription(), /open action/);
    const types: string[] = folder.repo.requireTimeline(runId).events.map((event) => event.type);
    assert.ok(types.includes('action_added') && types.includes('action_state_changed'), types.join(', '));
  });

  it('refuses bad input in one line and writes nothing; opens only http(s) links', async () => {
    const before = fs.readFileSync(folder.repo.layout.retrospectiveFile(runId), 'utf8');
    const id = stored()[0]?.id ?? '';
    await assert.rejects(send({ kind: 'retro.addAction', title: '   ' }), /title/);
    await assert.rejects(send({ kind: 'retro.setAction', actionId: id, due: 'next week' }), (error: Error) => !error.message.includes('\n') && /due|next week/i.test(error.message));
    await assert.rejects(send({ kind: 'retro.setAction', actionId: 'a-zzzzzz', status: 'done' }), /a-zzzzzz/);
    await assert.rejects(send({ kind: 'retro.openActionLink', actionId: id }), /no tracker link/);
    assert.equal(fs.readFileSync(folder.repo.layout.retrospectiveFile(runId), 'utf8'), before, 'the file is untouched');
  });

  it('reminds the owner of an overdue action, and nobody else', async () => {
    await send({ kind: 'retro.addAction', title: 'Rotate the leaked key', owner: 'dave', due: dateOf(Date.now() - 2 * DAY) });
    const windowOf = (identities: string[]): ReminderController => {
      const controller = new ReminderController({
        model: api.model,
        globalStoragePath: storageDir,
        storeFile: path.join(storageDir, `${identities.join('-')}.json`),
        identities: async () => identities,
        notifier: { show: async () => undefined },
        activationDelayMs: 3_600_000,
        intervalMs: 3_600_000,
      });
      controllers.push(controller);
      return controller;
    };
    const dave = windowOf(['dave']);
    const erin = windowOf(['erin']);
    await Promise.all([dave.check(), erin.check()]);
    const mine = dave.due.filter((item) => item.kind === 'action' && item.run === runId);
    assert.deepEqual(mine.map((item) => [item.action?.title, item.owner]), [['Rotate the leaked key', 'dave']]);
    assert.ok(dave.statusBarState.tooltip.includes('1 follow-up action'), dave.statusBarState.tooltip);
    assert.equal(erin.due.filter((item) => item.kind === 'action').length, 0, 'not the reminder of someone who does not own it');
  });
});
