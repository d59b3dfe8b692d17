import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runPath } from '../../helpers/runPaths';

/**
 * Writes the files a user would have in their repository, as YAML text, so tests read them through
 * the same parser, schema and checks as the CLI does.
 */

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export function tempRepo(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'git-playbooks-reports-'));
}

export function removeRepo(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, 'utf8');
}

/** A double-quoted YAML scalar: JSON strings are valid YAML. */
const q = (text: string): string => JSON.stringify(text);

export function runDir(dir: string, run: string): string {
  return path.join(dir, runPath(run));
}

/** `metricsYaml` is the `metrics:` list as the user writes it (indented by two spaces). */
export function writePlaybook(dir: string, slug: string, title: string, metricsYaml = '', extra = ''): void {
  const metrics = metricsYaml === '' ? '' : `metrics:\n${metricsYaml}`;
  write(
    path.join(dir, 'playbooks', `${slug}.yaml`),
    `apiVersion: git-playbooks/v1
kind: Playbook
title: ${q(title)}
checklists:
  - title: Triage
    items:
      - title: Page the on-call engineer
statusUpdates:
  enabled: true
  reminder: 1h
retrospective:
  enabled: true
  reminder: 24h
${extra}${metrics}`,
  );
}

export interface RunSpec {
  name?: string;
  playbook: string;
  owner?: string;
  startedAt: string;
  /** Present for finished runs. */
  endedAt?: string;
  retroEnabled?: boolean;
  retroReminder?: string;
  statusEnabled?: boolean;
  statusReminder?: string;
}

export function writeRun(dir: string, id: string, spec: RunSpec): void {
  const finished = spec.endedAt !== undefined;
  write(
    path.join(runDir(dir, id), 'run.yaml'),
    `apiVersion: git-playbooks/v1
kind: Run
name: ${q(spec.name ?? id)}
playbook: ${spec.playbook}
owner: ${q(spec.owner ?? 'alice')}
participants:
  - alice
  - bob
status: ${finished ? 'finished' : 'in_progress'}
startedAt: ${q(spec.startedAt)}
${finished ? `endedAt: ${q(spec.endedAt ?? '')}\n` : ''}statusUpdates:
  enabled: ${spec.statusEnabled ?? true}
${spec.statusReminder !== undefined ? `  reminder: ${spec.statusReminder}\n` : ''}retrospective:
  enabled: ${spec.retroEnabled ?? true}
${spec.retroReminder !== undefined ? `  reminder: ${spec.retroReminder}\n` : ''}checklists:
  - title: Triage
    items:
      - id: page-the-on-call-engineer
        title: Page the on-call engineer
        state: closed
`,
  );
}

export interface EventSpec {
  at: string;
  type?: string;
  summary?: string;
  details?: string;
}

/** One event per line (flow mappings), as the tool writes timelines so that git can union-merge them. */
export function writeTimeline(dir: string, id: string, events: EventSpec[]): void {
  const lines = events.map(
    (event, index) =>
      `  - {id: ${q(`evt-${id}-${index}`)}, at: ${q(event.at)}, type: ${event.type ?? 'status_updated'}, actor: alice, ` +
      `summary: ${q(event.summary ?? 'Update')}${event.details !== undefined ? `, details: ${q(event.details)}` : ''}}`,
  );
  write(path.join(runDir(dir, id), 'timeline.yaml'), `apiVersion: git-playbooks/v1\nkind: Timeline\nevents:\n${lines.join('\n')}\n`);
}

export interface RetroSpec {
  status: 'draft' | 'published' | 'skipped';
  /** Values as written in the file: `1h 30m`, `12`, `1250.5`, or null. */
  metrics?: Record<string, string | number | null>;
  publishedAt?: string;
  skippedAt?: string;
  skipReason?: string;
}

export function writeRetrospective(dir: string, id: string, spec: RetroSpec): void {
  const entries = Object.entries(spec.metrics ?? {});
  const metrics = entries.length === 0 ? 'metrics: {}\n' : `metrics:\n${entries.map(([key, value]) => `  ${key}: ${value === null ? 'null' : value}\n`).join('')}`;
  const published = spec.publishedAt !== undefined ? `publishedAt: ${q(spec.publishedAt)}\npublishedBy: alice\n` : '';
  const skipped = spec.skippedAt !== undefined ? `skippedAt: ${q(spec.skippedAt)}\nskippedBy: bob\nskipReason: ${q(spec.skipReason ?? 'Duplicate')}\n` : '';
  write(
    path.join(runDir(dir, id), 'retrospective.md'),
    `---\napiVersion: git-playbooks/v1\nkind: Retrospective\nstatus: ${spec.status}\n${metrics}${published}${skipped}---\n\n## Summary\n\nWhat happened.\n`,
  );
}

/** Overwrites a run's run.yaml with text that is not a valid run. */
export function breakRunFile(dir: string, id: string, text: string): void {
  write(path.join(runDir(dir, id), 'run.yaml'), text);
}

/** ISO time `hours` after `base`. */
export function plusHours(base: string, hours: number): string {
  // Files and outputs carry times to the second, without milliseconds.
  return new Date(Date.parse(base) + hours * HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
