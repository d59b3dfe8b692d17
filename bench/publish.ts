import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Layout } from '../src/core/repository/layout';
import { PlaybooksRepository } from '../src/core/repository/playbooksRepository';
import { publishRetrospective } from '../src/core/retrospectives/retrospectiveOperations';
import type { OperationContext } from '../src/core/runs/operationContext';
import { GitRepository } from '../src/git/gitRepository';
import { GitRunner } from '../src/git/gitRunner';
import { publishWithGit } from '../src/git/publishRetrospective';
import { cacheDir, RUNS, syntheticRepo } from './generate';
import { median } from './measure';

const exec = promisify(execFile);
const SAMPLES = 9;
/** Bump when the way the git copy is made changes, so a stale cache is never reused. */
const GIT_VERSION = 2;
const IDENTITY = ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com'];

export interface PublishResult {
  publishMs: number;
  gitMs: number;
  ratio: number;
  note: string;
}

/** One git process that publish ran, as GitRunner saw it (spawn + simple-git overhead included). */
interface GitCall {
  command: string;
  ms: number;
}

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

async function git(cwd: string, args: string[]): Promise<string> {
  // 64 MB: `git add -A` of 60,000 files is quiet, but status of a dirty copy may not be.
  return (await exec('git', args, { cwd, maxBuffer: 64 << 20 })).stdout;
}

