import * as fs from 'node:fs';
import type { Playbook, RetrospectiveMeta, Run } from '../model/types';
import { readTextFile } from '../files/documentReader';
import { writeFileAtomic } from '../files/atomicWrite';
import { editFrontMatterFile } from '../files/yamlEdit';
import type { YamlTextEditor } from '../files/yamlTextEditor';
import { InvalidFileError, noRunError, requireData, type PlaybooksRepository } from '../repository/playbooksRepository';
import { OperationRefused, isoNow, type OperationContext } from '../runs/operationContext';
import { assertSlug } from '../util/slug';
import { renderNewRetrospective } from './retrospectiveFile';

/**
 * A run and its retrospective read once, with nothing written: the checks of a publish or a skip are
 * made on it before anyone confirms, the plan is built from it, and the write under the run lock
 * re-reads the files' texts only to see that they are still what was checked.
 */
export interface RetroSnapshot {
  runId: string;
  run: Run;
  playbook: Playbook;
  meta: RetrospectiveMeta;
  /** run.yaml's text as checked. */
  runText: string;
  /** retrospective.md's text as checked; undefined when there is none yet. */
  retroText: string | undefined;
  /** The retrospective a write creates first (from the template, as at start) when there is none yet. */
  newRetroText: string | undefined;
  file: string;
  displayName: string;
}

/** Reads (and validates) run.yaml, the playbook and retrospective.md once each; writes nothing. */
export function readRetroSnapshot(repo: PlaybooksRepository, runId: string): RetroSnapshot {
  assertSlug('Run', runId);
  if (!repo.runExists(runId)) throw noRunError(runId);
  const runText = readText(repo, repo.layout.runFile(runId));
  const run = requireData(repo.parseRun(runId, runText, 'disk'));
  if (!run.retrospective.enabled) throw new OperationRefused(`run "${runId}" has the retrospective turned off`);
  const playbook = repo.requirePlaybook(run.playbook);
  const file = repo.layout.retrospectiveFile(runId);
  const displayName = repo.layout.relative(file);
  // Retrospective turned on by hand after the start: the write creates it from the template, as at start.
  const retroText = fs.existsSync(file) ? readText(repo, file) : undefined;
  const newRetroText = retroText === undefined ? renderNewRetrospective(playbook, repo.retrospectiveTemplate(playbook), run.name) : undefined;
  const meta = requireData(repo.parseRetrospective(runId, retroText ?? newRetroText ?? '', playbook));
  return { runId, run, playbook, meta, runText, retroText, newRetroText, file, displayName };
}

/**
 * Under the run lock: the snapshot when run.yaml and retrospective.md still have the texts it was
 * read from (the usual case: nothing is parsed again), else a fresh one; then the retrospective file
 * exists (created from the template when it was missing).
 */
export function lockedSnapshot(repo: PlaybooksRepository, runId: string, checked: RetroSnapshot | undefined): RetroSnapshot {
  const snapshot = checked !== undefined && unchanged(repo, checked) ? checked : readRetroSnapshot(repo, runId);
  if (snapshot.newRetroText !== undefined) {
    repo.layout.assertWritable(snapshot.file);
    writeFileAtomic(snapshot.file, snapshot.newRetroText);
    return { ...snapshot, retroText: snapshot.newRetroText, newRetroText: undefined };
  }
  return snapshot;
}

function unchanged(repo: PlaybooksRepository, snapshot: RetroSnapshot): boolean {
  const retroNow = fs.existsSync(snapshot.file) ? readTextOrUndefined(snapshot.file) : undefined;
  return readTextOrUndefined(repo.layout.runFile(snapshot.runId)) === snapshot.runText && retroNow === snapshot.retroText;
}

function readText(repo: PlaybooksRepository, file: string): string {
  const read = readTextFile(file, repo.layout.relative(file));
  if ('problem' in read) throw new InvalidFileError([read.problem]);
  return read.text;
}

function readTextOrUndefined(file: string): string | undefined {
  const read = readTextFile(file, file);
  return 'problem' in read ? undefined : read.text;
}

/**
 * Edits the retrospective's front matter and stamps `updatedAt`, as every change of run.yaml does: a
 * value set back (a metric, an action's status) still changes the file, so git hands the merge to
 * the driver, and the later timeline event wins (docs/format.md, "Merging").
 */
export function editRetrospective(retro: Pick<RetroSnapshot, 'file' | 'displayName'>, context: OperationContext, edit: (editor: YamlTextEditor) => void): void {
  editFrontMatterFile(retro.file, retro.displayName, (editor) => {
    edit(editor);
    editor.set(['updatedAt'], isoNow(context));
  });
}
