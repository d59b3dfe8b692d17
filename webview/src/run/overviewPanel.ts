import { html, nothing, type TemplateResult } from 'lit';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { RunViewState } from '../../../src/shared/protocol';
import { request } from '../vscodeApi';
import { LightElement } from './lightElement';
import { attempt } from './runDraft';
import './peopleFacts';
import './statusUpdates';

/** Overview tab: the run's facts and lifecycle actions, then its status updates. */
export class OverviewPanel extends LightElement {
  static override properties = {
    state: { attribute: false },
    now: { attribute: false },
    error: { state: true },
    busy: { state: true },
  };
  declare state: RunViewState | undefined;
  declare now: number;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.now = Date.now();
    this.error = '';
    this.busy = false;
  }

  override render(): TemplateResult | typeof nothing {
    const s = this.state;
    if (!s) return nothing;
    return html`
      <section class="card" aria-label="Run">
        <pb-run-people .state=${s} .now=${this.now}></pb-run-people>
        ${s.readOnly ? nothing : this.lifecycle(s)}
      </section>
      <section aria-label="Status updates">
        <pb-run-status-updates .state=${s} .now=${this.now}></pb-run-status-updates>
      </section>
    `;
  }

  private lifecycle(s: RunViewState): TemplateResult {
    const open = s.checklists.flatMap((checklist) => checklist.items).filter((item) => item.state === 'open' || item.state === 'in_progress').length;
    return html`<div class="actions">
        ${s.status === 'in_progress'
          ? html`<vscode-button icon="pass" ?disabled=${this.busy} @click=${() => void this.send('run.finish')}>Finish Run</vscode-button>
              ${open > 0 ? html`<span class="muted hint">${open} task${open === 1 ? '' : 's'} still open</span>` : nothing}`
          : html`<vscode-button secondary icon="history" ?disabled=${this.busy} @click=${() => void this.send('run.restore')}>Restore Run</vscode-button>
              <span class="muted hint">Restore to change tasks, people or post updates again.</span>`}
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }

  private async send(kind: 'run.finish' | 'run.restore'): Promise<void> {
    this.busy = true;
    this.error = (await attempt(request({ kind }))) ?? '';
    this.busy = false;
  }
}

customElements.define('pb-run-overview', OverviewPanel);
