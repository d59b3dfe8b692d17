import { html, nothing, type TemplateResult } from 'lit';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import type { EventView, RunViewState } from '../../../src/shared/protocol';
import { attempt, request } from '../vscodeApi';
import { eventTypeIcon } from '../../../src/core/format/eventTypes';
import { sinceStartWords } from '../../../src/core/format/sinceStart';
import { absoluteTime, isWebLink } from './format';
import { LightElement } from './lightElement';
import { runDraft, updateDraft } from './runDraft';
import { allState, filterEvents, TIMELINE_CATEGORIES, toggleCategory } from './timelineFilter';
import './noteForm';

/** Rows built per page: a run with 10,000 events must not build 10,000 rows on first paint. */
const PAGE_SIZE = 200;

/** Timeline tab: Mattermost's category filter, "Showing N of M events", newest first, notes added and deleted. */
export class TimelinePanel extends LightElement {
  static override properties = {
    state: { attribute: false },
    limit: { state: true },
    errors: { state: true },
  };
  declare state: RunViewState | undefined;
  declare limit: number;
  declare errors: Record<string, string>;

  private cache: { events: readonly EventView[]; key: string; result: EventView[] } | undefined;

  constructor() {
    super();
    this.limit = PAGE_SIZE;
    this.errors = {};
  }

  override render(): TemplateResult | typeof nothing {
    const s = this.state;
    if (!s) return nothing;
    const shown = runDraft().shownCategories;
    const visible = this.filtered(s.events, shown);
    const all = allState(shown);
    return html`
      ${s.readOnly ? nothing : html`<pb-run-note-form></pb-run-note-form>`}
      <div class="timeline-filter" role="group" aria-label="Show events">
        <vscode-checkbox .checked=${all === 'all'} .indeterminate=${all === 'some'} @change=${(event: Event) => this.toggle('all', event)}>All events</vscode-checkbox>
        ${TIMELINE_CATEGORIES.map(
          (category) =>
            html`<vscode-checkbox data-category=${category.id} .checked=${shown.includes(category.id)} @change=${(event: Event) => this.toggle(category.id, event)}>${category.label}</vscode-checkbox>`,
        )}
      </div>
      <p class="muted showing" aria-live="polite">Showing ${visible.length} of ${s.events.length} events</p>
      <ol class="timeline" aria-label="Timeline, newest first">
        ${visible.slice(0, this.limit).map((event) => this.row(event))}
      </ol>
      ${visible.length > this.limit
        ? html`<vscode-button secondary @click=${() => (this.limit += PAGE_SIZE)}>Show ${Math.min(PAGE_SIZE, visible.length - this.limit)} more (${visible.length - this.limit} not shown)</vscode-button>`
        : nothing}
    `;
  }

  /** Filtering 10,000 events is cheap, but not on every keystroke elsewhere on the page. */
  private filtered(events: readonly EventView[], shown: readonly string[]): EventView[] {
    const key = shown.join(',');
    if (this.cache?.events !== events || this.cache.key !== key) this.cache = { events, key, result: filterEvents(events, shown) };
    return this.cache.result;
  }

  private row(event: EventView): TemplateResult {
    const error = this.errors[event.id];
    // Status updates and skips repeat their first line as the summary: show the details only when they add something.
    const details = event.details !== undefined && !event.summary.includes(event.details.trim()) ? event.details : undefined;
    return html`<li class="event type-${event.type}" data-event=${event.id} data-type=${event.type}>
      <span class="event-when" title=${`${absoluteTime(event.at)} (${event.at})`}>${sinceStartWords(event.sinceStartMs)}</span>
      <span class="codicon codicon-${eventTypeIcon(event.type)} event-icon" aria-hidden="true"></span>
      <div class="event-body">
        <div class="event-summary">${event.summary}</div>
        <div class="event-meta muted"><span class="person">${event.actor}</span> · <span title=${event.at}>${absoluteTime(event.at)}</span></div>
        ${details !== undefined ? html`<div class="pre event-details">${details}</div>` : nothing}
        ${event.link !== undefined ? this.link(event.link) : nothing}
        ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      </div>
      ${event.deletable
        ? html`<vscode-toolbar-button class="event-delete" icon="trash" label="Delete note" title="Delete note" @click=${() => void this.deleteNote(event)}></vscode-toolbar-button>`
        : nothing}
    </li>`;
  }

  /** URLs are ordinary links (VS Code opens them outside); commits and paths are shown as code. */
  private link(link: string): TemplateResult {
    return html`<div class="event-link"><span class="codicon codicon-link" aria-hidden="true"></span>
      ${isWebLink(link) ? html`<a href=${link}>${link}</a>` : html`<code>${link}</code>`}</div>`;
  }

  private toggle(id: string, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    updateDraft({ shownCategories: toggleCategory(runDraft().shownCategories, id, checked) });
    this.limit = PAGE_SIZE;
    this.requestUpdate();
  }

  private async deleteNote(event: EventView): Promise<void> {
    const error = await attempt(request({ kind: 'run.deleteEvent', eventId: event.id }));
    const { [event.id]: _previous, ...rest } = this.errors;
    this.errors = error ? { ...rest, [event.id]: error } : rest;
  }
}

customElements.define('pb-run-timeline', TimelinePanel);
