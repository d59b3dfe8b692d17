import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlaybooksExtensionApi } from '../../src/extension';
import { ReminderController } from '../../src/reminders/reminders';
import { ReminderStore } from '../../src/reminders/reminderStore';
import { activateExtension, git, resetWorkspace, waitFor, workspaceRoot } from './helpers';
import { runPath } from '../helpers/runPaths';

const RUN = '2026-01-01-zz-reminder-check';
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A finished run whose retrospective (a draft) fell due an hour ago. */
function writeDueRun(playbook: string): void {
  const dir = path.join(workspaceRoot(), runPath(RUN));
  fs.mkdirSync(dir, { recursive: true });
  const ended = Date.now() - 3_600_000;
  fs.writeFileSync(
    path.join(dir, 'run.yaml'),
    `apiVersion: git-playbooks/v1
kind: Run
name: "Reminder check"
playbook: ${playbook}
owner: "zed"
participants: [zed]
status: finished
startedAt: "${iso(ended - 3_600_000)}"
endedAt: "${iso(ended)}"
statusUpdates:
  enabled: false
retrospective:
  enabled: true
  reminder: 24h
checklists: []
`,
  );
  fs.writeFileSync(path.join(dir, 'timeline.yaml'), 'apiVersion: git-playbooks/v1\nkind: Timeline\nevents: []\n');
  fs.writeFileSync(path.join(dir, 'retrospective.md'), '---\napiVersion: git-playbooks/v1\nkind: Retrospective\nstatus: draft\nmetrics: {}\n---\n\n## Summary\n');
}

interface Shown {
  message: string;
  actions: string[];
}

