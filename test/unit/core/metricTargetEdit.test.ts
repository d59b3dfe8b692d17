import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { Playbook } from '../../../src/core/model/types';
import { applyPlaybookEdits } from '../../../src/core/playbooks/playbookEdits';
import { setMetricTargetEdit, targetFileValue } from '../../../src/core/playbooks/metricTargetEdit';

const PLAYBOOK = `apiVersion: git-playbooks/v1
kind: Playbook
title: Database incident
checklists: []
metrics:
  # How fast we notice.
  - id: time-to-detect
    title: Time to detect
    type: duration
  - title: Customer tickets # counted by support
    type: integer
`;

describe('"Use as target": the playbook edit of a suggested target', () => {
  const playbook = parse(PLAYBOOK) as Playbook;

  it('writes a duration as people type it and a count as a number, under the right metric, comments kept', () => {
    const withDuration = applyPlaybookEdits(PLAYBOOK, [setMetricTargetEdit(playbook, 'time-to-detect', 90 * 60_000)]);
    assert.match(withDuration, /title: Time to detect\n {4}type: duration\n {4}target: 1h30m\n/);
    const withCount = applyPlaybookEdits(PLAYBOOK, [setMetricTargetEdit(playbook, 'customer-tickets', 14)]);
    assert.match(withCount, /title: Customer tickets # counted by support\n {4}type: integer\n {4}target: 14\n/);
    for (const text of [withDuration, withCount]) assert.match(text, /# How fast we notice\./);
  });

  it('refuses a metric the playbook no longer has, in one line', () => {
    assert.throws(() => setMetricTargetEdit(playbook, 'cost', 10), /the playbook has no metric "cost" any more/);
  });

  it('rounds nothing itself: the value is the suggestion, already in the metric\'s unit', () => {
    assert.equal(targetFileValue({ type: 'currency' }, 12.5), 12.5);
    assert.equal(targetFileValue({ type: 'duration' }, 45 * 60_000), '45m');
  });
});
