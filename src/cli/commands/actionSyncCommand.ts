import type { Command } from 'commander';
import { setAction } from '../../core/actions/actionOperations';
import { listActions } from '../../core/actions/actionList';
import { TRACKER_PROVIDERS } from '../../core/actions/trackerIssues';
import { syncWithTracker } from '../../trackers/trackerSync';
import { openTracker, resolveTrackerTarget } from '../../trackers/trackerTarget';
import { clock, openWorkspace, operationContext, type CliIo, type GlobalOptions, type Workspace } from '../cliContext';
import { CLI_VERSION } from '../version';

interface ActionSyncOptions {
  provider?: string;
  repo?: string;
  dryRun?: boolean;
}

/**
 * `action sync`: one tracker issue per action, kept in step (title, assignee, labels), state pulled
 * back (src/core/actions/trackerSyncPlan.ts says what wins). Registered under the `action` group.
 */
export function addActionSyncCommand(action: Command, io: CliIo, globals: () => GlobalOptions): void {
  action
    .command('sync')
    .description('create a tracker issue for each open action (never two), keep title, assignee and labels in step, and bring closed issues back as done or wont_do')
    .option('--provider <provider>', `${TRACKER_PROVIDERS.join(' or ')} (default: from the remote's host)`)
    .option('--repo <path>', 'OWNER/NAME on GitHub, GROUP/PROJECT on GitLab (default: from the URL of the branch\'s upstream remote)')
    .option('--dry-run', 'read the tracker and say what would change, change nothing')
    .action(async (options: ActionSyncOptions) => {
      const workspace = await openWorkspace(io, globals());
      const target = resolveTrackerTarget({
        ...(options.provider !== undefined ? { provider: options.provider } : {}),
        ...(options.repo !== undefined ? { repo: options.repo } : {}),
        ...(options.repo === undefined ? await remoteUrlOf(workspace) : {}),
        env: io.env,
      });
      // Who writes the links and states, asked before any issue is created.
      const context = options.dryRun === true ? undefined : await operationContext(io, globals(), workspace);
      const actions = listActions(workspace.repo, clock(io)(), {});
      const client = await openTracker(target, io.env, { allowGhCli: true, userAgent: `git-playbooks/${CLI_VERSION}` });
      const summary = await syncWithTracker(client, actions, {
        ...(options.dryRun === true ? { dryRun: true } : {}),
        writeBack: (runId, actionId, change) => {
          if (context !== undefined) setAction(workspace.repo, context, runId, actionId, change);
        },
        report: (line) => io.out(line),
      });
      const where = `${target.provider} ${target.repository}`;
      if (options.dryRun === true) io.err(`dry run against ${where}: nothing was changed`);
      else {
        const changed = summary.created + summary.updated + summary.pulled + summary.linked;
        io.err(changed === 0 ? `${actions.length} action${actions.length === 1 ? '' : 's'} already in step with ${where}` : `in step with ${where}: ${summary.created} created, ${summary.updated} updated, ${summary.pulled} brought back, ${summary.linked} linked`);
        if (summary.created + summary.pulled + summary.linked > 0) io.err('the retrospectives changed: commit and push them with "git-playbooks sync"');
      }
    });
}

/** The URL of the branch's upstream remote, else origin's; nothing outside git or without remotes. */
async function remoteUrlOf(workspace: Workspace): Promise<{ remoteUrl?: string }> {
  const git = workspace.git;
  if (git === undefined) return {};
  const url = await git.remoteUrl((await git.upstreamRemote()) ?? 'origin');
  return url === undefined ? {} : { remoteUrl: url };
}
