import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import type { RunViewState } from '../../../src/shared/protocol';
import { absoluteTime, relativeTime, runDuration } from './format';
import { valueOf } from '../elementValue';
import { RunActionPanel } from './runActionPanel';
import { runDraft, updateDraft } from './runDraft';

/** The run's facts: status, owner (changeable), participants (add/remove), start, end and duration. */
export class PeopleFacts extends RunActionPanel {
  static override properties = { ...RunActionPanel.properties, editingOwner: { state: true } };
  declare editingOwner: boolean;

  constructor() {
    super();
    this.editingOwner = runDraft().newOwner !== undefined;
  }

  private get editable(): boolean {
    return this.state !== undefined && !this.state.readOnly && this.state.status === 'in_progress';
  }

  override render(): TemplateResult | typeof nothing {
    const s = this.state;
    if (!s) return nothing;
    return html`
      <dl class="facts">
        <dt>Owner</dt>
        <dd>${this.editingOwner ? this.ownerForm(s) : this.ownerView(s)}</dd>
        <dt>Participants</dt>
        <dd>${this.participants(s)}</dd>
        <dt>Started</dt>
        <dd><span title=${s.startedAt}>${absoluteTime(s.startedAt)}</span> <span class="muted">(${relativeTime(s.startedAt, this.now)})</span></dd>
        ${s.endedAt !== undefined ? html`<dt>Ended</dt><dd><span title=${s.endedAt}>${absoluteTime(s.endedAt)}</span></dd>` : nothing}
        <dt>${s.endedAt !== undefined ? 'Duration' : 'Running for'}</dt>
        <dd>${runDuration(s.startedAt, s.endedAt, this.now)}</dd>
      </dl>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }

  private ownerView(s: RunViewState): TemplateResult {
    return html`<span class="person">${s.owner}</span>
      ${this.editable ? html`<button class="link-button" @click=${() => this.startOwnerEdit(s.owner)}>Change</button>` : nothing}`;
  }

  private ownerForm(s: RunViewState): TemplateResult {
    return html`<span class="inline-form">
      <vscode-textfield
        aria-label="New owner"
        placeholder="git user name, handle or e-mail"
        .value=${live(runDraft().newOwner ?? s.owner)}
        @input=${(event: Event) => updateDraft({ newOwner: valueOf(event) })}
        @keydown=${(event: KeyboardEvent) => this.ownerKey(event)}
      ></vscode-textfield>
      <vscode-button @click=${() => void this.saveOwner()}>Change Owner</vscode-button>
      <vscode-button secondary @click=${() => this.cancelOwnerEdit()}>Cancel</vscode-button>
    </span>`;
  }

  private participants(s: RunViewState): TemplateResult {
    return html`<ul class="chips" aria-label="Participants">
        ${s.participants.map(
          (person) => html`<li class="chip">
            <span class="person">${person}</span>${person === s.owner ? html`<span class="muted owner-mark">(owner)</span>` : nothing}
            ${this.editable && person !== s.owner
              ? html`<vscode-toolbar-button icon="close" label=${`Remove ${person}`} title=${`Remove ${person}`} @click=${() => void this.changeParticipants([], [person])}></vscode-toolbar-button>`
              : nothing}
          </li>`,
        )}
      </ul>
      ${this.editable
        ? html`<span class="inline-form">
            <vscode-textfield
              aria-label="Add participants"
              placeholder="Add people (comma-separated)"
              .value=${live(runDraft().newParticipant)}
              @input=${(event: Event) => updateDraft({ newParticipant: valueOf(event) })}
              @keydown=${(event: KeyboardEvent) => event.key === 'Enter' && void this.addParticipants()}
            ></vscode-textfield>
            <vscode-button secondary icon="person-add" @click=${() => void this.addParticipants()}>Add</vscode-button>
          </span>`
        : nothing}`;
  }

  private startOwnerEdit(owner: string): void {
    updateDraft({ newOwner: owner });
    this.editingOwner = true;
  }

  private cancelOwnerEdit(): void {
    updateDraft({ newOwner: undefined });
    this.editingOwner = false;
    this.error = '';
  }

  private ownerKey(event: KeyboardEvent): void {
    if (event.key === 'Enter') void this.saveOwner();
    if (event.key === 'Escape') this.cancelOwnerEdit();
  }

  private async saveOwner(): Promise<void> {
    const owner = (runDraft().newOwner ?? '').trim();
    if (owner === '' || owner === this.state?.owner) return this.cancelOwnerEdit();
    if (await this.send({ kind: 'run.changeOwner', owner })) this.cancelOwnerEdit();
  }

  private async addParticipants(): Promise<void> {
    const people = runDraft().newParticipant.split(',').map((person) => person.trim()).filter(Boolean);
    if (people.length === 0) return;
    if (await this.changeParticipants(people, [])) updateDraft({ newParticipant: '' });
    this.requestUpdate();
  }

  private changeParticipants(add: string[], remove: string[]): Promise<boolean> {
    return this.send({ kind: 'run.participants', add, remove });
  }
}

customElements.define('pb-run-people', PeopleFacts);
