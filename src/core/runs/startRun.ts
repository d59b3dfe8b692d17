import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { API_VERSION, type Playbook, type Run, type RunChecklist } from '../model/types';
import { writeFileAtomic } from '../files/atomicWrite';
import { toYaml } from '../files/yamlEdit';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { renderNewRetrospective } from '../retrospectives/retrospectiveFile';
import { parseDuration } from '../util/duration';
import { slugify, uniqueSlug } from '../util/slug';
import { OperationRefused, toIso, type OperationContext } from './operationContext';
import { requireValidInput } from '../validation/inputRules';
import { dueTimeAfter } from './dueTimes';
import { appendEventText, renderTimelineHeader } from './timelineFile';
import { completeEvent } from './timelineWriter';

export interface StartRunInput {
  playbook: string;
  name: string;
  owner?: string;
  /** Commit of the playbook file, when it is committed (the caller asks git). */
  playbookCommit?: string;
}

/**
 * Starts a run: copies the playbook's checklists (due offsets made absolute, `owner` assignees
 * resolved), its status-update and retrospective settings, and its retrospective template.
 * The run folder is written under a temporary name and renamed, so it appears whole or not at all.
 */
export function startRun(repo: PlaybooksRepository, context: OperationContext, input: StartRunInput): { runId: string; run: Run } {
  const playbook = repo.requirePlaybook(input.playbook);
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '') throw new OperationRefused('a run needs a name', { kind: 'input', input: 'runName' });
  requireValidInput('runName', name);
  requireValidInput('actor', context.actor);
  const now = context.now();
  const startedAt = toIso(now);
  const owner = (input.owner ?? context.actor).trim();
  requireValidInput('owner', owner);
  const base = `${startedAt.slice(0, 10)}-${slugify(name, 'run')}`;
  const runId = uniqueSlug(base, (candidate) => fs.existsSync(repo.layout.runDir(candidate)));
  const run: Run = {
    apiVersion: API_VERSION,
    kind: 'Run',
    name,
    playbook: input.playbook,
    ...(input.playbookCommit !== undefined ? { playbookCommit: input.playbookCommit } : {}),
    owner,
    participants: [...new Set([owner, context.actor])],
    status: 'in_progress',
    startedAt,
    statusUpdates: { enabled: false, ...playbook.statusUpdates },
    retrospective: {
      enabled: playbook.retrospective?.enabled ?? false,
      ...(playbook.retrospective?.reminder !== undefined ? { reminder: playbook.retrospective.reminder } : {}),
    },
    checklists: snapshotChecklists(playbook, now, owner),
  };
  const header = `# Run of playbook "${input.playbook}". Events are in timeline.yaml; the retrospective in retrospective.md.\n`;
  const started = completeEvent(context, { type: 'run_started', at: startedAt, summary: `Run started from playbook "${playbook.title}" with ${owner} as owner`, data: { playbook: input.playbook, owner } });
  const timeline = appendEventText(renderTimelineHeader(name), started);

  const finalDir = repo.layout.runDir(runId);
  // Staged beside the final folder (its month folder): a rename in one folder is atomic.
  const parentDir = path.dirname(finalDir);
  const stagingDir = path.join(parentDir, `.staging-${runId}-${randomBytes(4).toString('hex')}`);
  repo.layout.assertWritable(repo.layout.runsDir);
  repo.layout.assertWritable(parentDir);
  assertFreeRunFolder(repo, finalDir);
  fs.mkdirSync(stagingDir, { recursive: true });
  try {
    writeFileAtomic(path.join(stagingDir, 'run.yaml'), header + toYaml(run));
    writeFileAtomic(path.join(stagingDir, 'timeline.yaml'), timeline);
    if (run.retrospective.enabled) {
      writeFileAtomic(path.join(stagingDir, 'retrospective.md'), renderNewRetrospective(playbook, repo.retrospectiveTemplate(playbook), name));
    }
    fs.renameSync(stagingDir, finalDir);
  } catch (error) {
    fs.rmSync(stagingDir, { recursive: true, force: true });
    throw error;
  }
  return { runId, run };
}

/**
 * The id was picked because nothing exists there, but a dangling symbolic link does not "exist":
 * renaming onto it fails, and following it would create its target, maybe outside the repository.
 */
function assertFreeRunFolder(repo: PlaybooksRepository, runDir: string): void {
  repo.layout.assertWritable(runDir);
  const entry = fs.lstatSync(runDir, { throwIfNoEntry: false });
  if (entry === undefined) return;
  const shown = repo.layout.relative(runDir);
  if (!entry.isSymbolicLink()) throw new OperationRefused(`${shown} already exists; start the run under another name`);
  throw new OperationRefused(`${shown} is a symbolic link to ${fs.readlinkSync(runDir)}, which does not exist; remove the link or start the run under another name`);
}

function snapshotChecklists(playbook: Playbook, start: Date, owner: string): RunChecklist[] {
  const taken = new Set<string>();
  return playbook.checklists.map((checklist) => ({
    title: checklist.title,
    items: checklist.items.map((item) => {
      const id = uniqueSlug(slugify(item.title, 'task'), (candidate) => taken.has(candidate));
      taken.add(id);
      const offset = item.due !== undefined ? parseDuration(item.due) : undefined;
      const due = offset !== undefined ? dueTime(start, offset, item.title, item.due ?? '') : undefined;
      const assignee = item.assignee === 'owner' ? owner : item.assignee;
      return {
        id,
        title: item.title,
        ...(item.description !== undefined ? { description: item.description } : {}),
        state: 'open' as const,
        ...(assignee !== undefined ? { assignee } : {}),
        ...(item.assignee === 'owner' ? { followsOwner: true } : {}),
        ...(due !== undefined ? { due } : {}),
        ...(item.command !== undefined ? { command: item.command } : {}),
        ...(item.link !== undefined ? { link: item.link } : {}),
      };
    }),
  }));
}

/** A due time the run file can hold, or a refusal naming the task (validate reports it too). */
function dueTime(start: Date, offset: number, title: string, written: string): string {
  const due = dueTimeAfter(start, offset);
  if (due === undefined) {
    throw new OperationRefused(`task ${JSON.stringify(title)} is due ${written} after the start, past any date a run can store; shorten its due in the playbook`);
  }
  return due;
}
