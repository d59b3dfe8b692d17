/** Metrics filled in with each retrospective: add, edit, remove, reorder (no limit of 4). */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { MetricType } from '../../../src/core/model/types';
import type { DocPath, PlaybookEdit } from '../../../src/shared/protocol';
import { checkbox, iconButton, keyOf, markdownText, selectField, textArea, textField } from './formFields';
import type { FormController, Parsed } from './formController';
import { afterInsert, afterMove, afterRemove } from './listPositions';
import { metricSlug, parseTarget, renameEdits, targetHint, uniqueTitle } from './metricRules';
import type { MetricFormView, PlaybookView } from './playbookView';

const TYPES = [
  { value: 'duration', label: 'Duration' },
  { value: 'integer', label: 'Whole number' },
  { value: 'currency', label: 'Currency' },
];

function titleParse(path: DocPath, metric: MetricFormView, others: string[]): (text: string) => Parsed {
  return (text) => {
    const title = text.trim();
    if (title === '') return { error: 'A metric needs a title.' };
    if (title.length > 64) return { error: `At most 64 characters (now ${title.length}).` };
    if (others.includes(title.toLowerCase())) return { error: `Another metric is already called "${title}"; titles must be unique.` };
    return { edits: renameEdits(path, metric, title) };
  };
}

function decimalsParse(path: DocPath): (text: string) => Parsed {
  return (text) => {
    const value = text.trim();
    if (value === '') return { edits: [{ op: 'delete', path }] };
    return /^[0-4]$/.test(value) ? { edits: [{ op: 'set', path, value: Number(value) }] } : { error: 'Decimals: a whole number from 0 to 4.' };
  };
}

function unitParse(path: DocPath): (text: string) => Parsed {
  return (text) => {
    const value = text.trim();
    if (value === '') return { edits: [{ op: 'delete', path }] };
    return value.length > 10 ? { error: 'At most 10 characters, e.g. USD.' } : { edits: [{ op: 'set', path, value }] };
  };
}

/** Changing the type drops what no longer fits: a target of the old kind, a currency's unit and decimals. */
function typeEdits(path: DocPath, metric: MetricFormView, type: MetricType): PlaybookEdit[] {
  const edits: PlaybookEdit[] = [{ op: 'set', path: [...path, 'type'], value: type }];
  if (metric.target !== '' && 'error' in parseTarget({ ...metric, type }, [...path, 'target'], metric.target)) edits.push({ op: 'delete', path: [...path, 'target'] });
  if (type !== 'currency') edits.push({ op: 'delete', path: [...path, 'unit'] }, { op: 'delete', path: [...path, 'decimals'] });
  return edits;
}

function metricCard(form: FormController, metrics: MetricFormView[], index: number): TemplateResult {
  const metric = metrics[index] as MetricFormView;
  const path: DocPath = ['metrics', index];
  const key = keyOf(path);
  const others = metrics.filter((_, i) => i !== index).map((other) => other.title.trim().toLowerCase());
  const move = (to: number, button: string): void =>
    void form.listEdit({ op: 'move', path: ['metrics'], from: index, to }, 'metrics', afterMove(index, to), `[data-focus="metrics.${to}:${button}"]`);
  const remove = (): void => void form.listEdit({ op: 'delete', path }, 'metrics', afterRemove(index), '[data-focus="metrics:add"]');
  return html`<div class="card metric ${metric.retired ? 'retired' : ''}" role="group" aria-label=${`Metric ${index + 1}: ${metric.title}`}>
    <div class="card-head">
      ${textField(form, { key: keyOf([...path, 'title']), current: metric.title, parse: titleParse(path, metric, others) }, { label: `Metric ${index + 1}`, size: 'grow', hint: `Stored in retrospectives as ${metric.id ?? metricSlug(metric.title)}.` })}
      ${selectField(form, keyOf([...path, 'type']), { label: 'Type', value: metric.type, choices: TYPES, size: 'narrow', onChange: (value) => void form.edit(typeEdits(path, metric, value as MetricType)) })}
      ${form.readOnly
        ? nothing
        : html`<span class="actions">
            ${iconButton('arrow-up', 'Move metric up', () => move(index - 1, 'up'), { hidden: index === 0, focusKey: `${key}:up` })}
            ${iconButton('arrow-down', 'Move metric down', () => move(index + 1, 'down'), { hidden: index === metrics.length - 1, focusKey: `${key}:down` })}
            ${iconButton('trash', 'Remove metric', remove)}
          </span>`}
    </div>
    <div class="row">
      ${textField(form, { key: keyOf([...path, 'target']), current: metric.target, parse: (text) => parseTarget(metric, [...path, 'target'], text) }, { label: 'Target', placeholder: metric.type === 'duration' ? 'e.g. 1h' : '0', size: 'narrow', hint: targetHint(metric) })}
      ${metric.type === 'currency'
        ? html`${textField(form, { key: keyOf([...path, 'unit']), current: metric.unit, parse: unitParse([...path, 'unit']) }, { label: 'Unit', placeholder: 'USD', size: 'tiny' })}
          ${textField(form, { key: keyOf([...path, 'decimals']), current: metric.decimals, parse: decimalsParse([...path, 'decimals']) }, { label: 'Decimals', placeholder: '2', size: 'tiny' })}`
        : nothing}
    </div>
    ${textArea(form, { key: keyOf([...path, 'description']), current: metric.description, parse: markdownText([...path, 'description']) }, { label: 'Description', hint: 'What is measured, from when to when.', minRows: 2 })}
    ${checkbox(form, keyOf([...path, 'retired']), 'Retired: no longer collected (published values still count in reports)', metric.retired, (checked) => [
      checked ? { op: 'set', path: [...path, 'retired'], value: true } : { op: 'delete', path: [...path, 'retired'] },
    ])}
  </div>`;
}

export function metricsSection(form: FormController, view: PlaybookView): TemplateResult {
  const count = view.metrics.length;
  const add = (): void =>
    void form.listEdit(
      { op: 'insert', path: ['metrics'], index: count, value: { title: uniqueTitle(view.metrics), type: 'duration' } },
      'metrics',
      afterInsert(count),
      `[data-key="metrics.${count}.title"]`,
    );
  return html`<p class="section-hint">Filled in with each retrospective and compared with the target in reports.</p>
    ${view.metrics.map((_, index) => metricCard(form, view.metrics, index))}
    ${count === 0 ? html`<p class="empty">No metrics yet.</p>` : nothing}
    ${form.readOnly ? nothing : html`<vscode-button icon="add" data-focus="metrics:add" @click=${add}>Add metric</vscode-button>`}`;
}
