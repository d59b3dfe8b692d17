import assert from 'node:assert/strict';
import type { ActionView } from '../../../../src/core/actions/actionTypes';
import { actionMarker, issueNumberOfLink, readActionMarker, trackerLogin, type TrackerIssue, type TrackerRepository } from '../../../../src/core/actions/trackerIssues';
import { linkedIssuesToFetch, planTrackerSync, reopenQuestions } from '../../../../src/core/actions/trackerSyncPlan';

const GITHUB: TrackerRepository = { provider: 'github', path: 'acme/shop' };
const RUN = '2026-12-01-checkout-errors';

function action(fields: Partial<ActionView> = {}): ActionView {
  return { id: 'a-k3x9q2', title: 'Alert on replica lag', status: 'open', createdAt: '2026-12-01T10:00:00Z', runId: RUN, runName: 'Checkout errors', playbook: 'incident', overdue: false, ...fields };
}

function issue(fields: Partial<TrackerIssue> = {}): TrackerIssue {
  return {
    number: 12,
    url: 'https://github.com/acme/shop/issues/12',
    title: 'Alert on replica lag',
    body: `text\n\n${actionMarker({ runId: RUN, actionId: 'a-k3x9q2' })}`,
    assignees: [],
    labels: ['git-playbooks'],
    state: 'open',
    updatedAt: '2026-12-02T10:00:00Z',
    ...fields,
  };
}

