import * as path from 'node:path';
import type { Command } from 'commander';
import { exportRun } from '../../core/export/exportRun';
import { formatProblem } from '../../core/files/problem';
import { writeFileAtomic } from '../../core/files/atomicWrite';
import { buildPlaybookReport } from '../../core/reports/playbookReport';
import { formatReportCsv, formatReportJson, formatReportMarkdown, formatReportTable } from '../../core/reports/reportFormats';
import { dueReminders } from '../../core/runs/reminders';
import { OperationRefused } from '../../core/runs/operationContext';
import { sortEvents } from '../../core/runs/timelineFile';
import { validateRepository } from '../../core/validation/validateRepository';
import { clock, openWorkspace, printDocument, type CliIo, type GlobalOptions } from '../cliContext';
import { formatTimelineTable } from '../formatRun';

function choice(option: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new OperationRefused(`--${option} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value;
}

export function registerReadCommands(program: Command, io: CliIo, globals: () => GlobalOptions, setExitCode: (code: number) => void): void {
  program
    .command('timeline <run>')
    .description('show the timeline of a run, oldest first')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (runId: string, options: { format: string }) => {
      const format = choice('format', options.format, ['table', 'json', 'csv']);
      const { repo } = await openWorkspace(io, globals());
      if (format === 'csv') return void printDocument(io, exportRun(repo, runId, 'csv'));
      const run = repo.requireRun(runId);
      const events = sortEvents(repo.requireTimeline(runId).events);
      io.out(format === 'json' ? JSON.stringify(events, null, 2) : formatTimelineTable(run, events));
    });

  program
    .command('due')
    .description('retrospectives and status updates that are due, with their next reminder')
    .option('--now <iso>', 'compute as of this time (ISO 8601)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (options: { now?: string; format: string }) => {
      const format = choice('format', options.format, ['text', 'json']);
      const { repo } = await openWorkspace(io, globals());
      const now = options.now !== undefined ? new Date(options.now) : clock(io)();
      if (Number.isNaN(now.getTime())) throw new OperationRefused(`--now "${options.now}" is not an ISO 8601 date and time`);
      const items = dueReminders(repo, now);
      if (format === 'json') return void io.out(JSON.stringify(items, null, 2));
      if (items.length === 0) return void io.out('Nothing is due.');
      for (const item of items) {
        const what = item.kind === 'retrospective' ? 'retrospective' : 'status update';
        const when = item.overdue ? `due since ${item.lastReminderAt ?? item.since}` : `next reminder ${item.nextReminderAt ?? '-'}`;
        io.out(`${item.run}\t${what}\t${item.owner}\t${when}${item.overdue && item.nextReminderAt ? `, again ${item.nextReminderAt}` : ''}`);
      }
    });

  program
    .command('report <playbook>')
    .description('metrics over published retrospectives, and timings from the timelines')
    .option('--format <format>', 'table, md, json or csv', 'table')
    .action(async (playbook: string, options: { format: string }) => {
      const format = choice('format', options.format, ['table', 'md', 'json', 'csv']);
      const { repo } = await openWorkspace(io, globals());
      repo.requirePlaybook(playbook);
      const report = buildPlaybookReport(repo, playbook, { now: clock(io)() });
      const render = { table: formatReportTable, md: formatReportMarkdown, json: formatReportJson, csv: formatReportCsv }[format as 'table'];
      const text = render(report);
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
      const target = path.resolve(io.cwd, options.output);
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
      const scope = target === undefined ? undefined : path.resolve(io.cwd, target);
      const whole = scope === undefined || scope === repo.layout.root;
      const problems = validateRepository(repo, whole ? undefined : scope);
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
