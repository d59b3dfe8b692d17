import type { TimelineEvent } from '../core/model/types';
import { sortEvents } from '../core/runs/timelineFile';
import { formatOffset } from '../views/treeFormat';

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The run's timeline as a Markdown table, oldest first, ready for a retrospective. */
export function renderTimelineMarkdown(events: readonly TimelineEvent[], startedAt: string): string {
  const rows = sortEvents(events).map((event) => {
    const what = event.link !== undefined ? `${cell(event.summary)} (${cell(event.link)})` : cell(event.summary);
    return `| ${utcMinute(event.at)} | ${formatOffset(startedAt, event.at)} | ${cell(event.actor)} | ${what} |`;
  });
  return ['| When | Since start | Who | What |', '|------|-------------|-----|------|', ...rows].join('\n') + '\n';
}

export interface Insertion {
  /** Character offset in the document. */
  offset: number;
  text: string;
}

const TIMELINE_HEADING = /^##\s+Timeline\s*$/im;

/**
 * Where a timeline goes in a retrospective that is not open: at the end of its "## Timeline"
 * section when there is one, else in a new section at the end.
 */
export function planTimelineInsertion(document: string, table: string): Insertion {
  const heading = TIMELINE_HEADING.exec(document);
  if (!heading) {
    const separator = document === '' ? '' : document.endsWith('\n\n') ? '' : document.endsWith('\n') ? '\n' : '\n\n';
    return { offset: document.length, text: `${separator}## Timeline\n\n${table}` };
  }
  const afterHeading = heading.index + heading[0].length;
  const next = /^#{1,2}\s/m.exec(document.slice(afterHeading));
  if (!next) {
    const separator = document.endsWith('\n\n') ? '' : document.endsWith('\n') ? '\n' : '\n\n';
    return { offset: document.length, text: `${separator}${table}` };
  }
  // Insert before the next section, keeping one blank line on each side.
  const offset = afterHeading + next.index;
  const before = document.slice(0, offset);
  const lead = before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  return { offset, text: `${lead}${table}\n` };
}
