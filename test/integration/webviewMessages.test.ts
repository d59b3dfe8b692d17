// Hostile pages: random and malformed messages posted into the run editor's, the metrics report's and
// the playbook form's sessions (the path webview.onDidReceiveMessage takes) are dropped and counted,
// well-formed hostile requests are refused, nothing is written, and a valid request still works after.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import * as vscode from 'vscode';
import type { PlaybooksExtensionApi } from '../../src/extension';
import type { PlaybookFolder } from '../../src/platform/workspaceModel';
import type { WebviewSession } from '../../src/webviews/webviewSession';
import { changedFiles, listFiles } from '../integration-untrusted/treeHash';
import { mutatedRequest } from '../helpers/pageMessages';
import { openDemo, resetWorkspace, waitFor, workspaceRoot } from './helpers';

const PLAYBOOK = 'incident-response';
const request = (body: Record<string, unknown>, id = 1): Record<string, unknown> => ({ type: 'request', id, request: body });

/**
 * Malformed by construction (never by asking the parser under test): values that are not a `ready` or
 * `request` record at all, well-formed requests with one field broken, and a few written by hand.
 */
function malformedMessages(count: number): unknown[] {
  const anything = fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, maxDepth: 5 });
  const notAMessage = anything.filter((raw) => !(typeof raw === 'object' && raw !== null && ['ready', 'request'].includes((raw as Record<string, unknown>)['type'] as string)));
  const handWritten: unknown[] = [
    JSON.parse('{"type":"request","id":1,"request":{"kind":"playbook.edit","edits":[{"op":"sét","path":["title"],"value":1,"__proto__":{"op":"set"}}]},"__proto__":{"type":"ready"}}'),
    request({ kind: 'playbook.edit', edits: [{ op: 'set', path: ['title'], value: 'x'.repeat(100_001) }] }),
    request({ kind: 'run.postUpdate', message: 'x'.repeat(2_000_000) }),
    request({ kind: 'playbook.edit', edits: [{ op: 'set', path: ['title'], value: JSON.parse(`${'['.repeat(5000)}1${']'.repeat(5000)}`) as unknown }] }),
    request({ kind: 'playbook.edit', edits: [{ op: 'set', path: ['__proto__', 'polluted'], value: true }], __proto__: [] }, Number.MAX_SAFE_INTEGER + 2),
    request({ kind: 'run.finish' }, 1.5),
    request({ kind: 'constructor' }),
    { type: 'request', request: { kind: 'run.finish' } },
    null, undefined, 42, 'ready', ['ready'], { type: 'state', state: {} }, { type: 'response', id: 1, ok: true },
  ];
  return [...handWritten, ...fc.sample(fc.oneof(notAMessage, mutatedRequest), { numRuns: count, seed: 20261124 })];
}

