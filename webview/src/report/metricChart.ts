import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type ChartConfiguration, type TooltipItem } from 'chart.js';
import { css, html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import type { MetricReport, MetricRunValue } from '../../../src/core/reports/reportTypes';
import { durationStep, formatAxis, formatDateTime, formatDiff, formatValue, truncate } from './reportFormat';
import { targetLinePlugin } from './targetLinePlugin';
import { onThemeChange, readChartColors, type ChartColors } from './themeColors';

// Only what a bar chart with tooltips needs, so the bundle carries no other chart types.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

type BarChart = Chart<'bar', number[], string>;

/** Mattermost's MetricChartPeriod, the core's ROLLING_PERIOD (not imported: that module reads files). */
const CHART_RUNS = 10;

/** The last 10 published values of one metric as bars, oldest on the left, with the target as a line. */
export class MetricChart extends LitElement {
  static override properties = { metric: { attribute: false } };
  static override styles = css`
    :host {
      display: block;
    }
    .frame {
      position: relative;
      height: 220px;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 14px;
      margin: 6px 0 0;
      padding: 0;
      list-style: none;
      font-size: 0.92em;
      color: var(--vscode-descriptionForeground);
    }
    .swatch {
      display: inline-block;
      width: 10px;
      height: 10px;
      margin-right: 5px;
      vertical-align: -1px;
      box-sizing: border-box;
    }
    .swatch.normal {
      background: var(--vscode-charts-blue, #3794ff);
    }
    .swatch.over {
      background: var(--vscode-charts-yellow, #cca700);
    }
    .swatch.anomaly {
      background: var(--vscode-charts-purple, #b180d7);
      border: 2px solid var(--vscode-contrastActiveBorder, var(--vscode-foreground));
    }
  `;

  // `declare`: a class field would shadow Lit's accessor (see reportApp.ts).
  declare metric: MetricReport | undefined;
  private instance: BarChart | undefined;
  private stopWatchingTheme: (() => void) | undefined;

  /** The Chart.js instance, for tests that read what is drawn. */
  get chart(): BarChart | undefined {
    return this.instance;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopWatchingTheme = onThemeChange(() => this.redraw());
  }

  override disconnectedCallback(): void {
    this.stopWatchingTheme?.();
    this.instance?.destroy();
    this.instance = undefined;
    super.disconnectedCallback();
  }

  override render(): TemplateResult {
    const metric = this.metric;
    const shown = metric ? lastValues(metric) : [];
    const target = metric && metric.target !== null ? `, target ${formatValue(metric, metric.target)}` : '';
    const label = metric ? `${metric.title} per run over the last ${shown.length} runs${target}` : '';
    const kinds = new Set(shown.map((value) => (metric ? barKind(metric, value) : 'normal')));
    return html`<div class="frame"><canvas role="img" aria-label=${label}></canvas></div>
      ${kinds.size > 1 || !kinds.has('normal') ? legend(kinds) : ''}`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('metric')) this.redraw();
  }

  /** Rebuilds the configuration (data, colours, fonts) and applies it to the chart. */
  private redraw(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    if (!this.metric || !canvas) return;
    const config = chartConfig(this.metric, readChartColors());
    if (!this.instance) {
      this.instance = new Chart(canvas, config);
      return;
    }
    this.instance.data = config.data;
    this.instance.options = config.options ?? {};
    this.instance.update('none');
  }
}

function lastValues(metric: MetricReport): MetricRunValue[] {
  return metric.values.slice(-CHART_RUNS);
}

type BarKind = 'normal' | 'over' | 'anomaly';

/** A run that stands out is marked as such first; otherwise over the target, or plain. */
function barKind(metric: MetricReport, value: MetricRunValue): BarKind {
  if (metric.anomalies.some((anomaly) => anomaly.run === value.run)) return 'anomaly';
  return metric.target !== null && value.value > metric.target ? 'over' : 'normal';
}

const LEGEND: ReadonlyArray<[BarKind, string]> = [
  ['normal', 'Within target'],
  ['over', 'Over target'],
  ['anomaly', 'Stands out (see below)'],
];

