import MarkdownIt from 'markdown-it';
import {
  RETRO_STATUS_LABELS,
  RUN_STATUS_LABELS,
  formatExportTime,
  formatRunDuration,
  type ExportChecklistItem,
  type ExportRetrospective,
  type RunExport,
} from './runExportModel';
import { formatSinceStartAt } from '../format/sinceStart';
import { TASK_STATE_LABELS } from '../model/types';
import { codeText, escapeTableCell, inlineText, markdownTable, neutralizeHtml } from './markdownText';
import { timelineMarkdownTable } from './timelineTable';
import type { RepositoryWeb } from '../util/remoteWeb';

/**
 * A Markdown report of a run, readable as plain text and on a git host. User Markdown (status updates,
 * the retrospective) keeps its formatting but not its raw HTML; plain-text fields are escaped where they
 * could break the layout.
 */
export function exportRunMarkdown(model: RunExport, web?: RepositoryWeb): string {
  const sections = [
    `# ${inline(model.run.name)}`,
    summaryTable(model),
    statusUpdates(model),
    checklists(model),
    timeline(model, web),
    ...(model.retrospective ? [retrospective(model.retrospective)] : []),
  ];
  return `${sections.join('\n\n')}\n`;
}

function summaryTable({ run }: RunExport): string {
  const playbook = run.playbook.title === undefined ? code(run.playbook.id) : `${cell(run.playbook.title)} (${code(run.playbook.id)})`;
  const rows: Array<[string, string]> = [
    ['Run', code(run.id)],
    ['Playbook', playbook],
    ['Status', RUN_STATUS_LABELS[run.status]],
    ['Owner', cell(run.owner)],
    ['Participants', run.participants.length > 0 ? run.participants.map(cell).join(', ') : '—'],
    ['Started', formatExportTime(run.startedAt)],
  ];
  if (run.endedAt !== undefined) rows.push(['Ended', formatExportTime(run.endedAt)], ['Duration', formatRunDuration(run)]);
  return table(['Field', 'Value'], rows);
}

function statusUpdates(model: RunExport): string {
  const lines = ['## Status updates'];
  if (model.statusUpdates.length === 0) lines.push('', '_No status updates._');
  for (const update of model.statusUpdates) {
    const since = formatSinceStartAt(model.run.startedAt, update.at);
    lines.push('', `### ${formatExportTime(update.at)} · ${inline(update.author)} (${since})`, '', blockquote(neutralizeHtml(nestHeadings(update.message, 4))));
  }
  return lines.join('\n');
}

function checklists(model: RunExport): string {
  const lines = ['## Checklists'];
  if (model.checklists.length === 0) lines.push('', '_No checklists._');
  for (const checklist of model.checklists) {
    lines.push('', `### ${inline(checklist.title)}`, '');
    if (checklist.items.length === 0) lines.push('_No tasks._');
    lines.push(...checklist.items.map(taskLine));
  }
  return lines.join('\n');
}

function taskLine(item: ExportChecklistItem): string {
  const title = inline(item.title);
  const extras: string[] = [];
  if (item.assignee !== undefined) extras.push(inline(item.assignee));
  if (item.due !== undefined) extras.push(`due ${formatExportTime(item.due)}`);
  const tail = extras.length > 0 ? ` — ${extras.join(' · ')}` : '';
  switch (item.state) {
    case 'closed':
      return `- [x] ${title}${tail}`;
    case 'skipped':
      return `- [ ] ~~${title}~~ (skipped)${tail}`;
    case 'in_progress':
      return `- [ ] ${title} (${TASK_STATE_LABELS.in_progress.toLowerCase()})${tail}`;
    case 'open':
      return `- [ ] ${title}${tail}`;
  }
}

function timeline(model: RunExport, web: RepositoryWeb | undefined): string {
  if (model.timeline.length === 0) return '## Timeline\n\n_No events._';
  return `## Timeline\n\n${timelineMarkdownTable(model.timeline, model.run.startedAt, web)}`;
}

function retrospective(retro: ExportRetrospective): string {
  const lines = ['## Retrospective', '', retroStatusLine(retro)];
  if (retro.metrics.length > 0) {
    const rows = retro.metrics.map((metric) => [cell(metric.title), metric.formattedValue === undefined ? '—' : cell(metric.formattedValue), cell(metric.target ?? '')]);
    lines.push('', table(['Metric', 'Value', 'Target'], rows));
  }
  const body = neutralizeHtml(nestHeadings(retro.body, 3)).trim();
  if (body !== '') lines.push('', body);
  return lines.join('\n');
}

function retroStatusLine(retro: ExportRetrospective): string {
  const label = `**${RETRO_STATUS_LABELS[retro.status]}**`;
  if (retro.status === 'published') {
    const at = retro.publishedAt === undefined ? '' : ` ${formatExportTime(retro.publishedAt)}`;
    const by = retro.publishedBy === undefined ? '' : ` by ${inline(retro.publishedBy)}`;
    return `${label}${at}${by}.`;
  }
  if (retro.status === 'skipped') {
    const at = retro.skippedAt === undefined ? '' : ` ${formatExportTime(retro.skippedAt)}`;
    const by = retro.skippedBy === undefined ? '' : ` by ${inline(retro.skippedBy)}`;
    const reason = retro.skipReason === undefined ? '' : `: ${inline(retro.skipReason)}`;
    return `${label}${at}${by}${reason}`;
  }
  return `${label} — not yet published.`;
}

const cell = escapeTableCell;
const inline = inlineText;
const code = codeText;
const table = markdownTable;

function blockquote(markdown: string): string {
  return markdown
    .trim()
    .split(/\r\n?|\n/)
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

const parser = new MarkdownIt({ html: false });

/**
 * Shifts the headings of user Markdown so its top level is `top`: a report's `## Summary` must sit
 * under our `## Retrospective`, not beside it. Headings are found by parsing, so code blocks are left alone.
 */
export function nestHeadings(markdown: string, top: number): string {
  const headings = parser.parse(markdown, {}).filter((token) => token.type === 'heading_open' && token.level === 0 && token.map);
  const levels = headings.map((token) => Number(token.tag.slice(1)));
  const shift = levels.length > 0 ? top - Math.min(...levels) : 0;
  if (shift <= 0) return markdown;
  const lines = markdown.split('\n');
  // Last first, so that merging a setext heading's lines does not move the ones still to do.
  for (const token of [...headings].reverse()) {
    const [start, end] = token.map ?? [0, 0];
    const hashes = '#'.repeat(Math.min(6, Number(token.tag.slice(1)) + shift));
    if (token.markup.startsWith('#')) {
      lines[start] = (lines[start] ?? '').replace(/^ {0,3}#+/, hashes);
    } else {
      // Setext (`Title` over `===`): one ATX line instead of the text and its underline.
      const text = lines.slice(start, end - 1).map((line) => line.trim()).join(' ');
      lines.splice(start, end - start, `${hashes} ${text}`);
    }
  }
  return lines.join('\n');
}
