// The journey library: everything a UI journey needs, from one import:
//   import { journey, clickActivityBar, sidebarRows } from '../lib/index.mjs';
// Selectors are VS Code internals of the pinned code-server (4.139.1 = VS Code 1.139.1).
export * from './browser.mjs';
export * from './workbench.mjs';
export * from './quickInput.mjs';
export * from './views.mjs';
export * from './editors.mjs';
export * from './notifications.mjs';
export * from './theme.mjs';
export * from './output.mjs';
export * from './workspace.mjs';
export * from './journey.mjs';
export * from './playbookForm.mjs';
export * from './runEditor.mjs';
export * from './metricsReport.mjs';
