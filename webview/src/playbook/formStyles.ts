/** The form's styles: VS Code theme variables only, so light, dark and high-contrast themes all work. */
import { css } from 'lit';

export const formStyles = css`
  :host {
    display: block;
    max-width: 980px;
    margin: 0 auto;
    padding-bottom: 24px;
  }
  header {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 12px;
    padding: 18px 0 10px;
  }
  h1 {
    margin: 0;
    font-size: 1.6em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .file,
  .hint,
  .section-hint,
  .summary,
  .empty {
    color: var(--vscode-descriptionForeground);
  }
  .file {
    margin: 2px 0 0;
  }
  .section-hint {
    margin: 4px 0 12px;
  }
  vscode-collapsible {
    margin-top: 14px;
    /* Sections sit on the editor, not on a side bar: only their header band is tinted. */
    --vscode-sideBar-background: var(--vscode-editor-background);
  }
  .section-content {
    padding: 4px 16px 16px;
  }
  section.plain {
    padding: 4px 0 8px;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    margin: 0 0 12px;
    min-width: 0;
  }
  .field.wide,
  .field.wide vscode-textfield,
  .field.wide vscode-textarea {
    width: 100%;
  }
  .field.grow {
    flex: 1 1 220px;
  }
  .field.grow vscode-textfield {
    width: 100%;
  }
  .field.narrow,
  .field.tiny {
    flex: 0 0 auto;
  }
  .field.narrow vscode-textfield,
  .field.narrow vscode-single-select {
    width: 15em;
  }
  .field.tiny vscode-textfield {
    width: 7em;
  }
  .field vscode-label {
    padding: 0 0 2px;
    font-weight: 600;
  }
  .label {
    font-weight: 600;
  }
  .hint,
  .error {
    font-size: 0.92em;
    line-height: 1.4;
    margin-top: 2px;
  }
  .error {
    color: var(--vscode-errorForeground);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0 16px;
    align-items: flex-start;
  }
  vscode-checkbox {
    display: block;
    margin: 4px 0 14px;
  }
  .card {
    border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent));
    border-radius: 4px;
    padding: 10px 12px 12px;
    margin: 0 0 12px;
    background: var(--vscode-editorWidget-background, transparent);
  }
  .card.retired {
    opacity: 0.75;
  }
  .card-head {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0 12px;
  }
  /* Toggle, title, summary, actions: the title column lines up on every row. */
  .item-head {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) minmax(0, 14em) auto;
    align-items: start;
    gap: 0 10px;
  }
  .card-head .actions {
    margin-top: 22px;
  }
  .actions {
    display: inline-flex;
    gap: 2px;
    margin-left: auto;
  }
  .actions vscode-toolbar-button,
  .item-head > vscode-toolbar-button {
    padding: 3px;
  }
  .placeholder {
    visibility: hidden;
  }
  ol.items {
    list-style: none;
    margin: 0 0 10px;
    padding: 0;
  }
  .item {
    border-top: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent));
    padding: 6px 0 0;
  }
  .item:last-child {
    border-bottom: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent));
  }
  .item-head .field {
    margin-bottom: 6px;
  }
  .item-head > vscode-toolbar-button,
  .item-head .actions,
  .item-head .summary {
    margin-top: 2px;
  }
  .summary {
    margin-bottom: 6px;
    padding-top: 3px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .details {
    padding: 4px 0 4px 30px;
  }
  .notice {
    display: block;
    margin: 8px 0;
    padding: 8px 12px;
    border: 1px solid var(--vscode-inputValidation-infoBorder, var(--vscode-focusBorder));
    border-radius: 2px;
    background: var(--vscode-inputValidation-infoBackground, transparent);
  }
  .notice.warning {
    border-color: var(--vscode-inputValidation-warningBorder);
    background: var(--vscode-inputValidation-warningBackground);
  }
  .notice.error {
    border-color: var(--vscode-inputValidation-errorBorder);
    background: var(--vscode-inputValidation-errorBackground);
  }
  .notice vscode-icon {
    vertical-align: text-bottom;
  }
  ul.problems {
    margin: 6px 0 0;
    padding: 0;
    list-style: none;
  }
  ul.problems li {
    display: flex;
    gap: 6px;
    align-items: baseline;
    padding: 1px 0;
  }
  ul.problems li.severity-error vscode-icon {
    color: var(--vscode-problemsErrorIcon-foreground, var(--vscode-errorForeground));
  }
  ul.problems li.severity-warning vscode-icon {
    color: var(--vscode-problemsWarningIcon-foreground, var(--vscode-editorWarning-foreground));
  }
  ul.problems a {
    white-space: nowrap;
  }
  a {
    color: var(--vscode-textLink-foreground);
  }
  a:hover {
    color: var(--vscode-textLink-activeForeground);
  }
  a:focus-visible {
    outline: 1px solid var(--vscode-focusBorder);
    outline-offset: 1px;
  }
  .template-file {
    margin: 2px 0 0;
  }
  .unreadable {
    padding-top: 18px;
  }
  .unreadable ul.problems {
    margin: 12px 0 16px;
  }
  /* A narrow editor (the form beside the text): titles keep the room, the summary goes. */
  @media (max-width: 720px) {
    .item-head {
      grid-template-columns: auto minmax(0, 1fr) auto;
    }
    .summary {
      display: none;
    }
    .details {
      padding-left: 0;
    }
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
