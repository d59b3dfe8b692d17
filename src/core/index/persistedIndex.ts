import * as fs from 'node:fs';
import { writeFileAtomic } from '../files/atomicWrite';
import type { Layout } from '../repository/layout';
import type { RunActionsSummary } from '../actions/actionFigures';
import type { Stamp } from './fileStamp';
import type { PlaybookSummary, RunSummary } from './indexTypes';

/** Bump whenever a summary changes shape or meaning: an index of another format is ignored. */
export const INDEX_FORMAT = 4;

/** Larger files are not ours (20,000 runs take about 10 MB). */
const MAX_INDEX_BYTES = 512 * 1024 * 1024;

export interface PersistedPlaybook {
  slug: string;
  stamp: Stamp;
  summary: PlaybookSummary;
}

export interface PersistedRun {
  runStamp: Stamp;
  /** The run's summary with retrospective `none`; the status is in retro. */
  base: RunSummary;
  /** Absent when the run has no retrospective file. */
  retroStamp?: Stamp;
  retro: RunSummary['retrospective'];
  /** The retrospective's open actions, when it has any. */
  retroActions?: RunActionsSummary;
}

export interface PersistedIndex {
  playbooks: PersistedPlaybook[];
  runs: PersistedRun[];
}

interface IndexFile extends PersistedIndex {
  format: number;
  root: string;
  folder: string;
}

/**
 * The index a previous session left, or undefined when there is none or it cannot be trusted
 * (another format, another folder, unreadable, malformed): the caller then loads from the files.
 * Entries are only a cache: every stamp is checked against the disk before a refresh uses them.
 */
export function loadPersistedIndex(file: string, layout: Layout): PersistedIndex | undefined {
  try {
    const stats = fs.statSync(file, { throwIfNoEntry: false });
    if (!stats || stats.size > MAX_INDEX_BYTES) return undefined;
    return parsePersistedIndex(fs.readFileSync(file, 'utf8'), layout);
  } catch {
    return undefined;
  }
}

/** The same, reading the file without blocking (the extension loads it after activation). */
export async function loadPersistedIndexAsync(file: string, layout: Layout): Promise<PersistedIndex | undefined> {
  try {
    const stats = await fs.promises.stat(file);
    if (stats.size > MAX_INDEX_BYTES) return undefined;
    return parsePersistedIndex(await fs.promises.readFile(file, 'utf8'), layout);
  } catch {
    return undefined;
  }
}

function parsePersistedIndex(text: string, layout: Layout): PersistedIndex | undefined {
  const data: unknown = JSON.parse(text);
  if (!isIndexFile(data) || data.format !== INDEX_FORMAT || data.root !== layout.root || data.folder !== layout.folder) return undefined;
  return data.playbooks.every(isPlaybookEntry) && data.runs.every(isRunEntry) ? { playbooks: data.playbooks, runs: data.runs } : undefined;
}

/** Writes the index atomically: a crash leaves the previous one, never half of one. */
export function savePersistedIndex(file: string, layout: Layout, index: PersistedIndex): void {
  const content: IndexFile = { format: INDEX_FORMAT, root: layout.root, folder: layout.folder, ...index };
  writeFileAtomic(file, JSON.stringify(content));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isIndexFile(value: unknown): value is IndexFile {
  return isObject(value) && typeof value.format === 'number' && typeof value.root === 'string' && typeof value.folder === 'string' && Array.isArray(value.playbooks) && Array.isArray(value.runs);
}

function isPlaybookEntry(value: unknown): value is PersistedPlaybook {
  return isObject(value) && typeof value.slug === 'string' && typeof value.stamp === 'string' && isObject(value.summary) && value.summary.slug === value.slug && typeof value.summary.title === 'string';
}

const RETRO_STATES: ReadonlySet<unknown> = new Set(['none', 'invalid', 'draft', 'published', 'skipped']);

function isRunEntry(value: unknown): value is PersistedRun {
  if (!isObject(value) || typeof value.runStamp !== 'string' || !RETRO_STATES.has(value.retro)) return false;
  if (value.retroStamp !== undefined && typeof value.retroStamp !== 'string') return false;
  if (value.retroActions !== undefined && !isActionsEntry(value.retroActions)) return false;
  const base = value.base;
  return isObject(base) && typeof base.id === 'string' && typeof base.name === 'string' && typeof base.playbook === 'string' && typeof base.status === 'string' && Array.isArray(base.participants);
}

function isActionsEntry(value: unknown): value is RunActionsSummary {
  if (!isObject(value) || !Array.isArray(value.open) || (value.publishedAt !== undefined && typeof value.publishedAt !== 'string')) return false;
  return value.open.every((action) => isObject(action) && (action.due === undefined || typeof action.due === 'string') && (action.priority === undefined || typeof action.priority === 'string') && (action.owner === undefined || typeof action.owner === 'string'));
}
