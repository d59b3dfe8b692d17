/** contextValue of each tree node kind; package.json menus key on these (viewItem == …). */
export const CONTEXT = {
  workspaceFolder: 'workspaceFolder',
  playbook: 'playbook',
  playbookInvalid: 'playbookInvalid',
  runGroup: 'runGroup',
  runInProgress: 'run.inProgress',
  runFinished: 'run.finished',
  runFinishedRetroDue: 'run.finished.retroDue',
  runInvalid: 'runInvalid',
  checklists: 'checklists',
  checklist: 'checklist',
  task: 'task',
  timeline: 'timeline',
  timelineEvent: 'timelineEvent',
  timelineNote: 'timelineEvent.note',
  retrospective: 'retrospective',
} as const;
