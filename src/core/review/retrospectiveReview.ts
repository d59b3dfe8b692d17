import { splitFrontMatter } from '../files/frontMatter';
import type { Playbook } from '../model/types';
import { checkLanguage } from './blamelessLanguage';
import { checkFollowUps, frontMatterActions, hasFrontMatterActions, markdownActionsTable, type FollowUpSource } from './followUps';
import { checkMetricsAnomalous, checkMetricsFilled } from './metricChecks';
import type { MetricHistory } from './metricHistory';
import { isRecord, positionedYaml, type PositionedYaml } from './positionedYaml';
import type { LanguageConfig, ReviewCheck, ReviewFinding } from './reviewTypes';
import { checkTemplateSections } from './templateSections';
import { checkTimelineWindow, placedEvents, type PlacedEvent } from './timelineChecks';

/** A file's repository-relative path and its text (an editor's buffer or the disk). */
export interface FileText {
  file: string;
  text: string;
}

export interface RetrospectiveTextInput extends FileText {
  /** The run's playbook; undefined when it cannot be read (only the timeline and language are checked). */
  playbook: Playbook | undefined;
  /**
   * The playbook's template text. Give it when the playbook has a `templateFile` (read by the caller:
   * this function reads no file); by default the inline `template`.
   */
  template?: string;
  /** The run's run.yaml and timeline.yaml: for the timeline checks, whose findings are in those files. */
  run?: FileText;
  timeline?: FileText;
  config: LanguageConfig;
  /** Where follow-up actions are read from (default: the front matter's `actions:` when it has them, else the Markdown "Actions" table). */
  followUps?: FollowUpSource;
  /**
   * The playbook's published metric values and this run's id: with them, a metric value that stands
   * out gets a notice (`review` reads them once per playbook; the editor, typing, does not).
   */
  metricHistory?: { runId: string; history: MetricHistory };
}

/** The findings of one retrospective and what the review summary needs of it, from one parse. */
export interface RetrospectiveChecked {
  findings: ReviewFinding[];
  checks: ReviewCheck[];
  frontMatter: PositionedYaml | undefined;
  events: PlacedEvent[];
  status: string;
}

/**
 * Every review check of one retrospective, on texts only (no file system): the editor's Problems
 * panel calls it while the person types; `review` calls it for every retrospective a change touches.
 * Findings of run.yaml and timeline.yaml are included: a caller showing one file keeps its own.
 */
export function reviewRetrospectiveText(input: RetrospectiveTextInput): ReviewFinding[] {
  return checkRetrospectiveText(input).findings;
}

export function checkRetrospectiveText(input: RetrospectiveTextInput): RetrospectiveChecked {
  const parts = splitFrontMatter(input.text);
  const body = parts.body;
  const bodyLineOffset = lineCount(input.text.slice(0, input.text.length - body.length));
  const frontMatter = parts.yaml === undefined ? undefined : positionedYaml(input.file, parts.yaml, parts.yamlLineOffset);
  const status = frontMatter !== undefined && isRecord(frontMatter.value) && typeof frontMatter.value['status'] === 'string' ? frontMatter.value['status'] : 'unknown';
  const run = input.run === undefined ? undefined : positionedYaml(input.run.file, input.run.text);
  const timeline = input.timeline === undefined ? undefined : positionedYaml(input.timeline.file, input.timeline.text);
  const events = timeline === undefined ? [] : placedEvents(timeline);
  const checks: ReviewCheck[] = [];
  const findings: ReviewFinding[] = [];
  const record = (name: string, found: ReviewFinding[], ran = true): void => {
    if (!ran) return;
    findings.push(...found);
    checks.push({ name, passed: !found.some((finding) => finding.severity !== 'notice'), detail: countDetail(found) });
  };
  // A skipped retrospective is not written: only its run's timeline is checked.
  const written = status !== 'skipped';
  const playbook = input.playbook;
  const template = input.template ?? playbook?.retrospective?.template ?? '';
  record(
    'Template sections filled',
    written && playbook ? checkTemplateSections({ file: input.file, body, bodyLineOffset, template, requiredSections: playbook.retrospective?.requiredSections ?? [] }) : [],
    written && playbook !== undefined && template.trim() !== '',
  );
  record('Metrics filled', frontMatter && playbook ? checkMetricsFilled({ file: input.file, frontMatter, playbook }) : [], written && frontMatter !== undefined && playbook !== undefined && (playbook.metrics ?? []).length > 0);
  // Notices only, and only with a history: no check line, so the summary reads the same without one.
  if (written && frontMatter !== undefined && playbook !== undefined && input.metricHistory !== undefined) {
    findings.push(...checkMetricsAnomalous({ file: input.file, frontMatter, playbook, ...input.metricHistory }));
  }
  record(
    'Timeline within the run',
    run && input.run && input.timeline ? checkTimelineWindow({ runFile: input.run.file, run, timelineFile: input.timeline.file, events }) : [],
    run !== undefined && timeline !== undefined,
  );
  const source = input.followUps ?? (hasFrontMatterActions(frontMatter?.value) ? frontMatterActions : markdownActionsTable);
  const sourceInput = { file: input.file, body, bodyLineOffset, frontMatter: frontMatter?.value, ...(frontMatter ? { frontMatterAt: frontMatter.at } : {}) };
  record('Follow-ups have owners', written ? checkFollowUps(source.actions(sourceInput), source) : [], written);
  record('Blameless language', written ? checkLanguage({ markdown: body, file: input.file, lineOffset: bodyLineOffset, config: input.config }) : [], written && input.config.enabled);
  return { findings, checks, frontMatter, events, status };
}

function lineCount(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

function countDetail(found: readonly ReviewFinding[]): string {
  if (found.length === 0) return 'no findings';
  const errors = found.filter((finding) => finding.severity === 'error').length;
  const warnings = found.filter((finding) => finding.severity === 'warning').length;
  const notices = found.length - errors - warnings;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning'), plural(notices, 'notice')].filter((part) => part !== '');
  return parts.join(', ');
}

function plural(count: number, word: string): string {
  return count === 0 ? '' : `${count} ${word}${count === 1 ? '' : 's'}`;
}
