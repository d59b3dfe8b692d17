import type { Kind } from '../model/types';
import { OperationRefused } from '../model/errors';
import timelineSchema from '../../../schemas/timeline.schema.json';
import { fieldProblems } from './schemaValidator';

/**
 * What a person types, checked by the schema rule of the file field it is written to, before anything
 * is written: a write refuses what every later read would refuse. Shared by the CLI and the editor.
 */
const INPUT_FIELDS = {
  runName: ['Run', '/properties/name', 'the run name'],
  owner: ['Run', '/properties/owner', 'the owner'],
  participant: ['Run', '/properties/participants/items', 'a participant'],
  participants: ['Run', '/properties/participants', 'the participant list'],
  taskDue: ['Run', '/properties/checklists/items/properties/items/items/properties/due', 'the due time'],
  assignee: ['Run', '/properties/checklists/items/properties/items/items/properties/assignee', 'the assignee'],
  actor: ['Timeline', '/properties/events/items/properties/actor', 'the name of the person acting (--as or git user.name)'],
  summary: ['Timeline', '/properties/events/items/properties/summary', 'the summary'],
  details: ['Timeline', '/properties/events/items/properties/details', 'the details text'],
  statusMessage: ['Timeline', '/properties/events/items/properties/details', 'the status update'],
  link: ['Timeline', '/properties/events/items/properties/link', 'the link'],
  eventTime: ['Timeline', '/properties/events/items/properties/at', 'the time'],
  event: ['Timeline', '/properties/events/items', 'the timeline event'],
  skipReason: ['Retrospective', '/properties/skipReason', 'the reason'],
  actionTitle: ['Retrospective', '/properties/actions/items/properties/title', 'the action title'],
  actionOwner: ['Retrospective', '/properties/actions/items/properties/owner', 'the action owner'],
  actionDue: ['Retrospective', '/properties/actions/items/properties/due', 'the due date'],
  actionPriority: ['Retrospective', '/properties/actions/items/properties/priority', 'the priority'],
  actionStatus: ['Retrospective', '/properties/actions/items/properties/status', 'the status'],
  actionLink: ['Retrospective', '/properties/actions/items/properties/link', 'the link'],
  actionClosedBy: ['Retrospective', '/properties/actions/items/properties/closedBy', 'the closing pull request'],
  action: ['Retrospective', '/properties/actions/items', 'the action'],
} as const satisfies Record<string, readonly [Kind, string, string]>;

export type InputField = keyof typeof INPUT_FIELDS;

/** Why `value` cannot be stored as `field`, in words, or undefined when it can. */
export function inputProblem(field: InputField, value: unknown): string | undefined {
  const [kind, pointer, label] = INPUT_FIELDS[field];
  const problems = fieldProblems(kind, pointer, value, label);
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** Refuses (OperationRefused) a value that cannot be stored as `field`. */
export function requireValidInput(field: InputField, value: unknown): void {
  const problem = inputProblem(field, value);
  if (problem !== undefined) throw new OperationRefused(problem);
}

const SUMMARY_LIMIT = timelineSchema.properties.events.items.properties.summary.maxLength;

/**
 * A summary git-playbooks writes itself (from names and reasons a person gave) cut to what the
 * timeline keeps; the full text is in the event's details or data. Counts code points, as the schema does.
 */
export function fitSummary(text: string, max = SUMMARY_LIMIT): string {
  // Cut by code points, so an emoji is never split in two.
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}
