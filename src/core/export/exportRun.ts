import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { exportTimelineCsv } from './exportCsv';
import { exportRunHtml } from './exportHtml';
import { exportRunJson } from './exportJson';
import { exportRunMarkdown } from './exportMarkdown';
import { collectRunExport, type RunExport } from './runExportModel';
import { repositoryWeb, type RepositoryWeb } from '../util/remoteWeb';

export const EXPORT_FORMATS = ['md', 'html', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** For save dialogs and HTTP-like consumers; CSV holds the timeline only. */
export const EXPORT_FORMAT_INFO: Readonly<Record<ExportFormat, { label: string; extension: string; mediaType: string }>> = {
  md: { label: 'Markdown report', extension: '.md', mediaType: 'text/markdown; charset=utf-8' },
  html: { label: 'HTML report', extension: '.html', mediaType: 'text/html; charset=utf-8' },
  csv: { label: 'Timeline (CSV)', extension: '.csv', mediaType: 'text/csv; charset=utf-8' },
  json: { label: 'JSON', extension: '.json', mediaType: 'application/json' },
};

export function isExportFormat(text: string): text is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(text);
}

export interface ExportOptions {
  /** The git remote's URL: commits and `path:line` links then open on its web pages (GitHub, GitLab, Bitbucket). */
  remoteUrl?: string;
}

const RENDERERS: Readonly<Record<ExportFormat, (model: RunExport, web: RepositoryWeb | undefined) => string>> = {
  md: exportRunMarkdown,
  html: exportRunHtml,
  csv: exportTimelineCsv,
  json: exportRunJson,
};

/** Reads the run (throwing on broken files) and renders it in one format. */
export function exportRun(repo: PlaybooksRepository, runId: string, format: ExportFormat, options: ExportOptions = {}): string {
  const render = RENDERERS[format];
  if (render === undefined) throw new Error(`unknown export format "${String(format)}"; use one of: ${EXPORT_FORMATS.join(', ')}`);
  return render(collectRunExport(repo, runId), options.remoteUrl === undefined ? undefined : repositoryWeb(options.remoteUrl));
}
