import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import type { Playbook, RetrospectiveMeta, Run, TimelineEvent } from '../../../src/core/model/types';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';

/** Writes repository files as a person (or the tool) would: YAML text under playbooks/, in a temp folder. */
export class FixtureRepo {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-export-'));
  readonly repo = PlaybooksRepository.at(this.root);

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  write(relative: string, text: string): void {
    const file = path.join(this.root, 'playbooks', relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }

  playbook(slug: string, playbook: Omit<Playbook, 'apiVersion' | 'kind'>): void {
    this.write(`${slug}.yaml`, yaml({ apiVersion: 'git-playbooks/v1', kind: 'Playbook', ...playbook }));
  }

  run(id: string, run: Omit<Run, 'apiVersion' | 'kind'>): void {
    this.write(`runs/${id}/run.yaml`, yaml({ apiVersion: 'git-playbooks/v1', kind: 'Run', ...run }));
  }

  /** One event per line in flow style (JSON is YAML), as the tool writes them for merge=union. */
  timeline(id: string, events: TimelineEvent[]): void {
    const lines = events.map((event) => `\n  - ${JSON.stringify(event)}`).join('');
    this.write(`runs/${id}/timeline.yaml`, `apiVersion: git-playbooks/v1\nkind: Timeline\nevents:${lines === '' ? ' []' : lines}\n`);
  }

  retrospective(id: string, meta: Omit<RetrospectiveMeta, 'apiVersion' | 'kind'>, body: string): void {
    const front = yaml({ apiVersion: 'git-playbooks/v1', kind: 'Retrospective', ...meta });
    this.write(`runs/${id}/retrospective.md`, `---\n${front}---\n${body}`);
  }
}

function yaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

export const RUN_ID = 'db-outage-2024-05-01';

/** A summary with every character that CSV and tables must survive. */
export const TRICKY_SUMMARY = 'First alert fired, "checkout" 5xx > 2% | p99\nsecond line';

export const BODY = [
  '## Summary',
  '',
  'The primary database ran out of connections; failover took **too long**.',
  '',
  '## Action items',
  '',
  '- [ ] Alert on pool saturation (see https://wiki.example.com/db)',
  '',
].join('\n');

/**
 * A finished incident: 3 status updates, two checklists with closed/skipped/open items, a note
 * backdated with another time zone and written last in the file, and a published retrospective.
 */
export function writeRealisticRun(fixture: FixtureRepo): void {
  fixture.playbook('incident-response', {
    title: 'Incident response',
    checklists: [{ title: 'Triage', items: [{ title: 'Page on-call' }] }],
    retrospective: { enabled: true },
    metrics: [
      { id: 'time-to-detect', title: 'Time to detect', type: 'duration', target: '30m' },
      { id: 'cost-of-downtime', title: 'Cost of downtime', type: 'currency', unit: 'USD', decimals: 2, target: 1000 },
      { id: 'pages-sent', title: 'Pages sent', type: 'integer', retired: true },
    ],
  });
  fixture.run(RUN_ID, {
    name: 'Checkout database outage',
    playbook: 'incident-response',
    owner: 'alice',
    participants: ['alice', 'bob', 'carol@example.com'],
    status: 'finished',
    startedAt: '2024-05-01T10:00:00Z',
    endedAt: '2024-05-01T13:20:00Z',
    statusUpdates: { enabled: true, reminder: '1h' },
    retrospective: { enabled: true },
    checklists: [
      {
        title: 'Triage',
        items: [
          { id: 'page-on-call', title: 'Page on-call', state: 'closed', assignee: 'alice', due: '2024-05-01T10:15:00Z' },
          { id: 'assess-impact', title: 'Assess impact', state: 'closed' },
          { id: 'notify-customers', title: 'Notify customers', state: 'skipped', assignee: 'carol@example.com' },
        ],
      },
      {
        title: 'Resolve',
        items: [
          { id: 'fail-over', title: 'Fail over the database', state: 'in_progress', assignee: 'bob' },
          { id: 'find-root-cause', title: 'Find the root cause', state: 'open' },
        ],
      },
    ],
  });
  fixture.timeline(RUN_ID, [
    { id: 'ev-0001', at: '2024-05-01T10:00:00Z', type: 'run_started', actor: 'alice', summary: 'alice started the run' },
    {
      id: 'ev-0002',
      at: '2024-05-01T10:30:00Z',
      type: 'status_updated',
      actor: 'alice',
      summary: 'Investigating elevated 5xx on checkout',
      details: 'Investigating elevated 5xx on **checkout**.\n\nNext update in 1h.',
    },
    { id: 'ev-0003', at: '2024-05-01T10:45:00Z', type: 'task_state_changed', actor: 'alice', summary: 'Page on-call: closed', data: { task: 'page-on-call', state: 'closed' } },
    { id: 'ev-0004', at: '2024-05-01T12:10:00Z', type: 'status_updated', actor: 'bob', summary: 'Mitigated by failing over', details: 'Mitigated by failing over.\nMonitoring.' },
    { id: 'ev-0005', at: '2024-05-01T13:20:00Z', type: 'run_finished', actor: 'alice', summary: 'alice finished the run' },
    { id: 'ev-0006', at: '2024-05-01T13:20:00Z', type: 'status_updated', actor: 'alice', summary: 'Resolved', details: 'Resolved. Retro tomorrow.' },
    { id: 'ev-0007', at: '2024-05-02T09:00:00Z', type: 'retrospective_published', actor: 'bob', summary: 'bob published the retrospective' },
    {
      id: 'ev-0008',
      at: '2024-05-01T12:12:00+02:00',
      type: 'note',
      actor: 'carol@example.com',
      summary: TRICKY_SUMMARY,
      details: 'Seen on the dashboard,\nlinked below.',
      link: 'https://grafana.example.com/d/abc?from=1&to=2',
    },
  ]);
  fixture.retrospective(
    RUN_ID,
    {
      status: 'published',
      metrics: { 'time-to-detect': '25m', 'cost-of-downtime': 1250.5, 'pages-sent': null },
      publishedAt: '2024-05-02T09:00:00Z',
      publishedBy: 'bob',
    },
    BODY,
  );
}
