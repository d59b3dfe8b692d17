import * as path from 'node:path';
import type { Command } from 'commander';
import { createPlaybook, DEFAULT_TEMPLATE, importPlaybook, readMattermostExport } from '../../core/playbooks/playbookFiles';
import { initRepository } from '../../core/playbooks/initRepository';
import { CI_PROVIDERS, isCiProvider } from '../../core/playbooks/ciWorkflows';
import { BUILTIN_TEMPLATES } from '../../core/templates/builtinTemplates';
import { OperationRefused } from '../../core/runs/operationContext';
import { openWorkspace, type CliIo, type GlobalOptions } from '../cliContext';
import { CLI_VERSION } from '../version';
import { registerMigrateCommand } from './migrateCommand';

export function registerSetupCommands(program: Command, io: CliIo, globals: () => GlobalOptions): void {
  program
    .command('init')
    .description('create the playbooks folder, .gitattributes for timeline merges and (optionally) a CI check of pull requests')
    .option('--ci <provider>', `also write a CI check that reviews pull requests with this version of git-playbooks (${CI_PROVIDERS.join(', ')}; docs/ci.md)`)
    .option('--action-sync', 'with --ci github: also a scheduled workflow that runs "action sync" and posts the overdue actions to the job summary')
    .action(async (options: { ci?: string; actionSync?: boolean }) => {
      const provider = options.ci;
      if (provider !== undefined && !isCiProvider(provider)) throw new OperationRefused(`--ci supports ${CI_PROVIDERS.map((name) => `"${name}"`).join(' and ')}, not "${provider}"`);
      if (options.actionSync === true && provider === undefined) throw new OperationRefused('--action-sync writes a CI workflow: give it with --ci github');
      const { repo } = await openWorkspace(io, globals());
      const result = initRepository(repo, provider === undefined ? {} : { ci: { provider, version: CLI_VERSION, ...(options.actionSync === true ? { actionSync: true } : {}) } });
      for (const file of result.written) io.err(`wrote ${file}`);
      for (const file of result.unchanged) io.err(`kept ${file} (already there)`);
      for (const note of result.notes) io.err(`note: ${note}`);
      io.err(`Next: git-playbooks playbook new <name> --template ${DEFAULT_TEMPLATE}`);
      io.out(repo.layout.folder);
    });
  registerMigrateCommand(program, io, globals);

  const playbook = program.command('playbook').description('create and import playbooks');
  playbook
    .command('new <slug>')
    .description(`create <folder>/<slug>.yaml from a template (${BUILTIN_TEMPLATES.map((entry) => entry.name).join(', ')})`)
    .option('--template <name>', 'built-in template', DEFAULT_TEMPLATE)
    .option('--title <text>', 'title of the playbook (default: the template\'s)')
    .action(async (slug: string, options: { template: string; title?: string }) => {
      const { repo } = await openWorkspace(io, globals());
      const file = createPlaybook(repo, slug, options.template, options.title);
      io.err(`created ${file} from template ${options.template}`);
      io.out(slug);
    });
  playbook
    .command('templates')
    .description('list the built-in templates')
    .action(() => {
      for (const entry of BUILTIN_TEMPLATES) io.out(`${entry.name.padEnd(20)} ${entry.description}`);
    });
  playbook
    .command('import-mattermost <file>')
    .description('import a Mattermost playbook export (JSON, version 1)')
    .option('--slug <slug>', 'file name of the new playbook (default: from its title)')
    .action(async (file: string, options: { slug?: string }) => {
      const { repo } = await openWorkspace(io, globals());
      const source = path.resolve(io.cwd, file);
      const result = importPlaybook(repo, readMattermostExport(source, file), path.basename(source), options.slug);
      for (const warning of result.warnings) io.err(`warning: ${file}: ${warning.path}: ${warning.message}`);
      io.err(`imported ${result.file}`);
      io.out(result.slug);
    });
}
