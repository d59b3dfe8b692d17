// Notification toasts (bottom right).
import { runCommand } from './quickInput.mjs';

/** @param {import('playwright-core').Page} page */
const toasts = (page) => page.locator('.notifications-toasts .notification-toast');

/**
 * Messages of the notifications on screen now.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
async function notifications(page) {
  return (await toasts(page).locator('.notification-list-item-message').allInnerTexts()).map((text) => text.trim());
}

/**
 * Waits for a notification whose message contains `text` (or matches the RegExp) and returns its locator.
 * @param {import('playwright-core').Page} page
 * @param {string | RegExp} text
 * @param {number} [timeoutMs]
 */
async function waitForNotification(page, text, timeoutMs = 20_000) {
  const toast = toasts(page).filter({ has: page.locator('.notification-list-item-message', { hasText: text }) }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  return toast;
}

/**
 * Clicks a button of the notification containing `text`.
 * @param {import('playwright-core').Page} page
 * @param {string | RegExp} text
 * @param {string} button  e.g. 'Open Pull Request'
 */
async function clickNotificationButton(page, text, button) {
  const toast = await waitForNotification(page, text);
  await toast.locator('.monaco-button').filter({ hasText: button }).first().click();
}

/**
 * Closes every notification (so the next check starts clean and screenshots are not covered).
 * @param {import('playwright-core').Page} page
 */
async function clearNotifications(page) {
  if ((await toasts(page).count()) > 0) await runCommand(page, 'Notifications: Clear All Notifications');
}

export { notifications, waitForNotification, clickNotificationButton, clearNotifications };
