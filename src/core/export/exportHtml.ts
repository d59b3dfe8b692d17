import MarkdownIt from 'markdown-it';
import { linkWebUrl, parseLink } from '../runs/links';
import type { RepositoryWeb } from '../util/remoteWeb';
import {
  RETRO_STATUS_LABELS,
  RUN_STATUS_LABELS,
  formatExportTime,
  formatRunDuration,
  type ExportChecklistItem,
  type ExportEvent,
  type ExportRetrospective,
  type RunExport,
} from './runExportModel';
import { eventTypeLabel } from '../format/eventTypes';
import { formatSinceStart, formatSinceStartAt } from '../format/sinceStart';
import { TASK_STATE_LABELS } from '../model/types';

/**
 * The report is opened from disk, mailed and attached to tickets, so it must be inert: no scripts, no
 * external resources (the CSP forbids both even if a bug let markup through), every user string escaped.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function exportRunHtml(model: RunExport, web?: RepositoryWeb): string {
  const { run } = model;
  const playbook = run.playbook.title ?? run.playbook.id;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="git-playbooks">
<title>${escapeHtml(run.name)} · run report</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header class="page">
<p class="eyebrow">Playbook run · ${escapeHtml(playbook)}</p>
<h1>${escapeHtml(run.name)}</h1>
<p><span class="badge ${run.status}">${RUN_STATUS_LABELS[run.status]}</span></p>
</header>
${summary(model)}
${statusUpdates(model)}
${checklists(model)}
${timeline(model, web)}
${model.retrospective ? retrospective(model.retrospective) : ''}
</main>
</body>
</html>
`;
}

function summary({ run }: RunExport): string {
  const rows: Array<[string, string]> = [
    ['Run', `<code>${escapeHtml(run.id)}</code>`],
    ['Playbook', `${escapeHtml(run.playbook.title ?? '')} <code>${escapeHtml(run.playbook.id)}</code>`],
    ['Owner', escapeHtml(run.owner)],
    ['Participants', run.participants.length > 0 ? run.participants.map(escapeHtml).join(', ') : '—'],
    ['Started', time(run.startedAt)],
  ];
  if (run.endedAt !== undefined) rows.push(['Ended', time(run.endedAt)], ['Duration', escapeHtml(formatRunDuration(run))]);
  const items = rows.map(([term, value]) => `<div><dt>${term}</dt><dd>${value}</dd></div>`).join('\n');
  return `<section id="summary">\n<h2>Summary</h2>\n<dl class="summary">\n${items}\n</dl>\n</section>`;
}

function statusUpdates(model: RunExport): string {
  const updates = model.statusUpdates.map(
    (update) => `<article class="update">
<header>${time(update.at)} · <strong>${escapeHtml(update.author)}</strong> <span class="muted">${formatSinceStartAt(model.run.startedAt, update.at)}</span></header>
<div class="md">${renderMarkdown(update.message)}</div>
</article>`,
  );
  return section('status-updates', 'Status updates', updates.length > 0 ? updates.join('\n') : empty('No status updates.'));
}

function checklists(model: RunExport): string {
  const lists = model.checklists.map((checklist) => {
    const done = checklist.items.filter((item) => item.state === 'closed' || item.state === 'skipped').length;
    const items = checklist.items.map(task).join('\n');
    return `<h3>${escapeHtml(checklist.title)} <span class="muted">${done}/${checklist.items.length}</span></h3>
${checklist.items.length > 0 ? `<ul class="tasks">\n${items}\n</ul>` : empty('No tasks.')}`;
  });
  return section('checklists', 'Checklists', lists.length > 0 ? lists.join('\n') : empty('No checklists.'));
}

const TASK_BOX: Readonly<Record<ExportChecklistItem['state'], string>> = { open: '☐', in_progress: '◐', closed: '☑', skipped: '☒' };

function task(item: ExportChecklistItem): string {
  const title = item.state === 'skipped' ? `<del>${escapeHtml(item.title)}</del> <span class="muted">(skipped)</span>` : escapeHtml(item.title);
  const meta: string[] = [];
  if (item.state === 'in_progress') meta.push(TASK_STATE_LABELS.in_progress);
  if (item.assignee !== undefined) meta.push(escapeHtml(item.assignee));
  if (item.due !== undefined) meta.push(`due ${time(item.due)}`);
  const tail = meta.length > 0 ? ` <span class="muted">— ${meta.join(' · ')}</span>` : '';
  const label = TASK_STATE_LABELS[item.state];
  return `<li class="task ${item.state}"><span class="box" role="img" aria-label="${label}">${TASK_BOX[item.state]}</span> ${title}${tail}</li>`;
}

function timeline(model: RunExport, web: RepositoryWeb | undefined): string {
  if (model.timeline.length === 0) return section('timeline', 'Timeline', empty('No events.'));
  const rows = model.timeline.map((event) => eventRow(event, web)).join('\n');
  return section(
    'timeline',
    'Timeline',
    `<table class="timeline">
<thead><tr><th>Time</th><th>Since start</th><th class="type">Type</th><th>Actor</th><th>Event</th><th>Link</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  );
}

function eventRow(event: ExportEvent, web: RepositoryWeb | undefined): string {
  // A status update's details repeat the message already shown above; its first line, as Markdown, is enough here.
  const update = event.type === 'status_updated';
  const details = event.details !== undefined && !update ? `<div class="md details">${renderMarkdown(event.details)}</div>` : '';
  const summary = update ? markdown.renderInline(event.summary) : multiline(event.summary);
  return `<tr class="${event.type}"><td class="when">${time(event.at)}</td><td class="nowrap">${formatSinceStart(event.sinceStartMs)}</td><td class="type">${eventTypeLabel(event.type)}</td><td>${escapeHtml(event.actor)}</td><td>${summary}${details}</td><td>${event.link === undefined ? '' : link(event.link, linkWebUrl(event.link, event.details, web))}</td></tr>`;
}

function retrospective(retro: ExportRetrospective): string {
  const parts = [`<p><span class="badge ${retro.status}">${RETRO_STATUS_LABELS[retro.status]}</span> ${retroStatus(retro)}</p>`];
  if (retro.metrics.length > 0) {
    const rows = retro.metrics
      .map((metric) => `<tr><td>${escapeHtml(metric.title)}</td><td class="num">${escapeHtml(metric.formattedValue ?? '—')}</td><td class="num">${escapeHtml(metric.target ?? '')}</td></tr>`)
      .join('\n');
    parts.push(`<table class="metrics">\n<thead><tr><th>Metric</th><th>Value</th><th>Target</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`);
  }
  if (retro.body.trim() !== '') parts.push(`<div class="md report">${renderMarkdown(retro.body, 3)}</div>`);
  return section('retrospective', 'Retrospective', parts.join('\n'));
}

function retroStatus(retro: ExportRetrospective): string {
  if (retro.status === 'published') {
    return [retro.publishedAt && time(retro.publishedAt), retro.publishedBy && `by ${escapeHtml(retro.publishedBy)}`].filter(Boolean).join(' ');
  }
  if (retro.status === 'skipped') {
    const when = [retro.skippedAt && time(retro.skippedAt), retro.skippedBy && `by ${escapeHtml(retro.skippedBy)}`].filter(Boolean).join(' ');
    return `${when}${retro.skipReason === undefined ? '' : `: ${multiline(retro.skipReason)}`}`;
  }
  return '<span class="muted">not yet published</span>';
}

function section(id: string, title: string, content: string): string {
  return `<section id="${id}">\n<h2>${title}</h2>\n${content}\n</section>`;
}

function empty(text: string): string {
  return `<p class="muted"><em>${text}</em></p>`;
}

function time(iso: string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatExportTime(iso))}</time>`;
}

/** Web links become anchors; commits and repository paths too when the remote's web pages are known. */
function link(text: string, webUrl: string | undefined): string {
  const parsed = parseLink(text);
  if (parsed.kind === 'url') return `<a href="${escapeHtml(parsed.url)}" rel="noopener noreferrer">${escapeHtml(shortUrl(parsed.url))}</a>`;
  const label = parsed.kind === 'commit' ? `<code title="${escapeHtml(parsed.sha)}">${escapeHtml(parsed.sha.slice(0, 12))}</code>` : `<code>${escapeHtml(text.trim())}</code>`;
  return webUrl === undefined ? label : `<a href="${escapeHtml(webUrl)}" rel="noopener noreferrer">${label}</a>`;
}

