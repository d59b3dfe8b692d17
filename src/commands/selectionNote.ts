import type { NoteInput } from '../core/runs/runOperations';
import { checkLink } from '../core/runs/links';

/** The summary of a note made from a selection: its first non-empty line, cut to about 120 characters. */
export const SUMMARY_LIMIT = 120;

export interface SelectionInput {
  text: string;
  /** Path relative to the run's repository root ("/" separators), when the file is inside it. */
  relativePath?: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** The commit checked out when the note was taken. */
  commit?: string;
  languageId?: string;
}

export function summaryOf(text: string, limit = SUMMARY_LIMIT): string {
  const first = text.split(/\r?\n/).map((line) => line.trim()).find((line) => line !== '') ?? '';
  if (first.length <= limit) return first;
  return `${first.slice(0, limit - 1).trimEnd()}…`;
}

/** `path:12` or `path:12-14`. */
export function lineLink(relativePath: string, startLine: number, endLine: number): string {
  return endLine > startLine ? `${relativePath}:${startLine}-${endLine}` : `${relativePath}:${startLine}`;
}

/** A fence longer than any backtick run in the text, so code cannot close it early. */
function fence(text: string, language: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language}\n${text}\n${marks}`;
}

const PROSE = new Set(['markdown', 'plaintext', '']);

/**
 * A timeline note from selected text: the first line is the summary, the whole selection the
 * details (code fenced, prose as is), linked to `path:line` and recording the commit.
 */
export function buildSelectionNote(input: SelectionInput): NoteInput {
  const text = input.text.replace(/\s+$/, '');
  const summary = summaryOf(text);
  const candidate = input.relativePath !== undefined ? lineLink(input.relativePath, input.startLine, input.endLine) : undefined;
  const link = candidate !== undefined && checkLink(candidate) === undefined ? candidate : undefined;
  const language = input.languageId ?? '';
  const body = PROSE.has(language) ? text : fence(text, language);
  const where = [link ?? (candidate !== undefined ? `${input.relativePath} lines ${input.startLine}-${input.endLine}` : undefined), input.commit !== undefined ? `at commit ${input.commit}` : undefined]
    .filter((part): part is string => part !== undefined)
    .join(' ');
  return {
    summary,
    details: where === '' ? body : `${body}\n\nFrom ${where}`,
    ...(link !== undefined ? { link } : {}),
    // Recorded already in the details; passed on so that nobody asks git for it again.
    ...(link !== undefined && input.commit !== undefined ? { commit: input.commit } : {}),
  };
}
