// The run editor (a webview panel) as a page object: its tabs and the steps journeys take in it, so its
// selectors live here and journeys read as what a person does. Also the publish check the journeys share.
import * as assert from 'node:assert/strict';
import { answerDialog, webviewFrame } from './editors.mjs';
import { git, runPath } from './workspace.mjs';

/** Tab label → the element of its panel, which is there once the tab is shown. */
const PANELS = { Overview: 'pb-run-overview', Checklists: 'pb-run-checklists', Timeline: 'pb-run-timeline', Retrospective: 'pb-run-retrospective' };

/**
 * The run editor shown in the visible webview (open it first, e.g. with Playbooks: Open Run).
 * @param {import('playwright-core').Page} page
 */
function runEditor(page) {
  const frame = webviewFrame(page);
  const button = (label) => frame.locator('vscode-button', { hasText: label });
  const metric = (id) => frame.locator(`.metric[data-metric="${id}"]`);
  const editor = {
    /** The page's frame, for what the steps below do not cover. */
    frame,

    /**
     * Waits for the run's name as the page heading (the page has rendered).
     * @param {string | RegExp} name
     * @param {number} [timeoutMs]
     */
    async waitForRun(name, timeoutMs = 30_000) {
      await frame.locator('pb-app h1', { hasText: name }).waitFor({ timeout: timeoutMs });
    },

    /**
     * Shows a tab and waits for its panel.
     * @param {'Overview' | 'Checklists' | 'Timeline' | 'Retrospective'} label
     */
    async openTab(label) {
      await frame.locator(`vscode-tab-header[data-tab="${label}"]`).click();
      await frame.locator(PANELS[label]).waitFor();
    },

    // Overview

    /** The status update text box (pre-filled with the template, then with the last update). */
    statusUpdateBox: frame.locator('pb-run-status-updates vscode-textarea textarea'),

    /**
     * Posts a status update and waits for it in the list of updates.
     * @param {string} text
     */
    async postStatusUpdate(text) {
      await editor.statusUpdateBox.fill(text);
      await button('Post Update').click();
      await frame.locator('.update .pre', { hasText: text }).first().waitFor();
    },

    /**
     * Changes the owner (Change, type, Enter) and waits for the new owner on the page.
     * @param {string} name
     */
    async changeOwner(name) {
      await frame.locator('pb-run-people .link-button', { hasText: 'Change' }).click();
      const field = frame.locator('pb-run-people vscode-textfield[aria-label="New owner"] input');
      await field.fill(name);
      await field.press('Enter');
      await frame.locator('pb-run-people dd .person', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first().waitFor();
    },

    /**
     * Finishes the run (Finish Run, confirmed in VS Code's dialog) and waits for the finished status.
     * @returns {Promise<string>} the dialog's message
     */
    async finish() {
      await button('Finish Run').click();
      const message = await answerDialog(page, 'Finish Run');
      await frame.locator('.pill.status-finished').waitFor();
      return message;
    },

    // Checklists

    /**
     * A task row of the checklists tab (`data-task` holds its id).
     * @param {number} index  0 for the first task
     */
    task(index) {
      return frame.locator('li.task').nth(index);
    },

    /**
     * Types an assignee into a task's field and presses Enter.
     * @param {import('playwright-core').Locator} task  from {@link task}
     * @param {string} name
     */
    async assignTask(task, name) {
      const field = task.locator('vscode-textfield.assignee input');
      await field.fill(name);
      await field.press('Enter');
    },

    /**
     * Ticks (or unticks) a task's checkbox.
     * @param {import('playwright-core').Locator} task  from {@link task}
     */
    async toggleTask(task) {
      await task.locator('vscode-checkbox').click();
    },

    // Timeline

    /**
     * The rows of the timeline (all, or of one event type such as 'note').
     * @param {string} [type]
     */
    events(type) {
      return frame.locator(type === undefined ? 'li.event' : `li.event[data-type="${type}"]`);
    },

    /** @returns {Promise<string[]>} the event types of the rows shown, top (newest) first */
    async eventTypes() {
      return editor.events().evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
    },

    /** @returns {Promise<string>} the filter's count, e.g. 'Showing 4 of 5 events' */
    async showing() {
      return frame.locator('.showing').innerText();
    },

    /**
     * Ticks or unticks a category of the timeline filter.
     * @param {string} label e.g. 'Status updates'
     */
    async toggleCategory(label) {
      await frame.locator('.timeline-filter vscode-checkbox', { hasText: label }).click();
    },

    /**
     * Adds a note from the timeline tab and waits for a note row.
     * @param {{summary: string, at?: string, link?: string}} note  at: e.g. '5m ago'
     * @returns {Promise<import('playwright-core').Locator>} the note rows
     */
    async addNote({ summary, at, link }) {
      await frame.locator('.note-summary input').fill(summary);
      if (at !== undefined) await frame.locator('.note-at input').fill(at);
      if (link !== undefined) await frame.locator('.note-link input').fill(link);
      await button('Add Note').click();
      const rows = editor.events('note');
      await rows.first().waitFor();
      return rows;
    },

    // Retrospective

    /**
     * A metric of the retrospective tab: its field is `.locator('vscode-textfield input')`, its inline error `.error`.
     * @param {string} id
     */
    metric,

    /**
     * Types a metric value and presses Enter (the page sends it, or shows an inline error).
     * @param {string} id
     * @param {string} value
     */
    async setMetric(id, value) {
      const input = metric(id).locator('vscode-textfield input');
      await input.fill(value);
      await input.press('Enter');
    },

    /**
     * Types a malformed metric value and waits for its inline error.
     * @param {string} id
     * @param {string} value
     * @param {string} [error]
     */
    async setMetricRefused(id, value, error = 'is not a duration') {
      await editor.setMetric(id, value);
      await metric(id).locator('.error', { hasText: error }).waitFor();
    },

    /**
     * Publishes the retrospective (Publish, confirmed in VS Code's dialog) and waits for "Published by".
     * @returns {Promise<string>} the dialog's message
     */
    async publish() {
      await button('Publish').click();
      const message = await answerDialog(page, 'Publish');
      await frame.locator('.published', { hasText: 'Published by' }).waitFor();
      return message;
    },

    // Follow-up actions (Retrospective tab)

    /**
     * The row of a follow-up action (`data-action` holds its id); `.is-overdue` when marked overdue.
     * @param {string} title
     */
    followUp(title) {
      return frame.locator('li.follow-up').filter({ has: frame.locator('.follow-up-title', { hasText: title }) }).first();
    },

    /**
     * Fills the Add Action form (title, then owner, due and priority when given), clicks Add Action and
     * waits for the action's row.
     * @param {{title: string, owner?: string, due?: string, priority?: string}} action  due: '2026-12-24', a date-time or '4w'
     * @returns {Promise<import('playwright-core').Locator>} the new row
     */
    async addFollowUp({ title, owner, due, priority }) {
      await frame.locator('vscode-textfield.action-title input').fill(title);
      if (owner !== undefined) await frame.locator('vscode-textfield.action-owner input').fill(owner);
      if (due !== undefined) await frame.locator('vscode-textfield.action-due input').fill(due);
      if (priority !== undefined) await chooseOption(frame.locator('vscode-single-select.action-priority'), priority);
      await button('Add Action').click();
      const row = editor.followUp(title);
      await row.waitFor();
      return row;
    },

    /**
     * Sets a follow-up action's status from its row's select, e.g. 'Done'.
     * @param {import('playwright-core').Locator} row  from {@link followUp}
     * @param {'Open' | 'In progress' | 'Done' | "Won't do"} label
     */
    async setFollowUpStatus(row, label) {
      await chooseOption(row.locator('vscode-single-select.status'), label);
    },

    /** @returns {Promise<boolean>} whether the retrospective is read-only: no Publish button, metric fields read-only */
    async isReadOnly() {
      if ((await button('Publish').count()) > 0) return false;
      const fields = await frame.locator('.metric vscode-textfield').evaluateAll((items) => items.map((item) => item.hasAttribute('readonly')));
      return fields.length > 0 && fields.every(Boolean);
    },
  };
  return editor;
}

/**
 * Opens a VS Code Elements select and clicks the option with this label.
 * @param {import('playwright-core').Locator} select  a vscode-single-select
 * @param {string} label
 */
async function chooseOption(select, label) {
  await select.click();
  await select.locator('li, [role="option"]').filter({ hasText: label }).first().click();
}

/**
 * Publishes the run's retrospective from the run editor (confirmed) and checks that this made exactly one
 * new commit, holding only the run's files (`playbooks/runs/<runId>/`).
 * @param {import('playwright-core').Page} page
 * @param {string} workspace
 * @param {string} runId
 * @returns {Promise<string[]>} the paths of the commit
 */
async function publishInOneCommit(page, workspace, runId) {
  const head = git(workspace, 'rev-parse', 'HEAD');
  assert.match(await runEditor(page).publish(), /Publish the retrospective/);
  assert.equal(git(workspace, 'rev-list', '--count', `${head}..HEAD`), '1', 'exactly one new commit');
  const committed = git(workspace, 'show', '--name-only', '--format=', 'HEAD').split('\n').filter(Boolean);
  assert.ok(committed.length > 0 && committed.every((name) => name.startsWith(`${runPath(runId)}/`)), `only the run's files: ${committed.join(', ')}`);
  return committed;
}

export { publishInOneCommit, runEditor };
