/** A problem found in a file, positioned for an editor (1-based line and column). */
export interface Problem {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  severity: 'error' | 'warning';
  /** A check the schema cannot express (review reports it as rule `semantic`); absent: schema, syntax or file. */
  semantic?: true;
}

export function formatProblem(problem: Problem): string {
  const warning = problem.severity === 'warning' ? 'warning: ' : '';
  return `${problem.file}:${problem.line}:${problem.column}: ${warning}${problem.message}`;
}

/** Converts a 0-based offset in `text` to a 1-based line and column. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
