import * as fs from 'node:fs';
import * as path from 'node:path';
import reviewSchema from '../../../schemas/review.schema.json';
import { readTextFile } from '../files/documentReader';
import type { Problem } from '../files/problem';
import { readProblems } from '../files/textChecks';
import { parseYamlFast, parseYamlPrecise, rangeAt } from '../files/yamlText';
import { REVIEW_CONFIG_FILE } from '../repository/layout';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { validateAgainstOwnSchema } from '../validation/schemaValidator';
import { ACTION_PRIORITIES, type ActionPriority } from '../actions/actionTypes';
import { DEFAULT_LANGUAGE_CONFIG, type LanguageConfig, type ReviewSeverity } from './reviewTypes';

/** The review configuration as read: the defaults where the file is absent, says nothing, or is wrong. */
export interface ReviewConfigRead {
  config: LanguageConfig;
  /** Problems of the file (validate reports them; review reports them as `config` findings). */
  problems: Problem[];
}

interface ReviewConfigFile {
  language?: Partial<LanguageConfig>;
}

/** `<playbooks folder>/review.yaml`; an absent file is the defaults and no problem. */
export function readReviewConfig(repo: PlaybooksRepository): ReviewConfigRead {
  const file = reviewConfigPath(repo);
  if (!fs.existsSync(file)) return { config: DEFAULT_LANGUAGE_CONFIG, problems: [] };
  const shown = repo.layout.relative(file);
  const read = readTextFile(file, shown);
  if ('problem' in read) return { config: DEFAULT_LANGUAGE_CONFIG, problems: readProblems(read) };
  return parseReviewConfig(shown, read.text);
}

export function reviewConfigPath(repo: PlaybooksRepository): string {
  return path.join(repo.layout.playbooksDir, REVIEW_CONFIG_FILE);
}

/**
 * The configuration in `text` (shown as `file` in problems). Any problem means the whole file is
 * ignored: half a configuration (an allow-list without its severity) would report what nobody chose.
 */
export function parseReviewConfig(file: string, text: string): ReviewConfigRead {
  const parsed = parseYamlFast(file, text);
  if ('problems' in parsed) return { config: DEFAULT_LANGUAGE_CONFIG, problems: parsed.problems };
  // An empty file (or only comments) configures nothing.
  const value = parsed.value ?? {};
  const pathProblems = validateAgainstOwnSchema(reviewSchema, value);
  if (pathProblems.length > 0) {
    const precise = parseYamlPrecise(file, text);
    const problems = pathProblems.map((problem): Problem => {
      const range = precise.document ? rangeAt(precise.document, text, problem.path, problem.atKey) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
      return { file, ...range, message: `review configuration: ${problem.message}; the defaults are used until it is fixed`, severity: 'error' };
    });
    return { config: DEFAULT_LANGUAGE_CONFIG, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
  }
  return { config: languageConfigOf(value as ReviewConfigFile), problems: [] };
}

function languageConfigOf(file: ReviewConfigFile): LanguageConfig {
  const language = file.language ?? {};
  const severity: ReviewSeverity = language.severity ?? DEFAULT_LANGUAGE_CONFIG.severity;
  return {
    enabled: language.enabled ?? DEFAULT_LANGUAGE_CONFIG.enabled,
    severity,
    extraPhrases: language.extraPhrases ?? [],
    allow: language.allow ?? [],
  };
}

/** Per priority, how long after publishing an action without a `due` of its own is due; absent: never. */
export type ActionDeadlines = Readonly<Partial<Record<ActionPriority, string>>>;

/** Atlassian's incident handbook style: the most urgent within weeks, the least whenever. */
export const DEFAULT_ACTION_DEADLINES: ActionDeadlines = { P1: '4w', P2: '8w', P3: '12w' };

/**
 * The deadlines of `actions.deadlines` in review.yaml, each priority falling back to its default;
 * `null` there means no deadline. A file with problems gives the defaults (validate reports it).
 */
export function readActionDeadlines(repo: PlaybooksRepository): ActionDeadlines {
  const file = reviewConfigPath(repo);
  if (!fs.existsSync(file)) return DEFAULT_ACTION_DEADLINES;
  const read = readTextFile(file, repo.layout.relative(file));
  return 'problem' in read ? DEFAULT_ACTION_DEADLINES : parseActionDeadlines(read.text);
}

export function parseActionDeadlines(text: string): ActionDeadlines {
  const parsed = parseYamlFast(REVIEW_CONFIG_FILE, text);
  if ('problems' in parsed) return DEFAULT_ACTION_DEADLINES;
  const value = parsed.value ?? {};
  if (validateAgainstOwnSchema(reviewSchema, value).length > 0) return DEFAULT_ACTION_DEADLINES;
  const configured = (value as { actions?: { deadlines?: Partial<Record<ActionPriority, string | null>> } }).actions?.deadlines ?? {};
  const deadlines: Partial<Record<ActionPriority, string>> = {};
  for (const priority of ACTION_PRIORITIES) {
    const chosen = Object.hasOwn(configured, priority) ? configured[priority] : DEFAULT_ACTION_DEADLINES[priority];
    if (typeof chosen === 'string') deadlines[priority] = chosen;
  }
  return deadlines;
}