function shortUrl(url: string): string {
  const bare = url.replace(/^https?:\/\//i, '');
  return bare.length > 48 ? `${bare.slice(0, 47)}…` : bare;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/** Plain text whose line breaks matter (summaries may hold several lines). */
function multiline(text: string): string {
  return escapeHtml(text).replace(/\r\n?|\n/g, '<br>');
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const markdown = createMarkdown();

/**
 * User Markdown to HTML: raw HTML shown as text, links only to web and mail, remote images as links.
 * Headings are shifted so the highest is `<h{top}>` and the report's outline stays ours.
 */
export function renderMarkdown(text: string, top = 4): string {
  const env = {};
  const tokens = markdown.parse(text, env);
  const headings = tokens.filter((token) => token.type === 'heading_open' || token.type === 'heading_close');
  const shift = headings.length > 0 ? top - Math.min(...headings.map((token) => Number(token.tag.slice(1)))) : 0;
  if (shift > 0) for (const token of headings) token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + shift)}`;
  return markdown.renderer.render(tokens, markdown.options, env);
}

function createMarkdown(): MarkdownIt.MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true });
  // Keep markdown-it's check (it refuses javascript:, vbscript:, file: and non-image data:) and narrow it further.
  const builtIn = md.validateLink.bind(md);
  md.validateLink = (url: string): boolean => builtIn(url) && /^(?:https?:|mailto:|data:image\/)/i.test(url.trim());
  const defaultImage = md.renderer.rules.image;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const src = String(token?.attrGet('src') ?? '');
    if (token && defaultImage && /^data:image\//i.test(src)) return defaultImage(tokens, idx, options, env, self);
    // A remote image would be a tracking pixel (and the CSP blocks it anyway): offer it as a link.
    const alt = token?.children ? self.renderInlineAsText(token.children, options, env) : '';
    return `<a href="${escapeHtml(src)}" rel="noopener noreferrer">${escapeHtml(alt || src)}</a>`;
  };
  // Task lists (`- [ ] action`), common in retrospectives, as glyphs: markdown-it core has no task lists.
  md.core.ruler.push('task_list_glyphs', (state) => {
    state.tokens.forEach((token, index) => {
      if (token.type !== 'inline' || state.tokens[index - 2]?.type !== 'list_item_open') return;
      const first = token.children?.[0];
      const box = first?.type === 'text' ? /^\[([ xX])\]\s+/.exec(first.content) : null;
      if (first && box) first.content = `${box[1] === ' ' ? '☐' : '☑'} ${first.content.slice(box[0].length)}`;
    });
  });
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    tokens[idx]?.attrSet('rel', 'noopener noreferrer');
    return self.renderToken(tokens, idx, options);
  };
  return md;
}

const STYLE = `
:root { --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --border: #d1d9e0; --accent: #0969da;
  --ok: #1a7f37; --warn: #9a6700; color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --border: #3d444d; --accent: #4493f8;
    --ok: #3fb950; --warn: #d29922; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.9rem; margin: 0.2rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; border-bottom: 1px solid var(--border); padding-bottom: 0.3rem; margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.5rem; }
a { color: var(--accent); }
code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: var(--panel); padding: 0.75rem; border-radius: 6px; overflow-x: auto; }
pre code { padding: 0; }
blockquote { margin: 0; padding-left: 1rem; border-left: 3px solid var(--border); color: var(--muted); }
.eyebrow, .muted { color: var(--muted); }
.eyebrow { margin: 0; font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.04em; }
.badge { display: inline-block; padding: 0.1rem 0.6rem; border-radius: 999px; font-size: 0.8rem; font-weight: 600; border: 1px solid currentColor; }
.badge.finished, .badge.published { color: var(--ok); }
.badge.in_progress, .badge.draft { color: var(--warn); }
.badge.skipped { color: var(--muted); }
dl.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.75rem 1.5rem; }
dl.summary dt { color: var(--muted); font-size: 0.85rem; }
dl.summary dd { margin: 0; overflow-wrap: anywhere; }
.update { border: 1px solid var(--border); border-radius: 8px; padding: 0.75rem 1rem; margin: 0.75rem 0; background: var(--panel); }
.update > header { font-size: 0.9rem; }
.md > :first-child { margin-top: 0.4rem; }
.md > :last-child { margin-bottom: 0; }
ul.tasks { list-style: none; padding-left: 0; }
.task { padding: 0.2rem 0; }
.task .box { display: inline-block; width: 1.3em; }
.task.closed .box { color: var(--ok); }
.task.skipped { color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { border-bottom: 1px solid var(--border); padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--panel); }
td.num { font-variant-numeric: tabular-nums; }
.nowrap { white-space: nowrap; }
/* Headings, times and event types wrap between words, never inside one ("Run starte|d"). */
.timeline th, .when, .type { overflow-wrap: normal; word-break: keep-all; hyphens: manual; }
@media (min-width: 48rem) { .when { white-space: nowrap; } }
.details { color: var(--muted); font-size: 0.9em; }
@page { margin: 1.5cm; }
@media print {
  :root { --fg: #000; --muted: #444; --bg: #fff; --panel: #f3f3f3; --border: #bbb; --accent: #000; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  tr, .update, .task { break-inside: avoid; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; overflow-wrap: anywhere; }
}
`;
