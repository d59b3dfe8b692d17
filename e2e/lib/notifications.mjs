// Notifications: the toasts (bottom right) and the notification center.
import { runCommand } from './quickInput.mjs';
import { waitUntil } from './workbench.mjs';

/** @param {import('playwright-core').Page} page */
const toasts = (page) => page.locator('.notifications-toasts .notification-toast');

/**
 * Waits for a notification whose message contains `text` (or matches the RegExp) and returns it. It is
 * looked for in the notification center, which lists every notification still open: the toasts of a
 * headless window may be hidden at once.
 * @param {import('playwright-core').Page} page
 * @param {string | RegExp} text
 * @param {number} [timeoutMs]
 */
async function waitForNotification(page, text, timeoutMs = 30_000) {
  const item = page.locator('.notifications-center .notification-list-item').filter({ has: page.locator('.notification-list-item-message', { hasText: text }) }).first();
  await waitUntil(async () => {
    if (!(await page.locator('.notifications-center').isVisible())) await runCommand(page, 'Notifications: Show Notifications');
    return item.isVisible();
  }, timeoutMs, `the notification ${text}`);
  return item;
}

/**
 * Closes every notification (so the next check starts clean and screenshots are not covered).
 * @param {import('playwright-core').Page} page
 */
async function clearNotifications(page) {
  if ((await toasts(page).count()) > 0) await runCommand(page, 'Notifications: Clear All Notifications');
}

export { waitForNotification, clearNotifications };
