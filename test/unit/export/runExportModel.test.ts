import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { collectRunExport } from '../../../src/core/export/runExportModel';
import { EXPORT_FORMATS, exportRun, isExportFormat } from '../../../src/core/export/exportRun';
import { InvalidFileError } from '../../../src/core/repository/playbooksRepository';
import { BODY, FixtureRepo, RUN_ID, TRICKY_SUMMARY, writeRealisticRun } from './fixtures';

describe('collectRunExport', () => {
  let fixture: FixtureRepo;
  beforeEach(() => {
    fixture = new FixtureRepo();
    writeRealisticRun(fixture);
  });
  afterEach(() => fixture.cleanup());

  it('summarises the run with its playbook title and duration', () => {
    const { run } = collectRunExport(fixture.repo, RUN_ID);
    assert.deepEqual(run, {
      id: RUN_ID,
      name: 'Checkout database outage',
      playbook: { id: 'incident-response', title: 'Incident response' },
      owner: 'alice',
      participants: ['alice', 'bob', 'carol@example.com'],
      status: 'finished',
      startedAt: '2024-05-01T10:00:00Z',
      endedAt: '2024-05-01T13:20:00Z',
      durationMs: 200 * 60_000,
    });
  });

  it('lists status updates oldest first with their full message', () => {
    const { statusUpdates } = collectRunExport(fixture.repo, RUN_ID);
    assert.deepEqual(
      statusUpdates.map((update) => [update.at, update.author, update.message.split('\n')[0]]),
      [
        ['2024-05-01T10:30:00Z', 'alice', 'Investigating elevated 5xx on **checkout**.'],
        ['2024-05-01T12:10:00Z', 'bob', 'Mitigated by failing over.'],
        ['2024-05-01T13:20:00Z', 'alice', 'Resolved. Retro tomorrow.'],
      ],
    );
  });

  it('sorts the timeline by time across time zones, keeping file order for ties', () => {
    const { timeline } = collectRunExport(fixture.repo, RUN_ID);
    assert.deepEqual(
      timeline.map((event) => event.id),
      ['ev-0001', 'ev-0008', 'ev-0002', 'ev-0003', 'ev-0004', 'ev-0005', 'ev-0006', 'ev-0007'],
    );
    const note = timeline[1];
    assert.equal(note?.summary, TRICKY_SUMMARY);
    assert.equal(note?.sinceStartMs, 12 * 60_000);
    assert.equal(note?.link, 'https://grafana.example.com/d/abc?from=1&to=2');
  });

  it('keeps checklist items with state, assignee and due', () => {
    const { checklists } = collectRunExport(fixture.repo, RUN_ID);
    assert.deepEqual(
      checklists.map((checklist) => [checklist.title, checklist.items.map((item) => item.state)]),
      [
        ['Triage', ['closed', 'closed', 'skipped']],
        ['Resolve', ['in_progress', 'open']],
      ],
    );
    assert.deepEqual(checklists[0]?.items[0], {
      id: 'page-on-call',
      title: 'Page on-call',
      state: 'closed',
      assignee: 'alice',
      due: '2024-05-01T10:15:00Z',
    });
  });

  it('formats retrospective metrics and leaves out retired ones without a value', () => {
    const retro = collectRunExport(fixture.repo, RUN_ID).retrospective;
    assert.ok(retro);
    assert.equal(retro.status, 'published');
    assert.equal(retro.publishedBy, 'bob');
    assert.equal(retro.body, BODY);
    assert.deepEqual(retro.metrics, [
      { id: 'time-to-detect', title: 'Time to detect', type: 'duration', value: '25m', formattedValue: '25m', target: '30m' },
      { id: 'cost-of-downtime', title: 'Cost of downtime', type: 'currency', value: 1250.5, formattedValue: 'USD 1,250.50', target: 'USD 1,000.00' },
    ]);
  });

  it('has no retrospective or duration for a run in progress without retrospective.md', () => {
    fixture.run('deploy-1', {
      name: 'Deploy 1',
      playbook: 'incident-response',
      owner: 'bob',
      participants: [],
      status: 'in_progress',
      startedAt: '2024-06-01T08:00:00Z',
      statusUpdates: { enabled: false },
      retrospective: { enabled: false },
      checklists: [],
    });
    fixture.timeline('deploy-1', []);
    const model = collectRunExport(fixture.repo, 'deploy-1');
    assert.equal(model.retrospective, undefined);
    assert.equal(model.run.durationMs, undefined);
    assert.ok(!('retrospective' in model));
  });

  it('still exports a run whose playbook was deleted', () => {
    fs.rmSync(fixture.repo.layout.playbookFile('incident-response'));
    const model = collectRunExport(fixture.repo, RUN_ID);
    assert.deepEqual(model.run.playbook, { id: 'incident-response' });
    assert.deepEqual(model.retrospective?.metrics[1], { id: 'cost-of-downtime', title: 'cost-of-downtime', value: 1250.5, formattedValue: '1250.5' });
  });

  it('throws with file:line when a file is broken', () => {
    fixture.write(`runs/${RUN_ID}/timeline.yaml`, 'apiVersion: git-playbooks/v1\nkind: Timeline\nevents:\n  - {id: ev-0001, at: yesterday, type: note, actor: a, summary: s}\n');
    assert.throws(() => collectRunExport(fixture.repo, RUN_ID), (error: unknown) => {
      assert.ok(error instanceof InvalidFileError);
      assert.match(error.message, /playbooks\/runs\/db-outage-2024-05-01\/timeline\.yaml:4:/);
      return true;
    });
  });

  it('throws for an unknown run', () => {
    assert.throws(() => collectRunExport(fixture.repo, 'nope'), /no run "nope"/);
  });
});

describe('exportRun', () => {
  let fixture: FixtureRepo;
  before(() => {
    fixture = new FixtureRepo();
    writeRealisticRun(fixture);
  });
  after(() => fixture.cleanup());

  it('renders every format', () => {
    assert.deepEqual([...EXPORT_FORMATS], ['md', 'html', 'csv', 'json']);
    assert.match(exportRun(fixture.repo, RUN_ID, 'md'), /^# Checkout database outage\n/);
    assert.match(exportRun(fixture.repo, RUN_ID, 'html'), /^<!DOCTYPE html>/);
    assert.match(exportRun(fixture.repo, RUN_ID, 'csv'), /^Event Time,Since Start,/);
    assert.equal(JSON.parse(exportRun(fixture.repo, RUN_ID, 'json')).format, 'git-playbooks/run-export/v1');
  });

  it('recognises format names', () => {
    assert.ok(isExportFormat('html'));
    assert.ok(!isExportFormat('pdf'));
    assert.throws(() => exportRun(fixture.repo, RUN_ID, 'pdf' as 'md'), /unknown export format "pdf"/);
  });
});
