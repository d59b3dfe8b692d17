import type { Command } from 'commander';
import { publishWithGit } from '../../git/publishRetrospective';
import { recordMetric, skipRetrospective } from '../../core/retrospectives/retrospectiveOperations';
import { metricId } from '../../core/validation/semanticChecks';
import { openWorkspace, operationContext, requireGit, type CliIo, type GlobalOptions } from '../cliContext';

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
    .description('skip the retrospective, saying why')
    .requiredOption('--reason <text>', 'why there is no retrospective')
    .action(async (runId: string, options: { reason: string }) => {
      const workspace = await openWorkspace(io, globals());
      const context = await operationContext(io, globals(), workspace);
      skipRetrospective(workspace.repo, context, runId, options.reason);
      io.err(`skipped the retrospective of ${runId}`);
      io.out(runId);
    });

  retro
    .command('publish <run>')
    .description('publish the retrospective: commit exactly the run\'s files, optionally on a branch pushed for review')
    .option('--branch', 'commit on a new branch retro/<run>')
    .option('--push', 'push the branch and print the pull-request URL (implies --branch)')
    .option('--remote <name>', 'remote to push to', 'origin')
    .action(async (runId: string, options: { branch?: boolean; push?: boolean; remote: string }) => {
      const workspace = await openWorkspace(io, globals());
      const git = requireGit(workspace);
      const identity = await git.requireIdentity();
      const context = await operationContext(io, { ...globals(), as: globals().as ?? identity.name }, workspace);
      const outcome = await publishWithGit(workspace.repo, git, context, runId, { branch: options.branch === true, push: options.push === true, remote: options.remote });
      const count = outcome.files.length;
      io.err(`committed ${count} file${count === 1 ? '' : 's'} of ${runId}${outcome.branch ? ` on ${outcome.branch}` : ''}: ${outcome.sha.slice(0, 7)}`);
      if (outcome.pushed) io.err(`pushed ${outcome.branch ?? ''} to ${options.remote}`);
      if (outcome.pullRequestUrl) {
        io.err(`open a pull request: ${outcome.pullRequestUrl}`);
        io.out(outcome.pullRequestUrl);
      }
      io.out(outcome.sha);
    });
}
