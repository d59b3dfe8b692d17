import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
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
import { allState, matchingCount, sameCategories, TIMELINE_CATEGORIES, toggleCategory, visibleEvents } from './timelineFilter';
import './noteForm';

/** Events asked for per page: the host sends the first page with the state, this many more per "more". */
const PAGE_SIZE = 200;

/**
 * Timeline tab: Mattermost's category filter, "Showing N of M events", newest first, notes added and
 * deleted. A long timeline comes one page at a time: the host filters it and sends the next page when
 * the list is scrolled to its end (or "more" is clicked) or the filter changes.
 */
export class TimelinePanel extends LightElement {
  static override properties = {
    state: { attribute: false },
    errors: { state: true },
  };
  declare state: RunViewState | undefined;
  declare errors: Record<string, string>;

  private cache: { events: readonly EventView[]; key: string; result: EventView[] } | undefined;
  /** The page asked for and not here yet (its filter and count), so a scroll does not ask twice. */
  private asking: string | undefined;
  private readonly endOfList = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) this.more();
  });

  constructor() {
    super();
    this.errors = {};
  }

  override disconnectedCallback(): void {
    this.endOfList.disconnect();
    super.disconnectedCallback();
  }

  override render(): TemplateResult | typeof nothing {
    const s = this.state;
    if (!s) return nothing;
    const shown = runDraft().shownCategories;
    const visible = this.filtered(s, shown);
    const matching = s.timeline.complete ? visible.length : matchingCount(s.timeline, shown);
    const notShown = matching - visible.length;
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
      <p class="muted showing" aria-live="polite">Showing ${matching} of ${s.timeline.total} events</p>
      <ol class="timeline" aria-label="Timeline, newest first">
        ${visible.map((event) => this.row(event))}
      </ol>
      ${notShown > 0 && !s.timeline.complete
        ? html`<vscode-button class="timeline-more" secondary @click=${() => this.more()}>Show ${Math.min(PAGE_SIZE, notShown)} more (${notShown} not shown)</vscode-button>`
        : nothing}
    `;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The host ends every request with a state: the page asked for (or, refused, the same one) is here.
    if (changed.has('state')) this.asking = undefined;
  }

  override updated(): void {
    const s = this.state;
    if (!s) return;
    // A page of another filter (the host's first page, or the page reopened with a saved filter): ask for ours.
    const shown = runDraft().shownCategories;
    if (!s.timeline.complete && !sameCategories(s.timeline.categories, shown)) this.ask(shown, PAGE_SIZE);
    this.endOfList.disconnect();
    const end = this.querySelector('.timeline-more');
    if (end) this.endOfList.observe(end);
  }

  /** Not on every keystroke elsewhere on the page. */
  private filtered(s: RunViewState, shown: readonly string[]): EventView[] {
    const key = shown.join(',');
    if (this.cache?.events !== s.timeline.events || this.cache.key !== key) this.cache = { events: s.timeline.events, key, result: visibleEvents(s.timeline, shown) };
    return this.cache.result;
  }

  /** The next page of the list as it is filtered now. */
  private more(): void {
    const s = this.state;
    if (!s || s.timeline.complete) return;
    const shown = runDraft().shownCategories;
    // The first page of a new filter is on its way: it comes first.
    if (!sameCategories(s.timeline.categories, shown)) return;
    this.ask(shown, this.filtered(s, shown).length + PAGE_SIZE);
  }

  private ask(categories: readonly string[], count: number): void {
    const key = `${[...categories].sort().join(',')}:${count}`;
    if (this.asking === key) return;
    this.asking = key;
    void attempt(request({ kind: 'run.showEvents', categories: [...categories], count }));
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
    const shown = toggleCategory(runDraft().shownCategories, id, checked);
    updateDraft({ shownCategories: shown });
    // A complete timeline is filtered here; a long one asks the host for the first page of the new filter.
    if (this.state && !this.state.timeline.complete) this.ask(shown, PAGE_SIZE);
    this.requestUpdate();
  }

  private async deleteNote(event: EventView): Promise<void> {
    const error = await attempt(request({ kind: 'run.deleteEvent', eventId: event.id }));
    const { [event.id]: _previous, ...rest } = this.errors;
    this.errors = error ? { ...rest, [event.id]: error } : rest;
  }
}

customElements.define('pb-run-timeline', TimelinePanel);
