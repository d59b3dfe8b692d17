import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { PlaybookReport, TimingStats } from '../../../src/core/reports/reportTypes';
import { formatRange, formatValue, type MetricShape } from './reportFormat';
import { cardStyles } from './reportStyles';

const DURATION: MetricShape = { type: 'duration' };

/** Timings computed from the run files themselves (docs/metrics.md, "Timings"), over all runs. */
export class TimingsCard extends LitElement {
  static override properties = { timings: { attribute: false } };
  static override styles = [
    cardStyles,
    css`
      h3 {
        margin: 0 0 6px;
        font-size: 1em;
        font-weight: 600;
      }
    `,
  ];

  // `declare`: a class field would shadow Lit's accessor (see reportApp.ts).
  declare timings: PlaybookReport['timings'] | undefined;

  override render(): TemplateResult | typeof nothing {
    if (!this.timings) return nothing;
    return html`<section class="card" aria-labelledby="title">
      <h2 id="title">Timings</h2>
      ${row('Time to resolution', 'finished runs', 'No run has finished yet.', 'timeToResolution', this.timings.timeToResolution)}
      ${row('Time to first status update', 'runs with an update', 'No run has posted a status update yet.', 'timeToFirstStatusUpdate', this.timings.timeToFirstStatusUpdate)}
    </section>`;
  }
}

function row(title: string, counted: string, none: string, id: string, stats: TimingStats): TemplateResult {
  if (stats.count === 0) return html`<h3>${title}</h3><p class="muted" data-timing=${id}>${none}</p>`;
  return html`<h3>${title}</h3>
    <dl data-timing=${id}>
      <div>
        <dt>Average</dt>
        <dd class="lead" data-figure="average">${formatValue(DURATION, stats.average)}</dd>
      </div>
      <div>
        <dt>Median</dt>
        <dd class="lead" data-figure="median">${formatValue(DURATION, stats.median)}</dd>
      </div>
      <div>
        <dt>Range</dt>
        <dd data-figure="range">${formatRange(DURATION, stats.min, stats.max)}</dd>
        <dd class="sub" data-figure="count">${stats.count} ${counted}</dd>
      </div>
    </dl>`;
}

customElements.define('pb-timings-card', TimingsCard);
