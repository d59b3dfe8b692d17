import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import type { RunViewState, TaskView } from '../../../src/shared/protocol';
import { attempt, request } from '../vscodeApi';
import { absoluteTime, dueView, isWebLink } from './format';
import { valueOf } from '../elementValue';
import { LightElement } from './lightElement';

const STATES: ReadonlyArray<[TaskView['state'], string]> = [
  ['open', 'Open'],
  ['in_progress', 'In progress'],
  ['closed', 'Done'],
  ['skipped', 'Skipped'],
];

/** Done counts skipped tasks too, as Mattermost's task progress does. */
export function taskProgress(state: RunViewState): { done: number; total: number } {
  const items = state.checklists.flatMap((checklist) => checklist.items);
  return { done: items.filter((item) => item.state === 'closed' || item.state === 'skipped').length, total: items.length };
}

/** Checklists tab: tick to close, untick to reopen, skip, set in progress, assign; due times relative. */
export class ChecklistsPanel extends LightElement {
  static override properties = {
    state: { attribute: false },
    now: { attribute: false },
    errors: { state: true },
  };
  declare state: RunViewState | undefined;
  declare now: number;
  /** Task id → the host's refusal, shown under that task. */
  declare errors: Record<string, string>;
  /** Assignees being typed: a state update from the host (any change to the run) must not wipe them. */
  private readonly typing = new Map<string, string>();

  constructor() {
    super();
    this.now = Date.now();
    this.errors = {};
  }

  override render(): TemplateResult | typeof nothing {
    const s = this.state;
    if (!s) return nothing;
    const { done, total } = taskProgress(s);
    const editable = !s.readOnly && s.status === 'in_progress';
    return html`
      <div class="progress-row">
        <span class="progress-text">${done} / ${total} done</span>
        <vscode-progress-bar class="progress" aria-label="Tasks done" .value=${done} .max=${Math.max(total, 1)}></vscode-progress-bar>
      </div>
      ${s.status === 'finished' && !s.readOnly ? html`<p class="muted">The run is finished: restore it to change tasks.</p>` : nothing}
      ${total === 0 ? html`<p class="muted">This run has no tasks.</p>` : nothing}
      ${s.checklists.map(
        (checklist) => html`<section class="checklist">
          <h2>${checklist.title} <span class="count">${checklist.items.filter((item) => item.state === 'closed' || item.state === 'skipped').length} / ${checklist.items.length}</span></h2>
          <ul class="tasks">
            ${checklist.items.map((task) => this.task(task, editable))}
          </ul>
        </section>`,
      )}
    `;
  }

  private task(task: TaskView, editable: boolean): TemplateResult {
    const done = task.state === 'closed' || task.state === 'skipped';
    const due = task.due === undefined ? undefined : dueView(task.due, done, this.now);
    const error = this.errors[task.id];
    return html`<li class="task state-${task.state}" data-task=${task.id}>
      <vscode-checkbox
        .checked=${live(task.state === 'closed')}
        ?disabled=${!editable || task.state === 'skipped'}
        aria-label=${`Done: ${task.title}`}
        @change=${(event: Event) => void this.change(task, { state: (event.target as HTMLInputElement).checked ? 'closed' : 'open' })}
      ></vscode-checkbox>
      <div class="task-main">
        <div class="task-title">${task.title}</div>
        ${task.description ? html`<div class="muted pre">${task.description}</div>` : nothing}
        <div class="task-meta">
          ${due ? html`<span class=${due.overdue ? 'overdue' : 'muted'} title=${task.due ? absoluteTime(task.due) : ''}><span class="codicon codicon-clock" aria-hidden="true"></span> ${due.text}</span>` : nothing}
          ${task.command
            ? html`<code>${task.command}</code>${editable
                ? html`<vscode-button secondary icon="terminal" class="run-command" aria-label=${`Run the command of ${task.title}`} title="Run in a terminal (asks first)" @click=${() => void this.runCommand(task)}>Run</vscode-button>`
                : nothing}`
            : nothing}
          ${task.link ? (isWebLink(task.link) ? html`<a href=${task.link}>${task.link}</a>` : html`<code>${task.link}</code>`) : nothing}
        </div>
        ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      </div>
      <div class="task-controls">
        <vscode-textfield
          class="assignee"
          aria-label=${`Assignee of ${task.title}`}
          placeholder="Unassigned"
          ?disabled=${!editable}
          .value=${live(this.typing.get(task.id) ?? task.assignee ?? '')}
          @input=${(event: Event) => this.typing.set(task.id, valueOf(event))}
          @change=${(event: Event) => this.assign(task, valueOf(event))}
        ></vscode-textfield>
        <vscode-single-select
          class="state"
          aria-label=${`State of ${task.title}`}
          ?disabled=${!editable}
          .value=${live(task.state)}
          @change=${(event: Event) => void this.change(task, { state: valueOf(event) as TaskView['state'] })}
        >
          ${STATES.map(([value, label]) => html`<vscode-option value=${value} ?selected=${value === task.state}>${label}</vscode-option>`)}
        </vscode-single-select>
        ${editable
          ? task.state === 'skipped'
            ? html`<vscode-toolbar-button icon="discard" label=${`Restore ${task.title}`} title="Restore task" @click=${() => void this.change(task, { state: 'open' })}></vscode-toolbar-button>`
            : html`<vscode-toolbar-button icon="circle-slash" label=${`Skip ${task.title}`} title="Skip task" @click=${() => void this.change(task, { state: 'skipped' })}></vscode-toolbar-button>`
          : nothing}
      </div>
    </li>`;
  }

  /** The host shows the command and asks before sending it to a terminal (it is text from a file). */
  private async runCommand(task: TaskView): Promise<void> {
    const error = await attempt(request({ kind: 'run.runCommand', taskId: task.id }));
    const { [task.id]: _previous, ...rest } = this.errors;
    this.errors = error ? { ...rest, [task.id]: error } : rest;
  }

  private assign(task: TaskView, value: string): void {
    this.typing.delete(task.id);
    const assignee = value.trim();
    if (assignee === (task.assignee ?? '')) return;
    void this.change(task, { assignee });
  }

  private async change(task: TaskView, change: { state?: TaskView['state']; assignee?: string }): Promise<void> {
    if (change.state === task.state && change.assignee === undefined) return;
    const error = await attempt(request({ kind: 'run.task', taskId: task.id, ...change }));
    const { [task.id]: _previous, ...rest } = this.errors;
    this.errors = error ? { ...rest, [task.id]: error } : rest;
  }
}

customElements.define('pb-run-checklists', ChecklistsPanel);
