// The metrics report panel in the real extension host, over the demo repository: what the panel shows
// equals what the core computes and what the files say, and it follows new publications live.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { PlaybookReport } from '../../src/core/reports/playbookReport';
import { buildPlaybookReport } from '../../src/core/reports/playbookReport';
import { formatReportCsv } from '../../src/core/reports/reportFormats';
import type { PlaybooksExtensionApi } from '../../src/extension';
import type { PlaybookFolder } from '../../src/platform/workspaceModel';
import { openDemo, resetWorkspace, waitFor, workspaceRoot } from './helpers';
import { runFoldersIn, runPath } from '../helpers/runPaths';

const PLAYBOOK = 'incident-response';
/** A finished demo run whose retrospective is still a draft. */
const DUE_RUN = /cdn-certificate-expired$/;

interface RetroOnDisk {
  run: string;
  runStatus: string;
  status: string;
  publishedAt?: string;
  metrics: Record<string, string | number | null>;
}

/** Reads the playbook's retrospectives straight from the files, without the core. */
function retrospectivesOnDisk(): RetroOnDisk[] {
  const runsDir = path.join(workspaceRoot(), 'playbooks/runs');
  return [...runFoldersIn(runsDir)].flatMap(([run, dir]) => {
    const runYaml = parse(fs.readFileSync(path.join(dir, 'run.yaml'), 'utf8')) as { playbook: string; status: string };
    const retroFile = path.join(dir, 'retrospective.md');
    if (runYaml.playbook !== PLAYBOOK || !fs.existsSync(retroFile)) return [];
    const front = /^---\n([\s\S]*?)\n---/.exec(fs.readFileSync(retroFile, 'utf8'))?.[1] ?? '';
    return [{ run, runStatus: runYaml.status, ...(parse(front) as Omit<RetroOnDisk, 'run' | 'runStatus'>) }];
  });
}

/** `2h 10m` → milliseconds; the compact form the files store durations in. */
function durationMs(text: string): number {
  const unit: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 };
  return [...text.matchAll(/(\d+)\s*([dhms])/g)].reduce((total, [, count, letter]) => total + Number(count) * (unit[letter ?? 's'] ?? 0), 0);
}

const withoutClock = (report: PlaybookReport): Omit<PlaybookReport, 'generatedAt'> => {
  const { generatedAt: _generatedAt, ...rest } = report;
  return rest;
};