describe('retrospective and status-update reminders', () => {
  let api: PlaybooksExtensionApi;
  let storageDir: string;
  const controllers: ReminderController[] = [];

  /** Another "window": a controller of its own on the running extension's model, with a recording notifier. */
  function windowWith(storeFile: string, shown: Shown[], identities = ['nobody-in-the-demo']): ReminderController {
    const controller = new ReminderController({
      model: api.model,
      globalStoragePath: storageDir,
      storeFile,
      identities: async () => identities,
      notifier: { show: async (message, ...actions) => (shown.push({ message, actions }), undefined) },
      activationDelayMs: 3_600_000,
      intervalMs: 3_600_000,
    });
    controllers.push(controller);
    return controller;
  }

  before(async () => {
    api = await activateExtension();
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-reminders-it-'));
    const folder = api.model.folders[0];
    assert.ok(folder, 'a workspace folder');
    writeDueRun(folder.snapshot.playbooks[0]?.slug ?? 'incident-response');
    await waitFor(() => api.model.folders[0]?.snapshot.runs.some((run) => run.id === RUN), 10_000, 'the model to see the new run');
  });

  after(async () => {
    for (const controller of controllers) controller.dispose();
    await vscode.workspace.getConfiguration('playbooks').update('reminders.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(storageDir, { recursive: true, force: true });
    await resetWorkspace(api);
  });

  it('counts the due retrospective in the status bar and notifies once, in one window only', async () => {
    const storeFile = path.join(storageDir, 'shared.json');
    const firstShown: Shown[] = [];
    const secondShown: Shown[] = [];
    const first = windowWith(storeFile, firstShown);
    const second = windowWith(storeFile, secondShown);
    await Promise.all([first.check(), second.check()]);

    const due = first.due.filter((item) => item.kind === 'retrospective');
    assert.ok(due.some((item) => item.run === RUN && item.runName === 'Reminder check'), JSON.stringify(first.due));
    assert.ok(first.due.every((item) => item.kind === 'retrospective'), 'no status update of someone else');
    assert.deepEqual(first.statusBarState, { visible: true, text: `$(bell) ${due.length}`, tooltip: `${due.length} retrospective${due.length === 1 ? '' : 's'} due` });
    assert.deepEqual(second.statusBarState, first.statusBarState, 'every window shows the count');

    const notifications = [...firstShown, ...secondShown];
    assert.equal(notifications.length, 1, `exactly one window notified: ${JSON.stringify(notifications)}`);
    const [shown] = notifications;
    if (due.length === 1) {
      assert.equal(shown?.message, 'Retrospective of "Reminder check" is due');
      assert.ok(shown?.actions.includes("Don't Remind Me for This Run"));
    } else {
      assert.equal(shown?.message, `${due.length} retrospectives are due`);
      assert.deepEqual(shown?.actions, ['Show']);
    }

    await Promise.all([first.check(), second.check()]);
    assert.equal(firstShown.length + secondShown.length, 1, 'not again within the interval');
  });

  it('reminds the owner of an overdue status update, and nobody else', async () => {
    const owner = api.model.folders[0]?.snapshot.runs.find((run) => run.status === 'in_progress' && run.statusUpdateReminder !== undefined)?.owner;
    assert.ok(owner, 'the demo has a run in progress with status-update reminders');
    const mine = windowWith(path.join(storageDir, 'owner.json'), [], [owner]);
    const theirs = windowWith(path.join(storageDir, 'other.json'), []);
    await Promise.all([mine.check(), theirs.check()]);
    const updates = mine.due.filter((item) => item.kind === 'status_update');
    assert.ok(updates.length > 0 && updates.every((item) => item.owner === owner), JSON.stringify(mine.due));
    assert.ok(!theirs.due.some((item) => item.kind === 'status_update'));
    assert.match(mine.statusBarState.tooltip, /and \d+ status updates? due$/);
  });

  it('a status update requested from the owner notifies them at once, saying who asked', async () => {
    const folder = api.model.folders[0];
    const active = folder?.snapshot.runs.find((run) => run.status === 'in_progress' && run.statusUpdatesEnabled);
    assert.ok(folder && active, 'the demo has a run in progress with status updates on');
    const shown: Shown[] = [];
    const owner = windowWith(path.join(storageDir, 'requested.json'), shown, [active.owner]);
    await owner.check();
    await waitFor(() => !owner.isNotifying, 5_000, 'the first notifications to settle');
    const before = shown.length;
    const eventId = await vscode.commands.executeCommand<string>('playbooks.requestStatusUpdate', { run: active.id });
    const request = folder.repo.requireTimeline(active.id).events.find((event) => event.id === eventId);
    assert.equal(request?.type, 'status_update_requested');
    // check() joins a check already under way (the model's change schedules one): ask until it sees the request.
    await waitFor(async () => (await owner.check(), owner.due.some((item) => item.run === active.id && item.requestedBy === request.actor)), 10_000, 'the request among what is due');
    const message = `${request.actor} requested a status update for "${active.name}"`;
    await waitFor(async () => (await owner.check(), shown.slice(before).some((each) => each.message === message)), 10_000, `the notification "${message}"`);
  });

  it('a retrospective turned off stops reminding; turned on again, it reminds again at once', async () => {
    const storeFile = path.join(storageDir, 'switched.json');
    const shown: Shown[] = [];
    const controller = windowWith(storeFile, shown);
    await controller.check();
    assert.ok(controller.due.some((item) => item.run === RUN));
    await waitFor(() => !controller.isNotifying, 5_000, 'the first notification to settle');
    await vscode.commands.executeCommand('playbooks.disableRetrospective', { run: RUN });
    // check() joins a check already under way (the model's change schedules one): ask until it sees the switch.
    await waitFor(async () => (await controller.check(), !controller.due.some((item) => item.run === RUN)), 10_000, 'off: not due');
    await waitFor(() => !controller.isNotifying, 5_000, 'no notification pending');
    const before = shown.length;
    await vscode.commands.executeCommand('playbooks.enableRetrospective', { run: RUN });
    const item = await waitFor(async () => (await controller.check(), controller.due.find((each) => each.run === RUN)), 10_000, 'due again');
    assert.ok(Date.now() - Date.parse(item.lastReminderAt ?? '') < 60_000, 'the reminder fell again just now, not an hour ago');
    await waitFor(async () => (await controller.check(), shown.length > before), 10_000, 'a new notification');
  });

  it('stops reminding about a muted run', async () => {
    const storeFile = path.join(storageDir, 'muted.json');
    const controller = windowWith(storeFile, []);
    await controller.check();
    const before = controller.due.length;
    await new ReminderStore(storeFile).mute(RUN, new Date());
    await controller.check();
    assert.equal(controller.due.length, before - 1);
    assert.ok(!controller.due.some((item) => item.run === RUN));
  });

  it('shows nothing when reminders are turned off', async () => {
    const controller = windowWith(path.join(storageDir, 'off.json'), []);
    await vscode.workspace.getConfiguration('playbooks').update('reminders.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await controller.check();
      assert.deepEqual(controller.due, []);
      assert.equal(controller.statusBarState.visible, false);
    } finally {
      await vscode.workspace.getConfiguration('playbooks').update('reminders.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('the running extension records the reminders it showed in the repository\'s git directory', async function () {
    // Untrusted, no git runs, and the record goes to the extension's global storage instead.
    if (!vscode.workspace.isTrusted) this.skip();
    const storeFile = path.resolve(workspaceRoot(), git('rev-parse', '--git-common-dir'), 'git-playbooks', 'reminders.json');
    // Its first check (a few seconds after activation) claims the demo's due retrospectives; later ones
    // wait while that notification is still showing (one at a time), so only the first batch is certain.
    const notified = await waitFor(
      () => (fs.existsSync(storeFile) ? (JSON.parse(fs.readFileSync(storeFile, 'utf8')) as { notified?: Record<string, string> }).notified : undefined),
      15_000,
      `${storeFile} to be written`,
    );
    const demoDue = (api.model.folders[0]?.snapshot.runs ?? []).filter((run) => run.id !== RUN && run.status === 'finished' && run.retrospective === 'draft');
    assert.ok(demoDue.length > 0, 'the demo has retrospectives due');
    for (const run of demoDue) assert.ok(notified[`retrospective:${run.id}`], `retrospective:${run.id} in ${JSON.stringify(notified)}`);
  });
});
