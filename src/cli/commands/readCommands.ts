import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { exportTimelineCsv } from '../../core/export/exportCsv';
import { exportRun } from '../../core/export/exportRun';
import { collectRunExport } from '../../core/export/runExportModel';
import type { TimelineEvent } from '../../core/model/types';
import { formatProblem } from '../../core/files/problem';
import { writeFileAtomic } from '../../core/files/atomicWrite';
import { buildPlaybookReport } from '../../core/reports/playbookReport';
import { formatReportCsv, formatReportJson, formatReportMarkdown, formatReportTable } from '../../core/reports/reportFormats';
import { formatAnomalies } from '../../core/reports/reportInsightsFormat';
import { dueReminders } from '../../core/runs/reminders';
import { listActions } from '../../core/actions/actionList';
import type { ActionView } from '../../core/actions/actionTypes';
import { OperationRefused } from '../../core/runs/operationContext';
import { categoryOf, TIMELINE_CATEGORIES } from '../../core/runs/timelineCategories';
import { sortEvents } from '../../core/runs/timelineFile';
import { validateRepository, validationScope } from '../../core/validation/validateRepository';
import { clock, nowOption, openWorkspace, printDocument, type CliIo, type GlobalOptions } from '../cliContext';
import { choice } from '../cliOptions';
import { formatTimelineTable } from '../formatRun';

const CATEGORY_IDS = TIMELINE_CATEGORIES.map((category) => category.id);

/** `--type a --type b,c`: every value, split at commas. */
const collectList = (value: string, previous: string[]): string[] => [...previous, ...value.split(',').map((part) => part.trim()).filter((part) => part !== '')];