describe('webview messages (fuzzed, in the extension host)', () => {
  let api: PlaybooksExtensionApi;
  let folder: PlaybookFolder;
  let runId: string;
  let playbookUri: vscode.Uri;
  /** Each page's session, and how to bring its panel to the front (a hidden page receives nothing). */
  let sessions: Array<[string, WebviewSession, () => Thenable<unknown>]>;
  let filesBefore: Map<string, string>;
  const files = (): Map<string, string> => listFiles(workspaceRoot(), ['.git']);
  const formText = async (): Promise<string> => (await vscode.workspace.openTextDocument(playbookUri)).getText();

  before(async () => {
    ({ api, folder } = await openDemo());
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    const active = folder.snapshot.runs.find((run) => run.status === 'in_progress');
    assert.ok(active, 'a run in progress in the demo');
    runId = active.id;
    // No dialog may open: confirmations say no, the CSV export is cancelled.
    api.runEditors.prompts = { confirm: () => Promise.resolve(false), inform: () => Promise.resolve(undefined) };
    api.reports.saveLocationPicker = () => Promise.resolve(undefined);

    api.runEditors.open(folder, runId);
    api.reports.open(folder, PLAYBOOK);
    playbookUri = vscode.Uri.file(folder.repo.layout.playbookFile(PLAYBOOK));
    await vscode.commands.executeCommand('vscode.open', playbookUri);
    await waitFor(() => api.playbookEditor.sessionCount(playbookUri) > 0, 10_000, 'the playbook form');
    const run = api.runEditors.sessionForTest(folder, runId);
    const report = api.reports.sessionForTest(folder, PLAYBOOK);
    const form = api.playbookEditor.sessionsForTest(playbookUri)[0];
    assert.ok(run && report && form, 'a session for each page');
    sessions = [
      ['run editor', run, () => Promise.resolve(api.runEditors.open(folder, runId))],
      ['metrics report', report, () => Promise.resolve(api.reports.open(folder, PLAYBOOK))],
      ['playbook form', form, () => vscode.commands.executeCommand('vscode.open', playbookUri)],
    ];
    filesBefore = files();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    await resetWorkspace(api);
  });

  afterEach(() => {
    assert.equal((Object.prototype as Record<string, unknown>)['polluted'], undefined, 'Object.prototype is untouched');
  });

  it('drops every malformed message before a handler sees it, and counts each one', async () => {
    const messages = malformedMessages(150);
    const formBefore = await formText();
    for (const [name, session, reveal] of sessions) {
      const before = session.rejectedMessages;
      await reveal(); // were one accepted, its answer needs the page there (a hidden page's post never settles)
      await Promise.all(messages.map((raw) => session.receiveForTest(raw)));
      assert.equal(session.rejectedMessages - before, messages.length, `${name}: every malformed message counted`);
    }
    assert.deepEqual(changedFiles(filesBefore, files()), [], 'no file changed');
    assert.equal(await formText(), formBefore, 'the playbook document is unchanged');
    assert.ok(api.runEditors.stateOf(folder, runId)?.name, 'the run editor still builds its state');
  });

  it('refuses well-formed but hostile requests (prototype keys, foreign kinds, bad links) and changes nothing', async () => {
    const formBefore = await formText();
    const edits = (pathParts: unknown[], value: unknown = true): Record<string, unknown> => request({ kind: 'playbook.edit', edits: [{ op: 'set', path: pathParts, value }] });
    const hostile: Record<string, Array<Record<string, unknown>>> = {
      'run editor': [
        request({ kind: 'run.task', taskId: '__proto__', state: 'closed' }),
        request({ kind: 'run.task', taskId: 'constructor', assignee: 'mallory' }),
        request({ kind: 'run.deleteEvent', eventId: '__proto__' }),
        request({ kind: 'retro.setMetric', metricId: '__proto__', value: '1' }),
        request({ kind: 'run.addNote', summary: 'x', link: 'javascript:alert(1)' }),
        request({ kind: 'run.addNote', summary: 'x', link: '../../../etc/passwd:1' }),
        request({ kind: 'run.finish' }), // confirmation answered "no"
        request({ kind: 'run.runCommand', taskId: '__proto__' }),
        request({ kind: 'run.runCommand', taskId: 'constructor' }),
        request({ kind: 'report.openRun', runId: '../../..' }),
        edits(['title'], 'Hacked'),
      ],
      'metrics report': [request({ kind: 'report.openRun', runId: '../../../etc' }), request({ kind: 'report.openRun', runId: '__proto__' }), request({ kind: 'report.exportCsv' }), request({ kind: 'run.finish' }), edits(['title'], 'Hacked')],
      'playbook form': [
        edits(['__proto__', 'polluted']),
        edits(['constructor', 'prototype', 'polluted']),
        edits(['retrospective', '__proto__', 'polluted']),
        edits(['checklists', 0, 'constructor'], { polluted: true }),
        edits(['apiVersion'], 'git-playbooks/v9'),
        edits(['kind'], 'Run'),
        JSON.parse('{"type":"request","id":2,"request":{"kind":"playbook.edit","edits":[{"op":"set","path":["title"],"value":{"__proto__":{"polluted":true}}}]}}') as Record<string, unknown>,
        request({ kind: 'run.finish' }),
        request({ kind: 'retro.publish' }),
      ],
    };
    for (const [name, session, reveal] of sessions) {
      const before = session.rejectedMessages;
      await reveal(); // the host answers each request: the page must be there to take the answer
      for (const raw of hostile[name] ?? []) await session.receiveForTest(raw);
      assert.equal(session.rejectedMessages, before, `${name}: well-formed requests pass validation and are refused by the handler`);
    }
    assert.deepEqual(changedFiles(filesBefore, files()), [], 'no file changed');
    assert.equal(await formText(), formBefore, 'the playbook document is unchanged');
    assert.equal(api.runEditors.stateOf(folder, runId)?.status, 'in_progress', 'the run was not finished');
  });

  it('still answers a valid request from each page afterwards', async () => {
    const [run, report, form] = sessions;
    assert.ok(run && report && form);
    await run[2]();
    await run[1].receiveForTest(request({ kind: 'run.addNote', summary: 'Still listening after the fuzz' }));
    assert.ok(folder.repo.requireTimeline(runId).events.some((event) => event.summary === 'Still listening after the fuzz'), 'the note is in the timeline');
    const other = folder.snapshot.runs.find((each) => each.playbook === PLAYBOOK && each.id !== runId);
    assert.ok(other);
    await report[2]();
    await report[1].receiveForTest(request({ kind: 'report.openRun', runId: other.id }));
    assert.equal(api.runEditors.isOpen(folder, other.id), true, 'the report opened the run');
    await form[2]();
    await form[1].receiveForTest(request({ kind: 'playbook.edit', edits: [{ op: 'set', path: ['title'], value: 'Incident response (fuzzed)' }] }));
    assert.match(await formText(), /title: Incident response \(fuzzed\)/);
    assert.deepEqual(changedFiles(filesBefore, files()), [path.relative(workspaceRoot(), folder.repo.layout.timelineFile(runId))], 'only the note was written (the form edit is unsaved)');
  });
});
