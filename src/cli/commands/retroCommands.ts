import * as fs from 'node:fs';
import type { Command } from 'commander';
import { buildCommitMessage } from '../../git/commitMessage';
import { pullRequestUrl } from '../../git/pullRequestUrl';
import { formatMetricNumber, metricNumber } from '../../core/metrics/metricValues';
import { filesToPublish, planPublish } from '../../core/publishing/publishPlan';
import { requireData } from '../../core/repository/playbooksRepository';
import { assertPublishable, publishRetrospective, recordMetric, skipRetrospective } from '../../core/retrospectives/retrospectiveOperations';
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
      io.err(`${recorded.metric.title} = ${String(recorded.value)}`);
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
      const repo = workspace.repo;
      const git = requireGit(workspace);
      // Every refusal that can be known in advance comes before anything is written.
      const identity = await git.requireIdentity();
      const context = await operationContext(io, { ...globals(), as: globals().as ?? identity.name }, workspace);
      assertPublishable(repo, runId);
      const onBranch = options.branch === true || options.push === true;
      const startBranch = await git.currentBranch();
      if (onBranch && startBranch === undefined) await git.requireBranch();

      const run = repo.requireRun(runId);
      const playbook = repo.requirePlaybook(run.playbook);
      const retroFile = repo.layout.retrospectiveFile(runId);
      const timelineFile = repo.layout.timelineFile(runId);
      const before = { retro: fs.readFileSync(retroFile, 'utf8'), timeline: fs.readFileSync(timelineFile, 'utf8') };
      const meta = requireData(repo.readRetrospective(runId, playbook));
      const metricLines = (playbook.metrics ?? []).flatMap((metric) => {
        const numeric = metricNumber(metric, meta.metrics[metricId(metric)]);
        return numeric === undefined ? [] : [`${metric.title}: ${formatMetricNumber(metric, numeric)}`];
      });
      const plan = planPublish(runId, run, metricLines, { branch: onBranch });
      if (plan.branch) await git.createBranch(plan.branch);

      publishRetrospective(repo, context, runId);
      const runFolder = repo.layout.relative(repo.layout.runDir(runId));
      const files = filesToPublish(runFolder, await git.changedFilesUnder([runFolder]));
      let sha: string;
      try {
        sha = await git.commitFiles(files, buildCommitMessage(plan.subject, plan.body, plan.trailers));
      } catch (error) {
        // The commit did not happen: put the two files back so that publishing can simply be retried.
        fs.writeFileSync(retroFile, before.retro);
        fs.writeFileSync(timelineFile, before.timeline);
        throw error;
      }
      io.err(`committed ${files.length} file${files.length === 1 ? '' : 's'} of ${runId}${plan.branch ? ` on ${plan.branch}` : ''}: ${sha.slice(0, 7)}`);
      if (options.push === true && plan.branch) {
        await git.push(plan.branch, options.remote);
        const remoteUrl = await git.remoteUrl(options.remote);
        const url = remoteUrl ? pullRequestUrl(remoteUrl, plan.branch, startBranch) : undefined;
        io.err(`pushed ${plan.branch} to ${options.remote}`);
        if (url) io.err(`open a pull request: ${url}`);
        if (url) io.out(url);
      }
      io.out(sha);
    });
}
