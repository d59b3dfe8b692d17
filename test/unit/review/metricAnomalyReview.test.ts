import assert from 'node:assert/strict';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { METRIC_ANOMALOUS } from '../../../src/core/review/metricChecks';
import { reviewRepository } from '../../../src/core/review/reviewRepository';
import { plusHours, removeRepo, tempRepo, writePlaybook, writeRetrospective, writeRun } from '../reports/fixtures';

const BASE = '2026-01-05T10:00:00Z';
const METRICS = '  - title: Tickets\n    type: integer\n  - title: Time to detect\n    type: duration\n';

/** Runs of the incident playbook with these ticket counts, published in order; the last one as `lastStatus`. */
function repoWith(tickets: number[], lastStatus: 'draft' | 'published' = 'draft'): { dir: string; repo: PlaybooksRepository; ids: string[] } {
  const dir = tempRepo();
  writePlaybook(dir, 'incident', 'Incident', METRICS);
  writePlaybook(dir, 'release', 'Release', METRICS);
  const ids = tickets.map((count, index) => {
    const id = `2026-01-0${index + 1}-incident-${index + 1}`;
    const startedAt = plusHours(BASE, index * 24);
    writeRun(dir, id, { playbook: 'incident', startedAt, endedAt: plusHours(startedAt, 1) });
    const published = index < tickets.length - 1 || lastStatus === 'published';
    writeRetrospective(dir, id, { status: published ? 'published' : 'draft', metrics: { tickets: count, 'time-to-detect': '30m' }, ...(published ? { publishedAt: plusHours(startedAt, 2) } : {}) });
    return id;
  });
  // Another playbook's huge values are not this playbook's history.
  writeRun(dir, 'other-1', { playbook: 'release', startedAt: BASE, endedAt: plusHours(BASE, 1) });
  writeRetrospective(dir, 'other-1', { status: 'published', metrics: { tickets: 41, 'time-to-detect': '30m' }, publishedAt: plusHours(BASE, 2) });
  return { dir, repo: PlaybooksRepository.at(dir), ids };
}

function anomalyNotices(repo: PlaybooksRepository, runId: string): string[] {
  const file = repo.layout.relative(repo.layout.retrospectiveFile(runId));
  return reviewRepository(repo, { files: [file] })
    .findings.filter((finding) => finding.ruleId === METRIC_ANOMALOUS)
    .map((finding) => `${finding.file}:${finding.line} ${finding.severity} ${finding.message} | ${finding.suggestion ?? ''}`);
}

describe('review: a metric that stands out against the playbook\'s published history', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach(removeRepo));

  it('notes it at the metric\'s line, with the reason, for reviewers to look at', () => {
    const { dir, repo, ids } = repoWith([12, 11, 13, 12, 10, 14, 41]);
    dirs.push(dir);
    const draft = ids[6] ?? '';
    const file = repo.layout.relative(repo.layout.retrospectiveFile(draft));
    // Front matter: ---, apiVersion, kind, status, metrics:, tickets on line 6.
    assert.deepEqual(anomalyNotices(repo, draft), [
      `${file}:6 notice metric "Tickets" stands out against the playbook's 6 published values: 41: 3.4× the median of 12 (half the runs within ±1 of it) | reviewers may want to look at it: is the value right, and what made this run different?`,
    ]);
    assert.deepEqual(anomalyNotices(repo, ids[2] ?? ''), [], 'a usual value gets no notice');
    const result = reviewRepository(repo, { files: [file] });
    assert.ok(result.retrospectives[0]?.checks.every((check) => check.passed || check.name !== 'Metrics filled'), 'a notice fails no check');
  });

  it('counts a published retrospective once: its own value is not its history twice', () => {
    const { dir, repo, ids } = repoWith([12, 11, 13, 12, 10, 14, 41], 'published');
    dirs.push(dir);
    assert.equal(anomalyNotices(repo, ids[6] ?? '').length, 1);
    assert.match(anomalyNotices(repo, ids[6] ?? '')[0] ?? '', /against the playbook's 6 published values/);
  });

  it('says nothing with fewer than 5 values, the reviewed one included', () => {
    const { dir, repo, ids } = repoWith([12, 12, 12, 41]);
    dirs.push(dir);
    assert.deepEqual(anomalyNotices(repo, ids[3] ?? ''), []);
  });
});
