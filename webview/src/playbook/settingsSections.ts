/** Status updates and retrospective: an enable switch, a reminder cadence and a Markdown template. */
import { html, type TemplateResult } from 'lit';
import type { PlaybookEdit } from '../../../src/shared/protocol';
import { errorText, request } from '../vscodeApi';
import { checkbox, keyOf, markdownText, textArea, withPrefix } from './formFields';
import type { FormController } from './formController';
import type { PlaybookView } from './playbookView';
import { RETROSPECTIVE_INTERVALS, STATUS_UPDATE_CADENCES, reminderField } from './reminderField';

type Section = 'statusUpdates' | 'retrospective';

const enable = (section: Section) => (checked: boolean): PlaybookEdit[] => [{ op: 'set', path: [section, 'enabled'], value: checked }];

/** A section the file does not have yet is created switched off: the schema requires `enabled`. */
const creating = (section: Section, present: boolean): PlaybookEdit[] => (present ? [] : [{ op: 'set', path: [section, 'enabled'], value: false }]);

export function statusUpdatesSection(form: FormController, view: PlaybookView): TemplateResult {
  const settings = view.statusUpdates;
  return html`${checkbox(form, 'statusUpdates.enabled', 'The owner posts status updates during the run', settings.enabled, enable('statusUpdates'))}
    ${reminderField(form, ['statusUpdates', 'reminder'], settings.reminder, {
      prefix: creating('statusUpdates', settings.present),
      label: 'Remind the owner to post',
      presets: STATUS_UPDATE_CADENCES,
      hint: 'While the run is in progress.',
    })}
    ${textArea(form, { key: keyOf(['statusUpdates', 'template']), current: settings.template, parse: withPrefix(markdownText(['statusUpdates', 'template']), creating('statusUpdates', settings.present)) }, { label: 'Message template', hint: 'Pre-fills the first status update (Markdown).', monospace: true, minRows: 4 })}`;
}

function templateFileNotice(form: FormController, name: string): TemplateResult {
  const open = (event: Event): void => {
    event.preventDefault();
    request({ kind: 'playbook.open', target: 'templateFile' }).catch((error: unknown) => {
      form.notice = errorText(error);
      form.uiChanged();
    });
  };
  return html`<div class="field wide">
    <span class="label">Template</span>
    <p class="template-file">
      This playbook keeps its retrospective template in a file beside it:
      <a href="#" @click=${open}>${name}</a>
    </p>
  </div>`;
}

export function retrospectiveSection(form: FormController, view: PlaybookView): TemplateResult {
  const settings = view.retrospective;
  const path = ['retrospective', 'template'];
  return html`${checkbox(form, 'retrospective.enabled', 'Write a retrospective after each run', settings.enabled, enable('retrospective'))}
    ${reminderField(form, ['retrospective', 'reminder'], settings.reminder, {
      prefix: creating('retrospective', settings.present),
      label: 'Reminder interval',
      presets: RETROSPECTIVE_INTERVALS,
      hint: 'After the run finishes, until the retrospective is published or skipped.',
    })}
    ${settings.templateFile !== undefined
      ? templateFileNotice(form, settings.templateFile)
      : textArea(form, { key: keyOf(path), current: settings.template, parse: withPrefix(markdownText(path), creating('retrospective', settings.present)) }, { label: 'Template', hint: "Copied into each run's retrospective.md (Markdown).", monospace: true, minRows: 6 })}
`;
}

export function settingsSummary(settings: { enabled: boolean; reminder: string }): string {
  if (!settings.enabled) return 'Off';
  return settings.reminder ? `On, reminder ${settings.reminder === 'once' ? 'once' : `every ${settings.reminder}`}` : 'On';
}
