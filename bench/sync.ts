import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Layout } from '../src/core/repository/layout';
import { appendEventText } from '../src/core/runs/timelineFile';
import { syncPlaybooks } from '../src/git/syncPlaybooks';
import { cacheDir, RUNS, syntheticRepo } from './generate';
import { median } from './measure';

const exec = promisify(execFile);
const SAMPLES = 9;
/** Bump when the way the remote and clone are made changes, so a stale cache is never reused. */
const SYNC_VERSION = 1;
const IDENTITY_CONFIG = ['user.name=bench', 'user.email=bench@example.com', 'commit.gpgsign=false', 'gc.auto=0', 'maintenance.auto=false'];

export interface SyncResult {
  syncMs: number;
  gitMs: number;
  ratio: number;
  note: string;
}

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

async function git(cwd: string, args: string[]): Promise<string> {
  return (await exec('git', args, { cwd, maxBuffer: 64 << 20 })).stdout;
}

/**
 * A bare remote holding the synthetic repository in one commit, and a clone of it with an upstream,
 * cached beside the repository (cloning 60,000 files takes a while); a marker says it is complete.
 */
async function remoteAndClone(runs: number): Promise<{ remote: string; clone: string }> {
  const base = path.join(cacheDir(), `sync-v${SYNC_VERSION}-${runs}`);
  const remote = path.join(base, 'remote.git');
  const clone = path.join(base, 'clone');
  const done = path.join(base, 'ready');
  if (fs.existsSync(done)) {
    // An interrupted earlier bench may have left changes: start from what the remote has.
    await git(clone, ['fetch', '-q', 'origin']);
    await git(clone, ['reset', '-q', '--hard', 'origin/main']);
    await git(clone, ['clean', '-fdq']);
    return { remote, clone };
  }
  fs.rmSync(base, { recursive: true, force: true });
  const source = path.join(base, 'source');
  fs.mkdirSync(base, { recursive: true });
  await exec('cp', ['-a', syntheticRepo(runs).root, source]);
  fs.rmSync(path.join(source, '.generated'), { force: true });
  await git(source, ['init', '-q', '-b', 'main']);
  await git(source, ['add', '-A']);
  await git(source, [...IDENTITY_CONFIG.flatMap((entry) => ['-c', entry]), 'commit', '-q', '-m', `Synthetic repository, ${runs} runs`]);
  await git(base, ['clone', '-q', '--bare', source, remote]);
  fs.rmSync(source, { recursive: true, force: true });
  await git(base, ['clone', '-q', remote, clone]);
  for (const entry of IDENTITY_CONFIG) {
    const [key = '', value = ''] = entry.split('=');
    await git(clone, ['config', key, value]);
  }
  fs.writeFileSync(done, '');
  return { remote, clone };
}

/** What a person does between syncs: one note added to a run's timeline (the file edit, untimed). */
function addNote(layout: Layout, runId: string, sample: number): string {
  const file = layout.timelineFile(runId);
  const at = new Date(Date.UTC(2026, 10, 30, 10, sample)).toISOString().replace('.000Z', 'Z');
  fs.writeFileSync(file, appendEventText(fs.readFileSync(file, 'utf8'), { id: `ebench${sample}-${Date.now().toString(36)}`, at, type: 'note', actor: 'bench', summary: `bench note ${sample}` }));
  return layout.relative(file);
}

/**
 * `syncPlaybooks` of one changed timeline to a local bare remote, against what a person would type
 * for the same change: `git add <file> && git commit -m … && git push`. Alternating which goes
 * first, SAMPLES each, in a clone of the repository with `runs` runs.
 */
export async function measureSync(runs = Number(process.env.BENCH_RUNS ?? RUNS)): Promise<SyncResult> {
  const { clone } = await remoteAndClone(runs);
  const layout = new Layout(clone);
  const runIds = syntheticRepo(runs).runIds;
  const syncSamples: number[] = [];
  const gitSamples: number[] = [];

  const timeSync = async (sample: number): Promise<void> => {
    addNote(layout, runIds[(2 * sample + 1) % runIds.length] ?? '', sample);
    const start = now();
    const outcome = await syncPlaybooks(clone, layout, { actor: 'bench', now: new Date() });
    syncSamples.push(now() - start);
    if (!outcome.pushedCommits || outcome.committedFiles.length !== 1) throw new Error(`sync did not push one file: ${JSON.stringify(outcome)}`);
  };
  const timePlainGit = async (sample: number): Promise<void> => {
    const file = addNote(layout, runIds[(2 * sample + 2) % runIds.length] ?? '', sample);
    const start = now();
    await git(clone, ['add', '--', file]);
    await git(clone, ['commit', '-q', '-m', `bench note ${sample}`]);
    await git(clone, ['push', '-q']);
    gitSamples.push(now() - start);
  };

  for (let i = 0; i < SAMPLES; i += 1) {
    if (i % 2 === 0) {
      await timeSync(i);
      await timePlainGit(i);
    } else {
      await timePlainGit(i);
      await timeSync(i);
    }
  }
  const syncMs = median(syncSamples);
  const gitMs = median(gitSamples);
  const fmt = (values: number[]): string => values.map((value) => value.toFixed(0)).join('/');
  return { syncMs, gitMs, ratio: syncMs / gitMs, note: `sync ${fmt(syncSamples)} ms, git add+commit+push ${fmt(gitSamples)} ms; ${runs} runs` };
}
