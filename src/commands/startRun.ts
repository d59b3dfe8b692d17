import type { PlaybookFolder } from '../platform/workspaceModel';
import * as actions from '../actions/runActions';
import { folderHostFor } from '../actions/runHost';
import { operationContextFor } from '../platform/actions';
import type { ExtensionServices } from '../platform/services';
import { BACK, inputStep } from './multiStepInput';
import { pickPlaybook } from './pickers';
import { folderOfArgs, invocationOf, optionalString, requiredString, requireExisting } from './targets';

const TITLE = 'Start Run';

/** Starts a run through the action layer (trust, who acts, the playbook's commit, refresh). */
function start(input: { folder: PlaybookFolder; playbook: string; name: string; owner?: string }): Promise<string> {
  return actions.startRun(input.folder.repo, folderHostFor(input.folder), input);
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
