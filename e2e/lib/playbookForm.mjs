// Steps in the playbook form (a custom-editor webview), shared by the journeys that edit playbooks.
import { waitUntil } from './workbench.mjs';

/**
 * Turns the retrospective on (it must be off) and picks a reminder interval by its label.
 * @param {import('playwright-core').FrameLocator} form the form's webview frame
 * @param {string} label e.g. 'Every 24 hours'
 * @param {string} value the stored value that label stands for, e.g. '24h'
 */
export async function enableRetrospective(form, label, value) {
  const retrospective = form.locator('vscode-checkbox[data-key="retrospective.enabled"]');
  await retrospective.scrollIntoViewIfNeeded();
  await waitUntil(() => retrospective.evaluate((element) => element.checked === false), 10_000, 'the retrospective shown as off');
  await retrospective.click();
  await waitUntil(() => retrospective.evaluate((element) => element.checked === true), 10_000, 'the retrospective switched on');
  const reminder = form.locator('vscode-single-select[data-key="retrospective.reminder"]');
  await reminder.click();
  await form.locator('vscode-single-select[data-key="retrospective.reminder"] li, vscode-single-select[data-key="retrospective.reminder"] [role="option"]').filter({ hasText: label }).first().click();
  await waitUntil(() => reminder.evaluate((element, expected) => element.value === expected, value), 10_000, `the ${value} reminder chosen`);
}

/**
 * Types text at the end of the retrospective template and leaves the field (the form sends on blur).
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').FrameLocator} form
 * @param {string} text
 */
export async function appendToRetrospectiveTemplate(page, form, text) {
  await form.locator('vscode-textarea[data-key="retrospective.template"] textarea').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

/**
 * Adds a metric at `index` (the number of metrics the playbook had) with a title and a target.
 * With `invalidTarget`, types that first and waits for the inline error before the valid target.
 * @param {import('playwright-core').FrameLocator} form
 * @param {{index: number, title: string, target: string, invalidTarget?: string, error?: string}} metric
 */
export async function addMetric(form, { index, title, target, invalidTarget, error = 'is not a duration' }) {
  const add = form.locator('vscode-button[data-focus="metrics:add"]');
  await add.scrollIntoViewIfNeeded();
  await add.click();
  const titleInput = form.locator(`vscode-textfield[data-key="metrics.${index}.title"] input`);
  await titleInput.waitFor({ state: 'visible' });
  await titleInput.fill(title);
  await titleInput.press('Tab');
  const targetInput = form.locator(`vscode-textfield[data-key="metrics.${index}.target"] input`);
  if (invalidTarget !== undefined) {
    await targetInput.fill(invalidTarget);
    await form.locator('.error', { hasText: error }).first().waitFor({ state: 'visible' });
  }
  await targetInput.fill(target);
  await targetInput.press('Tab');
}
