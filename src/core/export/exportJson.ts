import type { RunExport } from './runExportModel';

/** Versioned so consumers can refuse a shape they do not know; bump on a breaking change. */
export const RUN_EXPORT_FORMAT = 'git-playbooks/run-export/v1';

export type RunExportJson = { format: typeof RUN_EXPORT_FORMAT } & RunExport;

/** The whole model, pretty-printed; keys are the model's (camelCase), absent fields are left out. */
export function exportRunJson(model: RunExport): string {
  const document: RunExportJson = { format: RUN_EXPORT_FORMAT, ...model };
  return `${JSON.stringify(document, null, 2)}\n`;
}
