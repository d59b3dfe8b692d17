import { bySeverity, positiveInteger, repositoryPath } from './findingIdentity';
import type { MetricAgainstTarget, RetrospectiveReview, ReviewFinding, ReviewResult, ReviewSeverity } from './reviewTypes';

/**
 * GitHub keeps at most 1 MiB of summary per step and drops the whole summary beyond it
 * ("Step isolation and limits",
 * https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions#step-isolation-and-limits).
 * We stop well before, leaving room for other text the workflow's step appends.
 */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;
export const SUMMARY_BUDGET_BYTES = 900 * 1024;
/** Findings listed in the summary; the annotations and the log have all of them. */
export const SUMMARY_FINDINGS = 50;
/** Retrospectives shown in full; a whole-repository review can touch thousands. */
export const SUMMARY_RETROSPECTIVES = 100;
const KEY_EVENTS_PER_RETROSPECTIVE = 25;
/** One user-written text (a run name, a message) never takes more than this in the summary. */
const TEXT_LIMIT = 500;

/**
 * User text as Markdown that renders as the same text. GitHub renders summaries as Markdown with
 * HTML allowed, so `&`, `<` and `>` become entities (no tag, no entity of the user's survives);
 * every other ASCII punctuation Markdown could read (emphasis, links, images, code, table pipes,
 * headings, list markers, mentions, math, emoji codes) gets CommonMark's backslash escape; line breaks become spaces,
 * since a newline would end a table row or a list item.
 */
export function markdownText(text: string): string {
  return shortened(text).replace(/\r\n|\r|\n/g, ' ').replace(/[&<>"\\`*_{}[\]()#+\-.!|~@:$]/g, (character) => {
    switch (character) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return `\\${character}`;
    }
  });
}

/** At most TEXT_LIMIT characters, never cutting a surrogate pair in two. */
function shortened(text: string): string {
  if (text.length <= TEXT_LIMIT) return text;
  const code = text.charCodeAt(TEXT_LIMIT - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? TEXT_LIMIT - 1 : TEXT_LIMIT;
  return `${text.slice(0, end)}…`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function totalsLine(findings: readonly ReviewFinding[]): string {
  const count = (severity: ReviewSeverity): number => findings.filter((finding) => finding.severity === severity).length;
  return `**${plural(count('error'), 'error', 'errors')}**, ${plural(count('warning'), 'warning', 'warnings')}, ${plural(count('notice'), 'notice', 'notices')}`;
}

function metMark(metric: MetricAgainstTarget): string {
  if (metric.met === undefined) return '—';
  return metric.met ? '✓ met' : '✗ missed';
}

function metricsTable(metrics: readonly MetricAgainstTarget[]): string[] {
  if (metrics.length === 0) return ['No metrics.', ''];
  return [
    '| Metric | Value | Target | Met |',
    '| --- | --- | --- | :---: |',
    ...metrics.map(
      (metric) =>
        `| ${markdownText(metric.title || metric.id)} | ${metric.value === undefined ? '*not filled in*' : markdownText(metric.value)} | ` +
        `${metric.target === undefined ? '—' : markdownText(metric.target)} | ${metMark(metric)} |`,
    ),
    '',
  ];
}

function retrospectiveSection(review: RetrospectiveReview): string {
  const lines = [
    `### ${markdownText(review.runName)}`,
    '',
    `Playbook **${markdownText(review.playbook)}** · status ${markdownText(review.status)} · ${markdownText(repositoryPath(review.file))}`,
    '',
    '#### Metrics against targets',
    '',
    ...metricsTable(review.metrics),
    '#### Checks',
    '',
  ];
  if (review.checks.length === 0) lines.push('No checks ran.');
  for (const check of review.checks) {
    const detail = check.detail ? ` — ${markdownText(check.detail)}` : '';
    lines.push(`- ${check.passed ? '✅ passed' : '❌ failed'}: ${markdownText(check.name)}${detail}`);
  }
  lines.push('', '#### Key timeline events', '');
  if (review.keyEvents.length === 0) lines.push('No events recorded.');
  for (const event of review.keyEvents.slice(0, KEY_EVENTS_PER_RETROSPECTIVE)) {
    lines.push(`- ${markdownText(event.at)} · ${markdownText(event.type)}: ${markdownText(event.summary)}`);
  }
  if (review.keyEvents.length > KEY_EVENTS_PER_RETROSPECTIVE) {
    lines.push(`- …and ${review.keyEvents.length - KEY_EVENTS_PER_RETROSPECTIVE} more events`);
  }
  return `${lines.join('\n')}\n\n`;
}

const SEVERITY_MARK: Record<ReviewSeverity, string> = { error: '❌ error', warning: '⚠️ warning', notice: 'ℹ️ notice' };

function findingsSection(findings: readonly ReviewFinding[]): string {
  if (findings.length === 0) return '## Findings\n\nNo findings.\n';
  const sorted = bySeverity(findings);
  const lines = ['## Findings', ''];
  for (const finding of sorted.slice(0, SUMMARY_FINDINGS)) {
    const where = `${markdownText(repositoryPath(finding.file))}:${positiveInteger(finding.line)}:${positiveInteger(finding.column)}`;
    const suggestion = finding.suggestion ? ` *Suggestion:* ${markdownText(finding.suggestion)}` : '';
    lines.push(
      `- ${SEVERITY_MARK[finding.severity]} ${where} **${markdownText(finding.title)}** (${markdownText(finding.ruleId)}): ` +
        `${markdownText(finding.message)}${suggestion}`,
    );
  }
  if (sorted.length > SUMMARY_FINDINGS) lines.push(`- …and ${sorted.length - SUMMARY_FINDINGS} more (all of them are in the step's log)`);
  return `${lines.join('\n')}\n`;
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * The Markdown job summary (`$GITHUB_STEP_SUMMARY`): totals, then per retrospective its metrics
 * against targets, the checks passed and failed and the key timeline events, then the findings.
 * Every piece of user text goes through markdownText; the whole stays under SUMMARY_BUDGET_BYTES,
 * retrospectives beyond the budget being counted instead of shown.
 */
export function stepSummary(result: ReviewResult): string {
  const base = result.scope.base === undefined ? 'the whole repository' : `changes since ${markdownText(result.scope.base)}`;
  const head = [
    '# git-playbooks review',
    '',
    `${totalsLine(result.findings)} in ${plural(result.scope.files.length, 'file', 'files')} (${base}).`,
    '',
  ].join('\n');
  const findings = findingsSection(result.findings);
  let body = '';
  let room = SUMMARY_BUDGET_BYTES - bytes(head) - bytes(findings) - 200;
  let shown = 0;
  if (result.retrospectives.length > 0) body += `## Retrospectives\n\n`;
  for (const review of result.retrospectives) {
    if (shown >= SUMMARY_RETROSPECTIVES) break;
    const section = retrospectiveSection(review);
    if (bytes(section) > room) break;
    body += section;
    room -= bytes(section);
    shown += 1;
  }
  const hidden = result.retrospectives.length - shown;
  if (hidden > 0) body += `…and ${plural(hidden, 'more retrospective', 'more retrospectives')} not shown here.\n\n`;
  return `${head}\n${body}${findings}`;
}
