import * as actions from '../actions/runActions';
import { runActionTarget } from '../actions/runHost';
import type { ExtensionServices } from '../platform/services';
import { promptsFor } from './actionPrompts';
import { BACK, inputStep } from './multiStepInput';
import { pickPeopleToKeep, pickPerson } from './pickers';
import { inProgress, NO_RUN_IN_PROGRESS } from './runFilters';
import { invocationOf, requiredString, resolveRun, stringList } from './targets';

/** Returns the id of the owner_changed event. */
export async function changeOwner(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: 'Change Owner', filter: inProgress, empty: NO_RUN_IN_PROGRESS });
  if (!target) return undefined;
  const { folder, runId } = target;
  let owner: string | undefined;
  if (invocation.kind === 'args') owner = requiredString(invocation.args, 'owner');
  else {
    const run = folder.repo.requireRun(runId);
    owner = await pickPerson({
      title: `Change Owner: ${run.name}`,
      placeholder: `Owner now: ${run.owner}. Pick a participant or type a name`,
      people: run.participants.filter((person) => person !== run.owner),
    });
  }
  if (owner === undefined || owner.trim() === '') return undefined;
  const event = await actions.changeOwner(runActionTarget(folder, runId, promptsFor(invocation)), owner);
  return event.id;
}

const splitPeople = (text: string): string[] => text.split(/[,;\s]+/).map((person) => person.trim()).filter((person) => person !== '');

/** Step 1 keeps (unticking removes), step 2 adds. Returns the id of the participants_changed event. */
export async function changeParticipants(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: 'Add/Remove Participants', filter: inProgress, empty: NO_RUN_IN_PROGRESS });
  if (!target) return undefined;
  const { folder, runId } = target;
  let add: string[];
  let remove: string[];
  if (invocation.kind === 'args') {
    add = stringList(invocation.args, 'add');
    remove = stringList(invocation.args, 'remove');
  } else {
    const run = folder.repo.requireRun(runId);
    const title = `Participants: ${run.name}`;
    const others = run.participants.filter((person) => person !== run.owner);
    let keep = others;
    for (let step = others.length > 0 ? 1 : 2; ; ) {
      if (step === 1) {
        const kept = await pickPeopleToKeep({ title, people: others, keep, owner: run.owner });
        if (kept === undefined) return undefined;
        keep = kept;
        step = 2;
        continue;
      }
      const typed = await inputStep({ title, step: 2, totalSteps: 2, canGoBack: others.length > 0, prompt: 'Add participants (names separated by commas), or leave empty', placeholder: 'e.g. carol, dave' });
      if (typed === undefined) return undefined;
      if (typed === BACK) {
        step = 1;
        continue;
      }
      add = splitPeople(typed).filter((person) => !run.participants.includes(person));
      remove = others.filter((person) => !keep.includes(person));
      break;
    }
  }
  if (add.length === 0 && remove.length === 0) return undefined;
  const event = await actions.changeParticipants(runActionTarget(folder, runId, promptsFor(invocation)), add, remove);
  return event.id;
}
