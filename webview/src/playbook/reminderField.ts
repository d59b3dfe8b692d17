/** Reminder cadences: a select of the usual intervals, with "Custom…" opening a duration field. */
import { html, type TemplateResult } from 'lit';
import { parseDuration } from '../../../src/core/util/duration';
import type { DocPath, PlaybookEdit } from '../../../src/shared/protocol';
import { keyOf, optionalText, selectField, textField, withPrefix, type Choice } from './formFields';
import type { FormController } from './formController';

const CUSTOM = 'custom';
const NONE = '';

export const STATUS_UPDATE_CADENCES: Choice[] = [
  { value: '15m', label: 'Every 15 minutes' },
  { value: '30m', label: 'Every 30 minutes' },
  { value: '1h', label: 'Every hour' },
  { value: '4h', label: 'Every 4 hours' },
  { value: '1d', label: 'Every day' },
  { value: '7d', label: 'Every week' },
];

export const RETROSPECTIVE_INTERVALS: Choice[] = [
  { value: 'once', label: 'Once' },
  { value: '1h', label: 'Every hour' },
  { value: '4h', label: 'Every 4 hours' },
  { value: '24h', label: 'Every 24 hours' },
  { value: '7d', label: 'Every 7 days' },
];

/** A problem sentence for text that is not a positive duration, else undefined. */
export function checkInterval(text: string): string | undefined {
  const ms = parseDuration(text);
  if (ms === undefined) return `"${text}" is not a duration: write 30m, 2h, 1d or 1h30m.`;
  return ms === 0 ? 'A reminder interval must be longer than 0.' : undefined;
}

/** Which choice a stored value is: `24h` and `1d` are the same preset. */
function choiceOf(current: string, presets: Choice[]): string {
  if (current.trim() === '') return NONE;
  const exact = presets.find((preset) => preset.value === current.trim());
  if (exact) return exact.value;
  const ms = parseDuration(current);
  const same = ms === undefined ? undefined : presets.find((preset) => parseDuration(preset.value) === ms);
  return same?.value ?? CUSTOM;
}

export function reminderField(form: FormController, path: DocPath, current: string, options: { label: string; presets: Choice[]; hint: string; prefix: PlaybookEdit[] }): TemplateResult {
  const key = keyOf(path);
  const selected = form.custom.has(key) ? CUSTOM : choiceOf(current, options.presets);
  const choices = [{ value: NONE, label: 'No reminder' }, ...options.presets, { value: CUSTOM, label: 'Custom…' }];
  const onChange = (value: string): void => {
    if (value === CUSTOM) {
      form.custom.add(key);
      form.uiChanged();
      return;
    }
    form.custom.delete(key);
    void form.edit([...options.prefix, value === NONE ? { op: 'delete', path } : { op: 'set', path, value }]);
  };
  const custom =
    selected === CUSTOM
      ? textField(form, { key: `${key}.custom`, current, parse: withPrefix(optionalText(path, checkInterval), options.prefix) }, { label: 'Custom interval', placeholder: 'e.g. 2h, 3d or 1h30m', size: 'narrow' })
      : undefined;
  return html`<div class="row">
    ${selectField(form, key, { label: options.label, value: selected, choices, onChange, hint: options.hint, size: 'narrow' })} ${custom}
  </div>`;
}
