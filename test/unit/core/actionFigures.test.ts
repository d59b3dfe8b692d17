import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { median as medianOf } from '../../../src/core/util/median';
import { actionFigures, countOpenActions, nextDeadline, openActionsText, repositoryDeadlineOf, summarizeRunActions, type RunActionsSummary } from '../../../src/core/actions/actionFigures';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { tempDir } from '../../helpers/tempRepo';
import type { ActionView } from '../../../src/core/actions/actionTypes';
import { formatReportCsv, formatReportMarkdown, formatReportTable } from '../../../src/core/reports/reportFormats';
import type { PlaybookReport } from '../../../src/core/reports/reportTypes';

const DAY = 86_400_000;

function view(partial: Partial<ActionView> & Pick<ActionView, 'id' | 'status'>): ActionView {
  return { title: partial.id, runId: 'r1', runName: 'DB down', playbook: 'db', createdAt: '2026-11-01T00:00:00Z', overdue: false, ...partial };
}

describe('follow-up action figures', () => {
  it('the median time to close is the middle of the closed actions (the mean of the two middle ones for an even count)', () => {
    assert.equal(medianOf([]), null);
    assert.equal(medianOf([5]), 5);
    assert.equal(medianOf([9, 1, 5]), 5);
    assert.equal(medianOf([4, 1, 10, 2]), 3);
  });

  it('counts open (with in progress), overdue and closed, the median time to close and the same per priority', () => {
    const figures = actionFigures([
      view({ id: 'a-000001', status: 'open', priority: 'P1', overdue: true }),
      view({ id: 'a-000002', status: 'in_progress', priority: 'P1' }),
      view({ id: 'a-000003', status: 'done', priority: 'P1', closedAt: '2026-11-03T00:00:00Z' }),
      view({ id: 'a-000004', status: 'wont_do', priority: 'P2', closedAt: '2026-11-09T00:00:00Z' }),
      view({ id: 'a-000005', status: 'done', closedAt: '2026-11-05T00:00:00Z', runId: 'r2' }),
      view({ id: 'a-000006', status: 'open', overdue: true, runId: 'r2' }),
    ]);
    assert.deepEqual(
      { total: figures.total, open: figures.open, overdue: figures.overdue, closed: figures.closed, median: figures.medianTimeToClose },
      { total: 6, open: 3, overdue: 2, closed: 3, median: 4 * DAY },
    );
    assert.deepEqual(figures.byStatus, { open: 2, in_progress: 1, done: 2, wont_do: 1 });
    assert.deepEqual(
      figures.byPriority.map((row) => [row.priority, row.open, row.overdue, row.closed, row.medianTimeToClose]),
      [
        ['P1', 2, 1, 1, 2 * DAY],
        ['P2', 0, 0, 1, 8 * DAY],
        ['none', 1, 1, 1, 4 * DAY],
      ],
      'priorities nobody used are left out; actions without one are under none',
    );
    assert.deepEqual(figures.byRun.map((row) => [row.run, row.open, row.closed]), [['r1', 2, 2], ['r2', 1, 1]]);
  });

  it('a closing time before the creation (a hand edit) counts as zero, not negative; a closed action without closedAt is left out of the median', () => {
    const figures = actionFigures([
      view({ id: 'a-000001', status: 'done', createdAt: '2026-11-05T00:00:00Z', closedAt: '2026-11-01T00:00:00Z' }),
      view({ id: 'a-000002', status: 'done' }),
    ]);
    assert.equal(figures.closed, 2);
    assert.equal(figures.medianTimeToClose, 0);
  });

  it('keeps of a retrospective only the open actions, what their deadline needs and who owns them', () => {
    assert.equal(summarizeRunActions({ status: 'draft' }), undefined);
    assert.equal(summarizeRunActions({ status: 'draft', actions: [{ id: 'a-1', status: 'done' }] }), undefined, 'nothing open: nothing kept');
    assert.deepEqual(
      summarizeRunActions({
        status: 'published',
        publishedAt: '2026-11-10T00:00:00Z',
        actions: [{ id: 'a-1', status: 'open', due: '4w', owner: 'bob', title: 'x' }, { id: 'a-2', status: 'wont_do' }, { id: 'a-3', status: 'in_progress', priority: 'P1' }, 'junk'],
      }),
      { open: [{ due: '4w', owner: 'bob' }, { priority: 'P1' }], publishedAt: '2026-11-10T00:00:00Z' },
    );
    assert.equal(summarizeRunActions({ status: 'draft', publishedAt: '2026-11-10T00:00:00Z', actions: [{ status: 'open' }] })?.publishedAt, undefined, 'a draft has no publishing date to count from');
  });

  it('an action is overdue once its deadline passed: a date at the end of that day (UTC), a date-time, a duration or a priority deadline (review.yaml) after publishing', () => {
    const repo = PlaybooksRepository.at(tempDir('gp-figures-'));
    initRepository(repo);
    const reviewFile = path.join(repo.layout.playbooksDir, 'review.yaml');
    fs.writeFileSync(reviewFile, 'actions:\n  deadlines:\n    P1: 4w\n    P3: null\n');
    const deadlineOf = repositoryDeadlineOf(repo);
    const published = '2026-11-10T00:00:00Z';
    const runs: RunActionsSummary[] = [
      { open: [{ due: '2026-11-20' }, { due: '2026-11-21T12:00:00Z' }] },
      { open: [{ due: '1w' }, { priority: 'P1' }, { priority: 'P3' }, {}], publishedAt: published },
      { open: [{ due: '1d' }, { priority: 'P1' }] },
    ];
    const at = (iso: string): { open: number; overdue: number } => countOpenActions(runs, deadlineOf, new Date(iso));
    assert.deepEqual(at('2026-11-16T00:00:00Z'), { open: 8, overdue: 0 });
    assert.deepEqual(at('2026-11-17T00:00:01Z'), { open: 8, overdue: 1 }, '1w after publishing');
    assert.deepEqual(at('2026-11-20T23:59:59Z'), { open: 8, overdue: 1 }, 'still the day it is due');
    assert.deepEqual(at('2026-11-21T00:00:00Z'), { open: 8, overdue: 2 });
    assert.deepEqual(at('2026-11-21T12:00:01Z'), { open: 8, overdue: 3 });
    assert.deepEqual(at('2026-12-08T00:00:01Z'), { open: 8, overdue: 4 }, 'P1: 4w after publishing; P3 (null in review.yaml) and no priority: no deadline; unpublished: no date yet');
    assert.equal(nextDeadline(runs, deadlineOf, new Date('2026-11-21T00:00:00Z')), Date.parse('2026-11-21T12:00:00Z'));
    assert.equal(nextDeadline(runs, deadlineOf, new Date('2027-01-01T00:00:00Z')), undefined);
    assert.equal(nextDeadline([undefined], deadlineOf, new Date()), undefined);
    // review.yaml changed: the next call reads it again (P3 gets its default of 12 weeks).
    fs.writeFileSync(reviewFile, 'actions:\n  deadlines:\n    P1: 1w\n');
    const changed = repositoryDeadlineOf(repo);
    assert.equal(changed({ priority: 'P1' }, published), Date.parse(published) + 7 * DAY);
    assert.equal(changed({ priority: 'P3' }, published), Date.parse(published) + 84 * DAY);
  });

  it('says "3 open actions · 1 overdue" only when there are open actions', () => {
    assert.equal(openActionsText({ open: 0, overdue: 0 }), undefined);
    assert.equal(openActionsText({ open: 1, overdue: 0 }), '1 open action');
    assert.equal(openActionsText({ open: 3, overdue: 1 }), '3 open actions · 1 overdue');
    assert.equal(openActionsText({ open: 1200, overdue: 0 }), '1,200 open actions');
  });
});

