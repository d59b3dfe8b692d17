import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { FOLLOW_UP_PRIORITIES, type FollowUpStatus, type FollowUpView, type RunViewState } from '../../../src/shared/protocol';
import { attempt, request } from '../vscodeApi';
import { valueOf } from '../elementValue';
import { absoluteTime, dueText, isOverdue } from './format';
import { LightElement } from './lightElement';

const STATUSES: ReadonlyArray<[FollowUpStatus, string]> = [
  ['open', 'Open'],
  ['in_progress', 'In progress'],
  ['done', 'Done'],
  ['wont_do', "Won't do"],
];

type Field = 'owner' | 'due' | 'priority' | 'status';

/**
 * The retrospective's follow-up actions: each with its owner, due date, priority, status and tracker
 * link, editable in place; a form adds one. The host checks every value (the core's rules).
 */
export class FollowUpsPanel extends LightElement {
  static override properties = {
    state: { attribute: false },
    now: { attribute: false },
    errors: { state: true },
    busy: { state: true },
  };
  declare state: RunViewState | undefined;
  declare now: number;
  /** Action id (or `new` for the form) → the host's refusal, shown there. */
  declare errors: Record<string, string>;
  declare busy: boolean;
  /** Owners and dues being typed: a state from the host (any change to the run) must not wipe them. */
  private readonly typing = new Map<string, string>();
  private draft = { title: '', owner: '', due: '', priority: '' };

  constructor() {
    super();
    this.now = Date.now();
    this.errors = {};
    this.busy = false;
  }

  override render(): TemplateResult | typeof nothing {
    const s = this.state;
    const actions = s?.retrospective?.actions;
    if (!s || !actions) return nothing;
    const editable = !s.readOnly;
    const open = actions.filter((action) => action.status === 'open' || action.status === 'in_progress');
    const overdue = open.filter((action) => isOverdue(action, this.now)).length;
    return html`<section class="follow-ups" aria-labelledby="follow-ups-heading">
      <h2 id="follow-ups-heading">Follow-up actions <span class="count" data-count="open">${open.length} open${overdue > 0 ? html` · <span class="overdue">${overdue} overdue</span>` : nothing}</span></h2>
      ${actions.length === 0 ? html`<p class="muted">No follow-up actions yet.</p>` : nothing}
      <ul class="follow-up-list">
        ${actions.map((action) => this.action(action, editable))}
      </ul>
      ${editable ? this.addForm() : nothing}
    </section>`;
  }

  private action(action: FollowUpView, editable: boolean): TemplateResult {
    const overdue = isOverdue(action, this.now);
    const due = dueText(action, this.now);
    const error = this.errors[action.id];
    return html`<li class="follow-up status-${action.status}${overdue ? ' is-overdue' : ''}" data-action=${action.id}>
      <div class="follow-up-main">
        <div class="follow-up-title">${action.priority ? html`<span class="pill priority">${action.priority}</span> ` : nothing}${action.title}</div>
        <div class="task-meta">
          <span class="muted">${action.id}</span>
          ${action.owner ? html`<span>owner <span class="person">${action.owner}</span></span>` : html`<span class="muted">no owner</span>`}
          ${due ? html`<span class=${overdue ? 'overdue due' : 'muted due'} title=${action.dueAt ?? action.due ?? ''}><span class="codicon codicon-clock" aria-hidden="true"></span> ${due}</span>` : nothing}
          ${overdue ? html`<span class="pill overdue-pill">Overdue</span>` : nothing}
          ${action.closedAt ? html`<span class="muted">closed ${absoluteTime(action.closedAt)}</span>` : nothing}
          ${action.link
            ? html`<vscode-button secondary icon="link-external" class="open-issue" title=${action.link} @click=${() => void this.send(action.id, { kind: 'retro.openActionLink', actionId: action.id })}>Open Issue</vscode-button>`
            : nothing}
        </div>
        ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      </div>
      <div class="task-controls">
        ${this.textField(action, 'owner', 'Owner', 'No owner', editable)} ${this.textField(action, 'due', 'Due', '2026-12-24 or 4w', editable)}
        <vscode-single-select class="priority" aria-label=${`Priority of ${action.title}`} ?disabled=${!editable} .value=${live(action.priority ?? '')} @change=${(event: Event) => this.set(action, 'priority', valueOf(event))}>
          <vscode-option value="" ?selected=${action.priority === undefined}>No priority</vscode-option>
          ${FOLLOW_UP_PRIORITIES.map((priority) => html`<vscode-option value=${priority} ?selected=${priority === action.priority}>${priority}</vscode-option>`)}
        </vscode-single-select>
        <vscode-single-select class="status" aria-label=${`Status of ${action.title}`} ?disabled=${!editable} .value=${live(action.status)} @change=${(event: Event) => this.set(action, 'status', valueOf(event))}>
          ${STATUSES.map(([value, label]) => html`<vscode-option value=${value} ?selected=${value === action.status}>${label}</vscode-option>`)}
        </vscode-single-select>
      </div>
    </li>`;
  }

