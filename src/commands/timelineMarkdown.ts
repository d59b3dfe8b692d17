import type { TimelineEvent } from '../core/model/types';
import { timelineMarkdownTable } from '../core/export/timelineTable';
import { repositoryWeb } from '../core/util/remoteWeb';

/** The run's timeline for a retrospective: the export's table, so both escape (and link) alike. */
export function renderTimelineMarkdown(events: readonly TimelineEvent[], startedAt: string, remoteUrl?: string): string {
  return `${timelineMarkdownTable(events, startedAt, remoteUrl === undefined ? undefined : repositoryWeb(remoteUrl))}\n`;
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