describe('report formats: the Actions figures', () => {
  const report = (actions: ActionView[]): PlaybookReport => ({
    playbook: 'db', title: 'DB incident', generatedAt: '2026-12-01T00:00:00Z',
    runs: { total: 1, inProgress: 0, finished: 1, retrospectivesPublished: 1, retrospectivesSkipped: 0, retrospectivesDue: 0 },
    publishedRuns: [{ run: 'r1', runName: 'DB down', publishedAt: '2026-11-10T00:00:00Z' }, { run: 'r3', runName: 'Disk', publishedAt: '2026-11-11T00:00:00Z' }],
    metrics: [],
    timings: { timeToResolution: { average: null, median: null, min: null, max: null, count: 0, values: [], anomalies: [] }, timeToFirstStatusUpdate: { average: null, median: null, min: null, max: null, count: 0, values: [], anomalies: [] } },
    actions: actionFigures(actions),
    skippedRuns: [],
  });
  const some = [
    view({ id: 'a-000001', status: 'open', priority: 'P1', overdue: true }),
    view({ id: 'a-000002', status: 'done', priority: 'P1', closedAt: '2026-11-02T06:00:00Z' }),
    view({ id: 'a-000003', status: 'open' }),
  ];

  it('table and Markdown print open, overdue, closed, the median time to close and a row per priority', () => {
    const table = formatReportTable(report(some));
    assert.match(table, /^Actions: 2 open \(1 overdue\), 1 closed; median time to close 1d 6h\.$/m);
    assert.match(table, /^Priority\s+Open\s+Overdue\s+Closed\s+Median time to close$/m);
    assert.match(table, /^P1\s+1\s+1\s+1\s+1d 6h$/m);
    assert.match(table, /^No priority\s+1\s+0\s+0\s+–$/m);
    const markdown = formatReportMarkdown(report(some));
    assert.match(markdown, /^## Actions\n\nActions: 2 open \(1 overdue\), 1 closed; median time to close 1d 6h\.\n\n\| Priority \| Open \| Overdue \| Closed \| Median time to close \|$/m);
    assert.match(markdown, /^\| P1 \| 1 \| 1 \| 1 \| 1d 6h \|$/m);
    assert.match(formatReportTable(report([])), /^Actions: none yet\.$/m);
  });

  it('CSV gives each published run its open, overdue and closed actions (0 without any)', () => {
    const lines = formatReportCsv(report(some)).trim().split(/\r?\n/);
    assert.equal(lines[0], 'Run,Run name,Published at,Open actions,Overdue actions,Closed actions,Flagged');
    assert.equal(lines[1], 'r1,DB down,2026-11-10T00:00:00Z,2,1,1,');
    assert.equal(lines[2], 'r3,Disk,2026-11-11T00:00:00Z,0,0,0,');
  });
});
