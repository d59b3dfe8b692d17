import type { Command } from 'commander';
import { addAction, setAction, type ActionChange } from '../../core/actions/actionOperations';
import { listActions, type ActionFilter } from '../../core/actions/actionList';
import { actionsCsv, actionsMarkdown } from '../../core/actions/actionFormats';
import { daysOverdue } from '../../core/actions/actionDeadlines';
import { ACTION_PRIORITIES, ACTION_STATUSES, type ActionView } from '../../core/actions/actionTypes';
import { formatProblem } from '../../core/files/problem';
import { OperationRefused } from '../../core/runs/operationContext';
import { nowOption, openWorkspace, operationContext, printDocument, type CliIo, type GlobalOptions } from '../cliContext';
import { choice } from '../cliOptions';
import { alignedTable } from '../formatRun';

/**
 * `action add|set|list`: the follow-up actions of retrospectives (docs/format.md). Returns the group,
 * so further subcommands (the tracker sync) register on it.
 */
export function registerActionCommands(program: Command, io: CliIo, globals: () => GlobalOptions): Command {
  const action = program.command('action').description('follow-up actions of retrospectives: add, change, list (overdue ones too)');
  const withContext = async () => {
    const workspace = await openWorkspace(io, globals());
    return { repo: workspace.repo, context: await operationContext(io, globals(), workspace) };
  };

  action
    .command('add <run>')
    .description('add a follow-up action to the run\'s retrospective; prints its id')
    .requiredOption('--title <text>', 'what is to be done, one line')
    .option('--owner <who>', 'who does it')
    .option('--due <when>', 'a date (2026-12-24), a date-time, or a duration after publishing (4w, 10d)')
    .option('--priority <P>', `one of ${ACTION_PRIORITIES.join(', ')} (sets the deadline when there is no --due)`)
    .option('--link <url>', 'the tracker issue (http or https)')
    .action(async (runId: string, options: { title: string; owner?: string; due?: string; priority?: string; link?: string }) => {
      const { repo, context } = await withContext();
      const added = addAction(repo, context, runId, {
        title: options.title,
        ...(options.owner !== undefined ? { owner: options.owner } : {}),
        ...(options.due !== undefined ? { due: options.due } : {}),
        ...(options.priority !== undefined ? { priority: priorityOption(options.priority) } : {}),
        ...(options.link !== undefined ? { link: options.link } : {}),
      });
      io.err(`added "${added.title}" to ${runId}${added.owner !== undefined ? `, owner ${added.owner}` : ''}`);
      io.out(added.id);
    });

  action
    .command('set <run> <id>')
    .description('change a follow-up action: its status, owner, due, priority, link or title ("" removes an optional one)')
    .option('--status <status>', ACTION_STATUSES.join(', '))
    .option('--title <text>', 'a new title')
    .option('--owner <who>', 'a new owner ("" for none)')
    .option('--due <when>', 'a date, a date-time or a duration after publishing ("" for none)')
    .option('--priority <P>', `${ACTION_PRIORITIES.join(', ')} ("" for none)`)
    .option('--link <url>', 'the tracker issue ("" for none)')
    .action(async (runId: string, id: string, options: { status?: string; title?: string; owner?: string; due?: string; priority?: string; link?: string }) => {
      const change: ActionChange = {
        ...(options.status !== undefined ? { status: choice('status', options.status, ACTION_STATUSES) } : {}),
        ...(options.title !== undefined ? { title: options.title } : {}),
        ...(options.owner !== undefined ? { owner: options.owner === '' ? null : options.owner } : {}),
        ...(options.due !== undefined ? { due: options.due === '' ? null : options.due } : {}),
        ...(options.priority !== undefined ? { priority: options.priority === '' ? null : priorityOption(options.priority) } : {}),
        ...(options.link !== undefined ? { link: options.link === '' ? null : options.link } : {}),
      };
      if (Object.keys(change).length === 0) throw new OperationRefused('say what to change: --status, --title, --owner, --due, --priority or --link');
      const { repo, context } = await withContext();
      const changed = setAction(repo, context, runId, id, change);
      io.err(`${changed.id} "${changed.title}": ${changed.status.replace('_', ' ')}${changed.owner !== undefined ? `, owner ${changed.owner}` : ''}`);
      io.out(changed.id);
    });

  action
    .command('list')
    .description('follow-up actions across the repository, overdue first, with their deadlines')
    .option('--overdue', 'only the overdue ones (open or in progress, past their deadline)')
    .option('--open', 'only the open and in-progress ones')
    .option('--owner <who>', 'only this person\'s')
    .option('--playbook <slug>', 'only those of runs of this playbook')
    .option('--run <run>', 'only those of this run')
    .option('--now <iso>', 'work out deadlines as of this time (ISO 8601)')
    .option('--format <format>', 'table, json, csv or md (a report for a weekly review)', 'table')
    .action(async (options: { overdue?: boolean; open?: boolean; owner?: string; playbook?: string; run?: string; now?: string; format: string }) => {
      const format = choice('format', options.format, ['table', 'json', 'csv', 'md']);
      const now = nowOption(io, options.now);
      const { repo } = await openWorkspace(io, globals());
      const filter: ActionFilter = {
        ...(options.overdue === true ? { overdue: true } : {}),
        ...(options.open === true ? { openOnly: true } : {}),
        ...(options.owner !== undefined ? { owner: options.owner } : {}),
        ...(options.playbook !== undefined ? { playbook: options.playbook } : {}),
        ...(options.run !== undefined ? { runId: options.run } : {}),
        // One line a run: its first problem (validate lists them all).
        onSkipped: (runId, problems) => io.err(`skipped ${runId}: ${problems[0] === undefined ? 'unreadable' : formatProblem(problems[0])}${problems.length > 1 ? ` (and ${problems.length - 1} more; see validate)` : ''}`),
      };
      const views = listActions(repo, now, filter);
      if (format === 'json') return void io.out(JSON.stringify(views, null, 2));
      if (format === 'csv') return void printDocument(io, actionsCsv(views, now));
      if (format === 'md') return void io.out(actionsMarkdown(views, now, reportTitle(options)).replace(/\s+$/, ''));
      io.out(formatActionTable(views, now));
    });

  return action;
}

