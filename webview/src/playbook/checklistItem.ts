/** One task of a checklist: its title on a row, the rest (details) when the row is opened. */
import { html, nothing, type TemplateResult } from 'lit';
import { checkLink } from '../../../src/core/runs/links';
import { parseDuration } from '../../../src/core/util/duration';
import type { DocPath } from '../../../src/shared/protocol';
import { iconButton, keyOf, markdownText, optionalText, requiredText, selectField, textArea, textField } from './formFields';
import type { FormController } from './formController';
import { oneLine } from './generalSection';
import { afterMove, afterRemove } from './listPositions';
import type { ItemView } from './playbookView';

const PERSON = 'person';

export function checkDue(text: string): string | undefined {
  return parseDuration(text) === undefined ? `"${text}" is not a duration: write 30m, 2h, 1d or 1h30m (after the run starts).` : undefined;
}

function assigneeFields(form: FormController, path: DocPath, assignee: string): TemplateResult {
  const key = keyOf([...path, 'assignee']);
  const choice = form.custom.has(key) || (assignee !== '' && assignee !== 'owner') ? PERSON : assignee;
  const choices = [
    { value: '', label: 'Not assigned' },
    { value: 'owner', label: "The run's owner" },
    { value: PERSON, label: 'A person…' },
  ];
  const onChange = (value: string): void => {
    if (value === PERSON) {
      form.custom.add(key);
      form.uiChanged();
      return;
    }
    form.custom.delete(key);
    void form.edit([value === '' ? { op: 'delete', path: [...path, 'assignee'] } : { op: 'set', path: [...path, 'assignee'], value }]);
  };
  const person =
    choice === PERSON
      ? textField(
          form,
          { key: `${key}.person`, current: assignee === 'owner' ? '' : assignee, parse: optionalText([...path, 'assignee'], oneLine(200)) },
          { label: 'Person', placeholder: 'git user name, handle or e-mail', size: 'grow' },
        )
      : nothing;
  return html`<div class="row">${selectField(form, key, { label: 'Default assignee', value: choice, choices, onChange, size: 'narrow' })} ${person}</div>`;
}

/** The details at a glance on a closed row (always rendered: it is a column of the row's grid). */
function summary(item: ItemView, open: boolean): TemplateResult {
  const parts = open ? [] : [item.assignee, item.due ? `due ${item.due}` : '', item.command ? 'command' : '', item.link ? 'link' : ''].filter(Boolean);
  return html`<span class="summary" title=${parts.join(' · ')}>${parts.join(' · ')}</span>`;
}

export function checklistItem(form: FormController, checklist: number, index: number, count: number, item: ItemView): TemplateResult {
  const list: DocPath = ['checklists', checklist, 'items'];
  const path: DocPath = [...list, index];
  const key = keyOf(path);
  const open = form.expanded.has(key);
  const toggle = (): void => {
    if (open) form.expanded.delete(key);
    else form.expanded.add(key);
    form.focusNext = `[data-focus="${key}:toggle"]`;
    form.uiChanged();
  };
  const move = (to: number, button: string): void =>
    void form.listEdit({ op: 'move', path: list, from: index, to }, keyOf(list), afterMove(index, to), `[data-focus="${keyOf([...list, to])}:${button}"]`);
  const remove = (): void => void form.listEdit({ op: 'delete', path }, keyOf(list), afterRemove(index), `[data-focus="${keyOf(list)}:add"]`);
  return html`<li class="item ${open ? 'open' : ''}">
    <div class="item-head">
      ${iconButton(open ? 'chevron-down' : 'chevron-right', open ? 'Hide details' : 'Show details', toggle, { focusKey: `${key}:toggle` })}
      ${textField(form, { key: keyOf([...path, 'title']), current: item.title, parse: requiredText([...path, 'title'], 'A task title', oneLine(300)) }, { label: `Task ${index + 1}`, hideLabel: true, size: 'grow', placeholder: 'Task title' })}
      ${summary(item, open)}
      ${form.readOnly
        ? nothing
        : html`<span class="actions">
            ${iconButton('arrow-up', 'Move task up', () => move(index - 1, 'up'), { hidden: index === 0, focusKey: `${key}:up` })}
            ${iconButton('arrow-down', 'Move task down', () => move(index + 1, 'down'), { hidden: index === count - 1, focusKey: `${key}:down` })}
            ${iconButton('trash', 'Remove task', remove)}
          </span>`}
    </div>
    ${open
      ? html`<div class="details">
          ${textArea(form, { key: keyOf([...path, 'description']), current: item.description, parse: markdownText([...path, 'description']) }, { label: 'Description', hint: 'Markdown.', minRows: 2 })}
          ${assigneeFields(form, path, item.assignee)}
          <div class="row">
            ${textField(form, { key: keyOf([...path, 'due']), current: item.due, parse: optionalText([...path, 'due'], checkDue) }, { label: 'Due after the run starts', placeholder: 'e.g. 30m, 2h, 1d', size: 'narrow' })}
            ${textField(form, { key: keyOf([...path, 'command']), current: item.command, parse: optionalText([...path, 'command'], oneLine(1000)) }, { label: 'Command', placeholder: 'shell or slash command', size: 'grow' })}
          </div>
          ${textField(form, { key: keyOf([...path, 'link']), current: item.link, parse: optionalText([...path, 'link'], checkLink) }, { label: 'Link', placeholder: 'https://… or path/in/repo.md:12', size: 'wide', hint: 'The runbook for this task: a URL, a commit, or a file in this repository.' })}
        </div>`
      : nothing}
  </li>`;
}
