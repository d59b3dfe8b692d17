import assert from 'node:assert/strict';
import { exportTimelineCsv } from '../../../src/core/export/exportCsv';
import { csvField, guardFormula } from '../../../src/core/util/csv';
import { collectRunExport, type RunExport } from '../../../src/core/export/runExportModel';
import { FixtureRepo, RUN_ID, TRICKY_SUMMARY, writeRealisticRun } from './fixtures';

/** A strict RFC 4180 reader: records end with CRLF; only quoted fields may hold commas, quotes and breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        assert.ok(quote !== -1, 'unterminated quoted field');
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        field += '"';
        i++;
      }
      assert.ok(i === text.length || text[i] === ',' || text.startsWith('\r\n', i), `text after a closing quote at ${i}`);
    } else if (text[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      records.push([...record, field]);
      record = [];
      field = '';
      i += 2;
    } else {
      assert.ok(!/["\r\n]/.test(text[i] ?? ''), `bare ${JSON.stringify(text[i])} at ${i}`);
      field += text[i];
      i++;
    }
  }
  assert.equal(field + record.join(''), '', 'the last record must end with CRLF');
  return records;
}

describe('exportTimelineCsv', () => {
  let fixture: FixtureRepo;
  let model: RunExport;
  before(() => {
    fixture = new FixtureRepo();
    writeRealisticRun(fixture);
    model = collectRunExport(fixture.repo, RUN_ID);
  });
  after(() => fixture.cleanup());

  it('has a header and one row of eight columns per event, its id last', () => {
    const records = parseCsv(exportTimelineCsv(model));
    assert.deepEqual(records[0], ['Event Time', 'Since Start', 'Event Type', 'Actor', 'Summary', 'Details', 'Link', 'Event ID']);
    assert.equal(records.length, 1 + 8);
    for (const record of records) assert.equal(record.length, 8);
    assert.deepEqual(records.slice(1).map((record) => record[7]), model.timeline.map((event) => event.id));
  });

  it('reads back a summary with commas, quotes and a newline exactly', () => {
    const records = parseCsv(exportTimelineCsv(model));
    assert.deepEqual(records[2]?.slice(0, 7), [
      '2024-05-01T10:12:00Z',
      '12m',
      'note',
      'carol@example.com',
      TRICKY_SUMMARY,
      'Seen on the dashboard,\nlinked below.',
      'https://grafana.example.com/d/abc?from=1&to=2',
    ]);
  });

  it('writes times in UTC, sorted, and the offset from the start', () => {
    const records = parseCsv(exportTimelineCsv(model)).slice(1);
    assert.deepEqual(
      records.map((record) => [record[0], record[1], record[2]]),
      [
        ['2024-05-01T10:00:00Z', '0m', 'run_started'],
        ['2024-05-01T10:12:00Z', '12m', 'note'],
        ['2024-05-01T10:30:00Z', '30m', 'status_updated'],
        ['2024-05-01T10:45:00Z', '45m', 'task_state_changed'],
        ['2024-05-01T12:10:00Z', '2h 10m', 'status_updated'],
        ['2024-05-01T13:20:00Z', '3h 20m', 'run_finished'],
        ['2024-05-01T13:20:00Z', '3h 20m', 'status_updated'],
        ['2024-05-02T09:00:00Z', '23h', 'retrospective_published'],
      ],
    );
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const first = model.timeline[0];
    assert.ok(first);
    const hostile: RunExport = {
      ...model,
      timeline: [
        { ...first, summary: '=HYPERLINK("http://evil.example","click")', details: '+1+1', actor: '@admin', sinceStartMs: -5 * 60_000 },
        { ...first, summary: '\t=1+1', details: '-2+3', actor: 'ok' },
        // A plain negative number is data, not a formula: it stays a number.
        { ...first, summary: 'ok', details: '-2', actor: 'ok' },
      ],
    };
    const records = parseCsv(exportTimelineCsv(hostile)).slice(1);
    assert.deepEqual(records[0]?.slice(1, 6), ["'-5m", 'run_started', "'@admin", '\'=HYPERLINK("http://evil.example","click")', "'+1+1"]);
    assert.deepEqual(records[1]?.slice(4, 6), ["'\t=1+1", "'-2+3"]);
    assert.deepEqual(records[2]?.slice(4, 6), ['ok', '-2']);
  });

  it('uses CRLF and ends with one', () => {
    const csv = exportTimelineCsv(model);
    assert.ok(csv.endsWith('\r\n'));
    assert.ok(csv.startsWith('Event Time,Since Start,Event Type,Actor,Summary,Details,Link,Event ID\r\n'));
  });
});

describe('csvField', () => {
  it('quotes only when needed and doubles quotes', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField(''), '');
  });

  it('guards before quoting', () => {
    assert.equal(guardFormula('=1+1'), "'=1+1");
    assert.equal(guardFormula('a=1'), 'a=1');
    assert.equal(csvField('=SUM(A1,A2)'), '"\'=SUM(A1,A2)"');
    assert.equal(csvField('\rx'), '"\'\rx"');
  });
});
