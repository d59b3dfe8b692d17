import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EVENT_TYPE_DISPLAY, eventTypeIcon, eventTypeLabel } from '../../../src/core/format/eventTypes';
import { EVENT_TYPES } from '../../../src/core/model/types';

/** The codicons the installed @vscode/codicons ships (its CSV lists one name a line). */
function codiconNames(): Set<string> {
  const csv = fs.readFileSync(path.join(require.resolve('@vscode/codicons/package.json'), '..', 'dist', 'codicon.csv'), 'utf8');
  return new Set(csv.split(/\r?\n/).slice(1).map((line) => line.split(',')[0] ?? ''));
}

describe('event type names and icons (exports, sidebar, run page)', () => {
  it('names every event type and gives it a codicon that exists', () => {
    const codicons = codiconNames();
    assert.deepEqual(Object.keys(EVENT_TYPE_DISPLAY).sort(), [...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      assert.match(eventTypeLabel(type), /^[A-Z][a-z]+( [a-z]+)*$/, type);
      assert.ok(codicons.has(eventTypeIcon(type)), `${type}: no codicon "${eventTypeIcon(type)}"`);
    }
  });

  it('shows the start of a run with the icon of a run in progress', () => {
    assert.equal(eventTypeLabel('run_started'), 'Run started');
    assert.equal(eventTypeIcon('run_started'), 'play-circle');
    assert.equal(eventTypeLabel('status_updated'), 'Status update');
    assert.equal(eventTypeIcon('task_state_changed'), 'check');
  });

  it('spells out a type this version does not know, never reaching the prototype', () => {
    assert.equal(eventTypeLabel('incident_escalated'), 'incident escalated');
    assert.equal(eventTypeIcon('incident_escalated'), 'circle-small');
    assert.equal(eventTypeLabel('constructor'), 'constructor');
    assert.equal(eventTypeIcon('__proto__'), 'circle-small');
    assert.equal(eventTypeIcon('toString'), 'circle-small');
  });
});
