import type { Command } from 'commander';
import { startRun } from '../../core/runs/startRun';
import { addNote, changeOwner, changeParticipants, finishRun, postStatusUpdate, removeNote, restoreRun, withLinkCommit } from '../../core/runs/runOperations';
import { applyTaskChange } from '../../core/runs/taskOperations';
import { requestStatusUpdate, setRetrospectiveEnabled, setStatusUpdatesEnabled } from '../../core/runs/runSwitches';
import { OperationRefused } from '../../core/model/errors';
import { RUN_STATUSES } from '../../core/model/types';
import { resolveEventId } from '../../core/runs/eventIds';
import { listRuns } from '../../core/runs/runList';
import { choice } from '../cliOptions';
import { formatRunList, formatRunSummary } from '../formatRun';
import { openWorkspace, operationContext, type CliIo, type GlobalOptions } from '../cliContext';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface OnOffOptions {
  enable?: boolean;
  disable?: boolean;
}

/** Exactly one of --enable and --disable. */
function onOrOff(options: OnOffOptions): boolean {
  if (options.enable === options.disable) throw new OperationRefused('give either --enable or --disable');
  return options.enable === true;
}

export function registerRunCommands(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  const run = program.command('run').description('start runs and change them: updates, owner, participants, tasks, notes');
  const withContext = async () => {
    const workspace = await openWorkspace(io, globals());
    return { workspace, repo: workspace.repo, context: await operationContext(io, globals(), workspace) };
  };

  run
    .command('start <playbook>')
    .description('start a run of a playbook')
    .requiredOption('--name <text>', 'name of the run, e.g. "Checkout errors in EU"')
    .option('--owner <who>', 'owner (default: you)')
    .action(async (playbook: string, options: { name: string; owner?: string }) => {
      const { workspace, repo, context } = await withContext();
      const playbookCommit = repo.playbookExists(playbook) ? await workspace.git?.lastCommitOf(repo.layout.playbookFile(playbook)) : undefined;
      const { runId, run: started } = startRun(repo, context, {
        playbook,
        name: options.name,
        ...(options.owner !== undefined ? { owner: options.owner } : {}),
        ...(playbookCommit !== undefined ? { playbookCommit } : {}),
      });
      io.err(`started "${started.name}" from ${playbook}${playbookCommit ? ` @ ${playbookCommit.slice(0, 7)}` : ' (playbook not committed yet)'}, owner ${started.owner}`);
      io.out(runId);
    });

  run
    .command('show <run>')
    .description('show a run: status, owner, participants and tasks with their ids')
    .option('--format <format>', 'text or json', 'text')
    .action(async (runId: string, options: { format: string }) => {
      const format = choice('format', options.format, ['text', 'json']);
      const { repo } = await openWorkspace(io, globals());
      const found = repo.requireRun(runId);
      io.out(format === 'json' ? JSON.stringify({ id: runId, ...found }, null, 2) : formatRunSummary(runId, found));
    });

  run
    .command('list')
    .description('list runs (newest first)')
    .option('--playbook <slug>', 'only runs of this playbook')
    .option('--status <status>', 'in_progress or finished')
    .option('--format <format>', 'table or json', 'table')
    .action(async (options: { playbook?: string; status?: string; format: string }) => {
      const format = choice('format', options.format, ['table', 'json']);
      const status = options.status === undefined ? undefined : choice('status', options.status, RUN_STATUSES);
      const { repo } = await openWorkspace(io, globals());
      const rows = listRuns(repo, { ...(options.playbook !== undefined ? { playbook: options.playbook } : {}), ...(status !== undefined ? { status } : {}) });
      io.out(format === 'json' ? JSON.stringify(rows, null, 2) : formatRunList(rows));
    });

  run
    .command('update <run>')
    .description('post a status update')
    .requiredOption('--message <text>', 'the update (Markdown)')
    .action(async (runId: string, options: { message: string }) => {
      const { repo, context } = await withContext();
      const event = postStatusUpdate(repo, context, runId, options.message);
      io.err(`posted a status update to ${runId}`);
      io.out(event.id);
    });

  run
    .command('owner <run> <who>')
    .description('change the owner')
    .action(async (runId: string, who: string) => {
      const { repo, context } = await withContext();
      const event = changeOwner(repo, context, runId, who);
      io.err(event.summary);
      io.out(event.id);
    });

  run
    .command('participants <run>')
    .description('add or remove participants')
    .option('--add <who>', 'add a participant (repeatable)', collect, [])
    .option('--remove <who>', 'remove a participant (repeatable)', collect, [])
    .action(async (runId: string, options: { add: string[]; remove: string[] }) => {
      const { repo, context } = await withContext();
      const event = changeParticipants(repo, context, runId, options.add, options.remove);
      io.err(event.summary);
      io.out(event.id);
    });

  run
    .command('task <run> <item>')
    .description('set the state of a task and/or assign it (item: id, position like 1.2, or title)')
    .option('--state <state>', 'open, in_progress, closed or skipped')
    .option('--assign <who>', 'assignee ("" to unassign)')
    .action(async (runId: string, item: string, options: { state?: string; assign?: string }) => {
      const { repo, context } = await withContext();
      const { events, unchanged } = applyTaskChange(repo, context, runId, item, {
        ...(options.state !== undefined ? { state: options.state } : {}),
        ...(options.assign !== undefined ? { assignee: options.assign } : {}),
      });
      for (const message of unchanged) io.err(message);
      for (const event of events) io.err(event.summary);
      if (events.length > 0) io.out(events.map((event) => event.id).join('\n'));
    });

  run
    .command('note <run>')
    .description('add a note to the timeline, optionally backdated and linked')
    .requiredOption('--summary <text>', 'what happened')
    .option('--details <text>', 'more text (Markdown)')
    .option('--at <time>', 'when it happened: ISO 8601 (2026-11-24T14:05:00Z) or "15m ago"')
    .option('--link <ref>', 'a URL, a commit id or path:line (the commit checked out is recorded with a path)')
    .action(async (runId: string, options: { summary: string; details?: string; at?: string; link?: string }) => {
      const { workspace, repo, context } = await withContext();
      // A path:line means the code as it is now: record HEAD so the link keeps pointing there.
      const event = addNote(repo, context, runId, await withLinkCommit(options, async () => workspace.git?.headCommit()));
      io.err(`added a note at ${event.at}`);
      io.out(event.id);
    });

  run
    .command('delete-event <run> <event>')
    .description('delete a note from the timeline (git history keeps it)')
    .action(async (runId: string, eventId: string) => {
      const { repo } = await openWorkspace(io, globals());
      repo.requireRun(runId);
      // The timeline table shows prefixes; the editor's deletes (which ask first) take whole ids only.
      const event = removeNote(repo, runId, resolveEventId(repo.requireTimeline(runId).events.map(({ id }) => id), eventId, runId));
      io.err(`deleted note "${event.summary}"`);
      io.out(event.id);
    });

  run
    .command('finish <run>')
    .description('finish the run (the retrospective reminder starts)')
    .action(async (runId: string) => {
      const { repo, context } = await withContext();
      const event = finishRun(repo, context, runId);
      io.err(event.summary);
      io.out(event.id);
    });

  run
    .command('retro <run>')
    .description('turn the retrospective of a run on or off (finished runs too; on again, its reminder starts over)')
    .option('--enable', 'turn it on')
    .option('--disable', 'turn it off: no reminders, the draft is kept')
    .action(async (runId: string, options: OnOffOptions) => {
      const enabled = onOrOff(options);
      const { repo, context } = await withContext();
      const event = setRetrospectiveEnabled(repo, context, runId, enabled);
      io.err(event.summary);
      io.out(event.id);
    });

  run
    .command('status-updates <run>')
    .description('turn status updates of a run on or off (off: the owner is no longer reminded)')
    .option('--enable', 'turn them on')
    .option('--disable', 'turn them off')
    .action(async (runId: string, options: OnOffOptions) => {
      const enabled = onOrOff(options);
      const { repo, context } = await withContext();
      const event = setStatusUpdatesEnabled(repo, context, runId, enabled);
      io.err(event.summary);
      io.out(event.id);
    });

  run
    .command('request-update <run>')
    .description('ask the owner for a status update (their reminder is due at once)')
    .action(async (runId: string) => {
      const { repo, context } = await withContext();
      const event = requestStatusUpdate(repo, context, runId);
      io.err(event.summary);
      io.out(event.id);
    });

  run
    .command('restore <run>')
    .description('put a finished run back in progress')
    .action(async (runId: string) => {
      const { repo, context } = await withContext();
      const event = restoreRun(repo, context, runId);
      io.err(event.summary);
      io.out(event.id);
    });
}