/** Where -o writes: refused when it names nothing or a folder (the rename would fail with a stack trace). */
function exportTarget(cwd: string, output: string): string {
  if (output.trim() === '') throw new OperationRefused('-o needs a file name');
  const target = path.resolve(cwd, output);
  if (fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw new OperationRefused(`-o "${output}" is a folder; name a file to write the export to`);
  return target;
}

export function registerReadCommands(program: Command, io: CliIo, globals: () => GlobalOptions, setExitCode: (code: number) => void): void {
  program
    .command('timeline <run>')
    .description('show the timeline of a run, oldest first')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--type <category>', `only these kinds of event (repeatable, or comma-separated): ${CATEGORY_IDS.join(', ')}`, collectList, [])
    .action(async (runId: string, options: { format: string; type: string[] }) => {
      const format = choice('format', options.format, ['table', 'json', 'csv']);
      const categories = new Set(options.type.map((category) => choice('type', category, CATEGORY_IDS)));
      const shown = (event: TimelineEvent): boolean => categories.size === 0 || categories.has(categoryOf(event.type) ?? '');
      const { repo } = await openWorkspace(io, globals());
      if (format === 'csv') {
        const model = collectRunExport(repo, runId);
        return void printDocument(io, exportTimelineCsv({ ...model, timeline: model.timeline.filter(shown) }));
      }
      const run = repo.requireRun(runId);
      const all = sortEvents(repo.requireTimeline(runId).events);
      const events = all.filter(shown);
      // Prefixes unique in the whole timeline, so one shown filtered still deletes the right event.
      io.out(format === 'json' ? JSON.stringify(events, null, 2) : formatTimelineTable(run, events, all));
    });

  program
    .command('due')
    .description('retrospectives and status updates that are due, with their next reminder, and overdue follow-up actions')
    .option('--now <iso>', 'compute as of this time (ISO 8601)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (options: { now?: string; format: string }) => {
      const format = choice('format', options.format, ['text', 'json']);
      const { repo } = await openWorkspace(io, globals());
      const now = nowOption(io, options.now);
      const items = dueReminders(repo, now);
      const actions = listActions(repo, now, { overdue: true });
      if (format === 'json') return void io.out(JSON.stringify([...items, ...actions.map((view) => overdueActionItem(view))], null, 2));
      if (items.length === 0 && actions.length === 0) return void io.out('Nothing is due.');
      for (const item of items) {
        const what = item.kind === 'retrospective' ? 'retrospective' : 'status update';
        const when = item.overdue ? `due since ${item.dueAt}` : `next reminder ${item.nextReminderAt ?? '-'}`;
        const requested = item.requestedBy !== undefined ? `, requested by ${item.requestedBy}` : '';
        io.out(`${item.run}\t${what}\t${item.owner}\t${when}${item.overdue && item.nextReminderAt ? `, again ${item.nextReminderAt}` : ''}${requested}`);
      }
      for (const view of actions) io.out(`${view.runId}\taction ${view.id}\t${view.owner ?? '(no owner)'}\tdue since ${view.dueAt ?? '-'}: ${view.title}`);
    });

  program
    .command('report <playbook>')
    .description('metrics over published retrospectives, and timings from the timelines')
    .option('--format <format>', 'table, md, json or csv', 'table')
    .option('--anomalies', 'only the runs whose metric values or timings stand out, with the reason')
    .action(async (playbook: string, options: { format: string; anomalies?: boolean }) => {
      const format = choice('format', options.format, ['table', 'md', 'json', 'csv'] as const);
      const { repo } = await openWorkspace(io, globals());
      repo.requirePlaybook(playbook);
      const report = buildPlaybookReport(repo, playbook, { now: clock(io)() });
      const render = { table: formatReportTable, md: formatReportMarkdown, json: formatReportJson, csv: formatReportCsv }[format];
      const text = options.anomalies === true ? formatAnomalies(report, format) : render(report);
      if (format === 'csv') printDocument(io, text);
      else io.out(text.replace(/\s+$/, ''));
    });

  program
    .command('export <run>')
    .description('export a run (summary, status updates, checklists, timeline, retrospective, metrics)')
    .requiredOption('--format <format>', 'md, html, csv (the timeline) or json')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (runId: string, options: { format: string; output?: string }) => {
      const format = choice('format', options.format, ['md', 'html', 'csv', 'json']) as 'md';
      const { repo, git } = await openWorkspace(io, globals());
      const remoteUrl = await git?.remoteUrl();
      const content = exportRun(repo, runId, format, remoteUrl === undefined ? {} : { remoteUrl });
      if (options.output === undefined) return void printDocument(io, content);
      const target = exportTarget(io.cwd, options.output);
      writeFileAtomic(target, content);
      io.err(`wrote ${options.format} export of ${runId}`);
      io.out(target);
    });

  program
    .command('validate [path]')
    .description('check every playbook, run, timeline and retrospective (exit 1 on errors)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (target: string | undefined, options: { format: string }) => {
      const format = choice('format', options.format, ['text', 'json']);
      const { repo } = await openWorkspace(io, globals());
      const scope = target === undefined ? undefined : validationScope(repo.layout, path.resolve(io.cwd, target), target);
      const problems = validateRepository(repo, scope);
      const errors = problems.filter((problem) => problem.severity === 'error').length;
      if (format === 'json') {
        const rows = problems.map(({ file, line, column, message, severity }) => ({ file, line, column, message, severity }));
        io.out(JSON.stringify(rows, null, 2));
      } else {
        for (const problem of problems) io.out(formatProblem(problem));
        const warnings = problems.length - errors;
        io.err(errors + warnings === 0 ? 'No problems.' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
      }
      if (errors > 0) setExitCode(1);
    });
}

/** An overdue action among `due --format json`'s reminders: their fields, plus the action's. */
function overdueActionItem(view: ActionView): Record<string, unknown> {
  return {
    kind: 'action',
    run: view.runId,
    runName: view.runName,
    playbook: view.playbook,
    owner: view.owner ?? null,
    since: view.createdAt,
    dueAt: view.dueAt,
    lastReminderAt: null,
    nextReminderAt: null,
    overdue: true,
    action: view.id,
    title: view.title,
    status: view.status,
    link: view.link ?? null,
  };
}