describe('tracker sync plan', () => {
  it('creates one issue for an open action without one, its body carrying the marker, owner and priority as assignee and label', () => {
    const plan = planTrackerSync([action({ owner: '@bob', priority: 'P2', dueAt: '2026-12-29T10:00:00Z' })], [], GITHUB);
    assert.equal(plan.create.length, 1);
    const [created] = plan.create;
    assert.deepEqual(created?.labels, ['git-playbooks', 'P2']);
    assert.deepEqual(created?.assignees, ['bob']);
    assert.deepEqual(readActionMarker(created?.body ?? ''), { runId: RUN, actionId: 'a-k3x9q2' });
    assert.match(created?.body ?? '', /Due: 2026-12-29/);
  });

  it('never creates a second issue: an issue with the marker is linked instead', () => {
    const plan = planTrackerSync([action()], [issue()], GITHUB);
    assert.deepEqual(plan.create, []);
    assert.deepEqual(plan.link.map((step) => step.issue.number), [12]);
    assert.deepEqual(plan.update, []);
  });

  it('of two issues with one marker (an older race), keeps the lower number and says so', () => {
    const plan = planTrackerSync([action()], [issue({ number: 15 }), issue()], GITHUB);
    assert.deepEqual(plan.link.map((step) => step.issue.number), [12]);
    assert.match(plan.notes.join('\n'), /#15 has the same marker as #12/);
  });

  it('creates nothing for an action done before it was ever synced', () => {
    assert.deepEqual(planTrackerSync([action({ status: 'done' }), action({ id: 'a-000001', status: 'wont_do' })], [], GITHUB).create, []);
  });

  it('pushes the file\'s title, owner and priority to its issue, keeping the team\'s own labels', () => {
    const linked = action({ title: 'Alert on replica lag > 30 s', owner: 'carol', priority: 'P1', link: 'https://github.com/acme/shop/issues/12' });
    const plan = planTrackerSync([linked], [issue({ assignees: ['bob'], labels: ['git-playbooks', 'P2', 'database'] })], GITHUB);
    assert.equal(plan.update.length, 1);
    const [update] = plan.update;
    assert.equal(update?.title, 'Alert on replica lag > 30 s');
    assert.deepEqual(update?.assignees, ['carol']);
    assert.deepEqual(update?.labels, ['database', 'git-playbooks', 'P1']);
    assert.equal(update?.close, undefined);
  });

  it('leaves the assignees alone when the owner is no login (a full name, an e-mail address)', () => {
    const plan = planTrackerSync([action({ owner: 'Bob Smith', link: 'https://github.com/acme/shop/issues/12' })], [issue({ assignees: ['bob'] })], GITHUB);
    assert.deepEqual(plan.update, []);
    assert.equal(trackerLogin('bob@example.com'), undefined);
    assert.equal(trackerLogin('@bob'), 'bob');
  });

  it('pulls state back: closed as completed → done (ask for the pull request), not planned or duplicate → wont_do', () => {
    const linkTo = (n: number): string => `https://github.com/acme/shop/issues/${n}`;
    const actions = [action({ id: 'a-000001', link: linkTo(1) }), action({ id: 'a-000002', link: linkTo(2), status: 'in_progress' }), action({ id: 'a-000003', link: linkTo(3) })];
    const issues = [
      issue({ number: 1, url: linkTo(1), state: 'closed', stateReason: 'completed', body: actionMarker({ runId: RUN, actionId: 'a-000001' }) }),
      issue({ number: 2, url: linkTo(2), state: 'closed', stateReason: 'not_planned', body: actionMarker({ runId: RUN, actionId: 'a-000002' }) }),
      issue({ number: 3, url: linkTo(3), state: 'closed', stateReason: 'duplicate', body: actionMarker({ runId: RUN, actionId: 'a-000003' }) }),
    ];
    const plan = planTrackerSync(actions, issues, GITHUB);
    assert.deepEqual(
      plan.pull.map((step) => [step.action.actionId, step.status, step.findClosingPullRequest]),
      [['a-000001', 'done', true], ['a-000002', 'wont_do', false], ['a-000003', 'wont_do', false]],
    );
    assert.deepEqual(plan.update, [], 'a closed issue is not closed again');
  });

  it('closes the issue of an action closed in the file, as completed or not planned', () => {
    const plan = planTrackerSync(
      [action({ status: 'done', closedAt: '2026-12-03T00:00:00Z', link: 'https://github.com/acme/shop/issues/12' }), action({ id: 'a-000002', status: 'wont_do', closedAt: '2026-12-03T00:00:00Z' })],
      [issue(), issue({ number: 13, url: 'https://github.com/acme/shop/issues/13', body: actionMarker({ runId: RUN, actionId: 'a-000002' }) })],
      GITHUB,
    );
    assert.deepEqual(plan.update.map((step) => [step.issue.number, step.close]).sort(), [[12, 'completed'], [13, 'not_planned']]);
    assert.deepEqual(plan.pull, []);
  });

  it('an issue reopened after the action was closed opens the action again; reopened before, the issue is closed again', () => {
    const closed = action({ status: 'done', closedAt: '2026-12-03T00:00:00Z', link: 'https://github.com/acme/shop/issues/12' });
    assert.deepEqual(reopenQuestions([closed], [issue()], GITHUB), [12]);
    const later = planTrackerSync([closed], [issue({ reopenedAt: '2026-12-04T00:00:00Z' })], GITHUB);
    assert.deepEqual(later.pull.map((step) => step.status), ['open']);
    assert.deepEqual(later.update, []);
    const earlier = planTrackerSync([closed], [issue({ reopenedAt: '2026-12-02T00:00:00Z' })], GITHUB);
    assert.deepEqual(earlier.pull, []);
    assert.deepEqual(earlier.update.map((step) => step.close), ['completed']);
  });

  it('an issue linked by hand (no marker) only gives its state back; a link elsewhere is left alone', () => {
    const plan = planTrackerSync(
      [action({ title: 'Other title', link: 'https://github.com/acme/shop/issues/7' }), action({ id: 'a-000002', link: 'https://jira.example.com/browse/OPS-1' })],
      [issue({ number: 7, url: 'https://github.com/acme/shop/issues/7', body: 'by hand', state: 'closed', stateReason: 'completed' })],
      GITHUB,
    );
    assert.deepEqual(plan.update, []);
    assert.deepEqual(plan.pull.map((step) => step.status), ['done']);
    assert.match(plan.notes.join('\n'), /OPS-1, not an issue of acme\/shop/);
    assert.deepEqual(linkedIssuesToFetch([action({ link: 'https://github.com/acme/shop/issues/7' }), action({ link: 'https://github.com/other/repo/issues/8' })], [], GITHUB), [7]);
  });

  it('reads issue numbers from GitHub and GitLab links of the repository only', () => {
    assert.equal(issueNumberOfLink('https://ghe.example.com/acme/shop/issues/40', GITHUB), 40);
    assert.equal(issueNumberOfLink('https://github.com/acme/shop/pull/40', GITHUB), undefined);
    assert.equal(issueNumberOfLink('https://gitlab.example.com/group/sub/shop/-/issues/3', { provider: 'gitlab', path: 'group/sub/shop' }), 3);
    assert.equal(issueNumberOfLink('not a url', GITHUB), undefined);
  });

  it('creates issues in the order the actions were added', () => {
    const plan = planTrackerSync([action({ id: 'a-aaaaaa', createdAt: '2026-12-01T11:00:00Z' }), action({ id: 'a-zzzzzz', createdAt: '2026-12-01T10:00:00Z' })], [], GITHUB);
    assert.deepEqual(plan.create.map((step) => step.action.actionId), ['a-zzzzzz', 'a-aaaaaa']);
  });

  it('says which marked issues belong to no action any more', () => {
    const plan = planTrackerSync([], [issue()], GITHUB);
    assert.match(plan.notes.join('\n'), /#12 belongs to an action that is no longer/);
  });
});
