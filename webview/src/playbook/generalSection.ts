/** Title and description: what someone sees when picking a playbook to start a run. */
import { html, type TemplateResult } from 'lit';
import { keyOf, markdownText, requiredText, textArea, textField } from './formFields';
import type { FormController } from './formController';
import type { PlaybookView } from './playbookView';

export const oneLine = (max: number) => (text: string): string | undefined => (text.length > max ? `At most ${max} characters (now ${text.length}).` : undefined);

export function generalSection(form: FormController, view: PlaybookView): TemplateResult {
  return html`<section class="plain" aria-label="General">
    ${textField(form, { key: keyOf(['title']), current: view.title, parse: requiredText(['title'], 'The title', oneLine(200)) }, { label: 'Title', size: 'wide', hint: 'Shown when someone picks a playbook to start a run.' })}
    ${textArea(form, { key: keyOf(['description']), current: view.description, parse: markdownText(['description']) }, { label: 'Description', hint: 'When to use this playbook and what it is for (Markdown).', minRows: 3 })}
  </section>`;
}
