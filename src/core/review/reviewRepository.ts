import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTextFile } from '../files/documentReader';
import type { Problem } from '../files/problem';
import { isSameOrInside } from '../files/realPath';
import type { Playbook } from '../model/types';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { validateRepository } from '../validation/validateRepository';
import { metricsAgainstTargets } from './metricChecks';
import { publishedMetricHistory, type MetricHistory } from './metricHistory';
import { readReviewConfig, reviewConfigPath } from './reviewConfig';
import type { LanguageConfig, RetrospectiveReview, ReviewFinding, ReviewResult, ReviewSeverity } from './reviewTypes';
import { checkRetrospectiveText, type FileText, type RetrospectiveTextInput } from './retrospectiveReview';
import { keyEvents } from './timelineChecks';
import { isRecord, positionedYaml } from './positionedYaml';

export interface ReviewOptions {
  /** Repository-relative paths of the changed files (forward slashes); undefined: review everything. */
  files?: readonly string[];
  /** The language configuration; by default read from `<playbooks folder>/review.yaml`. */
  config?: LanguageConfig;
  /** The base the files were compared against, reported back in the result's scope. */
  base?: string;
}

const SEVERITY_RANK: Record<ReviewSeverity, number> = { error: 0, warning: 1, notice: 2 };
export const CONFIG_RULE = 'config';
export const SCHEMA_RULE = 'schema';
export const SEMANTIC_RULE = 'semantic';

/**
 * Reviews what a change touches: validation problems of the changed files, and every check of the
 * retrospective of each run a changed file belongs to (a playbook change touches no retrospective).
 * Without `files`, the whole repository. Reads files only; never throws for bad content.
 */
export function reviewRepository(repo: PlaybooksRepository, options: ReviewOptions = {}): ReviewResult {
  const layout = repo.layout;
  const configRead = options.config === undefined ? readReviewConfig(repo) : { config: options.config, problems: [] };
  const configFile = layout.relative(reviewConfigPath(repo));
  const scan = repo.scanRuns();
  const scopeFiles = options.files === undefined ? undefined : inPlaybooksFolder(repo, options.files);
  const runIds = scopeFiles === undefined ? scan.ids : touchedRuns(repo, scopeFiles, new Set(scan.ids));
  const problems = scopeFiles === undefined ? validateRepository(repo) : validateScope(repo, scopeFiles, runIds);
  const findings: ReviewFinding[] = problems.filter((problem) => problem.file !== configFile).map((problem) => problemFinding(problem, SCHEMA_RULE));
  findings.push(...configRead.problems.map((problem) => problemFinding(problem, CONFIG_RULE)));
  const playbooks = playbookCache(repo);
  const histories = historyCache(repo, scan.ids, playbooks);
  const retrospectives: RetrospectiveReview[] = [];
  for (const runId of runIds) {
    const reviewed = reviewRun(repo, runId, playbooks, configRead.config, problems, histories);
    if (reviewed === undefined) continue;
    findings.push(...reviewed.findings);
    retrospectives.push(reviewed.review);
  }
  return { findings: sortFindings(withoutRepeats(findings)), retrospectives, scope: { ...(options.base !== undefined ? { base: options.base } : {}), files: scopeFiles ?? [] } };
}

/** Errors first, then warnings, then notices; by file, line and column within each. */
export function sortFindings(findings: readonly ReviewFinding[]): ReviewFinding[] {
  return [...findings].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
}

/** The changed files under the playbooks folder, repository-relative, once each and sorted. */
function inPlaybooksFolder(repo: PlaybooksRepository, files: readonly string[]): string[] {
  const layout = repo.layout;
  const inside = files.map((file) => path.join(layout.root, file)).filter((file) => isSameOrInside(layout.playbooksDir, file) && file !== layout.playbooksDir);
  return [...new Set(inside.map((file) => layout.relative(file)))].sort();
}

