import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { MetricReport } from '../../../src/core/reports/reportTypes';
import './metricChart';
import { describeChange, formatChange, formatRange, formatValue, verdictOfChange } from './reportFormat';
import { cardStyles } from './reportStyles';

/** One metric: Mattermost's card figures (average, last-10 average and change, range, target) plus median and count, and its chart. */
export class MetricCard extends LitElement {
  static override properties = { metric: { attribute: false } };
  static override styles = cardStyles;

  // `declare`: a class field would shadow Lit's accessor (see reportApp.ts).
  declare metric: MetricReport | undefined;

  override render(): TemplateResult | typeof nothing {
    const metric = this.metric;
    if (!metric) return nothing;
    const change = verdictOfChange(metric.rollingAverageChange);
    return html`<section class="card" aria-labelledby="title" data-metric=${metric.id}>
      <h2 id="title">
        <span>${metric.title}</span>
        ${metric.retired ? html`<vscode-badge title="No longer collected; published values are kept">retired</vscode-badge>` : nothing}
      </h2>
      <dl>
        <div>
          <dt>Average</dt>
          <dd class="lead" data-figure="average">${formatValue(metric, metric.average)}</dd>
        </div>
        <div>
          <dt>Median</dt>
          <dd class="lead" data-figure="median">${formatValue(metric, metric.median)}</dd>
        </div>
        <div>
          <dt>Last 10 average</dt>
          <dd class="lead" data-figure="rollingAverage">${formatValue(metric, metric.rollingAverage)}</dd>
          <dd class="sub ${change ?? ''}" data-figure="rollingAverageChange" title=${describeChange(metric.rollingAverageChange)}>
            ${formatChange(metric.rollingAverageChange)}
          </dd>
        </div>
        <div>
          <dt>Range</dt>
          <dd data-figure="range">${formatRange(metric, metric.min, metric.max)}</dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd data-figure="target">${metric.target === null ? html`<span class="muted">none</span>` : formatValue(metric, metric.target)}</dd>
        </div>
        <div>
          <dt>Runs</dt>
          <dd data-figure="count">${metric.count}</dd>
        </div>
      </dl>
      ${insights(metric, () => this.useAsTarget(metric.id))}
      ${metric.count > 0 ? html`<pb-metric-chart .metric=${metric}></pb-metric-chart>` : html`<p class="muted">No published value yet.</p>`}
      ${flaggedRuns(metric)}
    </section>`;
  }

  private useAsTarget(metricId: string): void {
    this.dispatchEvent(new CustomEvent('use-as-target', { detail: metricId, bubbles: true, composed: true }));
  }
}

/** How often the target was met, the trend, and a suggested target with its basis (rules: docs/metrics.md). */
function insights(metric: MetricReport, useAsTarget: () => void): TemplateResult | typeof nothing {
  const met = metric.targetMet;
  const parts: TemplateResult[] = [];
  if (met) parts.push(html`<span data-figure="targetMet">Met in ${met.met} of the last ${met.of}</span>`);
  if (metric.trend) parts.push(html`<span data-figure="trend" class=${metric.trend === 'improving' ? 'better' : metric.trend === 'worsening' ? 'worse' : ''}>Trend: ${metric.trend}</span>`);
  const suggestion = metric.suggestedTarget;
  if (parts.length === 0 && !suggestion) return nothing;
  return html`<div class="insights">
    ${parts.length > 0 ? html`<p>${parts.map((part, index) => html`${index > 0 ? ' · ' : ''}${part}`)}</p>` : nothing}
    ${suggestion
      ? html`<p class="suggestion" data-figure="suggestedTarget">
          <span>Suggested target: <strong>${formatValue(metric, suggestion.value)}</strong> <span class="muted">(${suggestion.basis})</span></span>
          <vscode-button secondary @click=${useAsTarget}>Use as target</vscode-button>
        </p>`
      : nothing}
  </div>`;
}

/** The runs that stand out, with the reason in words. */
function flaggedRuns(metric: MetricReport): TemplateResult | typeof nothing {
  if (metric.anomalies.length === 0) return nothing;
  const names = new Map(metric.values.map((value) => [value.run, value.runName]));
  return html`<ul class="flagged" aria-label="Runs that stand out">
    ${metric.anomalies.map((anomaly) => html`<li data-flagged=${anomaly.run}><strong>${names.get(anomaly.run) ?? anomaly.run}</strong>: ${anomaly.reason}</li>`)}
  </ul>`;
}

customElements.define('pb-metric-card', MetricCard);
