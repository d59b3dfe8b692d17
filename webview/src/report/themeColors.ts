/**
 * Chart colours come from the theme's CSS variables: a canvas cannot use `var(--…)`, so they are read
 * from computed style and read again whenever VS Code changes the theme.
 */
export interface ChartColors {
  bar: string;
  barHover: string;
  /** A run whose value is over the target. */
  overTarget: string;
  /** A run whose value stands out against the history; drawn with a border too, so it differs by more than hue. */
  anomaly: string;
  anomalyBorder: string;
  target: string;
  text: string;
  mutedText: string;
  grid: string;
  /** Behind the target's label, so it stays readable over a bar. */
  background: string;
  tooltipBackground: string;
  tooltipText: string;
  tooltipBorder: string;
  fontFamily: string;
  fontSize: number;
}

function cssVariable(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = style.getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

export function readChartColors(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const get = (name: string, fallback: string): string => cssVariable(style, name, fallback);
  const text = get('--vscode-foreground', '#616161');
  return {
    bar: get('--vscode-charts-blue', '#3794ff'),
    barHover: get('--vscode-focusBorder', get('--vscode-charts-blue', '#3794ff')),
    // Yellow, not orange: charts.orange derives from a translucent minimap colour and reads brown on dark themes.
    overTarget: get('--vscode-charts-yellow', '#cca700'),
    anomaly: get('--vscode-charts-purple', '#b180d7'),
    // High-contrast themes set contrastActiveBorder; elsewhere the text colour outlines the bar.
    anomalyBorder: get('--vscode-contrastActiveBorder', text),
    target: get('--vscode-charts-red', '#f14c4c'),
    text,
    mutedText: get('--vscode-descriptionForeground', text),
    grid: get('--vscode-editorWidget-border', get('--vscode-widget-border', 'rgba(128, 128, 128, 0.35)')),
    background: get('--vscode-editorWidget-background', get('--vscode-editor-background', 'transparent')),
    tooltipBackground: get('--vscode-editorHoverWidget-background', '#252526'),
    tooltipText: get('--vscode-editorHoverWidget-foreground', text),
    tooltipBorder: get('--vscode-editorHoverWidget-border', '#454545'),
    fontFamily: get('--vscode-font-family', 'sans-serif'),
    fontSize: Number.parseFloat(get('--vscode-font-size', '13px')) || 13,
  };
}

const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;
let scheduled = false;

/**
 * Calls `listener` after each theme change. VS Code swaps the body class between kinds of theme
 * (vscode-light, vscode-dark, vscode-high-contrast) and rewrites the variables on <html> for any
 * change, including between two themes of the same kind, so both are watched.
 */
export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener);
  if (!observer) {
    observer = new MutationObserver(() => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        for (const each of listeners) each();
      });
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  }
  return () => listeners.delete(listener);
}
