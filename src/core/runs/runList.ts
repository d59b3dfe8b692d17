import { usableData } from '../files/documentReader';
import type { Run, RunStatus } from '../model/types';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { OperationRefused } from './operationContext';

/**
 * Where a run's retrospective stands: `due` once the run is finished and it is still a draft (or not
 * written), `invalid` when its file cannot be read, null when there is none to write (turned off, or
 * the run is still in progress).
 */
export type RetrospectiveProgress = 'due' | 'published' | 'skipped' | 'invalid' | null;

export interface RunListRow {
  id: string;
  name: string;
  playbook: string;
  status: RunStatus;
  owner: string;
  startedAt: string;
  endedAt: string | null;
  retrospective: RetrospectiveProgress;
}

export interface RunListFilter {
  playbook?: string;
  status?: RunStatus;
}

/**
 * Readable runs, newest first. A playbook that neither exists nor has runs is refused: a misspelt
 * name is a mistake, not an empty answer.
 */
export function listRuns(repo: PlaybooksRepository, filter: RunListFilter = {}): RunListRow[] {
  const { playbook, status } = filter;
  const runs = repo.runs().flatMap(({ id, result }) => {
    const run = usableData(result);
    return run === undefined ? [] : [{ id, run }];
  });
  // A deleted playbook's runs can still be listed by its name.
  if (playbook !== undefined && !repo.playbookExists(playbook) && !runs.some(({ run }) => run.playbook === playbook)) {
    const known = repo.listPlaybookSlugs();
    throw new OperationRefused(`no playbook ${JSON.stringify(playbook)}${known.length > 0 ? `; playbooks: ${known.join(', ')}` : ''}`);
  }
  return runs
    .filter(({ run }) => (playbook === undefined || run.playbook === playbook) && (status === undefined || run.status === status))
    .reverse()
    .map(({ id, run }) => ({
      id,
      name: run.name,
      playbook: run.playbook,
      status: run.status,
      owner: run.owner,
      startedAt: run.startedAt,
      endedAt: run.endedAt ?? null,
      retrospective: retrospectiveProgress(repo, id, run),
    }));
}

function retrospectiveProgress(repo: PlaybooksRepository, id: string, run: Run): RetrospectiveProgress {
  if (!run.retrospective.enabled) return null;
  if (!repo.hasRetrospective(id)) return run.status === 'finished' ? 'due' : null;
  // Without the playbook: only the status is needed.
  const meta = usableData(repo.readRetrospective(id));
  if (meta === undefined) return 'invalid';
  if (meta.status !== 'draft') return meta.status;
  return run.status === 'finished' ? 'due' : null;
}
