import type { TimelineEvent } from '../../src/core/model/types';

/** A run as `run start` writes it, with a comment a person added. */
export const BASE = `# Run of the database playbook. Keep this comment.
apiVersion: git-playbooks/v1
kind: Run
name: DB down
playbook: db-incident
owner: alice
participants: [alice, bob]
status: in_progress # until the failover holds
startedAt: "2026-11-24T10:00:00Z"
statusUpdates:
  enabled: true
  reminder: 1h
retrospective:
  enabled: true
checklists:
  - title: Stabilise
    items:
      - id: page-the-dba
        title: Page the DBA on call
        state: open
        assignee: alice
        followsOwner: true
      - id: fail-over
        title: Fail over to the replica # the runbook is in the wiki
        state: open
  - title: Follow up
    items:
      - id: customer-note
        title: Write the customer note
        state: open
`;

export const START: TimelineEvent = { id: 'e0000000001-aaaaaa', at: '2026-11-24T10:00:00Z', type: 'run_started', actor: 'alice', summary: 'Run started', data: { owner: 'alice' } };

export function event(at: string, type: TimelineEvent['type'], actor: string, data: TimelineEvent['data'], id = `e${Date.parse(at).toString(36)}-${actor.slice(0, 6).padEnd(6, '0')}`): TimelineEvent {
  return { id, at, type, actor, summary: type, data };
}
