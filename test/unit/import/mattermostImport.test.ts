import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { readYamlText } from '../../../src/core/files/documentReader';
import { importMattermostPlaybook, MattermostImportError, type ImportResult } from '../../../src/core/import/mattermostImport';
import type { Playbook } from '../../../src/core/model/types';
import { checkPlaybook } from '../../../src/core/validation/semanticChecks';

// Copies of the shared fixtures live in the repository, because CI may not have the shared folder.
const FIXTURES = path.resolve(__dirname, '../../fixtures/mattermost');

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

function importJson(value: object, sourceName = 'test.json'): ImportResult {
  return importMattermostPlaybook(JSON.stringify(value, null, 4), sourceName);
}

function assertValid(result: ImportResult): void {
  const read = readYamlText<Playbook>('Playbook', 'imported.yaml', result.yaml, checkPlaybook);
  assert.deepEqual(read.problems, []);
}

function paths(result: ImportResult): string[] {
  return result.warnings.map((warning) => warning.path);
}

function importError(run: () => unknown): MattermostImportError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof MattermostImportError, `expected a MattermostImportError, got ${String(error)}`);
    return error;
  }
  return assert.fail('expected the import to throw');
}

describe('importMattermostPlaybook', function () {
  describe('customer-outage.json', function () {
    const result = importMattermostPlaybook(fixture('customer-outage.json'), 'customer-outage.json');
    const { playbook } = result;

    it('keeps title, description and slug', function () {
      assert.equal(playbook.title, 'Customer-Facing Outage');
      assert.match(playbook.description ?? '', /\*\*paid\*\*/);
      assert.equal(result.slug, 'customer-facing-outage');
    });

    it('maps 3 checklists with 7 items, relative due dates, commands and descriptions', function () {
      assert.deepEqual(playbook.checklists.map((checklist) => checklist.title), ['Stabilise', 'Communicate', 'Close out']);
      const items = playbook.checklists.flatMap((checklist) => checklist.items);
      assert.equal(items.length, 7);
      assert.deepEqual(items.filter((item) => item.due !== undefined).map((item) => item.due), ['15m', '1h', '1d']);
      assert.equal(items[1]?.command, '/zoom start');
      assert.equal(items[0]?.description, 'SEV1: all customers; SEV2: a region; SEV3: a feature.');
    });

    it('maps status updates and the retrospective, copying the templates', function () {
      assert.equal(playbook.statusUpdates?.enabled, true);
      assert.equal(playbook.statusUpdates?.reminder, '1h');
      assert.match(playbook.statusUpdates?.template ?? '', /^\*\*Impact:\*\*\n/);
      assert.equal(playbook.retrospective?.enabled, true);
      assert.equal(playbook.retrospective?.reminder, '4h');
      const exported = JSON.parse(fixture('customer-outage.json')) as { retrospective_template: string };
      assert.equal(playbook.retrospective?.template, exported.retrospective_template);
    });

    it('maps the 4 metrics with their types and targets', function () {
      const metrics = playbook.metrics ?? [];
      assert.deepEqual(metrics.map((metric) => [metric.title, metric.type, metric.target]), [
        ['Time to mitigate', 'duration', '1h'],
        ['Time to detect', 'duration', undefined],
        ['Support tickets', 'integer', 20],
        ['Credits issued', 'currency', 0],
      ]);
    });

    it('warns about every setting it cannot keep, by JSON path', function () {
      for (const field of ['channel_mode', 'channel_name_template', 'run_summary_template', 'run_summary_template_enabled']) {
        const warning = result.warnings.find((entry) => entry.path === field);
        assert.ok(warning, `no warning for ${field}`);
        assert.match(warning.message, /no equivalent/);
      }
      assert.equal(result.warnings.length, 4);
    });

    it('writes YAML that validates cleanly, in schema key order, with Markdown as block literals', function () {
      assertValid(result);
      assert.match(result.yaml, /^# Imported from Mattermost export customer-outage\.json on \d{4}-\d{2}-\d{2}\n/);
      const top = parseDocument(result.yaml).toJSON() as Record<string, unknown>;
      assert.deepEqual(Object.keys(top), ['apiVersion', 'kind', 'title', 'description', 'checklists', 'statusUpdates', 'retrospective', 'metrics']);
      assert.match(result.yaml, /\n {2}template: \|/);
      assert.ok(!result.yaml.includes('\\n'), 'multi-line text was written with escapes');
    });

    it('reads back as the same playbook', function () {
      const read = readYamlText<Playbook>('Playbook', 'imported.yaml', result.yaml, checkPlaybook);
      // Metric ids equal to the default (slug of the title) are not written.
      const expected = { ...playbook, metrics: playbook.metrics?.map(({ id: _id, ...metric }) => metric) };
      assert.deepEqual(read.data, expected);
    });
  });

  describe('release-train.json', function () {
    const result = importMattermostPlaybook(fixture('release-train.json'), 'release-train.json');

    it('maps a zero retrospective interval to "once" and keeps disabled settings', function () {
      assert.deepEqual(result.playbook.retrospective, { enabled: false, reminder: 'once' });
      assert.equal(result.playbook.statusUpdates?.enabled, false);
      assert.equal(result.playbook.statusUpdates?.reminder, '1d');
      assert.equal(result.playbook.checklists[1]?.items[0]?.due, '2h');
    });

    it('has no metrics and no warnings for false, zero or empty values', function () {
      assert.equal(result.playbook.metrics, undefined);
      assert.deepEqual(result.warnings, []);
      assertValid(result);
    });
  });

  describe('refuses', function () {
    it('text that is not JSON, with line:col', function () {
      const error = importError(() => importMattermostPlaybook('{\n    "version": 1,\n    "title": }\n', 'broken.json'));
      assert.equal(error.line, 3);
      assert.equal(error.column, 14);
      assert.match(error.message, /^broken\.json:3:14: not valid JSON/);
    });

    it('JSON cut short, and a trailing comma, with line:col', function () {
      assert.match(importError(() => importMattermostPlaybook('{"version": 1,\n"title": "x"', 'cut.json')).message, /^cut\.json:2:13: /);
      assert.match(importError(() => importMattermostPlaybook('{"version": 1,\n"title": "x",\n}', 'comma.json')).message, /^comma\.json:3:1: /);
    });

    it('JSON that is not an object', function () {
      assert.match(importError(() => importMattermostPlaybook('[1, 2]', 'list.json')).message, /expected a JSON object, found an array/);
    });

    it('other export versions, and files without a version', function () {
      assert.match(importError(() => importJson({ version: 2, title: 'X' })).message, /only version 1 exports are supported, found 2/);
      assert.match(importError(() => importJson({ title: 'X' })).message, /only version 1 exports are supported, found no "version"/);
    });

    it('a file that carries a playbook id, as Mattermost does', function () {
      const error = importError(() => importJson({ version: 1, id: 'abc123', title: 'X' }));
      assert.match(error.message, /Mattermost itself refuses to import files with an ID/);
    });

    it('a missing title', function () {
      assert.match(importError(() => importJson({ version: 1, title: '  ' })).message, /no playbook title/);
    });
  });

  describe('edge cases', function () {
    const long = 'A metric title that goes on and on well past the sixty-four character limit';

    it('shortens long metric titles and renames duplicates, with warnings', function () {
      const result = importJson({
        version: 1,
        title: 'Metrics',
        metrics: [
          { title: long, type: 'metric_integer' },
          { title: 'Cost', type: 'metric_currency', target: 12 },
          { title: 'cost', type: 'metric_currency' },
          { title: 'Cost!', type: 'metric_integer' },
        ],
      });
      const metrics = result.playbook.metrics ?? [];
      assert.equal([...(metrics[0]?.title ?? '')].length, 64);
      assert.equal(metrics[2]?.title, 'cost (2)');
      assert.notEqual(metrics[3]?.id, metrics[1]?.id);
      assert.deepEqual(paths(result), ['metrics[0].title', 'metrics[2].title', 'metrics[3].title']);
      assertValid(result);
    });

    it('warns about dropped and unknown fields at any depth, but not about empty ones', function () {
      const result = importJson({
        version: 1,
        title: 'Deep',
        webhook_on_creation_urls: [],
        broadcast_enabled: false,
        category_name: '',
        checklists: [
          {
            title: 'One',
            items: [
              { title: 'a', assignee_type: 'owner', condition_action: '' },
              { title: 'b', task_actions: [{ trigger: {}, actions: [] }], assignee_type: 'creator', sparkle: 1 },
            ],
          },
        ],
        signal_any_keywords: ['down'],
        future_setting: 'x',
      });
      assert.deepEqual(paths(result).sort(), [
        'checklists[0].items[1].assignee_type',
        'checklists[0].items[1].sparkle',
        'checklists[0].items[1].task_actions',
        'future_setting',
        'signal_any_keywords',
      ]);
      assert.match(result.warnings.find((entry) => entry.path === 'future_setting')?.message ?? '', /unknown field/);
      assert.equal(result.playbook.checklists[0]?.items[0]?.assignee, 'owner');
      assert.equal(result.playbook.checklists[0]?.items[1]?.assignee, undefined);
      assertValid(result);
    });

    it('writes awkward Markdown so that it reads back unchanged', function () {
      const texts = ['  indented first line\nsecond', 'ends with newlines\n\n', 'tab\there', 'x\n---\n# not a comment', 'spaces at the end\n   ', '\nleading newline'];
      const items = texts.map((description, index) => ({ title: `task ${index}: odd`, description }));
      const result = importJson({ version: 1, title: 'yes', checklists: [{ title: '2024', items }] });
      const read = readYamlText<Playbook>('Playbook', 'imported.yaml', result.yaml, checkPlaybook);
      assert.deepEqual(read.problems, []);
      assert.deepEqual(read.data?.checklists[0]?.items.map((item) => item.description), texts);
      assert.deepEqual([read.data?.title, read.data?.checklists[0]?.title], ['yes', '2024']);
    });

    it('accepts zero values present or absent, and fixes what the schema would refuse', function () {
      const result = importJson({
        version: 1,
        title: 'Edge\ncases',
        description: '',
        retrospective_reminder_interval_seconds: 0,
        checklists: [{ items: [{ title: 'x', due_date: 0, command: '' }, { title: 'y', due_date: -5 }] }],
        metrics: [{ title: 'Lag', type: 'metric_duration', target: null }, { title: 'Odd', type: 'metric_percent' }],
      });
      assert.equal(result.playbook.title, 'Edge cases');
      assert.equal(result.playbook.description, undefined);
      assert.equal(result.playbook.checklists[0]?.title, 'Checklist 1');
      assert.deepEqual(result.playbook.checklists[0]?.items, [{ title: 'x' }, { title: 'y' }]);
      assert.deepEqual(result.playbook.metrics?.map((metric) => metric.title), ['Lag']);
      assert.deepEqual(paths(result), ['title', 'checklists[0].title', 'checklists[0].items[1].due_date', 'metrics[1].type']);
      assert.equal(result.playbook.retrospective?.reminder, 'once');
      assertValid(result);
    });
  });
});