function legend(kinds: ReadonlySet<BarKind>): TemplateResult {
  return html`<ul class="legend" aria-label="Bar colours">
    ${LEGEND.filter(([kind]) => kinds.has(kind)).map(([kind, text]) => html`<li data-legend=${kind}><span class="swatch ${kind}"></span>${text}</li>`)}
  </ul>`;
}

function chartConfig(metric: MetricReport, colors: ChartColors): ChartConfiguration<'bar', number[], string> {
  const shown = lastValues(metric);
  const kinds = shown.map((item) => barKind(metric, item));
  const font = { family: colors.fontFamily, size: Math.max(10, colors.fontSize - 1) };
  const highest = Math.max(0, metric.target ?? 0, ...shown.map((item) => item.value));
  const runAt = (item: TooltipItem<'bar'>): MetricRunValue | undefined => shown[item.dataIndex];
  return {
    type: 'bar',
    data: {
      labels: shown.map((item) => truncate(item.runName, 12)),
      datasets: [
        {
          label: metric.title,
          data: shown.map((item) => item.value),
          backgroundColor: kinds.map((kind) => ({ normal: colors.bar, over: colors.overTarget, anomaly: colors.anomaly })[kind]),
          borderColor: kinds.map((kind) => (kind === 'anomaly' ? colors.anomalyBorder : 'transparent')),
          borderWidth: kinds.map((kind) => (kind === 'anomaly' ? 2 : 0)),
          hoverBackgroundColor: colors.barHover,
          borderRadius: 2,
          maxBarThickness: 48,
          // A zero still shows as a sliver, so the run does not look missing.
          minBarLength: 2,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      // Charts appear at once: no motion to wait for, and none for people who asked for less of it.
      animation: false,
      layout: { padding: { top: 4 } },
      // Hovering anywhere over a run's column shows its tooltip, not only the bar itself.
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          grid: { display: false },
          border: { color: colors.grid },
          ticks: { color: colors.mutedText, font, maxRotation: 45, autoSkip: true },
        },
        y: {
          beginAtZero: true,
          // The target must be on the scale even when every value is below it.
          suggestedMax: highest,
          grid: { color: colors.grid },
          border: { display: false },
          ticks: {
            color: colors.mutedText,
            font,
            maxTicksLimit: 6,
            ...(metric.type === 'duration' ? { stepSize: durationStep(highest) } : {}),
            ...(metric.type === 'integer' ? { precision: 0 } : {}),
            callback: (value) => formatAxis(metric, Number(value)),
          },
        },
      },
      plugins: {
        tooltip: {
          backgroundColor: colors.tooltipBackground,
          titleColor: colors.tooltipText,
          bodyColor: colors.tooltipText,
          footerColor: colors.mutedText,
          borderColor: colors.tooltipBorder,
          borderWidth: 1,
          cornerRadius: 3,
          displayColors: false,
          titleFont: { ...font, weight: 'bold' },
          bodyFont: font,
          footerFont: font,
          callbacks: {
            title: (items) => (items[0] ? (runAt(items[0])?.runName ?? '') : ''),
            label: (item) => {
              const run = runAt(item);
              if (!run) return '';
              const diff = run.diffFromTarget === null ? '' : ` (${formatDiff(metric, run.diffFromTarget)} vs target)`;
              const flag = metric.anomalies.find((anomaly) => anomaly.run === run.run);
              return [`${metric.title}: ${formatValue(metric, run.value)}${diff}`, ...(flag ? [`Stands out: ${flag.reason}`] : [])];
            },
            footer: (items) => {
              const run = items[0] ? runAt(items[0]) : undefined;
              return run ? `Published ${formatDateTime(run.publishedAt)}` : '';
            },
          },
        },
        pbTargetLine: {
          value: metric.target,
          label: metric.target === null ? '' : `Target ${formatValue(metric, metric.target)}`,
          color: colors.target,
          background: colors.background,
          font: `${font.size}px ${colors.fontFamily}`,
        },
      },
    },
    plugins: [targetLinePlugin],
  };
}

customElements.define('pb-metric-chart', MetricChart);
