import '@vscode-elements/elements/dist/vscode-icon/index.js';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { MetricReport, MetricRunValue, PlaybookReport } from '../../../src/core/reports/reportTypes';
import { formatDate, formatDateTime, formatDiff, formatValue, verdictOfDiff } from './reportFormat';
import { sortRows, toRows, type Row, type SortKey, type TableSort } from './reportRows';

/**
 * Published runs with a column per metric: value and ± difference from target (Mattermost's run list),
 * sortable by any column with header buttons. A plain <table>: vscode-table does not sort.
 */
export class RunTable extends LitElement {
  static override properties = { report: { attribute: false }, sort: { attribute: false } };
  static override styles = css`
    :host {
      display: block;
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    th,
    td {
      padding: 4px 10px;
      text-align: left;
      white-space: nowrap;
      border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-widget-border, transparent));
    }
    th {
      padding: 0;
      font-weight: 600;
      border-bottom-color: var(--vscode-foreground);
    }
    .number {
      text-align: right;
    }
    tbody tr:nth-child(odd) {
      background: var(--vscode-tree-tableOddRowsBackground, transparent);
    }
    tbody tr:hover {
      background: var(--vscode-list-hoverBackground);
    }
    th button {
      display: flex;
      align-items: center;
      gap: 4px;
      width: 100%;
      padding: 6px 10px;
      border: none;
      background: none;
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    th.number button {
      justify-content: flex-end;
    }
    th button:hover {
      background: var(--vscode-list-hoverBackground);
    }
    th button:focus-visible,
    td button:focus-visible {
      outline: 1px solid var(--vscode-focusBorder);
      outline-offset: -1px;
    }
    vscode-icon {
      flex: none;
    }
    .unsorted {
      visibility: hidden;
    }
    th button:hover .unsorted,
    th button:focus-visible .unsorted {
      visibility: visible;
      opacity: 0.6;
    }
    td button {
      padding: 0;
      border: none;
      background: none;
      color: var(--vscode-textLink-foreground);
      font: inherit;
      text-align: left;
      cursor: pointer;
      max-width: 28em;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    td button:hover {
      color: var(--vscode-textLink-activeForeground);
      text-decoration: underline;
    }
    .diff {
      margin-left: 6px;
      font-size: 0.92em;
    }
    .better {
      color: var(--vscode-charts-green);
    }
    .worse {
      color: var(--vscode-charts-red);
    }
    .muted {
      color: var(--vscode-descriptionForeground);
    }
  `;

  // `declare`: a class field would shadow Lit's accessor (see reportApp.ts).
  declare report: PlaybookReport | undefined;
  declare sort: TableSort;

  constructor() {
    super();
    this.sort = { key: 'published', descending: true };
  }

  override render(): TemplateResult | typeof nothing {
    const report = this.report;
    if (!report) return nothing;
    const rows = sortRows(toRows(report), this.sort, report.metrics);
    return html`<div class="scroll">
      <table aria-label="Published runs">
        <thead>
          <tr>
            ${this.header('run', 'Run', false)} ${this.header('published', 'Published', false)}
            ${report.metrics.map((metric) => this.header(`metric:${metric.id}`, metric.title, true))}
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => this.row(row, report.metrics))}
        </tbody>
      </table>
    </div>`;
  }

  private header(key: SortKey, title: string, numeric: boolean): TemplateResult {
    const active = this.sort.key === key;
    const ariaSort = active ? (this.sort.descending ? 'descending' : 'ascending') : 'none';
    const icon = active ? (this.sort.descending ? 'arrow-down' : 'arrow-up') : 'arrow-up';
    return html`<th scope="col" aria-sort=${ariaSort} class=${numeric ? 'number' : ''}>
      <button type="button" @click=${() => this.sortBy(key)} title=${`Sort by ${title}`}>
        <span>${title}</span><vscode-icon name=${icon} class=${active ? '' : 'unsorted'} aria-hidden="true"></vscode-icon>
      </button>
    </th>`;
  }

  private row(row: Row, metrics: MetricReport[]): TemplateResult {
    const { published } = row;
    return html`<tr data-run=${published.run}>
      <td>
        <button type="button" title=${`Open ${published.runName}`} @click=${() => this.openRun(published.run)}>${published.runName}</button>
      </td>
      <td title=${formatDateTime(published.publishedAt)}>${formatDate(published.publishedAt)}</td>
      ${metrics.map((metric) => valueCell(metric, row.values.get(metric.id)))}
    </tr>`;
  }

  /** Clicking a sorted column flips it; a new column starts with its largest (numbers) or A→Z (names). */
  private sortBy(key: SortKey): void {
    const descending = this.sort.key === key ? !this.sort.descending : key !== 'run';
    this.sort = { key, descending };
    this.dispatchEvent(new CustomEvent<TableSort>('sort-change', { detail: this.sort }));
  }

  private openRun(run: string): void {
    this.dispatchEvent(new CustomEvent<string>('open-run', { detail: run }));
  }
}

function valueCell(metric: MetricReport, value: MetricRunValue | undefined): TemplateResult {
  if (!value) return html`<td class="number muted" data-metric=${metric.id} title="No value in this retrospective">—</td>`;
  const verdict = verdictOfDiff(value.diffFromTarget);
  const diffTitle = verdict === undefined ? '' : verdict === 'better' ? 'At or under target' : 'Over target';
  return html`<td class="number" data-metric=${metric.id}>
    <span data-value>${formatValue(metric, value.value)}</span>${value.diffFromTarget === null
      ? nothing
      : html`<span class="diff ${verdict ?? ''}" title=${diffTitle} data-diff>${formatDiff(metric, value.diffFromTarget)}</span>`}
  </td>`;
}

customElements.define('pb-run-table', RunTable);
