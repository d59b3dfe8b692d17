// The metrics report's webview, opened the way a person opens it from the Playbooks view.
import { waitForActiveEditor, webviewFrame } from './editors.mjs';
import { clickActivityBar, treeInlineAction, treeRow } from './views.mjs';

/**
 * Opens a playbook's metrics report with the tree's inline "Show Metrics Report" action; returns the
 * report's frame and a locator of one metric's card.
 * @param {import('playwright-core').Page} page
 * @param {string} playbookTitle
 */
async function openMetricsReportFromTree(page, playbookTitle) {
  await clickActivityBar(page, 'Playbooks');
  await treeRow(page, playbookTitle).waitFor({ state: 'visible', timeout: 30_000 });
  await treeInlineAction(page, playbookTitle, 'Show Metrics Report');
  await waitForActiveEditor(page, `Metrics: ${playbookTitle}`);
  const frame = webviewFrame(page);
  return { frame, card: (metric) => frame.locator(`section[data-metric="${metric}"]`) };
}

export { openMetricsReportFromTree };
