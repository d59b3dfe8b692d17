import type { Problem } from '../core/files/problem';

/** A 0-based range, as editors count (VS Code's Range without the vscode import, so it is testable). */
export interface ZeroBasedRange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

/**
 * Converts a problem's 1-based line/column (and end, when known) to a 0-based range. Problems
 * without an end (parse errors, refused files) cover the rest of their line when its length is
 * known, so the squiggle is visible; otherwise they are empty and the editor marks the word there.
 */
export function problemRange(problem: Problem, lineLength?: (line: number) => number | undefined): ZeroBasedRange {
  const startLine = Math.max(problem.line - 1, 0);
  const startCharacter = Math.max(problem.column - 1, 0);
  let endLine = problem.endLine === undefined ? startLine : Math.max(problem.endLine - 1, 0);
  let endCharacter = problem.endColumn === undefined ? startCharacter : Math.max(problem.endColumn - 1, 0);
  if (endLine < startLine || (endLine === startLine && endCharacter <= startCharacter)) {
    endLine = startLine;
    endCharacter = startCharacter;
    const length = lineLength?.(startLine);
    if (length !== undefined && length > startCharacter) endCharacter = length;
  }
  return { startLine, startCharacter, endLine, endCharacter };
}
