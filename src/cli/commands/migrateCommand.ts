import type { Command } from 'commander';
import { moveOnDisk, planRunMigration } from '../../core/repository/runMigration';
import { moveRunFoldersWithGit } from '../../git/moveRunFolders';
import { openWorkspace, type CliIo, type GlobalOptions } from '../cliContext';

/** `git-playbooks migrate`: moves runs of the flat layout (runs/<run>/) into their month folders. */
export function registerMigrateCommand(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  program
    .command('migrate')
    .description('move run folders into the folder of the month they started (runs/YYYY/MM/<run>/) with git mv, and commit the moves')
    .option('--no-commit', 'leave the moves staged instead of committing them')
    .option('--dry-run', 'print what would move, move nothing')
    .action(async (options: { commit: boolean; dryRun?: boolean }) => {
      const { repo, git } = await openWorkspace(io, globals());
      const layout = repo.layout;
      const plan = planRunMigration(repo);
      for (const left of plan.blocked) io.err(`warning: not moved: ${layout.relative(left.dir)}: ${left.reason}`);
      if (plan.undated.length > 0) io.err(`kept ${plan.undated.length} run${plan.undated.length === 1 ? '' : 's'} flat: no date at the start of the name (${plan.undated.slice(0, 5).join(', ')}${plan.undated.length > 5 ? ', …' : ''})`);
      if (plan.moves.length === 0) {
        io.err('Nothing to move: every run is in the folder of its month.');
        return;
      }
      const count = `${plan.moves.length} run${plan.moves.length === 1 ? '' : 's'}`;
      if (options.dryRun !== true) {
        if (git) {
          const outcome = await moveRunFoldersWithGit(git, layout.runsDir, plan.moves, { commit: options.commit, message: `Move ${count} into month folders (${layout.folder}/runs/YYYY/MM/)` });
          io.err(outcome.sha !== undefined ? `Moved ${count} in commit ${outcome.sha.slice(0, 7)}.` : `Moved ${count}${options.commit ? '' : '; the moves are staged, not committed'}.`);
        } else {
          moveOnDisk(plan.moves);
          io.err(`Moved ${count} (not a git repository: plain renames).`);
        }
      } else io.err(`Would move ${count}:`);
      for (const move of plan.moves) io.out(`${layout.relative(move.from)} -> ${layout.relative(move.to)}`);
    });
}
