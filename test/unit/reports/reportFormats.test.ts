import assert from 'node:assert/strict';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { buildPlaybookReport, type PlaybookReport } from '../../../src/core/reports/playbookReport';
import { csvField as csvCell } from '../../../src/core/util/csv';
import { formatReportCsv, formatReportJson, formatReportMarkdown, formatReportTable } from '../../../src/core/reports/reportFormats';
import { plusHours, removeRepo, tempRepo, writePlaybook, writeRetrospective, writeRun } from './fixtures';

const BASE = '2024-07-01T08:00:00.000Z';
const METRICS = `  - id: rollout-time
    title: Rollout time
    type: duration
    target: 1h
  - title: Cost
    type: currency
    unit: EUR
    target: 200
`;
const EVIL = '=HYPERLINK("http://evil.example","x")';

/** Minimal RFC 4180 reader, to check that what we write reads back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    const nextChar = text[i + 1];
    if (quoted && char === '"' && nextChar === '"') {
      cell += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && char === '\r' && nextChar === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += char;
    }
  }
  return rows;
}

describe('report formats', () => {
  let dir: string;
  let report: PlaybookReport;

  before(() => {
    dir = tempRepo();
    writePlaybook(dir, 'deploy', 'Production deploy', METRICS);
    const runs: Array<[string, string, string, number]> = [
      ['d-1', 'Deploy, "big" one', '1h 30m', 250.5],
      ['d-2', EVIL, '45m', 180],
      ['d-3', '-rollback | hotfix', '00:01:00', 200],
    ];
    runs.forEach(([id, name, rollout, cost], index) => {
      const startedAt = plusHours(BASE, index * 24);
      writeRun(dir, id, { playbook: 'deploy', name, startedAt, endedAt: plusHours(startedAt, index + 2) });
      writeRetrospective(dir, id, { status: 'published', metrics: { 'rollout-time': rollout, cost }, publishedAt: plusHours(startedAt, 5) });
    });
    writeRun(dir, 'd-4', { playbook: 'deploy', name: 'Draft deploy', startedAt: BASE, endedAt: plusHours(BASE, 1) });
    writeRetrospective(dir, 'd-4', { status: 'draft', metrics: { 'rollout-time': '9h', cost: null } });
    report = buildPlaybookReport(PlaybooksRepository.at(dir), 'deploy', { now: new Date('2024-08-01T00:00:00Z') });
  });

  after(() => removeRepo(dir));

  describe('CSV', () => {
    it('writes one row per published run with values and diffs as numbers', () => {
      const csv = formatReportCsv(report);
      assert.ok(csv.endsWith('\r\n'));
      const rows = parseCsv(csv);
      assert.deepEqual(rows[0], [
        'Run',
        'Run name',
        'Published at',
        'Rollout time (minutes)',
        'Rollout time diff from target (minutes)',
        'Cost (EUR)',
        'Cost diff from target (EUR)',
        'Open actions',
        'Overdue actions',
        'Closed actions',
        'Flagged',
      ]);
      assert.equal(rows.length, 4, 'header and three published runs; the draft is left out');
      assert.deepEqual(rows[1], ['d-1', 'Deploy, "big" one', plusHours(BASE, 5), '90', '30', '250.5', '50.5', '0', '0', '0', '']);
      assert.deepEqual(rows[2]?.slice(3), ['45', '-15', '180', '-20', '0', '0', '0', ''], 'negative diffs stay plain numbers');
      assert.deepEqual(rows[3]?.slice(3), ['60', '0', '200', '0', '0', '0', '0', ''], 'three runs are too few to flag any');
    });

    it('quotes per RFC 4180 and defuses cells a spreadsheet would run as formulas', () => {
      const csv = formatReportCsv(report);
      assert.ok(csv.includes('d-1,"Deploy, ""big"" one",'));
      assert.ok(csv.includes(`d-2,"'=HYPERLINK(""http://evil.example"",""x"")",`));
      const rows = parseCsv(csv);
      assert.equal(rows[2]?.[1], `'${EVIL}`);
      assert.equal(rows[3]?.[1], "'-rollback | hotfix");
      assert.equal(csvCell('-15'), '-15');
      assert.equal(csvCell('-1.5'), '-1.5');
      assert.equal(csvCell('-1e5'), "'-1e5");
      assert.equal(csvCell('+1'), "'+1");
      assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
      assert.equal(csvCell('\tcmd'), "'\tcmd");
      assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    });
  });

  describe('table', () => {
    it('shows the summary with durations and amounts formatted', () => {
      const table = formatReportTable(report);
      const rollout = table.split('\n').find((line) => line.startsWith('Rollout time '));
      // Average of 90, 45 and 60 minutes is 65 minutes.
      assert.match(rollout ?? '', /^Rollout time\s+1h\s+1h 5m\s+1h\s+1h 5m\s+–\s+45m – 1h 30m\s+3$/);
      assert.match(table, /Cost\s+EUR 200\.00\s+EUR 210\.17\s+EUR 200\.00/);
      assert.match(table, /Runs: 4 \(0 in progress, 4 finished\)\. Retrospectives: 3 published, 0 skipped, 1 due\./);
    });

    it('shows each run with its difference from target, and the timings', () => {
      const table = formatReportTable(report);
      assert.match(table, /Deploy, "big" one \(d-1\)\s+2024-07-01\s+1h 30m \(\+30m\)\s+EUR 250\.50 \(\+EUR 50\.50\)/);
      assert.match(table, /45m \(-15m\)\s+EUR 180\.00 \(-EUR 20\.00\)/);
      assert.match(table, /1h \(±0\)/);
      // Resolution: 2h, 3h, 4h and the draft's 1h; mean 2h 30m.
      assert.match(table, /Time to resolution\s+2h 30m\s+2h 30m\s+1h – 4h\s+4/);
      assert.match(table, /Time to first status update\s+–\s+–\s+–\s+0/);
    });
  });

  describe('Markdown', () => {
    it('writes a card per metric and a per-run table with escaped names', () => {
      const markdown = formatReportMarkdown(report);
      assert.match(markdown, /^# Production deploy: metrics$/m);
      assert.match(markdown, /^## Rollout time\n\n\| {2}\| Value \|\n\| --- \| --- \|\n\| Average \| 1h 5m \|$/m);
      assert.match(markdown, /^\| Change vs the up to 10 runs before \| – \|$/m);
      assert.match(markdown, /^\| Target \| EUR 200\.00 \|$/m);
      assert.match(markdown, /^\| -rollback \\\| hotfix \(d-3\) \| 2024-07-03 \| 1h \(±0\) \| EUR 200\.00 \(±0\) \|$/m);
      assert.ok(markdown.includes('=HYPERLINK("http://evil.example","x") (d-2)'));
    });
  });

  describe('JSON', () => {
    it('prints the report with camelCase keys, numbers in milliseconds', () => {
      const json = JSON.parse(formatReportJson(report)) as PlaybookReport;
      assert.deepEqual(json, report);
      const rollout = json.metrics[0];
      assert.deepEqual(Object.keys(rollout ?? {}).sort(), [
        'anomalies', 'average', 'count', 'id', 'max', 'median', 'min', 'retired', 'rollingAverage', 'rollingAverageChange', 'suggestedTarget', 'target', 'targetMet', 'title', 'trend', 'type', 'values',
      ]);
      assert.equal(rollout?.target, 3_600_000);
      assert.deepEqual(rollout?.values[1], { run: 'd-2', runName: EVIL, publishedAt: plusHours(BASE, 29), value: 2_700_000, diffFromTarget: -900_000 });
    });
  });
});