/** The actions as an aligned table; the title last, as it is the longest. */
function formatActionTable(views: readonly ActionView[], now: Date): string {
  if (views.length === 0) return 'No actions.';
  const rows = views.map((view) => [view.runId, view.id, view.status, view.owner ?? '—', dueCell(view, now), view.priority ?? '—', view.title]);
  return alignedTable(['RUN', 'ACTION', 'STATUS', 'OWNER', 'DUE', 'PRIORITY', 'TITLE'], rows);
}

function dueCell(view: ActionView, now: Date): string {
  if (view.dueAt === undefined) return view.due !== undefined || view.priority !== undefined ? 'after publishing' : '—';
  const day = view.dueAt.slice(0, 10);
  return view.overdue ? `${day} (${daysOverdue(view, now) ?? 0}d overdue)` : day;
}

function reportTitle(options: { overdue?: boolean; open?: boolean; owner?: string; playbook?: string; run?: string }): string {
  const what = options.overdue === true ? 'Overdue follow-up actions' : options.open === true ? 'Open follow-up actions' : 'Follow-up actions';
  const scope = [options.playbook !== undefined ? `playbook ${options.playbook}` : '', options.run !== undefined ? `run ${options.run}` : '', options.owner !== undefined ? `owner ${options.owner}` : ''].filter((part) => part !== '');
  return scope.length === 0 ? what : `${what} (${scope.join(', ')})`;
}

function priorityOption(value: string): (typeof ACTION_PRIORITIES)[number] {
  return choice('priority', value.trim().toUpperCase(), ACTION_PRIORITIES);
}