  private textField(action: FollowUpView, field: 'owner' | 'due', label: string, placeholder: string, editable: boolean): TemplateResult {
    const key = `${action.id}:${field}`;
    return html`<vscode-textfield
      class=${field}
      aria-label=${`${label} of ${action.title}`}
      placeholder=${placeholder}
      ?disabled=${!editable}
      .value=${live(this.typing.get(key) ?? action[field] ?? '')}
      @input=${(event: Event) => this.typing.set(key, valueOf(event))}
      @change=${(event: Event) => {
        this.typing.delete(key);
        this.set(action, field, valueOf(event));
      }}
    ></vscode-textfield>`;
  }

  private addForm(): TemplateResult {
    const error = this.errors['new'];
    const field = (name: 'title' | 'owner' | 'due', label: string, placeholder: string): TemplateResult => html`<vscode-textfield
      class=${`action-${name}`}
      aria-label=${label}
      placeholder=${placeholder}
      .value=${live(this.draft[name])}
      @input=${(event: Event) => (this.draft = { ...this.draft, [name]: valueOf(event) })}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Enter') void this.add();
      }}
    ></vscode-textfield>`;
    return html`<div class="actions add-follow-up">
        ${field('title', 'New action', 'What needs to be done?')} ${field('owner', 'Owner of the new action', 'Owner')} ${field('due', 'Due date of the new action', 'Due: 2026-12-24 or 4w')}
        <vscode-single-select class="action-priority" aria-label="Priority of the new action" .value=${live(this.draft.priority)} @change=${(event: Event) => (this.draft = { ...this.draft, priority: valueOf(event) })}>
          <vscode-option value="" ?selected=${this.draft.priority === ''}>No priority</vscode-option>
          ${FOLLOW_UP_PRIORITIES.map((priority) => html`<vscode-option value=${priority} ?selected=${priority === this.draft.priority}>${priority}</vscode-option>`)}
        </vscode-single-select>
        <vscode-button icon="add" ?disabled=${this.busy} @click=${() => void this.add()}>Add Action</vscode-button>
      </div>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}`;
  }

  private async add(): Promise<void> {
    const { title, owner, due, priority } = this.draft;
    if (title.trim() === '') {
      this.errors = { ...this.errors, new: 'Say what the action is.' };
      return;
    }
    const sent = await this.send('new', { kind: 'retro.addAction', title, ...(owner.trim() ? { owner } : {}), ...(due.trim() ? { due } : {}), ...(priority ? { priority } : {}) });
    if (sent) this.draft = { title: '', owner: '', due: '', priority: '' };
  }

  private set(action: FollowUpView, field: Field, value: string): void {
    const current = field === 'status' ? action.status : (action[field] ?? '');
    if (value.trim() === current) return;
    if (field === 'status') void this.send(action.id, { kind: 'retro.setAction', actionId: action.id, status: value as FollowUpStatus });
    else void this.send(action.id, { kind: 'retro.setAction', actionId: action.id, [field]: value });
  }

  private async send(key: string, body: Parameters<typeof request>[0]): Promise<boolean> {
    this.busy = true;
    const error = await attempt(request(body));
    this.busy = false;
    const { [key]: _previous, ...rest } = this.errors;
    this.errors = error ? { ...rest, [key]: error } : rest;
    return error === undefined;
  }
}

customElements.define('pb-run-follow-ups', FollowUpsPanel);
