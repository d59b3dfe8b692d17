import type { RetrospectiveReview, ReviewFinding, ReviewResult, ReviewSeverity } from '../../src/core/review/reviewTypes';

/** A finding as the checks make one; override what the test is about. */
export function finding(overrides: Partial<ReviewFinding> = {}): ReviewFinding {
  return {
    ruleId: 'blameless/human-error',
    severity: 'warning',
    file: 'playbook-runs/2026/db-outage/retrospective.md',
    line: 12,
    column: 5,
    title: 'Blame phrasing',
    message: '"human error" points at a person, not at the system.',
    suggestion: 'Describe what the system allowed, e.g. "the deploy tool accepted an unreviewed change".',
    ...overrides,
  };
}

/** `count` findings of one severity, each on its own line of its own file so they stay distinct. */
export function findings(count: number, severity: ReviewSeverity): ReviewFinding[] {
  return Array.from({ length: count }, (_, index) =>
    finding({ severity, ruleId: `test/${severity}`, file: `runs/${severity}-${index + 1}.md`, line: index + 1, message: `${severity} number ${index + 1}` }),
  );
}

export function retrospective(overrides: Partial<RetrospectiveReview> = {}): RetrospectiveReview {
  return {
    runId: 'db-outage-2026-12-01',
    runName: 'Primary database outage',
    playbook: 'Database incident',
    file: 'playbook-runs/2026/db-outage/retrospective.md',
    status: 'in review',
    metrics: [
      { id: 'ttd', title: 'Time to detect', value: '4m', target: '5m', met: true },
      { id: 'ttr', title: 'Time to resolve', value: '1h30m', target: '1h', met: false },
      { id: 'cost', title: 'Customer credits', target: '€0' },
    ],
    checks: [
      { name: 'Template sections filled', passed: true },
      { name: 'Blameless language', passed: false, detail: '2 findings' },
    ],
    keyEvents: [
      { at: '2026-12-01T09:00:00Z', type: 'started', summary: 'Run started by alice' },
      { at: '2026-12-01T10:30:00Z', type: 'finished', summary: 'Service restored' },
    ],
    ...overrides,
  };
}

export function reviewResult(overrides: Partial<ReviewResult> = {}): ReviewResult {
  return { findings: [], retrospectives: [], scope: { base: 'origin/main', files: ['playbook-runs/2026/db-outage/retrospective.md'] }, ...overrides };
}
