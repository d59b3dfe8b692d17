import { css } from 'lit';

/** Card and figure styles shared by the report's components; theme variables only. */
export const cardStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  .card {
    box-sizing: border-box;
    height: 100%;
    padding: 12px 16px 14px;
    border: 1px solid var(--vscode-editorWidget-border, var(--vscode-widget-border, transparent));
    border-radius: 4px;
    background: var(--vscode-editorWidget-background);
    color: var(--vscode-editorWidget-foreground, var(--vscode-foreground));
  }
  h2 {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0 0 10px;
    font-size: 1.1em;
    font-weight: 600;
  }
  dl {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 10px 16px;
    margin: 0 0 12px;
  }
  dt {
    color: var(--vscode-descriptionForeground);
    font-size: 0.92em;
  }
  dd {
    margin: 2px 0 0;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  dd.lead {
    font-size: 1.35em;
    white-space: nowrap;
    font-weight: 600;
    line-height: 1.2;
  }
  .sub {
    display: block;
    color: var(--vscode-descriptionForeground);
    font-size: 0.92em;
  }
  .better {
    color: var(--vscode-charts-green);
  }
  .worse {
    color: var(--vscode-charts-red);
  }
  .muted {
    color: var(--vscode-descriptionForeground);
  }
  .insights p {
    margin: 0 0 8px;
  }
  .suggestion {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 12px;
  }
  .flagged {
    margin: 8px 0 0;
    padding-left: 18px;
    font-size: 0.92em;
  }
`;
