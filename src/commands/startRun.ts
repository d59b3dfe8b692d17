import type { PlaybookFolder } from '../platform/workspaceModel';
import { startRun as startRunCore } from '../core/runs/startRun';
import { gitOf, operationContextFor } from '../platform/actions';
import type { ExtensionServices } from '../platform/services';
import { performFolderChange } from './changes';
import { BACK, inputStep } from './multiStepInput';
import { pickPlaybook } from './pickers';
import { folderOfArgs, invocationOf, optionalString, requiredString, requireExisting } from './targets';

const TITLE = 'Start Run';

interface StartInput {
  folder: PlaybookFolder;
  playbook: string;
  name: string;
  owner?: string;
}

/** Starts a run, recording the commit the playbook file is at (like the CLI). Returns the run id. */
async function start(input: StartInput): Promise<string> {
  const { folder, playbook } = input;
  return performFolderChange(folder, async () => {
    const repo = folder.repo;
    const git = await gitOf(folder);
    const playbookCommit = repo.playbookExists(playbook) ? await git?.lastCommitOf(repo.layout.playbookFile(playbook)) : undefined;
    const context = await operationContextFor(folder);
    const { runId } = startRunCore(repo, context, {
      playbook,
      name: input.name,
      ...(input.owner !== undefined && input.owner.trim() !== '' ? { owner: input.owner.trim() } : {}),
      ...(playbookCommit !== undefined ? { playbookCommit } : {}),
    });
    return runId;
  });
}

const oneLine = (value: string): string | undefined => (value.trim() === '' ? 'Give the run a name, e.g. "Checkout errors in EU".' : /[\r\n]/.test(value) ? 'One line only.' : undefined);

/** Palette: playbook, name, owner (three steps with Back); from a playbook's menu the first is skipped. */
export async function startRun(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  if (invocation.kind === 'args') {
    const args = invocation.args;
    const folder = requireExisting(folderOfArgs(services, args));
    const owner = optionalString(args, 'owner');
    return start({ folder, playbook: requiredString(args, 'playbook'), name: requiredString(args, 'name'), ...(owner !== undefined ? { owner } : {}) });
  }
  const fromNode = invocation.kind === 'node' && invocation.node.target().playbook !== undefined ? { folder: invocation.node.folder, slug: invocation.node.target().playbook ?? '' } : undefined;
  let chosen = fromNode;
  let name = '';
  let owner: string | undefined;
  let step = chosen ? 2 : 1;
  for (;;) {
    if (step === 1) {
      const picked = await pickPlaybook(services, { title: TITLE, step: 1, totalSteps: 3, placeholder: 'Which playbook?' });
      if (picked === undefined || picked === BACK) return undefined;
      chosen = picked;
      step = 2;
    } else if (step === 2) {
      const typed = await inputStep({ title: TITLE, step: 2, totalSteps: 3, canGoBack: !fromNode, prompt: 'Name of the run', placeholder: 'e.g. Checkout errors in EU', value: name, validate: oneLine });
      if (typed === undefined || (typed === BACK && fromNode)) return undefined;
      if (typed === BACK) step = 1;
      else {
        name = typed.trim();
        step = 3;
      }
    } else {
      if (!chosen) return undefined;
      owner ??= (await operationContextFor(chosen.folder)).actor;
      const typed = await inputStep({ title: TITLE, step: 3, totalSteps: 3, canGoBack: true, prompt: 'Owner: the person driving the run (a git user name, handle or e-mail)', value: owner, validate: (value) => (value.trim() === '' ? 'Someone owns every run.' : undefined) });
      if (typed === undefined) return undefined;
      if (typed === BACK) {
        step = 2;
        continue;
      }
      const runId = await start({ folder: chosen.folder, playbook: chosen.slug, name, owner: typed });
      services.openRunEditor(chosen.folder, runId);
      return runId;
    }
  }
}
