import { readActionsTable } from '../retrospectives/actionsTable';
import type { ReviewFinding } from './reviewTypes';
import { isRecord } from './positionedYaml';

export const FOLLOW_UP_OWNER = 'follow-up-owner';
export const FOLLOW_UP_DUE = 'follow-up-due';

/** One follow-up action of a retrospective, wherever it is written, with the place to point at. */
export interface FollowUpAction {
  title: string;
  owner?: string;
  /** A date or duration; undefined when the source has no due dates (the Markdown table). */
  due?: string;
  ticket?: string;
  file: string;
  line: number;
  column: number;
}

/** What a retrospective's follow-ups are read from. */
export interface FollowUpSourceInput {
  file: string;
  /** The Markdown below the front matter, and the lines before it in the file. */
  body: string;
  bodyLineOffset: number;
  /** The front matter's data (a later source reads `actions:` from it). */
  frontMatter: unknown;
  /** Where a node of the front matter is, in the file (1-based); absent: the actions point at line 1. */
  frontMatterAt?: (path: ReadonlyArray<string | number>, atKey?: boolean) => { line: number; column: number };
}

/**
 * Where follow-ups come from. Today the "Actions" table of the Markdown; the follow-ups feature
 * swaps in front matter `actions:` with owner and due without changing the check.
 */
export interface FollowUpSource {
  /** Whether its actions carry due dates, so a missing one is worth a finding. */
  readonly hasDueDates: boolean;
  actions(input: FollowUpSourceInput): FollowUpAction[];
}

/** Cells that name nobody. */
const NOBODY = /^(?:|-+|–|—|\?+|tbd|tba|n\/a|none|nobody|unassigned)$/i;

/** The rows of the retrospective's actions table (readActionsTable: the one reader of it). */
export const markdownActionsTable: FollowUpSource = {
  hasDueDates: false,
  actions(input) {
    return readActionsTable(input.body).map((row) => ({
      title: row.action,
      ...(NOBODY.test(row.owner) ? {} : { owner: row.owner }),
      ...(row.ticket !== '' ? { ticket: row.ticket } : {}),
      file: input.file,
      line: input.bodyLineOffset + row.line,
      column: 1,
    }));
  },
};

/**
 * The front matter's `actions:` (docs/format.md), each at its line. Closed ones (done, won't do) need
 * nothing more. A priority stands for a due date: its deadline is the repository's (review.yaml).
 */
export const frontMatterActions: FollowUpSource = {
  hasDueDates: true,
  actions(input) {
    const actions = isRecord(input.frontMatter) ? input.frontMatter['actions'] : undefined;
    if (!Array.isArray(actions)) return [];
    return actions.flatMap((action: unknown, index): FollowUpAction[] => {
      if (!isRecord(action) || action['status'] === 'done' || action['status'] === 'wont_do') return [];
      const text = (key: string): string | undefined => (typeof action[key] === 'string' && (action[key] as string).trim() !== '' ? (action[key] as string) : undefined);
      const owner = text('owner');
      const due = text('due') ?? text('priority');
      const ticket = text('link');
      const place = input.frontMatterAt?.(['actions', index]) ?? { line: 1, column: 1 };
      return [{ title: text('title') ?? '', ...(owner !== undefined ? { owner } : {}), ...(due !== undefined ? { due } : {}), ...(ticket !== undefined ? { ticket } : {}), file: input.file, ...place }];
    });
  },
};

/** Whether the front matter lists `actions:`; then they, not the Markdown table, are the follow-ups. */
export function hasFrontMatterActions(frontMatter: unknown): boolean {
  return isRecord(frontMatter) && Array.isArray(frontMatter['actions']);
}

/** Every action names an owner (and a due date, where the source has them). */
export function checkFollowUps(actions: readonly FollowUpAction[], source: Pick<FollowUpSource, 'hasDueDates'>): ReviewFinding[] {
  return actions.flatMap((action): ReviewFinding[] => {
    const findings: ReviewFinding[] = [];
    const named = action.title === '' ? 'a follow-up action' : `follow-up "${action.title}"`;
    const at = { file: action.file, line: action.line, column: action.column };
    if (action.owner === undefined) {
      findings.push({ ruleId: FOLLOW_UP_OWNER, severity: 'warning', ...at, title: 'Follow-up without an owner', message: `${named} has no owner`, suggestion: 'name the person who will see it through' });
    }
    if (source.hasDueDates && action.due === undefined) {
      findings.push({ ruleId: FOLLOW_UP_DUE, severity: 'warning', ...at, title: 'Follow-up without a due date', message: `${named} has no due date`, suggestion: 'give it a due date' });
    }
    return findings;
  });
}
