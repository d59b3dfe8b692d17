/**
 * Sends the form's edits. Text fields keep the person's text as a draft until the document holds it:
 * sent ~400 ms after the last keystroke or at once on change/blur, one `playbook.edit` request each (one
 * undo step in the editor). Drafts survive the tab being hidden (saveDraft) and are what a field shows
 * while they exist, so a state arriving mid-typing never overwrites what is being typed.
 */
import type { PlaybookEdit } from '../../../src/shared/protocol';
import { errorText, loadDraft, request, saveDraft } from '../vscodeApi';
import { remapKeys } from './listPositions';

const SEND_DELAY_MS = 400;

export type Parsed = { edits: PlaybookEdit[] } | { error: string };

/** A text field: its key (the document path, dotted), the document's value as text, and how text becomes edits. */
export interface FieldSpec {
  key: string;
  current: string;
  parse(text: string): Parsed;
}

interface Draft {
  value: string;
  /** The document's value when typing began: a restored draft is dropped if the file moved on. */
  base: string;
  /** Applied by the host; dropped with the next state (which holds it). */
  sent?: boolean;
}

interface SavedPage {
  drafts: Array<[string, Draft]>;
  expanded: string[];
  custom: string[];
}

export class FormController {
  readOnly = false;
  /** Selector of the element to focus after the next render (the moved row's button, a new row's title). */
  focusNext: string | undefined;
  /** A refusal of a button's edit (add, remove, move…), shown above the form. */
  notice: string | undefined;
  /** UI state kept with the drafts: open checklist items, reminder selects set to "Custom…". */
  readonly expanded: Set<string>;
  readonly custom: Set<string>;
  private readonly drafts: Map<string, Draft>;
  private readonly errors = new Map<string, string>();
  private readonly specs = new Map<string, FieldSpec>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private restored: boolean;

  constructor(private readonly changed: () => void) {
    const saved = loadDraft<SavedPage>({ drafts: [], expanded: [], custom: [] });
    this.drafts = new Map(Array.isArray(saved.drafts) ? saved.drafts : []);
    this.expanded = new Set(Array.isArray(saved.expanded) ? saved.expanded : []);
    this.custom = new Set(Array.isArray(saved.custom) ? saved.custom : []);
    this.restored = this.drafts.size > 0;
  }

  /** The text a field shows; also records how to send it. Call while rendering. */
  value(spec: FieldSpec): string {
    this.specs.set(spec.key, spec);
    return this.drafts.get(spec.key)?.value ?? spec.current;
  }

  error(key: string): string | undefined {
    return this.errors.get(key);
  }

  /** A keystroke: keep the text, check it at once, send it when typing pauses. */
  input(key: string, text: string): void {
    const spec = this.specs.get(key);
    if (!spec || this.readOnly) return;
    const base = this.drafts.get(key)?.base ?? spec.current;
    this.drafts.set(key, { value: text, base });
    this.validate(spec, text);
    this.schedule(key, SEND_DELAY_MS);
    this.persist();
    this.changed();
  }

  /** change/blur: send now. */
  commit(key: string): void {
    if (this.drafts.has(key)) this.schedule(key, 0);
  }

  /** A button's or a select's edit: pending text goes first, so paths still point where the person saw them. */
  async edit(edits: PlaybookEdit[]): Promise<boolean> {
    if (this.readOnly) return false;
    await this.flush();
    try {
      await request({ kind: 'playbook.edit', edits });
      this.notice = undefined;
      // Paths may now name other entries: an old error must not follow the position.
      for (const key of [...this.errors.keys()]) if (!this.drafts.has(key)) this.errors.delete(key);
      return true;
    } catch (error) {
      this.notice = errorText(error);
      return false;
    } finally {
      this.changed();
    }
  }

  /**
   * An add, remove or move in a list: applied like any edit; then the open rows and "Custom…" choices
   * follow their entries to the new positions, and `focus` (a selector) gets the focus after the render.
   */
  async listEdit(edit: PlaybookEdit, list: string, position: (old: number) => number | undefined, focus?: string): Promise<void> {
    if (!(await this.edit([edit]))) return;
    for (const keys of [this.expanded, this.custom]) remapKeys(keys, list, position);
    this.focusNext = focus;
    this.uiChanged();
  }

  /** A new state arrived: drafts it holds are done; drafts restored after a hide are re-sent if still current. */
  stateArrived(): void {
    for (const [key, draft] of this.drafts) if (draft.sent) this.drafts.delete(key);
    this.persist();
  }

  /** After the first render of a state: restored drafts whose field still holds the same value are sent again. */
  resumeRestored(): void {
    if (!this.restored) return;
    this.restored = false;
    for (const [key, draft] of this.drafts) {
      const spec = this.specs.get(key);
      if (!spec || spec.current !== draft.base || this.readOnly) this.drafts.delete(key);
      else {
        this.validate(spec, draft.value);
        this.schedule(key, 0);
      }
    }
    this.persist();
    this.changed();
  }

  /** A change of UI state only (expanded rows, "Custom…" chosen): keep it and re-render. */
  uiChanged(): void {
    this.persist();
    this.changed();
  }

  /** Specs are recorded afresh by each render: a removed field can no longer be sent. */
  beginRender(): void {
    this.specs.clear();
  }

  persist(): void {
    const drafts = [...this.drafts].filter(([, draft]) => !draft.sent);
    saveDraft({ drafts, expanded: [...this.expanded], custom: [...this.custom] } satisfies SavedPage);
  }

  async flush(): Promise<void> {
    const keys = [...this.timers.keys()];
    for (const key of keys) clearTimeout(this.timers.get(key));
    this.timers.clear();
    await Promise.all(keys.map((key) => this.send(key)));
  }

  private validate(spec: FieldSpec, text: string): void {
    const parsed = spec.parse(text);
    if ('error' in parsed) this.errors.set(spec.key, parsed.error);
    else this.errors.delete(spec.key);
  }

  private schedule(key: string, delay: number): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.send(key);
      }, delay),
    );
  }

  private async send(key: string): Promise<void> {
    const draft = this.drafts.get(key);
    const spec = this.specs.get(key);
    if (!draft || draft.sent || !spec) return;
    const parsed = spec.parse(draft.value);
    if ('error' in parsed) return;
    if (draft.value === spec.current || parsed.edits.length === 0) {
      this.drafts.delete(key);
    } else {
      try {
        await request({ kind: 'playbook.edit', edits: parsed.edits });
        // Typed on while it was on its way: the newer text stays a draft and is sent next.
        const latest = this.drafts.get(key);
        if (latest?.value === draft.value) latest.sent = true;
        this.errors.delete(key);
      } catch (error) {
        this.errors.set(key, errorText(error));
      }
    }
    this.persist();
    this.changed();
  }
}