/** How long the setup waits for another gc of the bench repository (its own took 13 s on a busy 2-core machine). */
const GC_WAIT_MS = 10 * 60_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether .git/gc.pid names a gc that is still running on this machine (git's own test, minus its 12-hour expiry). */
function gcRunning(root: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, '.git', 'gc.pid'), 'utf8');
  } catch {
    return false;
  }
  const [pid, host] = text.trim().split(' ');
  // Another machine's gc (a shared file system) cannot be checked: assume it runs until the file goes.
  if (host !== undefined && host !== os.hostname()) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error: unknown) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A synchronous `git gc`. The setup turns automatic gc off, but a gc started by something else
 * (a person, an editor's git integration) would make ours die with "gc is already running": wait
 * for it, and retry if one started between the check and ours.
 */
async function gcWhenIdle(root: string): Promise<void> {
  const deadline = Date.now() + GC_WAIT_MS;
  for (;;) {
    while (gcRunning(root)) {
      if (Date.now() > deadline) throw new Error(`another git gc has been running in ${root} for ${GC_WAIT_MS / 60_000} minutes`);
      await sleep(200);
    }
    try {
      await git(root, ['gc', '--quiet']);
      return;
    } catch (error: unknown) {
      const stderr = (error as { stderr?: unknown }).stderr;
      if (typeof stderr !== 'string' || !stderr.includes('already running') || Date.now() > deadline) throw error;
    }
  }
}

/**
 * The synthetic repository as a git work tree with everything committed once (adding 60,000 files
 * takes a while), cached beside it; a marker in .git says the copy is complete.
 */
async function gitCopy(runs: number): Promise<string> {
  const source = syntheticRepo(runs).root;
  const root = path.join(cacheDir(), `git-v${GIT_VERSION}-${runs}`);
  const done = path.join(root, '.git', 'bench-ready');
  if (fs.existsSync(done)) {
    // An interrupted earlier bench may have left a half-published run: start from the commit.
    if ((await git(root, ['status', '--porcelain'])) !== '') {
      await git(root, ['reset', '--quiet', '--hard', 'HEAD']);
      await git(root, ['clean', '-fdq']);
    }
    return root;
  }
  fs.rmSync(root, { recursive: true, force: true });
  await exec('cp', ['-a', source, root]);
  fs.rmSync(path.join(root, '.generated'), { force: true });
  await git(root, ['init', '--quiet', '--initial-branch=main']);
  // Local identity: publish reads it (git config user.name / user.email) and refuses without one.
  await git(root, ['config', 'user.name', 'bench']);
  await git(root, ['config', 'user.email', 'bench@example.com']);
  await git(root, ['config', 'commit.gpgsign', 'false']);
  // No automatic gc, ever: the big commit below would start `gc --auto` in the background (60,000
  // loose objects), racing the explicit gc ("gc is already running"), and a later one would compete
  // with the samples. Not detached either, should GIT_CONFIG_* in the environment turn gc.auto back on.
  await git(root, ['config', 'gc.auto', '0']);
  await git(root, ['config', 'gc.autoDetach', 'false']);
  await git(root, ['config', 'maintenance.auto', 'false']);
  await git(root, ['add', '-A']);
  await git(root, [...IDENTITY, 'commit', '--quiet', '-m', `Synthetic repository, ${runs} runs`]);
  // Packed, as a real repository is, once and in the foreground.
  await gcWhenIdle(root);
  fs.writeFileSync(done, '');
  return root;
}

/** Finished runs whose retrospective is still a draft, newest first (earlier benches published some). */
function draftRuns(repo: PlaybooksRepository, runIds: readonly string[], count: number): string[] {
  const picked: string[] = [];
  for (let i = runIds.length - 1; i >= 0 && picked.length < count; i -= 1) {
    const id = runIds[i] ?? '';
    const run = fs.readFileSync(repo.layout.runFile(id), 'utf8');
    const retro = fs.readFileSync(repo.layout.retrospectiveFile(id), 'utf8');
    if (/^status: finished$/m.test(run) && /^status: draft$/m.test(retro)) picked.push(id);
  }
  if (picked.length < count) throw new Error(`only ${picked.length} unpublished finished runs left; delete ${repo.layout.root} to start over`);
  return picked;
}

/** What a person does before publishing: fill in every metric (a plain edit, left uncommitted). */
function fillMetrics(repo: PlaybooksRepository, runId: string): void {
  const file = repo.layout.retrospectiveFile(runId);
  const values: Record<string, string> = { 'time-to-detect': '20m', 'time-to-mitigate': '1h 5m', 'customer-tickets': '3', cost: '120.5' };
  const text = fs.readFileSync(file, 'utf8').replace(/^ {2}([a-z-]+): null$/gm, (line, id: string) => (values[id] === undefined ? line : `  ${id}: ${values[id]}`));
  fs.writeFileSync(file, text);
}

/** A git command without its paths and message, e.g. `commit --cleanup=whitespace -m`. */
function label(args: readonly string[]): string {
  const end = args.indexOf('--');
  const head = end === -1 ? [...args] : args.slice(0, end);
  const message = head.indexOf('-m');
  return (message === -1 ? head : head.slice(0, message + 1)).join(' ');
}

/** Records every git process GitRunner starts while fn runs (the prototype is restored after). */
async function recordingGit<T>(calls: GitCall[], fn: () => Promise<T>): Promise<T> {
  const original = GitRunner.prototype.run;
  GitRunner.prototype.run = async function run(this: GitRunner, args: readonly string[]): Promise<string> {
    const start = now();
    try {
      return await original.call(this, args);
    } finally {
      calls.push({ command: label(args), ms: now() - start });
    }
  };
  try {
    return await fn();
  } finally {
    GitRunner.prototype.run = original;
  }
}

/** Per git command: how many per publish and the median time of one, slowest first. */
function breakdown(calls: GitCall[], samples: number): string {
  const byCommand = new Map<string, number[]>();
  for (const call of calls) byCommand.set(call.command, [...(byCommand.get(call.command) ?? []), call.ms]);
  return [...byCommand]
    .map(([command, times]) => ({ command, count: times.length / samples, ms: median(times), total: times.reduce((a, b) => a + b, 0) / samples }))
    .sort((a, b) => b.total - a.total)
    .map((entry) => `${entry.count}x git ${entry.command} ${entry.ms.toFixed(1)} ms`)
    .join(', ');
}

/**
 * Publishing a retrospective (publishWithGit: checks, the two file edits, status, add, commit) against
 * a plain `git add <files> && git commit` of the same two files of another run, 5 samples each,
 * alternating which goes first. The repository has `runs` runs (default: the bench's 20,000).
 */
export async function measurePublish(runs = Number(process.env.BENCH_RUNS ?? RUNS)): Promise<PublishResult> {
  const root = await gitCopy(runs);
  const repo = new PlaybooksRepository(new Layout(root));
  const gitRepo = await GitRepository.open(root);
  const context: OperationContext = { actor: 'bench', now: () => new Date() };
  const ids = draftRuns(repo, syntheticRepo(runs).runIds, 2 * SAMPLES);
  const publishSamples: number[] = [];
  const gitSamples: number[] = [];
  const calls: GitCall[] = [];
  /** Per publish sample: its time outside git processes (parsing, checks, the file edits). */
  const outsideGit: number[] = [];
  const plainAdd: number[] = [];
  const plainCommit: number[] = [];
  const fileCounts: number[] = [];

  const timePublish = async (runId: string): Promise<void> => {
    fillMetrics(repo, runId);
    const sampleCalls: GitCall[] = [];
    const start = now();
    const outcome = await recordingGit(sampleCalls, () => publishWithGit(repo, gitRepo, context, runId, { branch: false, push: false, remote: 'origin' }));
    const ms = now() - start;
    publishSamples.push(ms);
    outsideGit.push(ms - sampleCalls.reduce((sum, call) => sum + call.ms, 0));
    calls.push(...sampleCalls);
    fileCounts.push(outcome.files.length);
  };
  const timePlainGit = async (runId: string): Promise<void> => {
    // The same edits publish makes, untimed; then what a person would type.
    fillMetrics(repo, runId);
    publishRetrospective(repo, context, runId);
    const runFolder = repo.layout.relative(repo.layout.runDir(runId));
    const files = (await git(root, ['status', '--porcelain', '-z', '--untracked-files=all', '--', runFolder])).split('\0').filter((entry) => entry !== '').map((entry) => entry.slice(3));
    if (files.length === 0) throw new Error(`publishing ${runId} changed nothing`);
    const start = now();
    await git(root, ['add', '--', ...files]);
    const added = now();
    await git(root, ['commit', '--quiet', '-m', `Publish retrospective of ${runId}`]);
    const end = now();
    gitSamples.push(end - start);
    plainAdd.push(added - start);
    plainCommit.push(end - added);
  };

  for (let i = 0; i < SAMPLES; i += 1) {
    const publishRun = ids[2 * i] ?? '';
    const gitRun = ids[2 * i + 1] ?? '';
    // Alternating the order, so neither always runs on a freshly written index / warm cache.
    if (i % 2 === 0) {
      await timePublish(publishRun);
      await timePlainGit(gitRun);
    } else {
      await timePlainGit(gitRun);
      await timePublish(publishRun);
    }
  }

  const publishMs = median(publishSamples);
  const gitMs = median(gitSamples);
  const ratio = publishMs / gitMs;
  const fmt = (values: number[]): string => values.map((value) => value.toFixed(0)).join('/');
  const note = [
    `publish ${fmt(publishSamples)} ms, git add+commit ${fmt(gitSamples)} ms (add ${median(plainAdd).toFixed(0)} + commit ${median(plainCommit).toFixed(0)})`,
    `${fileCounts[0] ?? 0} files`,
    `publish runs ${calls.length / SAMPLES} git processes (medians each): ${breakdown(calls, SAMPLES)}; outside git ${median(outsideGit).toFixed(0)} ms`,
  ].join('; ');
  return { publishMs, gitMs, ratio, note };
}
