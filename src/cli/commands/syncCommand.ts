import type { Command } from 'commander';
import { syncPlaybooks, type SyncOutcome } from '../../git/syncPlaybooks';
import { gitEnv, openWorkspace, operationContext, requireGit, type CliIo, type GlobalOptions } from '../cliContext';

export function registerSyncCommand(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  program
    .command('sync [run...]')
    .description('commit the playbooks folder\'s changes (only those files), bring in the remote\'s and push; with runs, commit only their folders')
    .option('--remote <name>', 'remote to sync with (default: the branch\'s upstream)')
    .action(async (runs: string[], options: { remote?: string }) => {
      const workspace = await openWorkspace(io, globals());
      const git = requireGit(workspace);
      const context = await operationContext(io, globals(), workspace);
      const outcome = await syncPlaybooks(git.root, workspace.repo.layout, {
        actor: context.actor,
        now: context.now(),
        ...(runs.length > 0 ? { runs } : {}),
        ...(options.remote !== undefined ? { remote: options.remote } : {}),
        gitEnv: gitEnv(io),
      });
      for (const line of describeOutcome(outcome)) io.out(line);
    });
}

/** What a person reads after a sync: what was committed, what came in, conflicts, and where things stand. */
export function describeOutcome(outcome: SyncOutcome): string[] {
  const lines: string[] = [];
  if (outcome.committed !== undefined) {
    const count = outcome.committedFiles.length;
    lines.push(`committed ${count} file${count === 1 ? '' : 's'}: ${outcome.committed.slice(0, 7)}`);
  }
  if (outcome.summary.length > 0) lines.push(`came in from ${outcome.remoteBranch}:`, ...outcome.summary.map((line) => `  ${line}`));
  if (outcome.conflicts.length > 0) {
    lines.push('merged with conflict markers (edit these files, then sync again):', ...outcome.conflicts.map((file) => `  ${file}`));
  }
  if (outcome.offline) lines.push(`offline: ${outcome.remoteBranch} cannot be reached; the commit waits for the next sync`);
  else if (outcome.pushedCommits) lines.push(`pushed to ${outcome.remoteBranch}`);
  else lines.push(`${outcome.summary.length > 0 ? 'up to date' : 'already up to date'} with ${outcome.remoteBranch}`);
  return lines;
}
