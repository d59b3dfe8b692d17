import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import { html, LitElement, type TemplateResult } from 'lit';
import type { PlaybookFormState } from '../../../src/shared/protocol';
import { onState, request } from '../vscodeApi';
import { checklistsSection, checklistsSummary } from './checklistsSection';
import { FormController } from './formController';
import { formStyles } from './formStyles';
import { generalSection } from './generalSection';
import { metricsSection } from './metricsSection';
import { notices, unreadable } from './pageNotices';
import { readPlaybook, type PlaybookView } from './playbookView';
import { retrospectiveSection, settingsSummary, statusUpdatesSection } from './settingsSections';

interface SectionSpec {
  id: string;
  heading: string;
  description: string;
  body: TemplateResult;
}

/** The playbook form page: the document's problems on top, then one collapsible section per part of the playbook. */
export class PlaybookApp extends LitElement {
  static override properties = { state: { state: true }, revision: { state: true } };
  static override styles = formStyles;
  declare state: PlaybookFormState | undefined;
  /** Bumped by the controller on every draft, error or UI change: re-renders the form. */
  declare revision: number;
  private readonly form = new FormController(() => (this.revision += 1));

  constructor() {
    super();
    this.state = undefined;
    this.revision = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    onState((state) => {
      if (state.page !== 'playbook') return;
      this.form.stateArrived();
      this.form.readOnly = state.readOnly;
      this.state = state;
    });
  }

  protected override render(): TemplateResult {
    const state = this.state;
    if (!state) return html`<p class="hint">Loading the playbook…</p>`;
    if (state.playbook === undefined) return unreadable(state);
    this.form.beginRender();
    const view = readPlaybook(state.playbook);
    return html`
      <header>
        <div>
          <h1>${view.title || 'Untitled playbook'}</h1>
          <p class="file">${state.file}</p>
        </div>
        <vscode-button secondary icon="go-to-file" @click=${() => void request({ kind: 'playbook.open', target: 'text' }).catch(() => undefined)}>Open in Text Editor</vscode-button>
      </header>
      ${notices(state, this.form.notice)} ${generalSection(this.form, view)} ${this.sections(view).map((section) => this.section(section))}
    `;
  }

  private sections(view: PlaybookView): SectionSpec[] {
    const metrics = view.metrics.filter((metric) => !metric.retired).length;
    const retired = view.metrics.length - metrics;
    return [
      { id: 'checklists', heading: 'Checklists', description: checklistsSummary(view), body: checklistsSection(this.form, view) },
      { id: 'statusUpdates', heading: 'Status updates', description: settingsSummary(view.statusUpdates), body: statusUpdatesSection(this.form, view) },
      { id: 'retrospective', heading: 'Retrospective', description: settingsSummary(view.retrospective), body: retrospectiveSection(this.form, view) },
      { id: 'metrics', heading: 'Metrics', description: `${metrics} collected${retired ? `, ${retired} retired` : ''}`, body: metricsSection(this.form, view) },
    ];
  }

  private section(section: SectionSpec): TemplateResult {
    const key = `collapsed:${section.id}`;
    const toggled = (event: CustomEvent<{ open: boolean }>): void => {
      if (event.detail.open) this.form.expanded.delete(key);
      else this.form.expanded.add(key);
      this.form.uiChanged();
    };
    return html`<vscode-collapsible heading=${section.heading} description=${section.description} ?open=${!this.form.expanded.has(key)} @vsc-collapsible-toggle=${toggled}>
      <div class="section-content">${section.body}</div>
    </vscode-collapsible>`;
  }

  protected override updated(): void {
    if (this.state?.playbook === undefined) return;
    this.form.resumeRestored();
    const selector = this.form.focusNext;
    if (!selector) return;
    const target = this.renderRoot.querySelector<HTMLElement>(selector);
    if (!target) return;
    this.form.focusNext = undefined;
    // A toolbar button's focusable part is the <button> in its shadow root.
    (target.shadowRoot?.querySelector<HTMLElement>('button') ?? target).focus();
  }
}
