import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { RunViewState } from '../../../src/shared/protocol';
import { absoluteTime, relativeTime } from './format';
import { valueOf } from '../elementValue';
import type { MetricField } from './metricField';
import './metricField';
import './followUpsPanel';
import { RunActionPanel } from './runActionPanel';
import { runDraft, updateDraft } from './runDraft';

type Retro = NonNullable<RunViewState['retrospective']>;

/** Retrospective tab: metrics with inline validation, the Markdown beside, publish or skip (the host confirms). */
export class RetrospectivePanel extends RunActionPanel {
  override render(): TemplateResult | typeof nothing {
    const s = this.state;
    if (!s) return nothing;
    const retro = s.retrospective;
    if (!s.retrospectiveEnabled) return this.turnedOff(s);
    if (!retro) return html`<p class="muted">This run has no retrospective.md yet: recording a metric or publishing creates it from the template.</p>`;
    const locked = s.readOnly || retro.status === 'published';
    return html`
      ${this.status(s, retro)}
      <section aria-labelledby="metrics-heading">
        <h2 id="metrics-heading">Metrics</h2>
        ${retro.metrics.length === 0 ? html`<p class="muted">The playbook collects no metrics.</p>` : nothing}
        <div class="metrics">
          ${retro.metrics.map((metric) => html`<pb-metric-field .metric=${metric} .readOnly=${locked}></pb-metric-field>`)}
        </div>
      </section>
      <pb-run-follow-ups .state=${s} .now=${this.now}></pb-run-follow-ups>
      <section aria-labelledby="report-heading">
        <h2 id="report-heading">Report</h2>
        <p class="muted">The report is the Markdown of retrospective.md: write it beside this editor, with the timeline in view.</p>
        <vscode-button secondary icon="split-horizontal" @click=${() => void this.send({ kind: 'retro.openMarkdown' })}>Open Markdown Beside</vscode-button>
      </section>
      ${locked ? nothing : this.actions(s, retro)}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }

  /** Off for this run (Mattermost's per-run switch): no reminders; a draft already written is kept. */
  private turnedOff(s: RunViewState): TemplateResult {
    return html`<p class="muted">The retrospective is turned off for this run: no one is reminded to write it.</p>
      ${s.readOnly
        ? nothing
        : html`<div class="actions">
            <vscode-button icon="eye" ?disabled=${this.busy} @click=${() => void this.send({ kind: 'retro.setEnabled', enabled: true })}>Turn Retrospective On</vscode-button>
            ${s.status === 'finished' ? html`<span class="muted hint">Its reminder starts again now.</span>` : nothing}
          </div>`}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }

  private status(s: RunViewState, retro: Retro): TemplateResult {
    const pill = html`<span class="pill retro-${retro.status}">${{ draft: 'Draft', published: 'Published', skipped: 'Skipped' }[retro.status]}</span>`;
    let line: TemplateResult | typeof nothing = nothing;
    if (retro.status === 'published') {
      const at = retro.publishedAt ?? '';
      line = html`<p class="published">Published by <span class="person">${retro.publishedBy ?? 'someone'}</span> at <span title=${at}>${absoluteTime(at)}</span> (${relativeTime(at, this.now)}). It is read-only now.</p>`;
    } else if (retro.status === 'skipped') {
      line = html`<p>Skipped: <span class="pre">${retro.skipReason ?? ''}</span> <span class="muted">It can still be published.</span></p>`;
    } else if (s.status === 'in_progress') {
      line = html`<p class="muted">Due once the run is finished; metrics can be filled in, and it can be published, already.</p>`;
    }
    return html`<div class="retro-status"><h2>Retrospective ${pill}</h2>${line}</div>`;
  }

  private actions(s: RunViewState, retro: Retro): TemplateResult {
    const running = s.status === 'in_progress';
    return html`<section class="retro-actions" aria-label="Publish or skip">
      <div class="actions">
        <vscode-button icon="cloud-upload" ?disabled=${this.busy} @click=${() => void this.publish()}>Publish</vscode-button>
        <span class="muted hint">${running ? 'The run is still in progress: you will be asked before it is published.' : 'Commits exactly this run\u2019s files; you will not be able to edit it afterwards.'}</span>
      </div>
      ${retro.status === 'skipped'
        ? nothing
        : html`<div class="actions">
            <vscode-textfield
              class="skip-reason"
              aria-label="Reason for skipping"
              placeholder="No retrospective because…"
              .value=${live(runDraft().skipReason)}
              @input=${(event: Event) => updateDraft({ skipReason: valueOf(event) })}
            ></vscode-textfield>
            <vscode-button secondary icon="circle-slash" ?disabled=${this.busy} @click=${() => void this.skip()}>Skip Retrospective</vscode-button>
          </div>`}
      <div class="actions">
        <vscode-button secondary icon="eye-closed" ?disabled=${this.busy} @click=${() => void this.send({ kind: 'retro.setEnabled', enabled: false })}>Turn Retrospective Off</vscode-button>
        <span class="muted hint">No more reminders; the draft is kept.</span>
      </div>
    </section>`;
  }

  private async publish(): Promise<void> {
    const fields = [...this.querySelectorAll<MetricField>('pb-metric-field')];
    // A value typed just before clicking is stored first; then every empty field says so, not just the first.
    await Promise.all(fields.map((field) => field.commit()));
    const complete = fields.map((field) => field.requireValue()).every(Boolean);
    if (!complete) {
      this.error = 'Fill in every metric before publishing.';
      return;
    }
    await this.send({ kind: 'retro.publish' });
  }

  private async skip(): Promise<void> {
    const reason = runDraft().skipReason;
    if (reason.trim() === '') {
      this.error = 'Say why the retrospective is skipped.';
      return;
    }
    if (await this.send({ kind: 'retro.skip', reason })) updateDraft({ skipReason: '' });
  }

}

customElements.define('pb-run-retrospective', RetrospectivePanel);
