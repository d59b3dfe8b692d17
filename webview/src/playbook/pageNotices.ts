/** What sits above the form: read-only notice, the document's problems (each a link to its line), refusals. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { PlaybookFormState, ProblemView } from '../../../src/shared/protocol';
import { request } from '../vscodeApi';

const openAt = (line?: number): void => void request({ kind: 'playbook.open', target: 'text', ...(line === undefined ? {} : { line }) }).catch(() => undefined);

function problemList(state: PlaybookFormState): TemplateResult {
  const row = (problem: ProblemView): TemplateResult => html`<li class=${`severity-${problem.severity}`}>
    <vscode-icon name=${problem.severity === 'error' ? 'error' : 'warning'} aria-hidden="true"></vscode-icon>
    <a href="#" @click=${(event: Event) => (event.preventDefault(), openAt(problem.line))}>${state.file}:${problem.line}:${problem.column}</a>
    <span>${problem.message}</span>
  </li>`;
  return html`<ul class="problems">${state.problems.map(row)}</ul>`;
}

export function notices(state: PlaybookFormState, notice: string | undefined): TemplateResult {
  const errors = state.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = state.problems.length - errors;
  const count = [errors ? `${errors} ${errors === 1 ? 'error' : 'errors'}` : '', warnings ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''].filter(Boolean).join(', ');
  return html`
    ${state.readOnly
      ? html`<div class="notice info" role="status">
          <vscode-icon name="lock" aria-hidden="true"></vscode-icon>
          Read-only: this workspace is not trusted or the file cannot be written. The form shows the playbook; changes are off.
        </div>`
      : nothing}
    ${state.problems.length > 0
      ? html`<div class="notice ${errors ? 'error' : 'warning'}" role="region" aria-label="Problems in this playbook">
          <strong>${count} in this file.</strong> Select one to see its line in the text editor.
          ${problemList(state)}
        </div>`
      : nothing}
    ${notice ? html`<div class="notice error" role="alert">${notice}</div>` : nothing}
  `;
}

/** The YAML cannot be shown as a form: its problems, and the way to the text editor. */
export function unreadable(state: PlaybookFormState): TemplateResult {
  return html`<section class="unreadable">
    <h1>This playbook cannot be shown as a form</h1>
    <p>${state.file} is not a playbook the form can read. Fix the problems below in the text editor; the form comes back as soon as the file reads again.</p>
    ${problemList(state)}
    <vscode-button icon="go-to-file" @click=${() => openAt(state.problems[0]?.line)}>Open in Text Editor</vscode-button>
  </section>`;
}
