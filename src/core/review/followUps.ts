import { markdownSections } from './markdownSections';
import type { ReviewFinding } from './reviewTypes';

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

const ACTION_HEADINGS = new Set(['actions', 'action items', 'follow-ups', 'follow ups', 'follow-up actions']);
/** Cells that name nobody. */
const NOBODY = /^(?:|-+|–|—|\?+|tbd|tba|n\/a|none|nobody|unassigned)$/i;

/** The rows of the first table under an "Actions" heading that has an Owner column. */
export const markdownActionsTable: FollowUpSource = {
  hasDueDates: false,
  actions(input) {
    const section = markdownSections(input.body).find((candidate) => ACTION_HEADINGS.has(candidate.key));
    if (section === undefined) return [];
    const rows = section.content.map((line, index) => ({ cells: tableCells(line), lineIndex: section.lineIndex + 1 + index }));
    const headerAt = rows.findIndex((row) => row.cells?.some((cell) => /^owners?$/i.test(cell)) === true);
    const header = rows[headerAt]?.cells;
    if (header === undefined) return [];
    const ownerColumn = header.findIndex((cell) => /^owners?$/i.test(cell));
    const ticketColumn = header.findIndex((cell) => /^(?:ticket|issue|link)s?$/i.test(cell));
    const titleColumn = Math.max(0, header.findIndex((cell) => /^(?:action|follow-?up|what)s?$/i.test(cell)));
    const actions: FollowUpAction[] = [];
    for (const row of rows.slice(headerAt + 1)) {
      if (row.cells === undefined) break; // the table ends at the first line that is not a row
      if (row.cells.every((cell) => /^:?-+:?$/.test(cell) || cell === '')) continue; // delimiter or blank row
      const owner = row.cells[ownerColumn] ?? '';
      const ticket = ticketColumn === -1 ? '' : (row.cells[ticketColumn] ?? '');
      actions.push({
        title: row.cells[titleColumn] ?? '',
        ...(NOBODY.test(owner) ? {} : { owner }),
        ...(ticket !== '' ? { ticket } : {}),
        file: input.file,
        line: input.bodyLineOffset + row.lineIndex + 1,
        column: 1,
      });
    }
    return actions;
  },
};

/** The cells of a Markdown table row (`| a | b |`), undefined when the line is not one. */
function tableCells(line: string): string[] | undefined {
  const trimmed = line.trim();
  if (!trimmed.includes('|')) return undefined;
  const inner = trimmed.replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim());
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
