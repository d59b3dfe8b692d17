import * as fs from 'node:fs';
import type { Kind } from '../model/types';
import { semanticBesideSchema, validateAgainstSchema, type PathProblem } from '../validation/schemaValidator';
import { splitFrontMatter } from './frontMatter';
import type { Problem } from './problem';
import { MAX_FILE_BYTES, decodeText, oversizeMessage, type DecodedText } from './textChecks';
import { parseYamlFast, parseYamlPrecise, rangeAt } from './yamlText';

/** What reading one file gave: the data when it is usable, and every problem found. */
export interface ReadResult<T> {
  data?: T;
  problems: Problem[];
  /** Markdown below the front matter (retrospectives only). */
  body?: string;
}

/** The data of a read when it has no error (warnings are fine). */
export function usableData<T>(result: ReadResult<T>): T | undefined {
  return result.problems.some((problem) => problem.severity === 'error') ? undefined : result.data;
}

/** The errors of a read; every problem when none is an error (so a refusal always says something). */
export function errorsOf<T>(result: ReadResult<T>): Problem[] {
  const errors = result.problems.filter((problem) => problem.severity === 'error');
  return errors.length > 0 ? errors : result.problems;
}

/** Extra checks that need the parsed data; they report by JSON path, like the schema. */
export type SemanticCheck<T> = (data: T) => PathProblem[];

/** Reads the bytes of a file, refusing huge ones before reading them. */
export function readTextFile(file: string, displayName: string): DecodedText {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    return { problem: { file: displayName, line: 1, column: 1, message: describeIoError(error), severity: 'error' } };
  }
  if (size > MAX_FILE_BYTES) return { problem: { file: displayName, line: 1, column: 1, message: oversizeMessage(size), severity: 'error' } };
  return decodeText(displayName, fs.readFileSync(file));
}

export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'expected a file, found a folder';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parses and validates YAML text of a given kind. The fast parser reads; only when something is
 * wrong is the text parsed again with `yaml` to find where (most files have no problem).
 */
export function readYamlText<T>(kind: Kind, displayName: string, text: string, semantic?: SemanticCheck<T>, lineOffset = 0): ReadResult<T> {
  const parsed = parseYamlFast(displayName, text);
  if ('problems' in parsed) return { problems: shift(parsed.problems, lineOffset) };
  const schemaProblems = validateAgainstSchema(kind, parsed.value);
  const semanticProblems = semanticBesideSchema(kind, parsed.value, schemaProblems, semantic);
  const pathProblems = [...schemaProblems, ...semanticProblems];
  const usable = schemaProblems.length === 0;
  if (pathProblems.length === 0) return { data: parsed.value as T, problems: [] };
  const precise = parseYamlPrecise(displayName, text);
  const problems = pathProblems.map((problem): Problem => {
    const range = precise.document
      ? rangeAt(precise.document, text, problem.path, problem.atKey)
      : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    return { file: displayName, ...range, message: problem.message, severity: problem.severity ?? 'error', ...(semanticProblems.includes(problem) ? { semantic: true as const } : {}) };
  });
  const onlyWarnings = problems.every((problem) => problem.severity === 'warning');
  return { data: usable || onlyWarnings ? (parsed.value as T) : undefined, problems: shift(problems, lineOffset) };
}

/** A Markdown file whose front matter is a document of `kind`. */
export function readFrontMatterText<T>(kind: Kind, displayName: string, text: string, semantic?: SemanticCheck<T>): ReadResult<T> {
  const parts = splitFrontMatter(text);
  if (parts.yaml === undefined) {
    return {
      problems: [{ file: displayName, line: 1, column: 1, message: `missing front matter: the file must start with a "---" block holding the ${kind} fields`, severity: 'error' }],
    };
  }
  const result = readYamlText(kind, displayName, parts.yaml, semantic, parts.yamlLineOffset);
  return { ...result, body: parts.body };
}

function shift(problems: Problem[], lines: number): Problem[] {
  if (lines === 0) return problems;
  return problems.map((problem) => ({
    ...problem,
    line: problem.line + lines,
    ...(problem.endLine !== undefined ? { endLine: problem.endLine + lines } : {}),
  }));
}