describe('metrics report panel', () => {
  let api: PlaybooksExtensionApi;
  let folder: PlaybookFolder;

  before(async () => {
    ({ api, folder } = await openDemo());
  });

  afterEach(() => {
    api.reports.closeForTest(folder, PLAYBOOK);
  });

  after(async () => {
    await resetWorkspace(api);
  });

  it('opens one panel per playbook, titled with the playbook, showing what the core computes', async () => {
    api.reports.open(folder, PLAYBOOK);
    api.reports.open(folder, PLAYBOOK);
    const state = await waitFor(() => api.reports.stateForTest(folder, PLAYBOOK), 5_000, 'the report panel');
    const reportTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.label === `Metrics: ${state.report.title}`);
    await waitFor(() => reportTabs().length > 0, 5_000, 'the panel\'s tab');
    assert.equal(reportTabs().length, 1, 'opening twice reveals the same panel');
    assert.equal(state.page, 'report');
    assert.equal(state.problem, undefined);
    assert.deepEqual(withoutClock(state.report), withoutClock(buildPlaybookReport(folder.repo, PLAYBOOK)));
  });

  it('shows the figures the retrospective files hold', async () => {
    api.reports.open(folder, PLAYBOOK);
    const { report } = await waitFor(() => api.reports.stateForTest(folder, PLAYBOOK), 5_000, 'the report panel');
    const published = retrospectivesOnDisk().filter((retro) => retro.status === 'published');
    assert.ok(published.length >= 3, `the demo has several published retrospectives (${published.length})`);
    assert.deepEqual(report.publishedRuns.map((run) => run.run).sort(), published.map((retro) => retro.run).sort());
    const detect = published.map((retro) => durationMs(String(retro.metrics['time-to-detect'])));
    const metric = report.metrics.find((each) => each.id === 'time-to-detect');
    assert.ok(metric, 'time-to-detect is reported');
    assert.equal(metric.count, detect.length);
    assert.equal(metric.average, detect.reduce((a, b) => a + b, 0) / detect.length);
    assert.equal(metric.min, Math.min(...detect));
    assert.equal(metric.max, Math.max(...detect));
    assert.equal(metric.target, 15 * 60_000, 'target from the playbook (15m)');
    const tickets = published.map((retro) => Number(retro.metrics['customer-tickets']));
    assert.equal(report.metrics.find((each) => each.id === 'customer-tickets')?.average, tickets.reduce((a, b) => a + b, 0) / tickets.length);
    const drafts = retrospectivesOnDisk().filter((retro) => retro.runStatus === 'finished' && retro.status === 'draft').length;
    assert.equal(report.runs.retrospectivesDue, drafts, 'due = finished runs whose retrospective is a draft');
  });

  it('updates live when another retrospective is published in the files', async () => {
    api.reports.open(folder, PLAYBOOK);
    const before = await waitFor(() => api.reports.stateForTest(folder, PLAYBOOK), 5_000, 'the report panel');
    const due = retrospectivesOnDisk().find((retro) => DUE_RUN.test(retro.run) && retro.status === 'draft');
    assert.ok(due, 'the demo has a due retrospective to publish');
    const file = path.join(workspaceRoot(), runPath(due.run, 'retrospective.md'));
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      file,
      text
        .replace('status: draft', 'status: published\npublishedAt: 2099-01-01T00:00:00Z\npublishedBy: alice')
        .replace('customer-tickets: null', 'customer-tickets: 100')
        .replace('cost: null', 'cost: 12.5'),
    );
    const after = await waitFor(() => {
      const state = api.reports.stateForTest(folder, PLAYBOOK);
      return state && state.revision > before.revision && state.report.publishedRuns.length === before.report.publishedRuns.length + 1 ? state : undefined;
    }, 10_000, 'the panel to show the new publication');
    assert.equal(after.report.publishedRuns.at(-1)?.run, due.run, 'the newest publication is last');
    assert.equal(after.report.runs.retrospectivesDue, before.report.runs.retrospectivesDue - 1);
    const tickets = after.report.metrics.find((each) => each.id === 'customer-tickets');
    assert.equal(tickets?.values.at(-1)?.value, 100);
    assert.equal(tickets?.max, 100);
    assert.deepEqual(withoutClock(after.report), withoutClock(buildPlaybookReport(folder.repo, PLAYBOOK)));
  });

  it('"Use as target" writes the suggested target into the playbook document, unsaved and undoable, and the card shows it at once', async () => {
    const due = retrospectivesOnDisk().find((retro) => DUE_RUN.test(retro.run));
    assert.ok(due, 'the demo has the CDN run');
    if (due.status === 'draft') {
      // A fifth published value: enough history for a suggestion (docs/metrics.md).
      const file = path.join(workspaceRoot(), runPath(due.run, 'retrospective.md'));
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('status: draft', 'status: published\npublishedAt: 2099-01-01T00:00:00Z\npublishedBy: alice').replace('customer-tickets: null', 'customer-tickets: 15'));
    }
    api.reports.open(folder, PLAYBOOK);
    const suggested = await waitFor(() => api.reports.stateForTest(folder, PLAYBOOK)?.report.metrics.find((metric) => metric.id === 'customer-tickets')?.suggestedTarget, 10_000, 'a suggested target for customer tickets');
    const uri = vscode.Uri.file(path.join(workspaceRoot(), 'playbooks', `${PLAYBOOK}.yaml`));
    const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
    assert.doesNotMatch(onDisk, /id: customer-tickets[\s\S]*?type: integer\n\s+target:/, 'no target yet');
    const before = api.reports.stateForTest(folder, PLAYBOOK)?.revision ?? 0;

    await api.reports.requestForTest(folder, PLAYBOOK, { kind: 'report.useAsTarget', metricId: 'customer-tickets' });
    const document = await vscode.workspace.openTextDocument(uri);
    assert.ok(document.isDirty, 'the playbook is changed in its document, not saved');
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), onDisk, 'the file on disk is as it was');
    assert.match(document.getText(), new RegExp(`id: customer-tickets\\n[\\s\\S]*?type: integer\\n\\s+target: ${suggested.value}\\n`));
    const comments = (text: string): string[] => text.split('\n').filter((line) => line.trim().startsWith('#'));
    assert.deepEqual(comments(document.getText()), comments(onDisk), 'every comment survives');
    const shown = await waitFor(() => {
      const state = api.reports.stateForTest(folder, PLAYBOOK);
      return state && state.revision > before ? state.report.metrics.find((metric) => metric.id === 'customer-tickets') : undefined;
    }, 5_000, 'the card rebuilt from the unsaved playbook');
    assert.equal(shown.target, suggested.value);
    assert.ok(shown.targetMet, 'the card now counts how often the new target was met');

    await assert.rejects(api.reports.requestForTest(folder, PLAYBOOK, { kind: 'report.useAsTarget', metricId: 'no-such-metric' }), /suggests no target/);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), onDisk, 'one undo takes it back');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('exports the CSV the CLI would write to the file chosen in the save dialog', async () => {
    api.reports.open(folder, PLAYBOOK);
    await waitFor(() => api.reports.stateForTest(folder, PLAYBOOK), 5_000, 'the report panel');
    const target = path.join(workspaceRoot(), 'out-metrics.csv');
    const offered: string[] = [];
    const original = api.reports.saveLocationPicker;
    api.reports.saveLocationPicker = async (defaultUri) => {
      offered.push(path.basename(defaultUri.fsPath));
      return vscode.Uri.file(target);
    };
    try {
      await api.reports.requestForTest(folder, PLAYBOOK, { kind: 'report.exportCsv' });
    } finally {
      api.reports.saveLocationPicker = original;
    }
    assert.deepEqual(offered, [`${PLAYBOOK}-metrics.csv`]);
    assert.equal(fs.readFileSync(target, 'utf8'), formatReportCsv(buildPlaybookReport(folder.repo, PLAYBOOK)));
    fs.rmSync(target);
  });

  it('opens a run of the report, and refuses one it does not list', async () => {
    api.reports.open(folder, PLAYBOOK);
    const { report } = await waitFor(() => api.reports.stateForTest(folder, PLAYBOOK), 5_000, 'the report panel');
    const run = report.publishedRuns[0]?.run;
    assert.ok(run);
    await api.reports.requestForTest(folder, PLAYBOOK, { kind: 'report.openRun', runId: run });
    await waitFor(() => api.runEditors.isOpen(folder, run), 5_000, 'the run editor');
    await assert.rejects(api.reports.requestForTest(folder, PLAYBOOK, { kind: 'report.openRun', runId: '../../etc' }), /not in this report/);
  });

  it('does not open a panel for a playbook that does not exist', () => {
    api.reports.open(folder, 'no-such-playbook');
    assert.equal(api.reports.stateForTest(folder, 'no-such-playbook'), undefined);
  });
});
