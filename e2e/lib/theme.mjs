// Switching the colour theme the way a person does (Preferences: Color Theme).
import { pickQuickItem, runCommand, quickInputClosed } from './quickInput.mjs';

const THEMES = { dark: 'Dark Modern', light: 'Light Modern' };

/**
 * Switches to VS Code's default dark or light theme and waits until the workbench has repainted.
 * It writes the user settings: scripts/e2e.sh restores them before each journey.
 * @param {import('playwright-core').Page} page
 * @param {'dark' | 'light'} kind
 */
async function theme(page, kind) {
  await runCommand(page, 'Preferences: Color Theme');
  await pickQuickItem(page, THEMES[kind]);
  await quickInputClosed(page);
  await page.waitForFunction((dark) => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark') === dark, kind === 'dark');
}

export { theme };
