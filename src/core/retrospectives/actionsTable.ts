import MarkdownIt from 'markdown-it';

/** One row of a retrospective's Markdown actions table. */
export interface ActionRow {
  action: string;
  owner: string;
  /** The ticket cell as written (a URL, a Markdown link, an issue key), '' when empty. */
  ticket: string;
  /** The first URL in the ticket cell, when there is one. */
  ticketUrl?: string;
  /** 1-based line of the row in the Markdown given. */
  line: number;
}

const parser = new MarkdownIt({ html: false, linkify: true });
const ACTIONS_HEADING = /^(follow[- ]?up )?actions?\b|^follow[- ]?ups?\b|^action items?\b/i;

/**
 * The rows of the first table under an "Actions" (or "Follow-ups", "Action items") heading, the
 * shape the built-in templates use (`| Action | Owner | Ticket |`). Columns are found by their
 * header (action/title, owner/who, ticket/issue/link); rows without any text are left out.
 */
export function readActionsTable(markdown: string): ActionRow[] {
  const tokens = parser.parse(markdown, {});
  let underActions = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined) continue;
    if (token.type === 'heading_open') {
      underActions = ACTIONS_HEADING.test((tokens[i + 1]?.content ?? '').trim());
      continue;
    }
    if (underActions && token.type === 'table_open') return tableRows(tokens, i);
  }
  return [];
}

type Token = ReturnType<typeof parser.parse>[number];

function tableRows(tokens: Token[], start: number): ActionRow[] {
  const header: string[] = [];
  const rows: ActionRow[] = [];
  let cells: string[] = [];
  let line = 0;
  let inHead = false;
  for (let i = start + 1; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined || token.type === 'table_close') break;
    if (token.type === 'thead_open') inHead = true;
    else if (token.type === 'thead_close') inHead = false;
    else if (token.type === 'tr_open') {
      cells = [];
      line = (token.map?.[0] ?? 0) + 1;
    } else if (token.type === 'inline') cells.push(token.content.trim());
    else if (token.type === 'tr_close') {
      if (inHead) header.push(...cells.map((cell) => cell.toLowerCase()));
      else if (cells.some((cell) => cell !== '')) rows.push(toRow(header, cells, line));
    }
  }
  return rows;
}

function toRow(header: string[], cells: string[], line: number): ActionRow {
  const column = (pattern: RegExp, fallback: number): string => {
    const index = header.findIndex((name) => pattern.test(name));
    return cells[index === -1 ? fallback : index] ?? '';
  };
  const ticket = column(/ticket|issue|link|tracker/, 2);
  const ticketUrl = /https?:\/\/[^\s)<>\]]+/.exec(ticket)?.[0];
  return { action: column(/action|title|what/, 0), owner: column(/owner|who|assignee/, 1), ticket, ...(ticketUrl ? { ticketUrl } : {}), line };
}
