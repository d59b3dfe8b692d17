import '@vscode-elements/elements/dist/vscode-button/index.js';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { PlaybookReport, RunCounts, SkippedRun } from '../../../src/core/reports/reportTypes';
import type { ReportViewState } from '../../../src/shared/protocol';
import { errorText, loadDraft, onState, request, saveDraft } from '../vscodeApi';
import './metricCard';
import type { TableSort } from './reportRows';
import './runTable';
import './timingsCard';
import './actionsCard';

const EMPTY_MESSAGE = 'No published retrospectives yet — metrics appear here after the first one.';

/** The metrics report page: header with run counts, a card per metric, timings, and the run table. */
export class ReportApp extends LitElement {
  static override properties = { state: { state: true }, sort: { state: true }, error: { state: true } };
  static override styles = css`
    :host {
      display: block;
      max-width: 1400px;
      margin: 0 auto;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      justify-content: space-between;
      gap: 12px;
      padding: 16px 0 12px;
    }
    h1 {
      margin: 0 0 4px;
      font-size: 1.6em;
      font-weight: 600;
    }
    h2 {
      margin: 24px 0 8px;
      font-size: 1.15em;
      font-weight: 600;
    }
    .counts {
      margin: 0;
      color: var(--vscode-descriptionForeground);
    }
    .counts strong {
      color: var(--vscode-foreground);
      font-weight: 600;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(380px, 1fr));
      gap: 16px;
    }
    .notice {
      margin: 8px 0;
      padding: 8px 12px;
      border: 1px solid var(--vscode-inputValidation-warningBorder);
      border-radius: 2px;
      background: var(--vscode-inputValidation-warningBackground);
    }
    .notice.error {
      border-color: var(--vscode-inputValidation-errorBorder);
      background: var(--vscode-inputValidation-errorBackground);
    }
    .notice ul {
      margin: 4px 0 0;
      padding-left: 20px;
    }
    .empty {
      margin: 24px 0;
      padding: 28px 16px;
      border: 1px dashed var(--vscode-editorWidget-border, var(--vscode-widget-border, currentColor));
      border-radius: 4px;
      color: var(--vscode-descriptionForeground);
      text-align: center;
    }
    .grid .empty {
      grid-column: 1 / -1;
      margin: 0;
    }
  `;

  // Reactive fields are `declare`d and set in the constructor: esbuild emits class fields with define
  // semantics (target ES2022), which would shadow Lit's accessors and silently stop re-rendering.
  declare state: ReportViewState | undefined;
  declare sort: TableSort;
  declare error: string | undefined;

  constructor() {
    super();
    this.sort = loadDraft<{ sort: TableSort }>({ sort: { key: 'published', descending: true } }).sort;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    onState((state) => {
      if (state.page === 'report') this.state = state;
    });
  }

  override render(): TemplateResult | typeof nothing {
    const state = this.state;
    if (!state) return nothing;
    const report = state.report;
    const hasPublished = report.publishedRuns.length > 0;
    return html`<header>
        <div>
          <h1>${report.title}</h1>
          <p class="counts" data-counts>${runCounts(report.runs)}</p>
        </div>
        <vscode-button icon="export" secondary ?disabled=${!hasPublished} @click=${() => this.exportCsv()} title="Export the published runs' metrics as CSV">
          Export CSV
        </vscode-button>
      </header>
      ${state.problem ? html`<div class="notice error" role="alert">Showing the last report that could be built: ${state.problem}</div>` : nothing}
      ${this.error ? html`<div class="notice error" role="alert">${this.error}</div>` : nothing}
      ${skippedNotice(report.skippedRuns)}
      ${hasPublished ? nothing : html`<p class="empty" data-empty>${EMPTY_MESSAGE}</p>`}
      <div class="grid">
        ${hasPublished ? this.metrics(report) : nothing}
        <pb-timings-card .timings=${report.timings}></pb-timings-card>
        <pb-actions-card .actions=${report.actions}></pb-actions-card>
      </div>
      ${hasPublished ? this.table(report) : nothing}`;
  }

  private metrics(report: PlaybookReport): TemplateResult | TemplateResult[] {
    if (report.metrics.length === 0) return html`<p class="empty">This playbook has no metrics yet: add them under <code>metrics:</code> in its YAML.</p>`;
    return report.metrics.map(
      (metric) => html`<pb-metric-card .metric=${metric} @use-as-target=${(event: CustomEvent<string>) => void this.send({ kind: 'report.useAsTarget', metricId: event.detail })}></pb-metric-card>`,
    );
  }

  private table(report: PlaybookReport): TemplateResult {
    return html`<h2>Published runs</h2>
      <pb-run-table
        .report=${report}
        .sort=${this.sort}
        @sort-change=${(event: CustomEvent<TableSort>) => this.changeSort(event.detail)}
        @open-run=${(event: CustomEvent<string>) => void this.send({ kind: 'report.openRun', runId: event.detail })}
      ></pb-run-table>`;
  }

  private changeSort(sort: TableSort): void {
    this.sort = sort;
    saveDraft({ sort });
  }

  private exportCsv(): void {
    void this.send({ kind: 'report.exportCsv' });
  }

  private async send(body: Parameters<typeof request>[0]): Promise<void> {
    try {
      this.error = undefined;
      await request(body);
    } catch (error) {
      this.error = errorText(error);
    }
  }
}

function runCounts(runs: RunCounts): TemplateResult {
  const count = (key: string, value: number, label: string): TemplateResult => html`<strong data-count=${key}>${value}</strong> ${label}`;
  return html`${count('total', runs.total, runs.total === 1 ? 'run' : 'runs')} · ${count('inProgress', runs.inProgress, 'in progress')} ·
  ${count('finished', runs.finished, 'finished')} — retrospectives: ${count('published', runs.retrospectivesPublished, 'published')} ·
  ${count('skipped', runs.retrospectivesSkipped, 'skipped')} · ${count('due', runs.retrospectivesDue, 'due')}`;
}

function skippedNotice(skipped: SkippedRun[]): TemplateResult | typeof nothing {
  if (skipped.length === 0) return nothing;
  const lead = skipped.length === 1 ? '1 run is left out of the figures because its files have errors' : `${skipped.length} runs are left out of the figures because their files have errors`;
  return html`<div class="notice" role="status" data-skipped>
    ${lead} (<em>Playbooks: Validate Playbooks</em> lists every problem):
    <ul>
      ${skipped.slice(0, 5).map((entry) => html`<li>${entry.problems[0] ? shortProblem(entry.problems[0]) : entry.run}</li>`)}
    </ul>
  </div>`;
}

function shortProblem(problem: SkippedRun['problems'][number]): string {
  const at = problem.file.search(/[\\/]runs[\\/]/);
  const file = at === -1 ? problem.file : problem.file.slice(at + 1);
  return `${file}:${problem.line}:${problem.column}: ${problem.message}`;
}
