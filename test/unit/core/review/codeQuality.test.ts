import assert from 'node:assert/strict';
import { codeQualityReport, type CodeQualityIssue } from '../../../../src/core/review/codeQuality';
import type { ReviewResult } from '../../../../src/core/review/reviewTypes';
import { finding, findings, reviewResult } from '../../../helpers/reviewFixtures';

const issuesOf = (result: ReviewResult): CodeQualityIssue[] => JSON.parse(codeQualityReport(result)) as CodeQualityIssue[];

describe('review --format codequality (GitLab Code Quality report)', () => {
  it('is an empty JSON array when there is nothing to report', () => {
    assert.deepEqual(issuesOf(reviewResult()), []);
  });

  it("writes the fields GitLab reads: description with the suggestion, check_name, fingerprint, severity, path and begin line", () => {
    const [issue] = issuesOf(reviewResult({ findings: [finding({ file: './runs\\db outage.md', line: 0 })] }));
    assert.deepEqual(Object.keys(issue ?? {}), ['description', 'check_name', 'fingerprint', 'severity', 'location']);
    assert.equal(issue?.description, `Blame phrasing: ${finding().message} Suggestion: ${finding().suggestion ?? ''}`);
    assert.equal(issue?.check_name, 'blameless/human-error');
    assert.match(issue?.fingerprint ?? '', /^[0-9a-f]{32}$/);
    assert.equal(issue?.severity, 'minor');
    assert.deepEqual(issue?.location, { path: 'runs/db outage.md', lines: { begin: 1 } });
  });

  it('maps error to major, warning to minor, notice to info, most important first', () => {
    const severities = issuesOf(reviewResult({ findings: [...findings(1, 'notice'), ...findings(1, 'warning'), ...findings(1, 'error')] })).map((issue) => issue.severity);
    assert.deepEqual(severities, ['major', 'minor', 'info']);
  });

  it('gives every issue its own fingerprint, even the same phrase twice in one file', () => {
    const twins = [finding({ line: 3 }), finding({ line: 9 }), finding({ line: 9, column: 30 }), ...findings(20, 'error')];
    const fingerprints = issuesOf(reviewResult({ findings: twins })).map((issue) => issue.fingerprint);
    assert.equal(new Set(fingerprints).size, fingerprints.length);
  });

  it('keeps a fingerprint when lines are added above the finding, so GitLab does not call it new', () => {
    const [before] = issuesOf(reviewResult({ findings: [finding({ line: 12 })] }));
    const [after] = issuesOf(reviewResult({ findings: [finding({ line: 30, column: 2 })] }));
    assert.equal(after?.fingerprint, before?.fingerprint);
    const [elsewhere] = issuesOf(reviewResult({ findings: [finding({ file: 'runs/other.md' })] }));
    assert.notEqual(elsewhere?.fingerprint, before?.fingerprint);
  });
});
