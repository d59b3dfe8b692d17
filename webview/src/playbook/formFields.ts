/**
 * Labelled VS Code Elements inputs bound to the form controller. Every field has a visible label tied
 * to its input, and its error (or hint) right under it.
 */
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { DocPath, PlaybookEdit } from '../../../src/shared/protocol';
import type { FieldSpec, FormController, Parsed } from './formController';
import { valueOf } from '../elementValue';

export interface FieldOptions {
  label: string;
  placeholder?: string;
  hint?: string;
  /** Extra class on the wrapper (layout: `wide`, `grow`, `narrow`, `tiny`). */
  size?: 'wide' | 'grow' | 'narrow' | 'tiny';
  /** The label is read by screen readers but not shown (a row's title field). */
  hideLabel?: boolean;
}

export const keyOf = (path: DocPath): string => path.join('.');
const idOf = (key: string): string => `f-${key.replace(/[^A-Za-z0-9]/g, '-')}`;

/** `set` of trimmed text, or `delete` when left empty (optional fields). */
export function optionalText(path: DocPath, check?: (text: string) => string | undefined): (text: string) => Parsed {
  return (text) => {
    const value = text.trim();
    if (value === '') return { edits: [{ op: 'delete', path }] };
    const error = check?.(value);
    return error ? { error } : { edits: [{ op: 'set', path, value }] };
  };
}

/** `set` of trimmed text; empty is an error (required fields). */
export function requiredText(path: DocPath, what: string, check?: (text: string) => string | undefined): (text: string) => Parsed {
  return (text) => {
    const value = text.trim();
    if (value === '') return { error: `${what} cannot be empty.` };
    const error = check?.(value);
    return error ? { error } : { edits: [{ op: 'set', path, value }] };
  };
}

/** Multi-line text kept as typed (Markdown); empty deletes the key. */
export function markdownText(path: DocPath): (text: string) => Parsed {
  return (text) => (text.trim() === '' ? { edits: [{ op: 'delete', path }] } : { edits: [{ op: 'set', path, value: text }] });
}

/** The same parse, with edits that must come first (creating a missing section). */
export function withPrefix(parse: (text: string) => Parsed, prefix: PlaybookEdit[]): (text: string) => Parsed {
  return (text) => {
    const parsed = parse(text);
    return 'error' in parsed || prefix.length === 0 ? parsed : { edits: [...prefix, ...parsed.edits] };
  };
}

function message(form: FormController, key: string, hint: string | undefined): TemplateResult | typeof nothing {
  const error = form.error(key);
  if (error) return html`<div class="error" id=${`${idOf(key)}-msg`} role="alert">${error}</div>`;
  return hint ? html`<div class="hint" id=${`${idOf(key)}-msg`}>${hint}</div>` : nothing;
}

export function textField(form: FormController, spec: FieldSpec, options: FieldOptions): TemplateResult {
  const id = idOf(spec.key);
  return html`<div class="field ${options.size ?? ''}">
    <vscode-label for=${id} class=${options.hideLabel ? 'visually-hidden' : ''}>${options.label}</vscode-label>
    <vscode-textfield
      id=${id}
      data-key=${spec.key}
      .value=${form.value(spec)}
      .label=${options.label}
      placeholder=${options.placeholder ?? ''}
      ?invalid=${form.error(spec.key) !== undefined}
      ?readonly=${form.readOnly}
      @input=${(event: Event) => form.input(spec.key, valueOf(event))}
      @change=${() => form.commit(spec.key)}
    ></vscode-textfield>
    ${message(form, spec.key, options.hint)}
  </div>`;
}

export function textArea(form: FormController, spec: FieldSpec, options: FieldOptions & { monospace?: boolean; minRows?: number }): TemplateResult {
  const id = idOf(spec.key);
  const value = form.value(spec);
  const rows = Math.min(Math.max(value.split('\n').length + 1, options.minRows ?? 3), 24);
  return html`<div class="field wide">
    <vscode-label for=${id}>${options.label}</vscode-label>
    <vscode-textarea
      id=${id}
      data-key=${spec.key}
      .value=${value}
      .label=${options.label}
      rows=${rows}
      resize="vertical"
      placeholder=${options.placeholder ?? ''}
      ?monospace=${options.monospace === true}
      ?invalid=${form.error(spec.key) !== undefined}
      ?readonly=${form.readOnly}
      @input=${(event: Event) => form.input(spec.key, valueOf(event))}
      @change=${() => form.commit(spec.key)}
    ></vscode-textarea>
    ${message(form, spec.key, options.hint)}
  </div>`;
}

export interface Choice {
  value: string;
  label: string;
}

export function selectField(form: FormController, key: string, options: FieldOptions & { value: string; choices: Choice[]; onChange: (value: string) => void }): TemplateResult {
  const id = idOf(key);
  return html`<div class="field ${options.size ?? ''}">
    <vscode-label for=${id}>${options.label}</vscode-label>
    <vscode-single-select
      id=${id}
      data-key=${key}
      .value=${options.value}
      aria-label=${options.label}
      ?disabled=${form.readOnly}
      @change=${(event: Event) => options.onChange(valueOf(event))}
    >
      ${options.choices.map((choice) => html`<vscode-option value=${choice.value} ?selected=${choice.value === options.value}>${choice.label}</vscode-option>`)}
    </vscode-single-select>
    ${message(form, key, options.hint)}
  </div>`;
}

export function checkbox(form: FormController, key: string, label: string, checked: boolean, edits: (checked: boolean) => PlaybookEdit[]): TemplateResult {
  return html`<vscode-checkbox
    data-key=${key}
    .checked=${checked}
    label=${label}
    ?disabled=${form.readOnly}
    @change=${(event: Event) => void form.edit(edits((event.target as HTMLInputElement).checked))}
  ></vscode-checkbox>`;
}

/** A codicon button; hidden (keeping its place) when it does not apply, so rows stay aligned. */
export function iconButton(icon: string, label: string, action: () => void, options: { hidden?: boolean; focusKey?: string } = {}): TemplateResult {
  return html`<vscode-toolbar-button
    class=${options.hidden ? 'placeholder' : ''}
    icon=${icon}
    label=${label}
    title=${label}
    data-focus=${options.focusKey ?? ''}
    @click=${action}
  ></vscode-toolbar-button>`;
}
