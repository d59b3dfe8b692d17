import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { valueOf } from '../elementValue';
import { RunActionPanel } from './runActionPanel';
import { runDraft, updateDraft, type RunDraft } from './runDraft';

/** "Add note": a summary, optionally backdated ("15m ago" or ISO) and linked (URL, commit, path:line). */
export class NoteForm extends RunActionPanel {
  override render(): TemplateResult {
    const draft = runDraft();
    return html`<div class="note-form" role="group" aria-label="Add note">
      <vscode-textfield class="note-summary" aria-label="Note" placeholder="What happened? (e.g. First alert fired)" .value=${live(draft.noteSummary)} @input=${(event: Event) => this.keep('noteSummary', event)} @keydown=${(event: KeyboardEvent) => this.enter(event)}></vscode-textfield>
      <vscode-textfield class="note-at" aria-label="When (optional)" placeholder="When: now, 15m ago, ISO" .value=${live(draft.noteAt)} @input=${(event: Event) => this.keep('noteAt', event)} @keydown=${(event: KeyboardEvent) => this.enter(event)}></vscode-textfield>
      <vscode-textfield class="note-link" aria-label="Link (optional)" placeholder="Link: URL, commit or path:line" .value=${live(draft.noteLink)} @input=${(event: Event) => this.keep('noteLink', event)} @keydown=${(event: KeyboardEvent) => this.enter(event)}></vscode-textfield>
      <vscode-button icon="note" ?disabled=${this.busy} @click=${() => void this.add()}>Add Note</vscode-button>
    </div>
    ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}`;
  }

  private keep(key: 'noteSummary' | 'noteAt' | 'noteLink', event: Event): void {
    updateDraft({ [key]: valueOf(event) } as Partial<RunDraft>);
  }

  private enter(event: KeyboardEvent): void {
    if (event.key === 'Enter') void this.add();
  }

  private async add(): Promise<void> {
    const { noteSummary, noteAt, noteLink } = runDraft();
    if (this.busy) return;
    if (noteSummary.trim() === '') {
      this.error = 'Write what happened first.';
      return;
    }
    const sent = await this.send({ kind: 'run.addNote', summary: noteSummary, ...(noteAt.trim() ? { at: noteAt } : {}), ...(noteLink.trim() ? { link: noteLink } : {}) });
    if (sent) updateDraft({ noteSummary: '', noteAt: '', noteLink: '' });
    this.requestUpdate();
  }
}

customElements.define('pb-run-note-form', NoteForm);
