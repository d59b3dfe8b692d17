import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { readYamlText } from '../../../src/core/files/documentReader';
import type { Playbook } from '../../../src/core/model/types';
import { BUILTIN_TEMPLATES, builtinTemplate, renderTemplate } from '../../../src/core/templates/builtinTemplates';
import { checkPlaybook } from '../../../src/core/validation/semanticChecks';

function read(name: string, yaml: string): Playbook {
  const result = readYamlText<Playbook>('Playbook', `${name}.yaml`, yaml, checkPlaybook);
  assert.deepEqual(result.problems, [], `${name} has problems`);
  assert.ok(result.data);
  return result.data;
}

function comments(yaml: string): string[] {
  return yaml.split('\n').filter((line) => /^\s*#/.test(line));
}

describe('built-in templates', function () {
  it('are incident-response, product-release and security-incident', function () {
    assert.deepEqual(BUILTIN_TEMPLATES.map((template) => template.name), ['incident-response', 'product-release', 'security-incident']);
    assert.equal(builtinTemplate('product-release')?.title, 'Product release');
    assert.equal(builtinTemplate('nope'), undefined);
  });

  for (const template of BUILTIN_TEMPLATES) {
    describe(template.name, function () {
      it('validates with no problems and has at least 3 checklists', function () {
        const playbook = read(template.name, template.yaml);
        assert.ok(playbook.checklists.length >= 3);
        assert.ok(playbook.checklists.every((checklist) => checklist.items.length > 0));
        assert.equal(playbook.title, template.title);
        assert.ok(template.description.length > 0 && !template.description.includes('\n'));
      });

      it('explains its fields with comments', function () {
        assert.ok(comments(template.yaml).length >= 3);
      });

      it('renders with a new title, keeping the comments and everything else', function () {
        const rendered = renderTemplate(template.name, 'Payments: "card" outage');
        const playbook = read(template.name, rendered);
        assert.equal(playbook.title, 'Payments: "card" outage');
        assert.deepEqual(comments(rendered), comments(template.yaml));
        const rest = (text: string): string[] => text.split('\n').filter((line) => !line.startsWith('title:'));
        assert.deepEqual(rest(rendered), rest(template.yaml));
        assert.deepEqual({ ...playbook, title: template.title }, read(template.name, template.yaml));
      });

      it('renders unchanged without a title', function () {
        assert.equal(renderTemplate(template.name), template.yaml);
        assert.equal(renderTemplate(template.name, '  '), template.yaml);
      });
    });
  }

  it('incident-response has the settings and metrics people expect', function () {
    const playbook = parseDocument(renderTemplate('incident-response')).toJSON() as Playbook;
    assert.deepEqual(playbook.checklists.map((checklist) => checklist.title), ['Stabilise', 'Communicate', 'Resolve', 'Follow up']);
    assert.ok(playbook.checklists.flatMap((checklist) => checklist.items).some((item) => item.assignee === 'owner' && item.due));
    assert.deepEqual(playbook.statusUpdates && [playbook.statusUpdates.enabled, playbook.statusUpdates.reminder], [true, '1h']);
    assert.ok(playbook.statusUpdates?.template);
    assert.deepEqual([playbook.retrospective?.enabled, playbook.retrospective?.reminder], [true, '24h']);
    assert.match(playbook.retrospective?.template ?? '', /^## /m);
    assert.deepEqual(playbook.metrics?.map((metric) => [metric.title, metric.type, metric.target ?? null]), [
      ['Time to detect', 'duration', '15m'],
      ['Time to mitigate', 'duration', '1h'],
      ['Customer tickets', 'integer', null],
      ['Cost', 'currency', null],
    ]);
    assert.deepEqual([playbook.metrics?.[3]?.unit, playbook.metrics?.[3]?.decimals], ['USD', 2]);
  });

  it('product-release and security-incident have their cadences and metrics', function () {
    const release = parseDocument(renderTemplate('product-release')).toJSON() as Playbook;
    assert.deepEqual([release.statusUpdates?.reminder, release.retrospective?.reminder], ['24h', '7d']);
    assert.deepEqual(release.metrics?.map((metric) => metric.title), ['Release lead time', 'Rollback count', 'Escaped defects']);
    const security = parseDocument(renderTemplate('security-incident')).toJSON() as Playbook;
    assert.deepEqual(security.checklists.map((checklist) => checklist.title), ['Triage', 'Contain', 'Eradicate', 'Recover', 'Notify']);
    assert.equal(security.retrospective?.reminder, 'once');
    assert.ok(security.metrics?.some((metric) => metric.title === 'Time to contain'));
  });

  it('refuses an unknown template, naming the known ones', function () {
    assert.throws(() => renderTemplate('nope'), /no template "nope"; templates: incident-response, product-release, security-incident/);
  });
});
