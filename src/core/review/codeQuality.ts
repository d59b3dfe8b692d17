import { createHash } from 'node:crypto';
import { bySeverity, findingIdentities, messageWithSuggestion, positiveInteger, repositoryPath } from './findingIdentity';
import type { ReviewResult, ReviewSeverity } from './reviewTypes';

/*
 * GitLab Code Quality report: the subset of the Code Climate issue format GitLab reads
 * (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): a JSON array of
 * issues with `description`, `check_name`, `fingerprint` (unique: GitLab shows one issue per
 * fingerprint), `severity` (info, minor, major, critical or blocker), `location.path` (relative
 * to the repository) and `location.lines.begin`. Other Code Climate fields are ignored by GitLab.
 */
export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/**
 * An error is `major`: it fails the review job, which already blocks the merge; `critical` and
 * `blocker` stay free for what GitLab's own scanners treat as security-grade. A warning is
 * `minor`, a notice `info`.
 */
export const CODE_QUALITY_SEVERITY: Readonly<Record<ReviewSeverity, CodeQualitySeverity>> = {
  error: 'major',
  warning: 'minor',
  notice: 'info',
};

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number } };
}

/** The `codequality` report: one issue per finding, most important first. */
export function codeQualityReport(result: ReviewResult): string {
  const findings = bySeverity(result.findings);
  const identities = findingIdentities(findings);
  const issues: CodeQualityIssue[] = findings.map((finding, index) => {
    const identity = identities[index] ?? { hash: '', occurrence: 1 };
    return {
      description: `${finding.title}: ${messageWithSuggestion(finding, ' ')}`,
      check_name: finding.ruleId,
      // Rule, file and message (no line, so a moved finding keeps it) and which of its twins it is.
      fingerprint: createHash('md5').update(`${identity.hash}:${identity.occurrence}`).digest('hex'),
      severity: CODE_QUALITY_SEVERITY[finding.severity],
      location: { path: repositoryPath(finding.file), lines: { begin: positiveInteger(finding.line) } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
