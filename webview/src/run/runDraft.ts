/**
 * What the person typed but did not send yet, and view choices (tab, filters, how many events are
 * listed). The page is discarded when hidden (no retainContextWhenHidden), so this is saved with
 * setState after every change and read back on load. `runId` also lets the host restore the panel.
 */
import { loadDraft, saveDraft } from '../vscodeApi';
import { DEFAULT_CATEGORIES } from './timelineFilter';

export interface RunDraft {
  runId?: string;
  tab: number;
  /** Undefined: show the host's draft (template or last update). */
  statusUpdate?: string;
  newOwner?: string;
  newParticipant: string;
  noteSummary: string;
  noteAt: string;
  noteLink: string;
  shownCategories: string[];
  skipReason: string;
  /** Metric id → text typed and not stored yet (invalid, or not yet sent). */
  metricInputs: Record<string, string>;
}

const draft: RunDraft = loadDraft<RunDraft>({
  tab: 0,
  newParticipant: '',
  noteSummary: '',
  noteAt: '',
  noteLink: '',
  shownCategories: [...DEFAULT_CATEGORIES],
  skipReason: '',
  metricInputs: {},
});

export function runDraft(): Readonly<RunDraft> {
  return draft;
}

export function updateDraft(patch: Partial<RunDraft>): void {
  Object.assign(draft, patch);
  saveDraft(draft);
}
