import assert from 'node:assert/strict';
import { countOpenTasks, isTaskOpen, openTasksText } from '../../../src/core/format/openTasks';
import type { TaskState } from '../../../src/core/model/types';

const checklist = (...states: TaskState[]): { items: { state: TaskState }[] } => ({ items: states.map((state) => ({ state })) });

describe('open tasks (finish prompts, run page, run_finished summary)', () => {
  it('counts open and in-progress tasks; closed and skipped ones are done', () => {
    assert.deepEqual((['open', 'in_progress', 'closed', 'skipped'] as const).map(isTaskOpen), [true, true, false, false]);
    assert.equal(countOpenTasks([checklist('open', 'closed'), checklist(), checklist('in_progress', 'skipped', 'open')]), 3);
    assert.equal(countOpenTasks([checklist('closed', 'skipped')]), 0);
    assert.equal(countOpenTasks([]), 0);
  });

  it('says how many are still open, one or many', () => {
    assert.equal(openTasksText(1), '1 task still open');
    assert.equal(openTasksText(3), '3 tasks still open');
  });
});
