import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Layout } from '../src/core/repository/layout';

/** Shapes of the files, taken from the demo repository (scripts/demoRepo.mjs). */
const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

export interface SyntheticRepo {
  root: string;
  runIds: string[];
  playbooks: string[];
}

export const PLAYBOOKS = 200;
export const RUNS = 20_000;
export const EVENTS_PER_RUN = 20;
export const BIG_TIMELINE_EVENTS = 10_000;
/** Runs are spread over this many days (four years: 20,000 runs is 5,000 incidents a year). */
const SPREAD_DAYS = 4 * 365;
const FIRST_DAY = Date.UTC(2023, 0, 1);
/** Bump when the generated files change, so a stale cache is never reused. */
const VERSION = 3;

/**
 * 'sharded': runs/YYYY/MM/<run>/, as git-playbooks writes runs; 'flat': runs/<run>/, the layout of
 * repositories made before sharding (BENCH_LAYOUT=flat measures it).
 */
export type RunLayout = 'sharded' | 'flat';

export function cacheDir(): string {
  return process.env.BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'git-playbooks-bench');
}

/** Run ids named as startRun names them, `<start date>-<slug>`, their dates spread over four years in order. */
export function benchRunIds(runs: number): string[] {
  return Array.from({ length: runs }, (_, i) => {
    const day = new Date(FIRST_DAY + Math.floor((i * SPREAD_DAYS) / runs) * 86_400_000).toISOString().slice(0, 10);
    return `${day}-run-${String(i).padStart(5, '0')}`;
  });
}

/** Generates (or reuses) a repository with `runs` runs; files are written directly, not through the CLI. */
export function syntheticRepo(runs: number, playbooks = PLAYBOOKS, layout: RunLayout = 'sharded'): SyntheticRepo {
  const root = path.join(cacheDir(), `repo-v${VERSION}-${layout}-${playbooks}-${runs}`);
  const playbookSlugs = Array.from({ length: playbooks }, (_, i) => `pb-${String(i).padStart(3, '0')}`);
  const runIds = benchRunIds(runs);
  const done = path.join(root, '.generated');
  if (fs.existsSync(done)) return { root, runIds, playbooks: playbookSlugs };
  fs.rmSync(root, { recursive: true, force: true });
  writeRepo(root, runIds, playbookSlugs, layout);
  fs.writeFileSync(done, '');
  return { root, runIds, playbooks: playbookSlugs };
}

/** The folder of a run of a generated repository (flat or sharded, wherever it is). */
export function benchRunDir(root: string, id: string): string {
  return new Layout(root).runDir(id);
}

/** Writes the playbooks and runs into root (tests use it on a small scale). */
export function writeRepo(root: string, runIds: string[], playbookSlugs: string[], layout: RunLayout = 'sharded'): void {
  const playbooks = playbookSlugs.length;
  const folder = path.join(root, 'playbooks');
  const paths = new Layout(root);
  fs.mkdirSync(path.join(folder, 'runs'), { recursive: true });
  const playbook = fixture('playbook.yaml');
  for (const slug of playbookSlugs) fs.writeFileSync(path.join(folder, `${slug}.yaml`), playbook);
  const run = fixture('run.yaml');
  const retro = fixture('retrospective.md');
  const head = fixture('timeline-head.yaml');
  const events = { start: fixture('event.yaml').trimEnd(), update: fixture('status-update.yaml').trimEnd() };
  runIds.forEach((id, i) => {
    const dir = layout === 'flat' ? paths.flatRunDir(id) : paths.shardedRunDir(id);
    fs.mkdirSync(dir, { recursive: true });
    const slug = playbookSlugs[i % playbooks] ?? 'pb-000';
    fs.writeFileSync(path.join(dir, 'run.yaml'), run.replace('playbook: incident-response', `playbook: ${slug}`).replace(/^status: in_progress$/m, i % 10 === 0 ? 'status: in_progress' : 'status: finished\nendedAt: 2026-11-24T18:40:00Z'));
    fs.writeFileSync(path.join(dir, 'timeline.yaml'), timeline(head, events, i === 0 && runIds.length >= RUNS ? BIG_TIMELINE_EVENTS : EVENTS_PER_RUN, i));
    fs.writeFileSync(path.join(dir, 'retrospective.md'), retro);
  });
}

/** A run's timeline: its start, then status updates (a run starts once; validate warns about a second start). */
function timeline(head: string, events: { start: string; update: string }, count: number, run: number): string {
  const lines = [head.trimEnd()];
  for (let i = 0; i < count; i += 1) lines.push((i === 0 ? events.start : events.update).replace(/id: "[^"]*"/, `id: "e${run.toString(36)}-${i.toString(36)}"`));
  return `${lines.join('\n')}\n`;
}
