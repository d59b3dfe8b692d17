import assert from 'node:assert/strict';
import { cliOk } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { git, tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { plusHours, writeRetrospective, writeRun, writeTimeline } from '../../unit/reports/fixtures';

const BASE = '2026-09-01T08:00:00Z';
/** Tickets of the 15 runs, in publication order: the 11th is the planted outlier. */
const TICKETS = [12, 11, 13, 12, 10, 14, 12, 11, 13, 12, 41, 12, 11, 13, 12];
const OUTLIER = 10;
const runId = (index: number): string => `2026-09-${String(index + 1).padStart(2, '0')}-db-down-${index + 1}`;

interface Flagged {
  run: string;
  value: number;
  reason: string;
}
interface JsonMetric {
  id: string;
  anomalies: Flagged[];
  targetMet: { met: number; of: number } | null;
  trend: string | null;
  suggestedTarget: { value: number; basis: string } | null;
}
interface JsonReport {
  metrics: JsonMetric[];
  timings: Record<string, { anomalies: Flagged[] }>;
}

describe('CLI report: anomalies and targets over 15 published runs', function () {
  this.timeout(60_000);
  let root: string;
  const env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: '2026-10-01T00:00:00Z' };

  before(async () => {
    root = tempGitRepo();
    await cliOk(root, ['init'], env);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    TICKETS.forEach((tickets, index) => {
      const startedAt = plusHours(BASE, index * 24);
      // Steady everything else: 30–38 minutes to mitigate, USD 100–130, 60–70 minutes to resolve, a first update after 10–12.
      writeRun(root, runId(index), { playbook: 'db-incident', name: `DB down ${index + 1}`, startedAt, endedAt: plusHours(startedAt, 1 + (index % 3) / 12) });
      writeTimeline(root, runId(index), [
        { at: startedAt, type: 'run_started', summary: 'Run started' },
        { at: plusHours(startedAt, (10 + (index % 3)) / 60), details: 'Failing over.' },
      ]);
      writeRetrospective(root, runId(index), {
        status: 'published',
        metrics: { 'time-to-mitigate': `${30 + (index % 5) * 2}m`, tickets, credits: 100 + (index % 4) * 10 },
        publishedAt: plusHours(startedAt, 3),
      });
    });
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'fifteen incidents']);
    await cliOk(root, ['validate'], env);
  });

  it('json flags exactly the planted run, with the reason, and measures the targets', async () => {
    const report = JSON.parse((await cliOk(root, ['report', 'db-incident', '--format', 'json'], env)).stdout) as JsonReport;
    const flagged = [...report.metrics.flatMap((metric) => metric.anomalies.map((item) => ({ metric: metric.id, ...item }))), ...Object.values(report.timings).flatMap((timing) => timing.anomalies)];
    assert.deepEqual(flagged, [{ metric: 'tickets', run: runId(OUTLIER), value: 41, reason: '41: 3.4× the median of 12 (half the runs within ±1 of it)' }]);
    const tickets = report.metrics.find((metric) => metric.id === 'tickets');
    assert.deepEqual(tickets?.targetMet, { met: 0, of: 10 }, 'target 10; the last 10 are 11 or more');
    assert.equal(tickets?.trend, 'steady', 'median 12 before and after');
    assert.equal(tickets?.suggestedTarget?.value, 13, 'met by none: the 75th percentile of the 15 values');
    const mitigate = report.metrics.find((metric) => metric.id === 'time-to-mitigate');
    assert.deepEqual(mitigate?.targetMet, { met: 10, of: 10 }, 'target 1h, every run under 40m');
    assert.equal(mitigate?.suggestedTarget?.value, 36 * 60_000, 'met by all: a tighter target');
    const credits = report.metrics.find((metric) => metric.id === 'credits');
    assert.equal(credits?.targetMet, null, 'no target');
    assert.match(credits?.suggestedTarget?.basis ?? '', /there is no target yet$/);
  });

  it('--anomalies lists only the flagged run, in text and json', async () => {
    const text = (await cliOk(root, ['report', 'db-incident', '--anomalies'], env)).stdout;
    assert.deepEqual(text.split('\n'), [`DB down 11 (${runId(OUTLIER)})  Tickets  41: 3.4× the median of 12 (half the runs within ±1 of it)`]);
    const json = JSON.parse((await cliOk(root, ['report', 'db-incident', '--anomalies', '--format', 'json'], env)).stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(json, [{ run: runId(OUTLIER), runName: 'DB down 11', measure: 'tickets', title: 'Tickets', value: 41, reason: '41: 3.4× the median of 12 (half the runs within ±1 of it)' }]);
  });

  it('the table says how often each target is met, the trend and the suggestion; csv flags the run', async () => {
    const table = (await cliOk(root, ['report', 'db-incident'], env)).stdout;
    assert.match(table, /^Tickets: target met in 0 of the last 10; trend: steady; suggested target 13 \(75th percentile of the last 15 runs/m);
    assert.match(table, /^Flagged runs \(outliers against the playbook's history\):\n {2}DB down 11 \(2026-09-11-db-down-11\) {2}Tickets {2}41: 3\.4× the median of 12/m);
    // Printing drops the document's last \n; its \r stays.
    const csv = (await cliOk(root, ['report', 'db-incident', '--format', 'csv'], env)).stdout.split('\r\n').map((row) => row.replace(/\r$/, ''));
    assert.ok(csv[0]?.endsWith(',Flagged'));
    const flaggedRows = csv.slice(1).filter((row) => row !== '' && !row.endsWith(','));
    assert.deepEqual(flaggedRows.map((row) => row.split(',')[0]), [runId(OUTLIER)]);
    assert.ok(flaggedRows[0]?.endsWith('Tickets: 41: 3.4× the median of 12 (half the runs within ±1 of it)'));
  });
});
