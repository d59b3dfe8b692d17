import type { PlaybooksRepository } from '../repository/playbooksRepository';
import type { ActionView } from './actionTypes';

// PLACEHOLDER (issue 13): the follow-ups helper replaces the body; nobody else edits this file.

export interface ActionFilter {
  overdue?: boolean;
  owner?: string;
  playbook?: string;
  runId?: string;
  /** Only open and in-progress ones. */
  openOnly?: boolean;
}

/** Every action of the repository (or of the filter), with its deadline worked out against `now`. */
export function listActions(_repo: PlaybooksRepository, _now: Date, _filter: ActionFilter = {}): ActionView[] {
  return [];
}
