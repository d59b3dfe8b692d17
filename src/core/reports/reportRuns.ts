import * as fs from 'node:fs';
import { errorsOf, usableData } from '../files/documentReader';
import type { Problem } from '../files/problem';
import { stampOf } from '../index/fileStamp';
import type { Playbook, RetrospectiveMeta, Run } from '../model/types';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { playbookInHead, readRunHead } from '../repository/runHead';

export interface LoadedRun {
  id: string;
  run: Run;
  retro?: RetrospectiveMeta;
  /** Epoch ms of the earliest status update, when there is one. */
  firstStatusUpdate?: number;
}

/** One run as a report sees it: usable, left out with its problems, or another playbook's. */
export type ReportRun = { kind: 'loaded'; entry: LoadedRun } | { kind: 'skipped'; problems: Problem[] } | { kind: 'other' };

/** Reads what a report needs of one run: its file, retrospective and the first status update. */
export function loadRun(repo: PlaybooksRepository, id: string, slug: string, playbook: Playbook): ReportRun {
  if (!repo.runExists(id)) return { kind: 'other' };
  // Without the playbook-exists check: a warning, and only errors matter here.
  const runRead = repo.readRun(id, 'unchecked');
  const run = usableData(runRead);
  if (run === undefined) return mayBelongTo(repo.layout.runFile(id), slug) ? { kind: 'skipped', problems: errorsOf(runRead) } : { kind: 'other' };
  if (run.playbook !== slug) return { kind: 'other' };
  const problems: Problem[] = [];
  const entry: LoadedRun = { id, run };
  if (repo.hasRetrospective(id)) {
    const retroRead = repo.readRetrospective(id, playbook);
    const retro = usableData(retroRead);
    if (retro === undefined) problems.push(...errorsOf(retroRead));
    else entry.retro = retro;
  }
  // A run without a timeline file simply has no events yet.
  if (fs.existsSync(repo.layout.timelineFile(id))) {
    const timelineRead = repo.readTimeline(id);
    const timeline = usableData(timelineRead);
    if (timeline === undefined) problems.push(...errorsOf(timelineRead));
    else {
      for (const event of timeline.events) {
        if (event.type !== 'status_updated') continue;
        const at = Date.parse(event.at);
        if (entry.firstStatusUpdate === undefined || at < entry.firstStatusUpdate) entry.firstStatusUpdate = at;
      }
    }
  }
  return problems.length > 0 ? { kind: 'skipped', problems } : { kind: 'loaded', entry };
}

/**
 * What was read of each run for reports, kept while its files (and the playbook, which the
 * retrospective is checked against) keep their stamps: the report panel rebuilds on every change,
 * and a 10,000-event timeline is not parsed again for it.
 */
export class ReportRunCache {
  private readonly entries = new Map<string, { key: string; result: ReportRun }>();

  load(repo: PlaybooksRepository, id: string, slug: string, playbook: Playbook): ReportRun {
    const layout = repo.layout;
    const key = [layout.runFile(id), layout.retrospectiveFile(id), layout.timelineFile(id), layout.playbookFile(slug)].map((file) => stampOf(file) ?? '-').join('|');
    const cached = this.entries.get(`${slug}/${id}`);
    if (cached?.key === key) return cached.result;
    const result = loadRun(repo, id, slug, playbook);
    this.entries.set(`${slug}/${id}`, { key, result });
    return result;
  }
}

/**
 * A run file that could not be read may still name its playbook on a top-level line; when it names
 * another playbook it is not ours to report, and when it cannot be told we list it rather than hide it.
 */
function mayBelongTo(file: string, slug: string): boolean {
  const head = readRunHead(file, Buffer.alloc(65536));
  const named = head === undefined ? undefined : playbookInHead(head);
  return named === undefined || named === slug;
}


