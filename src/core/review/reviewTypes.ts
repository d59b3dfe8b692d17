/**
 * What `git-playbooks review` finds and reports: the checks (src/core/review/*) produce it, the
 * formats (reviewFormats.ts: text, json, github, sarif, codequality) print it, and the editor's
 * Problems panel shows the same findings. Types only.
 */

export type ReviewSeverity = 'error' | 'warning' | 'notice';

/** One finding, positioned in a file (1-based line and column, as editors and GitHub count). */
export interface ReviewFinding {
  /** Stable rule id, e.g. `template-section-unfilled`, `blameless/human-error`, `equality/he-she`. */
  ruleId: string;
  severity: ReviewSeverity;
  /** Path relative to the repository's top level, with forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** A few words, e.g. "Blame phrasing" (GitHub shows it as the annotation's title). */
  title: string;
  /** One sentence saying what is wrong here. */
  message: string;
  /** Neutral wording or the fix, when there is one. */
  suggestion?: string;
}

/** A metric of a retrospective against its playbook's target, formatted for people. */
export interface MetricAgainstTarget {
  id: string;
  title: string;
  /** Formatted value (`1h30m`, `12`, `€1,200`), undefined when not filled in. */
  value?: string;
  target?: string;
  /** Whether the value meets the target (at or below it); undefined without a value or target. */
  met?: boolean;
}

export interface ReviewCheck {
  /** e.g. "Template sections filled", "Metrics filled", "Blameless language". */
  name: string;
  passed: boolean;
  /** How many findings it made, or why it passed/failed, in a few words. */
  detail?: string;
}

export interface TimelineHighlight {
  at: string;
  type: string;
  summary: string;
}

/** What a reviewer wants to know about one retrospective the change touches. */
export interface RetrospectiveReview {
  runId: string;
  runName: string;
  playbook: string;
  /** The retrospective file, repository-relative. */
  file: string;
  status: string;
  metrics: MetricAgainstTarget[];
  checks: ReviewCheck[];
  /** Started, owner changes, status updates, finished, published… oldest first. */
  keyEvents: TimelineHighlight[];
}

export interface ReviewResult {
  /** Most important first: errors, then warnings, then notices; by file and line within each. */
  findings: ReviewFinding[];
  retrospectives: RetrospectiveReview[];
  /** What was checked: the base compared against (undefined: everything) and the files in scope. */
  scope: { base?: string; files: string[] };
}

/** `language:` in the repository's review configuration (docs/review.md). */
export interface LanguageConfig {
  /** Default true. */
  enabled: boolean;
  /** Severity of language findings (default warning). */
  severity: ReviewSeverity;
  /** Phrases added to the built-in blame and hindsight rules, with the neutral wording to suggest. */
  extraPhrases: Array<{ phrase: string; suggestion?: string }>;
  /** Phrases or rule ids never reported (e.g. "should have", "equality/he-she"). */
  allow: string[];
}

export const DEFAULT_LANGUAGE_CONFIG: LanguageConfig = { enabled: true, severity: 'warning', extraPhrases: [], allow: [] };
