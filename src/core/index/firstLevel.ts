import * as path from 'node:path';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { RUN_FILE } from '../repository/layout';
import { playbookInHead, readRunHead, statusInHead } from '../repository/runHead';
import { readStamped } from './fileStamp';
import type { FirstLevel, PlaybookRunCounts, PlaybookSummary } from './indexTypes';
import { runSteps, runStepsAsync, type Steps } from './steps';
import { summarizePlaybook } from './summaries';

/** Our run files name the playbook and the status in their first lines. */
const HEAD_BYTES = 2048;

/**
 * The tree's first level of a large repository in a fraction of a full load: the playbooks, and
 * run counts from the `playbook:` and `status:` lines at the head of each run file, without
 * parsing it. Only a preview: the full load that follows is the truth (a run file whose head
 * does not say is counted under '' until then).
 */
export function readFirstLevel(repo: PlaybooksRepository): FirstLevel {
  return runSteps(firstLevelSteps(repo));
}

/** The same, yielding to the event loop between slices of runs. */
export function readFirstLevelAsync(repo: PlaybooksRepository): Promise<FirstLevel> {
  return runStepsAsync(firstLevelSteps(repo));
}

/** Run heads (and playbooks, parsed whole) read between two pauses: a few milliseconds. */
const YIELD_EVERY = 500;
const PLAYBOOKS_PER_YIELD = 20;

function* firstLevelSteps(repo: PlaybooksRepository): Steps<FirstLevel> {
  const playbooks: PlaybookSummary[] = [];
  for (const [position, slug] of repo.listPlaybookSlugs().entries()) {
    if (position > 0 && position % PLAYBOOKS_PER_YIELD === 0) yield;
    const file = repo.layout.playbookFile(slug);
    const stamped = readStamped(file, repo.layout.relative(file));
    if (stamped) playbooks.push(summarizePlaybook(repo, slug, stamped));
  }
  const runCounts = new Map<string, PlaybookRunCounts>();
  const buffer = Buffer.allocUnsafe(HEAD_BYTES);
  for (const [position, id] of repo.listRunIds().entries()) {
    if (position > 0 && position % YIELD_EVERY === 0) yield;
    const head = readRunHead(`${repo.layout.runDir(id)}${path.sep}${RUN_FILE}`, buffer);
    if (head === undefined) continue;
    const slug = playbookInHead(head) ?? '';
    const counts = runCounts.get(slug) ?? { total: 0, inProgress: 0 };
    counts.total += 1;
    if (statusInHead(head) !== 'finished') counts.inProgress += 1;
    runCounts.set(slug, counts);
  }
  return { playbooks, runCounts };
}
