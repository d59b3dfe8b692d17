import { html, nothing, type TemplateResult } from 'lit';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import type { RunViewState } from '../../../src/shared/protocol';
import { onState } from '../vscodeApi';
import { taskProgress } from './checklistsPanel';
import { absoluteTime } from './format';
import { LightElement } from './lightElement';
import { runDraft, updateDraft } from './runDraft';
import './overviewPanel';
import './retrospectivePanel';
import './timelinePanel';

const TABS = ['Overview', 'Checklists', 'Timeline', 'Retrospective'] as const;

/** The run editor page: a header, problems, and four tabs; only the visible tab is rendered. */
export class RunApp extends LightElement {
  static override properties = {
    state: { state: true },
    now: { state: true },
    tab: { state: true },
  };
  declare state: RunViewState | undefined;
  declare now: number;
  declare tab: number;

  private clock: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.now = Date.now();
    this.tab = runDraft().tab;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Relative times ("due in 5m", "running for 2h") move on by themselves.
    this.clock = setInterval(() => (this.now = Date.now()), 30_000);
  }

  override disconnectedCallback(): void {
    clearInterval(this.clock);
    super.disconnectedCallback();
  }

  show(state: RunViewState): void {
    this.state = state;
    this.now = Date.now();
    if (runDraft().runId !== state.runId) updateDraft({ runId: state.runId });
  }

  override render(): TemplateResult {
    const s = this.state;
    if (!s) return html`<p class="muted loading">Loading the run…</p>`;
    if (s.startedAt === '') return html`<h1>${s.name}</h1>${this.problems(s)}`;
    const progress = taskProgress(s);
    return html`
      <header class="run-header">
        <h1>${s.name}</h1>
        <span class="pill status-${s.status}">${s.status === 'finished' ? 'Finished' : 'In progress'}</span>
        <div class="subtitle muted">
          Playbook <span class="strong">${s.playbook.title ?? s.playbook.id}</span> · owned by <span class="person">${s.owner}</span> · started <span title=${s.startedAt}>${absoluteTime(s.startedAt)}</span>
        </div>
      </header>
      ${s.readOnly ? html`<div class="banner" role="status"><span class="codicon codicon-lock" aria-hidden="true"></span> This workspace is not trusted, so the run is read-only.</div>` : nothing}
      ${this.problems(s)}
      <vscode-tabs .selectedIndex=${this.tab} @vsc-tabs-select=${(event: CustomEvent<{ selectedIndex: number }>) => this.select(event.detail.selectedIndex)}>
        ${TABS.map(
          (label, index) => html`<vscode-tab-header slot="header" data-tab=${label}>
            ${label}
            ${index === 1 ? html`<vscode-badge slot="content-after" variant="counter">${progress.done}/${progress.total}</vscode-badge>` : nothing}
            ${index === 2 ? html`<vscode-badge slot="content-after" variant="counter">${s.timeline.total}</vscode-badge>` : nothing}
          </vscode-tab-header>`,
        )}
        ${TABS.map((_label, index) => html`<vscode-tab-panel>${index === this.tab ? this.panel(index, s) : nothing}</vscode-tab-panel>`)}
      </vscode-tabs>
    `;
  }

  private panel(index: number, s: RunViewState): TemplateResult {
    switch (index) {
      case 1:
        return html`<pb-run-checklists .state=${s} .now=${this.now}></pb-run-checklists>`;
      case 2:
        return html`<pb-run-timeline .state=${s}></pb-run-timeline>`;
      case 3:
        return html`<pb-run-retrospective .state=${s} .now=${this.now}></pb-run-retrospective>`;
      default:
        return html`<pb-run-overview .state=${s} .now=${this.now}></pb-run-overview>`;
    }
  }

  private problems(s: RunViewState): TemplateResult | typeof nothing {
    if (s.problems.length === 0) return nothing;
    return html`<div class="banner problems" role="alert">
      <div>The run's files have problems; fix them (or run <code>git-playbooks validate</code>):</div>
      <ul>
        ${s.problems.map((problem) => html`<li><code>${problem.file}:${problem.line}:${problem.column}</code> ${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}</li>`)}
      </ul>
    </div>`;
  }

  private select(index: number): void {
    this.tab = index;
    updateDraft({ tab: index });
  }
}

customElements.define('pb-app', RunApp);

/** Wires the page to the host: every state the host sends is shown. */
export function startRunPage(): void {
  const app = document.querySelector('pb-app');
  if (!(app instanceof RunApp)) return;
  onState((state) => {
    if (state.page === 'run') app.show(state);
  });
}