/** The runs (still there) that hold a changed file: any file of a run's folder touches it. */
function touchedRuns(repo: PlaybooksRepository, files: readonly string[], existing: ReadonlySet<string>): string[] {
  const runs = new Set<string>();
  for (const file of files) {
    const run = repo.layout.runOfPath(path.join(repo.layout.root, file));
    if (run !== undefined && existing.has(run.runId)) runs.add(run.runId);
  }
  return [...runs].sort();
}

/** Validation of each touched run's folder and of each other changed file that is still there. */
function validateScope(repo: PlaybooksRepository, files: readonly string[], runIds: readonly string[]): Problem[] {
  const layout = repo.layout;
  const runDirs = runIds.map((runId) => layout.runDir(runId));
  const others = files.map((file) => path.join(layout.root, file)).filter((file) => !runDirs.some((dir) => isSameOrInside(dir, file)) && layout.runOfPath(file) === undefined);
  const problems: Problem[] = [];
  for (const scope of [...runDirs, ...others]) {
    if (!fs.existsSync(scope)) continue; // deleted by the change
    problems.push(...validateRepository(repo, scope));
  }
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.file}:${problem.line}:${problem.column}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function problemFinding(problem: Problem, rule: string): ReviewFinding {
  const ruleId = rule === SCHEMA_RULE && problem.semantic === true ? SEMANTIC_RULE : rule;
  const title = ruleId === CONFIG_RULE ? 'Review configuration' : ruleId === SEMANTIC_RULE ? 'Invalid content' : 'Invalid file';
  return {
    ruleId,
    severity: problem.severity,
    file: problem.file,
    line: problem.line,
    column: problem.column,
    ...(problem.endLine !== undefined ? { endLine: problem.endLine } : {}),
    ...(problem.endColumn !== undefined ? { endColumn: problem.endColumn } : {}),
    title,
    message: problem.message,
  };
}

/** A check that points at the same line as a validation problem says it better (metric missing, finish before start). */
function withoutRepeats(findings: readonly ReviewFinding[]): ReviewFinding[] {
  const validation = new Set([SCHEMA_RULE, SEMANTIC_RULE]);
  const checked = new Set(findings.filter((finding) => !validation.has(finding.ruleId) && finding.ruleId !== CONFIG_RULE).map((finding) => `${finding.file}:${finding.line}`));
  return findings.filter((finding) => finding.ruleId !== SEMANTIC_RULE || !checked.has(`${finding.file}:${finding.line}`));
}

interface PlaybookEntry {
  playbook: Playbook | undefined;
  template: string | undefined;
}

/** Each playbook (and its template file) read once per review. */
function playbookCache(repo: PlaybooksRepository): (slug: string) => PlaybookEntry {
  const cache = new Map<string, PlaybookEntry>();
  return (slug) => {
    let entry = cache.get(slug);
    if (entry === undefined) {
      const playbook = repo.playbookExists(slug) ? repo.readPlaybook(slug).data : undefined;
      const templateFile = playbook?.retrospective?.templateFile;
      const read = templateFile === undefined ? undefined : readTextFile(repo.layout.siblingFile(templateFile), templateFile);
      entry = { playbook, template: read === undefined || 'problem' in read ? undefined : read.text };
      cache.set(slug, entry);
    }
    return entry;
  };
}

/** Each playbook's published metric values, read once per review and only for playbooks a reviewed run belongs to. */
function historyCache(repo: PlaybooksRepository, runIds: readonly string[], playbooks: (slug: string) => PlaybookEntry): (slug: string) => MetricHistory | undefined {
  const cache = new Map<string, MetricHistory | undefined>();
  return (slug) => {
    if (!cache.has(slug)) {
      const playbook = playbooks(slug).playbook;
      cache.set(slug, playbook === undefined || (playbook.metrics ?? []).length === 0 ? undefined : publishedMetricHistory(repo, slug, playbook, runIds));
    }
    return cache.get(slug);
  };
}

