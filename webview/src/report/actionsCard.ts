import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { ActionFigures } from '../../../src/core/reports/reportTypes';
import { formatValue, type MetricShape } from './reportFormat';
import { cardStyles } from './reportStyles';

const DURATION: MetricShape = { type: 'duration' };

/** Follow-up actions of the playbook's runs: open, overdue, median time to close, and by priority (as `report` prints them). */
export class ActionsCard extends LitElement {
  static override properties = { actions: { attribute: false } };
  static override styles = [
    cardStyles,
    css`
      table {
        width: 100%;
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        padding: 2px 6px;
        text-align: right;
      }
      th:first-child,
      td:first-child {
        text-align: left;
      }
      th {
        color: var(--vscode-descriptionForeground);
        font-weight: normal;
      }
      .overdue {
        color: var(--vscode-errorForeground);
      }
    `,
  ];

  // `declare`: a class field would shadow Lit's accessor (see reportApp.ts).
  declare actions: ActionFigures | undefined;

  override render(): TemplateResult | typeof nothing {
    const actions = this.actions;
    if (!actions) return nothing;
    return html`<section class="card" aria-labelledby="title" data-card="actions">
      <h2 id="title">Actions</h2>
      ${actions.total === 0
        ? html`<p class="muted" data-figure="none">No follow-up actions yet: add them in a run's Retrospective tab.</p>`
        : html`<dl>
              <div>
                <dt>Open</dt>
                <dd class="lead" data-figure="open">${actions.open}</dd>
                <dd class="sub">${actions.byStatus.in_progress} in progress</dd>
              </div>
              <div>
                <dt>Overdue</dt>
                <dd class="lead ${actions.overdue > 0 ? 'overdue' : ''}" data-figure="overdue">${actions.overdue}</dd>
              </div>
              <div>
                <dt>Median time to close</dt>
                <dd class="lead" data-figure="median-time-to-close">${formatValue(DURATION, actions.medianTimeToClose)}</dd>
                <dd class="sub" data-figure="closed">${actions.closed} closed</dd>
              </div>
            </dl>
            <table aria-label="Actions by priority">
              <thead>
                <tr><th scope="col">Priority</th><th scope="col">Open</th><th scope="col">Overdue</th><th scope="col">Closed</th><th scope="col">Median time to close</th></tr>
              </thead>
              <tbody>
                ${actions.byPriority.map(
                  (row) => html`<tr data-priority=${row.priority}>
                    <th scope="row">${row.priority === 'none' ? 'No priority' : row.priority}</th>
                    <td>${row.open}</td>
                    <td class=${row.overdue > 0 ? 'overdue' : ''}>${row.overdue}</td>
                    <td>${row.closed}</td>
                    <td>${formatValue(DURATION, row.medianTimeToClose)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`}
    </section>`;
  }
}

customElements.define('pb-actions-card', ActionsCard);
