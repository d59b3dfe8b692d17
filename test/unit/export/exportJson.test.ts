import assert from 'node:assert/strict';
import { RUN_EXPORT_FORMAT, exportRunJson } from '../../../src/core/export/exportJson';
import { collectRunExport } from '../../../src/core/export/runExportModel';
import { FixtureRepo, RUN_ID, TRICKY_SUMMARY, writeRealisticRun } from './fixtures';

describe('exportRunJson', () => {
  let fixture: FixtureRepo;
  before(() => {
    fixture = new FixtureRepo();
    writeRealisticRun(fixture);
  });
  after(() => fixture.cleanup());

  it('is pretty JSON whose first key names the format', () => {
    const json = exportRunJson(collectRunExport(fixture.repo, RUN_ID));
    assert.ok(json.startsWith(`{\n  "format": "${RUN_EXPORT_FORMAT}",\n`));
    assert.equal(RUN_EXPORT_FORMAT, 'git-playbooks/run-export/v1');
    assert.ok(json.endsWith('}\n'));
  });

  it('parses back to the whole model', () => {
    const model = collectRunExport(fixture.repo, RUN_ID);
    const { format, ...rest } = JSON.parse(exportRunJson(model)) as { format: string } & Record<string, unknown>;
    assert.equal(format, RUN_EXPORT_FORMAT);
    assert.deepEqual(rest, JSON.parse(JSON.stringify(model)));
  });

  it('keeps every event, status update and metric with camelCase keys', () => {
    const parsed = JSON.parse(exportRunJson(collectRunExport(fixture.repo, RUN_ID))) as {
      run: Record<string, unknown>;
      timeline: Array<Record<string, unknown>>;
      statusUpdates: unknown[];
      retrospective: { metrics: Array<Record<string, unknown>>; publishedAt: string };
    };
    assert.equal(parsed.timeline.length, 8);
    assert.equal(parsed.statusUpdates.length, 3);
    assert.equal(parsed.run.durationMs, 12_000_000);
    assert.equal(parsed.run.startedAt, '2024-05-01T10:00:00Z');
    assert.equal(parsed.timeline[1]?.summary, TRICKY_SUMMARY);
    assert.equal(parsed.timeline[1]?.sinceStartMs, 720_000);
    assert.deepEqual(parsed.timeline[3]?.data, { task: 'page-on-call', state: 'closed' });
    assert.equal(parsed.retrospective.publishedAt, '2024-05-02T09:00:00Z');
    assert.equal(parsed.retrospective.metrics[1]?.formattedValue, 'USD 1,250.50');
    const keys = JSON.stringify(parsed, (key, value: unknown) => {
      assert.ok(key === '' || /^[a-z][a-zA-Z0-9]*$/.test(key) || /^\d+$/.test(key), `key "${key}" is not camelCase`);
      return value;
    });
    assert.ok(keys.length > 0);
  });
});
