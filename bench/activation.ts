import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { median } from './measure';

const run = promisify(execFile);
const SAMPLES = 5;
const MAIN = path.resolve(__dirname, '..');
const EXTENSION = path.join(MAIN, 'dist', 'extension.js');
const CHILD = path.join(__dirname, 'activationChild.mjs');

export interface ActivationResult {
  loadMs: number;
  activateMs: number;
  totalMs: number;
  note: string;
}

interface Sample {
  loadMs: number;
  activateMs: number;
  readyMs: number | null;
  runs: number | null;
  touched: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function parseSample(stdout: string): Sample {
  const line = stdout.trim().split('\n').pop() ?? '';
  const value: unknown = JSON.parse(line);
  if (!isRecord(value) || typeof value.loadMs !== 'number' || typeof value.activateMs !== 'number') throw new Error(`activation child printed ${line}`);
  const touched = Array.isArray(value.touched) ? value.touched.filter((item): item is string => typeof item === 'string') : [];
  return { loadMs: value.loadMs, activateMs: value.activateMs, readyMs: numberOrNull(value.readyMs), runs: numberOrNull(value.runs), touched };
}

/**
 * Cold activation of the bundled extension against a stub `vscode`, each sample in a fresh Node
 * process (no module cache, no JIT warmth): bundle load + activate(), medians of 5. The background
 * index load is timed too (from the start of the load) and reported in the note.
 */
export async function measureActivation(workspaceRoot: string): Promise<ActivationResult> {
  // The figure is about the shipped bundle; build it only when missing (never rebuild someone's tree).
  if (!fs.existsSync(EXTENSION)) execFileSync(process.execPath, [path.join(MAIN, 'scripts', 'build.mjs')], { cwd: MAIN, stdio: 'inherit' });
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'playbooks-activation-'));
  const samples: Sample[] = [];
  try {
    for (let i = 0; i < SAMPLES; i += 1) {
      // The child waits for the background load (seconds at 20,000 runs) before it exits.
      const { stdout } = await run(process.execPath, [CHILD, EXTENSION, workspaceRoot, path.join(storage, String(i))], { maxBuffer: 1 << 20, timeout: 300_000 });
      samples.push(parseSample(stdout));
    }
  } finally {
    fs.rmSync(storage, { recursive: true, force: true });
  }
  const totals = samples.map((sample) => sample.loadMs + sample.activateMs);
  const ready = samples.flatMap((sample) => (sample.readyMs === null ? [] : [sample.readyMs]));
  const touched = [...new Set(samples.flatMap((sample) => sample.touched))];
  const fmt = (values: number[]): string => values.map((value) => value.toFixed(0)).join('/');
  const note = [
    `samples total ${fmt(totals)} ms (load ${fmt(samples.map((sample) => sample.loadMs))}, activate ${fmt(samples.map((sample) => sample.activateMs))})`,
    ready.length > 0 ? `index ready ${(median(ready) / 1000).toFixed(1)} s after load start (${samples[0]?.runs ?? '?'} runs)` : 'index ready: not exposed',
    ...(touched.length > 0 ? [`stub catch-all used: ${touched.join(', ')}`] : []),
  ].join('; ');
  return { loadMs: median(samples.map((sample) => sample.loadMs)), activateMs: median(samples.map((sample) => sample.activateMs)), totalMs: median(totals), note };
}
