import { html, nothing, type TemplateResult } from 'lit';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { countOpenTasks, openTasksText } from '../../../src/core/format/openTasks';
import type { RunViewState } from '../../../src/shared/protocol';
import { RunActionPanel } from './runActionPanel';
import './peopleFacts';
import './statusUpdates';

/** Overview tab: the run's facts and lifecycle actions, then its status updates. */
export class OverviewPanel extends RunActionPanel {
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
    const open = countOpenTasks(s.checklists);
    return html`<div class="actions">
        ${s.status === 'in_progress'
          ? html`<vscode-button icon="pass" ?disabled=${this.busy} @click=${() => void this.send({ kind: 'run.finish' })}>Finish Run</vscode-button>
              ${open > 0 ? html`<span class="muted hint">${openTasksText(open)}</span>` : nothing}`
          : html`<vscode-button secondary icon="history" ?disabled=${this.busy} @click=${() => void this.send({ kind: 'run.restore' })}>Restore Run</vscode-button>
              <span class="muted hint">Restore to change tasks, people or post updates again.</span>`}
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }

}

customElements.define('pb-run-overview', OverviewPanel);
