import * as fs from 'node:fs';
import type { RepositoryIndex } from '../src/core/index/repositoryIndex';
import type { PlaybooksRepository } from '../src/core/repository/playbooksRepository';
import { TimelineCache } from '../src/webviews/runTimelineView';
import { buildRunViewState } from '../src/webviews/runViewModel';
import { median } from './measure';

const SAMPLES = 5;

export interface IncomingResult {
  ms: number;
  note: string;
}

/**
 * Live sync's "fetch -> run editor updated", host side: after the engine merged an incoming event
 * into a run's timeline, the editor refreshes the index for that run's folder (FolderLiveSync ->
 * PlaybookFolder.refreshNow) and the open run editor builds its new state (cached timeline
 * re-read, as it changed). The file is put back afterwards: the cached repository stays the same.
 */
export function measureIncomingToRunEditor(repo: PlaybooksRepository, index: RepositoryIndex, runId: string): IncomingResult {
  const file = repo.layout.timelineFile(runId);
  const original = fs.readFileSync(file, 'utf8');
  const cache = new TimelineCache(4);
  // The editor is open: its timeline is parsed and cached before anything comes in.
  let events = buildRunViewState(repo, runId, { readOnly: false, cache }).timeline.total;
  const samples: number[] = [];
  try {
    for (let i = 0; i < SAMPLES; i += 1) {
      const at = new Date(Date.UTC(2026, 11, 2, 10, 0, i)).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const line = `  - {id: "e-incoming-${i}", at: "${at}", type: status_updated, actor: "bob", summary: "Incoming ${i}", details: "Incoming ${i}"}\n`;
      fs.appendFileSync(file, line);
      const start = process.hrtime.bigint();
      index.refresh([repo.layout.runDir(runId)]);
      const state = buildRunViewState(repo, runId, { readOnly: false, cache });
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (state.timeline.total !== events + 1) throw new Error(`the state does not show the incoming event (${state.timeline.total} events, expected ${events + 1})`);
      events = state.timeline.total;
    }
  } finally {
    fs.writeFileSync(file, original);
    index.refresh([repo.layout.runDir(runId)]);
  }
  return { ms: median(samples), note: `median of ${SAMPLES}; ${events} events in the run; index + state, without the page's paint` };
}
