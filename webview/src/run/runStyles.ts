import { css } from 'lit';

/**
 * The run page's styles, adopted by the document (a constructed stylesheet: allowed by the page's CSP,
 * unlike inline style attributes). Colours come only from --vscode-* theme variables.
 */
const runStyles = css`
  pb-app { display: block; max-width: 1100px; }
  h1 { font-size: 1.6em; font-weight: 600; margin: 0; }
  h2 { font-size: 1.1em; font-weight: 600; margin: 20px 0 8px; }
  code { font-family: var(--vscode-editor-font-family); font-size: 0.95em; background: var(--vscode-textCodeBlock-background); padding: 1px 4px; border-radius: 3px; }
  .muted { color: var(--vscode-descriptionForeground); }
  .strong, .person { font-weight: 600; }
  .pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  .error { color: var(--vscode-errorForeground); margin: 4px 0; }
  .hint { font-size: 0.95em; }
  .count { color: var(--vscode-descriptionForeground); font-weight: normal; margin-left: 4px; }
  .loading { padding: 20px 0; }

  .run-header { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; padding: 16px 0 12px; }
  .run-header .subtitle { flex-basis: 100%; }
  .pill { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 0.85em; font-weight: 600; border: 1px solid var(--vscode-contrastBorder, transparent); }
  .status-in_progress, .retro-draft { background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
  .status-finished, .retro-published { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
  .retro-skipped { background: var(--vscode-editorWidget-background); color: var(--vscode-descriptionForeground); border-color: var(--vscode-widget-border, var(--vscode-contrastBorder, transparent)); }

  .banner { margin: 0 0 12px; padding: 8px 12px; border-left: 3px solid var(--vscode-notificationsInfoIcon-foreground, var(--vscode-focusBorder)); background: var(--vscode-textBlockQuote-background); }
  .banner.problems { border-left-color: var(--vscode-notificationsErrorIcon-foreground, var(--vscode-errorForeground)); }
  .banner ul { margin: 4px 0 0; padding-left: 20px; }

  vscode-tab-panel { padding: 4px 2px 24px; }
  .actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 10px 0; }
  .inline-form { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 6px; }
  .link-button { background: none; border: none; padding: 0 4px; color: var(--vscode-textLink-foreground); cursor: pointer; font: inherit; }
  .link-button:hover { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }

  .card { padding: 4px 0 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
  .facts { display: grid; grid-template-columns: max-content 1fr; gap: 8px 24px; margin: 12px 0; align-items: baseline; }
  .facts dt { color: var(--vscode-descriptionForeground); }
  .facts dd { margin: 0; }
  .chips { list-style: none; display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 6px; padding: 0; }
  .chip { display: inline-flex; align-items: center; gap: 2px; padding: 0 2px 0 8px; min-height: 22px; border-radius: 11px; background: var(--vscode-editorWidget-background); border: 1px solid var(--vscode-widget-border, var(--vscode-contrastBorder, transparent)); }
  .chip:not(:has(vscode-toolbar-button)) { padding-right: 8px; }
  .owner-mark { margin-left: 4px; }

  .post-update { margin-bottom: 12px; }
  .wide { width: 100%; }
  .updates { list-style: none; margin: 0; padding: 0; }
  .update { padding: 8px 0; border-top: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
  .update-meta { margin-bottom: 4px; }

  .progress-row { display: flex; align-items: center; gap: 12px; margin: 12px 0 4px; }
  .progress-text { white-space: nowrap; font-weight: 600; }
  .progress { flex: 1; max-width: 320px; }
  .tasks { list-style: none; margin: 0; padding: 0; }
  .task { display: grid; grid-template-columns: auto 1fr auto; gap: 4px 10px; align-items: start; padding: 6px 4px; border-radius: 3px; }
  .task:hover { background: var(--vscode-list-hoverBackground); }
  .task vscode-checkbox { margin-top: 2px; }
  .task.state-closed .task-title, .task.state-skipped .task-title { text-decoration: line-through; color: var(--vscode-descriptionForeground); }
  .task-meta { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 0.95em; }
  .task-meta:empty { display: none; }
  .overdue { color: var(--vscode-errorForeground); font-weight: 600; }
  .task-controls { display: flex; align-items: center; gap: 6px; }
  .task-controls .assignee { width: 140px; }
  .task-controls .state { width: 120px; }
  .follow-up-list { list-style: none; margin: 0 0 8px; padding: 0; }
  .follow-up { display: grid; grid-template-columns: 1fr auto; gap: 4px 10px; align-items: start; padding: 6px 4px; border-radius: 3px; }
  .follow-up:hover { background: var(--vscode-list-hoverBackground); }
  .follow-up.status-done .follow-up-title, .follow-up.status-wont_do .follow-up-title { text-decoration: line-through; color: var(--vscode-descriptionForeground); }
  .follow-up vscode-textfield.owner, .follow-up vscode-textfield.due { width: 130px; }
  .follow-up vscode-single-select.priority { width: 110px; }
  .follow-up vscode-single-select.status { width: 120px; }
  .follow-up .task-controls { flex-wrap: wrap; justify-content: flex-end; }
  .overdue-pill { color: var(--vscode-errorForeground); border-color: var(--vscode-errorForeground); }
  .add-follow-up .action-title { flex: 1 1 240px; }

  pb-run-note-form { display: block; margin: 12px 0; }
  .note-form { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
  .note-form .note-summary { flex: 2 1 260px; }
  .note-form .note-at { flex: 0 1 190px; }
  .note-form .note-link { flex: 1 1 200px; }
  .timeline-filter { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 12px 0 4px; }
  .showing { margin: 4px 0 8px; }
  .timeline { list-style: none; margin: 0; padding: 0; }
  .event { display: grid; grid-template-columns: 150px 20px 1fr auto; gap: 2px 8px; align-items: start; padding: 6px 4px; border-top: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
  .event:hover { background: var(--vscode-list-hoverBackground); }
  .event-when { color: var(--vscode-descriptionForeground); white-space: nowrap; text-align: right; font-variant-numeric: tabular-nums; }
  .event-icon { color: var(--vscode-symbolIcon-eventForeground, var(--vscode-foreground)); margin-top: 1px; }
  .type-note .event-icon { color: var(--vscode-charts-yellow, var(--vscode-foreground)); }
  .type-status_updated .event-icon, .type-run_started .event-icon, .type-run_finished .event-icon { color: var(--vscode-charts-blue, var(--vscode-foreground)); }
  .event-summary { overflow-wrap: anywhere; }
  .event-meta { font-size: 0.95em; }
  .event-details { margin-top: 4px; padding-left: 8px; border-left: 2px solid var(--vscode-textBlockQuote-border, var(--vscode-widget-border, transparent)); }
  .event-link { margin-top: 2px; display: flex; gap: 4px; align-items: center; overflow-wrap: anywhere; }

  .metrics { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 16px 24px; max-width: 760px; }
  .metric-title { display: block; font-weight: 600; margin-bottom: 2px; }
  .metric-input-row { display: flex; align-items: center; gap: 10px; margin: 4px 0 2px; }
  .metric-input { width: 200px; }
  .metric .helper { font-size: 0.95em; min-height: 1.4em; }
  .retro-status h2 { display: flex; align-items: center; gap: 10px; }
  .retro-actions { margin-top: 20px; padding-top: 8px; border-top: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
  .skip-reason { width: 320px; }
`;

export function adoptRunStyles(): void {
  const sheet = runStyles.styleSheet;
  if (sheet) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
