import assert from 'node:assert/strict';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { changeOwner, finishRun } from '../../../src/core/runs/runOperations';
import { changeTask } from '../../../src/core/runs/taskOperations';
import { recordMetric } from '../../../src/core/retrospectives/retrospectiveOperations';
import { readFile, tempDir, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';

const RUN = `# Hand-written run file: keep this comment.
apiVersion: git-playbooks/v1
kind: Run
name: Cache stampede
playbook: db-incident
owner: alice # primary on call
participants: [alice, bob]
status: in_progress
startedAt: 2026-11-20T08:00:00Z
statusUpdates:
  enabled: true
  reminder: 1h
retrospective:
  enabled: true
  reminder: 4h
checklists:
  - title: Stabilise
    items:
      # The first thing to do, always.
      - id: page-the-dba
        title: Page the DBA
        state: open
        assignee: alice
      - id: fail-over
        title: 'Fail over'   # quoted on purpose
        state: open
`;

const RETRO = `---
# Metric values are filled in with "git-playbooks retro metric".
apiVersion: git-playbooks/v1
kind: Retrospective
status: draft
metrics:
  time-to-mitigate: null # fill in after the call
  tickets: null
  credits: null
---
## Summary

Hand-written *Markdown* that must stay byte for byte.
`;

const TIMELINE = `apiVersion: git-playbooks/v1
kind: Timeline
events:
  - {id: "e0-start", at: "2026-11-20T08:00:00Z", type: run_started, actor: "alice", summary: "Run started"}
`;

function lines(text: string): string[] {
  return text.split('\n');
}

/** Lines of `after` that are not in `before` (a poor man's diff, enough to see what an edit touched). */
function added(before: string, after: string): string[] {
  const old = new Set(lines(before));
  return lines(after).filter((line) => !old.has(line));
}

function removed(before: string, after: string): string[] {
  return added(after, before);
}

describe('tool edits keep what people wrote', () => {
  function setup(): { repo: PlaybooksRepository; root: string } {
    const root = tempDir('gp-comments-');
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    writeFile(root, 'playbooks/runs/cache-stampede/run.yaml', RUN);
    writeFile(root, 'playbooks/runs/cache-stampede/timeline.yaml', TIMELINE);
    writeFile(root, 'playbooks/runs/cache-stampede/retrospective.md', RETRO);
    return { repo: PlaybooksRepository.at(root), root };
  }
  const context = { actor: 'bob', now: () => new Date('2026-11-20T09:00:00Z') };
  const runFile = 'playbooks/runs/cache-stampede/run.yaml';

  it('changes only the lines an operation is about; comments, quoting and order survive', () => {
    const { repo, root } = setup();
    changeOwner(repo, context, 'cache-stampede', 'carol');
    changeTask(repo, context, 'cache-stampede', 'fail-over', { state: 'closed', assignee: 'bob' });
    const expected = RUN.replace('owner: alice # primary on call', 'owner: carol # primary on call')
      .replace('participants: [alice, bob]', 'participants: [alice, bob, carol]')
      .replace("        title: 'Fail over'   # quoted on purpose\n        state: open", "        title: 'Fail over'   # quoted on purpose\n        state: closed\n        assignee: bob")
      .replace('startedAt: 2026-11-20T08:00:00Z\n', 'startedAt: 2026-11-20T08:00:00Z\nupdatedAt: 2026-11-20T09:00:00Z\n');
    assert.equal(readFile(root, runFile), expected);
  });

  it('inserts endedAt next to startedAt, then the updatedAt stamp, keeping key order readable', () => {
    const { repo, root } = setup();
    finishRun(repo, context, 'cache-stampede');
    const after = lines(readFile(root, runFile));
    const started = after.indexOf('startedAt: 2026-11-20T08:00:00Z');
    assert.equal(after[started + 1], 'endedAt: 2026-11-20T09:00:00Z');
    assert.deepEqual(added(RUN, readFile(root, runFile)), ['status: finished', 'endedAt: 2026-11-20T09:00:00Z', 'updatedAt: 2026-11-20T09:00:00Z']);
  });

  it('edits retrospective front matter without touching its comments or the Markdown body', () => {
    const { repo, root } = setup();
    recordMetric(repo, { ...context, now: () => new Date('2026-11-20T09:00:00Z') }, 'cache-stampede', 'tickets', '7');
    const after = readFile(root, 'playbooks/runs/cache-stampede/retrospective.md');
    assert.deepEqual(removed(RETRO, after), ['  tickets: null']);
    assert.deepEqual(added(RETRO, after), ['  tickets: 7', 'updatedAt: 2026-11-20T09:00:00Z'], 'the value, and the stamp every change makes (for merging)');
  });

  it('appends timeline events as new lines without rewriting the old ones', () => {
    const { repo, root } = setup();
    changeOwner(repo, context, 'cache-stampede', 'carol');
    const after = readFile(root, 'playbooks/runs/cache-stampede/timeline.yaml');
    assert.ok(after.startsWith(TIMELINE));
    const [line] = added(TIMELINE, after).filter((text) => text !== '');
    assert.match(line ?? '', /^  - \{id: "e[a-z0-9]+-[0-9a-f]{6}", at: "2026-11-20T09:00:00Z", type: owner_changed, actor: "bob", summary: "Owner changed from alice to carol"/);
  });
});
