import * as path from 'node:path';
import type { Command } from 'commander';
import { publishWithGit, skipWithGit, type PublishOutcome } from '../../git/publishRetrospective';
import { recordMetric } from '../../core/retrospectives/retrospectiveOperations';
import { metricId } from '../../core/validation/semanticChecks';
import type { GitIdentity, GitRepository } from '../../git/gitRepository';
import type { OperationContext } from '../../core/runs/operationContext';
import { openWorkspace, operationContext, requireGit, type CliIo, type GlobalOptions, type Workspace } from '../cliContext';

export function registerRetroCommands(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  const retro = program.command('retro').description('fill in, publish or skip a retrospective');

  retro
    .command('metric <run> <metric> <value>')
    .description('record a metric value (durations: 1h30m, PT1H30M or dd:hh:mm; currency: 1250.50)')
    .action(async (runId: string, metric: string, value: string) => {
      const workspace = await openWorkspace(io, globals());
      const context = await operationContext(io, globals(), workspace);
      const recorded = recordMetric(workspace.repo, context, runId, metric, value);
      io.err(`${recorded.metric.title} = ${String(recorded.value)}${recorded.changed ? '' : ' (unchanged)'}`);
      io.out(metricId(recorded.metric));
    });

  retro
    .command('skip <run>')
    .description('skip the retrospective, saying why, and commit that exactly as publish does')
    .requiredOption('--reason <text>', 'why there is no retrospective')
    .option('--branch', 'commit on a new branch retro/<run>-skipped, from the remote\'s default branch (your checkout stays as it is)')
    .option('--push', 'push the branch and print the pull-request URL (implies --branch)')
    .option('--remote <name>', 'remote to push to', 'origin')
    .action(async (runId: string, options: { reason: string } & GitOptions) => {
      const { workspace, git, context, identity } = await gitWorkspace(io, globals);
      const outcome = await skipWithGit(workspace.repo, git, context, runId, options.reason, gitOptions(options), identity);
      io.err(`skipped the retrospective of ${runId}`);
      report(io, runId, outcome, options.remote);
    });

  retro
    .command('publish <run>')
    .description('publish the retrospective: commit exactly the run\'s files, optionally on a branch pushed for review')
    .option('--branch', 'commit on a new branch retro/<run>, from the remote\'s default branch (your checkout stays as it is)')
    .option('--push', 'push the branch and print the pull-request URL (implies --branch); again after a failed push, pushes it')
    .option('--remote <name>', 'remote to push to', 'origin')
    .option('--in-progress', 'publish although the run is still in progress (as Mattermost allows); what happens later is not in it')
    .action(async (runId: string, options: GitOptions & { inProgress?: boolean }) => {
      const { workspace, git, context, identity } = await gitWorkspace(io, globals);
      const outcome = await publishWithGit(workspace.repo, git, context, runId, { ...gitOptions(options), whileInProgress: options.inProgress === true }, identity);
      report(io, runId, outcome, options.remote);
    });
}

interface GitOptions {
  branch?: boolean;
  push?: boolean;
  remote: string;
}

const gitOptions = (options: GitOptions): { branch: boolean; push: boolean; remote: string } => ({ branch: options.branch === true, push: options.push === true, remote: options.remote });

/** Publishing commits, so it needs the git identity even with --as: read once, for both. */
async function gitWorkspace(io: CliIo, globals: () => GlobalOptions): Promise<{ workspace: Workspace; git: GitRepository; context: OperationContext; identity: GitIdentity }> {
  const workspace = await openWorkspace(io, globals());
  const git = requireGit(workspace);
  const identity = await git.requireIdentity();
  const context = await operationContext(io, { ...globals(), as: globals().as ?? identity.name }, workspace);
  return { workspace, git, context, identity };
}

function report(io: CliIo, runId: string, outcome: PublishOutcome, remote: string): void {
  const count = outcome.files.length;
  const short = outcome.sha.slice(0, 7);
  if (outcome.retried) io.err(`${outcome.branch ?? ''} (${short}) was committed before but not on ${remote}`);
  else io.err(`committed ${count} file${count === 1 ? '' : 's'} of ${runId}${outcome.branch ? ` on ${outcome.branch}` : ''}: ${short}`);
  if (outcome.pushed) io.err(`pushed ${outcome.branch ?? ''} to ${remote}`);
  // The checkout did not move: the run's files stay uncommitted here, and git will not pull the
  // merged branch over them.
  const folder = outcome.files[0] === undefined ? undefined : path.posix.dirname(outcome.files[0]);
  if (outcome.branch && folder && !outcome.retried) {
    io.err(`your checkout is as it was: ${folder} stays uncommitted here until ${outcome.branch} is merged; set it aside before pulling that merge (git stash push -u -- ${folder})`);
  }
  if (outcome.pullRequestUrl) {
    io.err(`open a pull request: ${outcome.pullRequestUrl}`);
    io.out(outcome.pullRequestUrl);
  }
  io.out(outcome.sha);
}
