/** Checklists, copied into every run: rename, add, remove and reorder checklists and their tasks. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { DocPath } from '../../../src/shared/protocol';
import { checklistItem } from './checklistItem';
import { iconButton, keyOf, requiredText, textField } from './formFields';
import type { FormController } from './formController';
import { oneLine } from './generalSection';
import { afterInsert, afterMove, afterRemove } from './listPositions';
import type { ChecklistView, PlaybookView } from './playbookView';

function checklistCard(form: FormController, index: number, count: number, checklist: ChecklistView): TemplateResult {
  const path: DocPath = ['checklists', index];
  const items: DocPath = [...path, 'items'];
  const key = keyOf(path);
  const move = (to: number, button: string): void =>
    void form.listEdit({ op: 'move', path: ['checklists'], from: index, to }, 'checklists', afterMove(index, to), `[data-focus="checklists.${to}:${button}"]`);
  const remove = (): void => void form.listEdit({ op: 'delete', path }, 'checklists', afterRemove(index), '[data-focus="checklists:add"]');
  const addItem = (): void => {
    const at = checklist.items.length;
    void form.listEdit({ op: 'insert', path: items, index: at, value: { title: 'New task' } }, keyOf(items), afterInsert(at), `[data-key="${keyOf([...items, at, 'title'])}"]`);
  };
  return html`<div class="card" role="group" aria-label=${`Checklist ${index + 1}: ${checklist.title}`}>
    <div class="card-head">
      ${textField(form, { key: keyOf([...path, 'title']), current: checklist.title, parse: requiredText([...path, 'title'], 'A checklist title', oneLine(200)) }, { label: `Checklist ${index + 1}`, size: 'grow' })}
      ${form.readOnly
        ? nothing
        : html`<span class="actions">
            ${iconButton('arrow-up', 'Move checklist up', () => move(index - 1, 'up'), { hidden: index === 0, focusKey: `${key}:up` })}
            ${iconButton('arrow-down', 'Move checklist down', () => move(index + 1, 'down'), { hidden: index === count - 1, focusKey: `${key}:down` })}
            ${iconButton('trash', 'Remove checklist', remove)}
          </span>`}
    </div>
    ${checklist.items.length > 0
      ? html`<ol class="items">${checklist.items.map((item, i) => checklistItem(form, index, i, checklist.items.length, item))}</ol>`
      : html`<p class="empty">No tasks yet.</p>`}
    ${form.readOnly ? nothing : html`<vscode-button secondary icon="add" data-focus=${`${keyOf(items)}:add`} @click=${addItem}>Add task</vscode-button>`}
  </div>`;
}

export function checklistsSection(form: FormController, view: PlaybookView): TemplateResult {
  const count = view.checklists.length;
  const add = (): void =>
    void form.listEdit(
      { op: 'insert', path: ['checklists'], index: count, value: { title: `Checklist ${count + 1}`, items: [] } },
      'checklists',
      afterInsert(count),
      `[data-key="checklists.${count}.title"]`,
    );
  return html`<p class="section-hint">Copied into every run, in this order. Editing them changes future runs, not running ones.</p>
    ${view.checklists.map((checklist, index) => checklistCard(form, index, count, checklist))}
    ${count === 0 ? html`<p class="empty">No checklists yet.</p>` : nothing}
    ${form.readOnly ? nothing : html`<vscode-button icon="add" data-focus="checklists:add" @click=${add}>Add checklist</vscode-button>`}`;
}

export function checklistsSummary(view: PlaybookView): string {
  const count = view.checklists.length;
  const tasks = view.checklists.reduce((total, checklist) => total + checklist.items.length, 0);
  return `${count} ${count === 1 ? 'checklist' : 'checklists'}, ${tasks} ${tasks === 1 ? 'task' : 'tasks'}`;
}
