import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import type { EventView, RunViewState } from '../../../src/shared/protocol';
import { attempt, request } from '../vscodeApi';
import { absoluteTime, relativeTime } from './format';
import { valueOf } from '../elementValue';
import { RunActionPanel } from './runActionPanel';
import { runDraft, updateDraft } from './runDraft';

const PAGE = 10;

/** The "Post update" box (pre-filled like Mattermost) and the updates so far, newest first (the host sends the newest, more on request). */
export class StatusUpdates extends RunActionPanel {
  override render(): TemplateResult | typeof nothing {
    const s = this.state;
    if (!s) return nothing;
    const updates = s.statusUpdates.events;
    const total = s.statusUpdates.total;
    const canPost = !s.readOnly && s.status === 'in_progress';
    return html`
      <h2>Status updates <span class="count">${total}</span></h2>
      ${canPost ? this.switches(s) : nothing}
      ${canPost ? this.form(s) : nothing}
      ${s.status === 'finished' && !s.readOnly ? html`<p class="muted">Restore the run to post updates.</p>` : nothing}
      ${total === 0
        ? html`<p class="muted">No status update yet.</p>`
        : html`<ol class="updates">
            ${updates.map((update) => this.updateItem(update))}
          </ol>`}
      ${total > updates.length
        ? html`<vscode-button secondary @click=${() => void attempt(request({ kind: 'run.showStatusUpdates', count: updates.length + PAGE }))}>Show ${Math.min(PAGE, total - updates.length)} more</vscode-button>`
        : nothing}
    `;
  }

  /** Mattermost's per-run switch, and asking the owner for an update (their reminder falls at once). */
  private switches(s: RunViewState): TemplateResult {
    const on = s.statusUpdatesEnabled;
    return html`<div class="actions status-switches">
      ${on
        ? html`<vscode-button secondary icon="comment-discussion" ?disabled=${this.busy} @click=${() => void this.send({ kind: 'run.requestUpdate' })}>Request Update</vscode-button>
            <span class="muted hint">Reminds ${s.owner} now.</span>`
        : nothing}
      <vscode-button secondary icon=${on ? 'bell-slash' : 'bell'} ?disabled=${this.busy} @click=${() => void this.send({ kind: 'run.setStatusUpdates', enabled: !on })}>${on ? 'Turn Status Updates Off' : 'Turn Status Updates On'}</vscode-button>
    </div>`;
  }

  private form(s: RunViewState): TemplateResult {
    const text = runDraft().statusUpdate ?? s.statusUpdateDraft;
    return html`<div class="post-update">
      ${s.statusUpdatesEnabled ? nothing : html`<p class="muted">Status updates are turned off for this run: no one is reminded. You can still post one.</p>`}
      <vscode-textarea
        class="wide"
        rows="5"
        aria-label="Status update (Markdown)"
        placeholder="What changed, what is the impact, what is next?"
        .value=${live(text)}
        @input=${(event: Event) => updateDraft({ statusUpdate: valueOf(event) })}
        @keydown=${(event: KeyboardEvent) => (event.ctrlKey || event.metaKey) && event.key === 'Enter' && void this.post()}
      ></vscode-textarea>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        <vscode-button icon="megaphone" ?disabled=${this.busy} @click=${() => void this.post()}>Post Update</vscode-button>
        <span class="muted hint">Ctrl+Enter posts. Pre-filled with the last update.</span>
      </div>
    </div>`;
  }

  private updateItem(update: EventView): TemplateResult {
    return html`<li class="update">
      <div class="update-meta"><span class="person">${update.actor}</span> <span class="muted" title=${update.at}>${absoluteTime(update.at)} · ${relativeTime(update.at, this.now)}</span></div>
      <div class="pre">${update.details ?? update.summary}</div>
    </li>`;
  }

  private async post(): Promise<void> {
    const s = this.state;
    if (!s || this.busy) return;
    const message = runDraft().statusUpdate ?? s.statusUpdateDraft;
    // Sent: the box falls back to the host's draft, which is now this very update.
    if (await this.send({ kind: 'run.postUpdate', message })) updateDraft({ statusUpdate: undefined });
  }
}

customElements.define('pb-run-status-updates', StatusUpdates);
