import MarkdownIt from 'markdown-it';
import { escapeTableCell, inlineText, markdownTable, neutralizeHtml } from '../export/markdownText';
import { splitFrontMatter } from '../files/frontMatter';
import { readActionsTable } from '../retrospectives/actionsTable';
import type { RetroSnapshot } from '../retrospectives/retroSnapshot';
import { metricsAgainstValues } from '../review/metricChecks';

/** The title and body a retrospective's pull request opens with (the host's "new pull request" page fills them in). */
export interface PullRequestText {
  title: string;
  body: string;
}

const SUMMARY_LIMIT = 600;
const parser = new MarkdownIt({ html: false });

/**
 * What a reviewer reads first: the summary (the retrospective's "Summary" section, else its first
 * section with text), the metrics against their targets, and the actions with a link each. User
 * text is neutralised as in exports, so a run name cannot inject HTML into the pull request.
 */
export function pullRequestText(snapshot: RetroSnapshot, change: { status: 'published' | 'skipped'; skipReason?: string }): PullRequestText {
  const name = snapshot.run.name.replace(/\s+/g, ' ').trim();
  if (change.status === 'skipped') {
    return { title: `Skip retrospective: ${name}`, body: [`No retrospective for **${inlineText(name)}** (playbook ${inlineText(snapshot.playbook.title)}).`, '', `Reason: ${inlineText(change.skipReason?.trim() ?? '')}`].join('\n') };
  }
  const body = splitFrontMatter(snapshot.retroText ?? snapshot.newRetroText ?? '').body;
  const lines = [`Retrospective of **${inlineText(name)}** (playbook ${inlineText(snapshot.playbook.title)}, run \`${snapshot.runId}\`).`];
  const summary = summaryOf(body);
  if (summary !== '') lines.push('', '## Summary', '', neutralizeHtml(summary));
  const metrics = metricRows(snapshot);
  if (metrics.length > 0) lines.push('', '## Metrics', '', markdownTable(['Metric', 'Value', 'Target', 'Met'], metrics));
  const actions = readActionsTable(body);
  if (actions.length > 0) {
    lines.push('', '## Actions', '');
    for (const action of actions) {
      const owner = action.owner === '' ? 'no owner yet' : inlineText(action.owner);
      const link = action.ticketUrl !== undefined ? ` — [${inlineText(action.ticket === action.ticketUrl ? 'ticket' : linkText(action.ticket))}](${action.ticketUrl})` : action.ticket !== '' ? ` — ${inlineText(action.ticket)}` : '';
      lines.push(`- ${inlineText(action.action) || '(untitled)'} (${owner})${link}`);
    }
  }
  return { title: `Retrospective: ${name}`, body: lines.join('\n') };
}

/** The "Summary" section's first paragraph, else the first paragraph of any section; shortened to a few sentences. */
function summaryOf(markdown: string): string {
  const tokens = parser.parse(markdown, {});
  let heading = '';
  let first: string | undefined;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token?.type === 'heading_open') heading = (tokens[i + 1]?.content ?? '').trim();
    if (token?.type !== 'paragraph_open') continue;
    const text = (tokens[i + 1]?.content ?? '').trim();
    if (text === '') continue;
    if (/^(summary|tl;?dr)\b/i.test(heading)) return shorten(text);
    first ??= text;
  }
  return first === undefined ? '' : shorten(first);
}

function shorten(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  if (flat.length <= SUMMARY_LIMIT) return flat;
  const cut = flat.slice(0, SUMMARY_LIMIT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SUMMARY_LIMIT - 40))}…`;
}

/** Metrics in the playbook's order: value, target and whether it was met (at or below the target). */
function metricRows(snapshot: RetroSnapshot): string[][] {
  return metricsAgainstValues(snapshot.playbook, snapshot.meta.metrics).map((metric) => [escapeTableCell(metric.title), metric.value ?? 'not filled in', metric.target ?? '—', metric.met === undefined ? '—' : metric.met ? '✓' : '✗']);
}

/** A Markdown link's text, or the cell without its URL. */
function linkText(cell: string): string {
  return /\[([^\]]+)\]\(/.exec(cell)?.[1] ?? (cell.replace(/https?:\/\/\S+/g, '').trim() || 'ticket');
}
