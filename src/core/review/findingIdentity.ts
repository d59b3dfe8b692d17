import { createHash } from 'node:crypto';
import type { ReviewFinding, ReviewSeverity } from './reviewTypes';

/** Errors first, then warnings, then notices (the order every format reports in). */
export const SEVERITY_RANK: Record<ReviewSeverity, number> = { error: 0, warning: 1, notice: 2 };

/**
 * The findings most important first, input order kept within a severity. The checks already
 * sort them, but a format that cuts at a limit must not drop an error because of a caller's order.
 */
export function bySeverity(findings: readonly ReviewFinding[]): ReviewFinding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.index - b.index)
    .map(({ finding }) => finding);
}

/** A repository-relative path with forward slashes and no leading `./` or `/`. */
export function repositoryPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/** A 1-based line or column: anything else (0, NaN, 2.5) becomes the nearest valid number. */
export function positiveInteger(value: number | undefined, fallback = 1): number {
  return value !== undefined && Number.isFinite(value) ? Math.max(1, Math.trunc(value)) : fallback;
}

export interface FindingIdentity {
  /** SHA-256 (hex) of the rule, the file and the message: no line, so a moved finding keeps it. */
  hash: string;
  /** 1 for the first finding with this hash in the file (by line and column), 2 for the next… */
  occurrence: number;
}

/**
 * A stable identity per finding, for SARIF `partialFingerprints` and GitLab's `fingerprint`.
 * Two identical findings in one file (the same phrase twice) differ by their occurrence, so the
 * identities stay unique (GitLab shows only the first issue of a fingerprint) and survive lines
 * added above them.
 */
export function findingIdentities(findings: readonly ReviewFinding[]): FindingIdentity[] {
  const hashes = findings.map((finding) =>
    createHash('sha256').update(JSON.stringify([finding.ruleId, repositoryPath(finding.file), finding.message])).digest('hex'),
  );
  const positionOrder = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => a.finding.line - b.finding.line || a.finding.column - b.finding.column || a.index - b.index);
  const seen = new Map<string, number>();
  const occurrences = new Array<number>(findings.length).fill(1);
  for (const { index } of positionOrder) {
    const hash = hashes[index] ?? '';
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    occurrences[index] = occurrence;
  }
  return hashes.map((hash, index) => ({ hash, occurrence: occurrences[index] ?? 1 }));
}

/** The finding's message with its suggestion, for formats that have one text field. */
export function messageWithSuggestion(finding: ReviewFinding, separator: string): string {
  return finding.suggestion ? `${finding.message}${separator}Suggestion: ${finding.suggestion}` : finding.message;
}