function readFileText(repo: PlaybooksRepository, file: string): FileText | undefined {
  const shown = repo.layout.relative(file);
  const read = readTextFile(file, shown);
  return 'problem' in read ? undefined : { file: shown, text: read.text };
}

/** The checks and the summary of one run's retrospective; undefined when it has none (or it cannot be read). */
function reviewRun(
  repo: PlaybooksRepository,
  runId: string,
  playbooks: (slug: string) => PlaybookEntry,
  config: LanguageConfig,
  problems: readonly Problem[],
  histories: (slug: string) => MetricHistory | undefined,
): { findings: ReviewFinding[]; review: RetrospectiveReview } | undefined {
  const layout = repo.layout;
  if (!repo.hasRetrospective(runId)) return undefined;
  const retro = readFileText(repo, layout.retrospectiveFile(runId));
  if (retro === undefined) return undefined;
  const { run, slug, input } = retrospectiveInput(repo, runId, retro, playbooks, config);
  const history = slug === undefined ? undefined : histories(slug);
  const checked = checkRetrospectiveText(history === undefined ? input : { ...input, metricHistory: { runId, history } });
  const runFolder = layout.relativeRunDir(runId);
  const invalid = problems.filter((problem) => problem.file.startsWith(`${runFolder}/`));
  const validity = { name: 'Files valid', passed: !invalid.some((problem) => problem.severity === 'error'), detail: invalid.length === 0 ? 'no problems' : `${invalid.length} problem${invalid.length === 1 ? '' : 's'}` };
  return {
    findings: checked.findings,
    review: {
      runId,
      runName: typeof run['name'] === 'string' ? run['name'] : runId,
      playbook: slug ?? '',
      file: retro.file,
      status: checked.status,
      metrics: input.playbook === undefined ? [] : metricsAgainstTargets(input.playbook, checked.frontMatter),
      checks: [validity, ...checked.checks],
      keyEvents: keyEvents(checked.events),
    },
  };
}

/** What the checks of one retrospective need besides its text: its run, timeline and playbook as on disk. */
function retrospectiveInput(repo: PlaybooksRepository, runId: string, retro: FileText, playbooks: (slug: string) => PlaybookEntry, config: LanguageConfig): { run: Record<string, unknown>; slug: string | undefined; input: RetrospectiveTextInput } {
  const layout = repo.layout;
  const runText = readFileText(repo, layout.runFile(runId));
  // Name and playbook only: validation has checked run.yaml already.
  const runData = runText === undefined ? undefined : positionedYaml(runText.file, runText.text)?.value;
  const run = isRecord(runData) ? runData : {};
  const slug = typeof run['playbook'] === 'string' ? run['playbook'] : undefined;
  const { playbook, template } = slug === undefined ? { playbook: undefined, template: undefined } : playbooks(slug);
  const timelineText = readFileText(repo, layout.timelineFile(runId));
  const input: RetrospectiveTextInput = {
    ...retro,
    playbook,
    ...(template !== undefined ? { template } : {}),
    ...(runText !== undefined ? { run: runText } : {}),
    ...(timelineText !== undefined ? { timeline: timelineText } : {}),
    config,
  };
  return { run, slug, input };
}

/**
 * The review's checks of a retrospective being written (the editor's text, not saved), against its
 * run, timeline, playbook and review.yaml on disk: what the Problems panel shows beside validation.
 * Only the retrospective's own findings, and none that validation reports already.
 */
export function reviewRetrospectiveDraft(repo: PlaybooksRepository, runId: string, text: string): ReviewFinding[] {
  const file = repo.layout.relative(repo.layout.retrospectiveFile(runId));
  const { input } = retrospectiveInput(repo, runId, { file, text }, playbookCache(repo), readReviewConfig(repo).config);
  return checkRetrospectiveText(input).findings.filter((finding) => finding.file === file && finding.ruleId !== SCHEMA_RULE && finding.ruleId !== SEMANTIC_RULE);
}
