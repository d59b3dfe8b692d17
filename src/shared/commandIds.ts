/** Every command id, in one place; scripts/checkCommands.mjs checks package.json against this. */
export const COMMANDS = {
  initialize: 'playbooks.initialize',
  refresh: 'playbooks.refresh',
  newPlaybook: 'playbooks.newPlaybook',
  importMattermost: 'playbooks.importMattermost',
  openPlaybook: 'playbooks.openPlaybook',
  startRun: 'playbooks.startRun',
  openRun: 'playbooks.openRun',
  postStatusUpdate: 'playbooks.postStatusUpdate',
  changeOwner: 'playbooks.changeOwner',
  changeParticipants: 'playbooks.changeParticipants',
  assignTask: 'playbooks.assignTask',
  setTaskState: 'playbooks.setTaskState',
  addSelectionToTimeline: 'playbooks.addSelectionToTimeline',
  addCommitToTimeline: 'playbooks.addCommitToTimeline',
  addNote: 'playbooks.addNote',
  deleteNote: 'playbooks.deleteNote',
  finishRun: 'playbooks.finishRun',
  restoreRun: 'playbooks.restoreRun',
  requestStatusUpdate: 'playbooks.requestStatusUpdate',
  enableStatusUpdates: 'playbooks.enableStatusUpdates',
  disableStatusUpdates: 'playbooks.disableStatusUpdates',
  enableRetrospective: 'playbooks.enableRetrospective',
  disableRetrospective: 'playbooks.disableRetrospective',
  fillOutRetrospective: 'playbooks.fillOutRetrospective',
  insertTimelineIntoRetrospective: 'playbooks.insertTimelineIntoRetrospective',
  publishRetrospective: 'playbooks.publishRetrospective',
  skipRetrospective: 'playbooks.skipRetrospective',
  addFollowUpAction: 'playbooks.addFollowUpAction',
  showMetricsReport: 'playbooks.showMetricsReport',
  exportRun: 'playbooks.exportRun',
  validate: 'playbooks.validate',
  showDocs: 'playbooks.showDocs',
  showDueReminders: 'playbooks.showDueReminders',
  syncNow: 'playbooks.syncNow',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

export const VIEW_ID = 'playbooks.explorer';
export const VIEW_CONTAINER_ID = 'playbooks';
export const PLAYBOOK_EDITOR_VIEW_TYPE = 'playbooks.playbookEditor';
export const RUN_EDITOR_VIEW_TYPE = 'playbooks.runEditor';
export const REPORT_VIEW_TYPE = 'playbooks.metricsReport';
