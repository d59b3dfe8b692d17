import { createHash } from 'node:crypto';
import { bySeverity, positiveInteger, repositoryPath } from './findingIdentity';
import type { ReviewFinding, ReviewResult, ReviewSeverity } from './reviewTypes';

/**
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per step, and 50 per job
 * (the sum over its steps): https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md
 * ("Limitations"). Annotations beyond that are dropped silently, so we never emit them: the rest
 * go to the log as plain lines and one notice says how many.
 */
export const ANNOTATIONS_PER_STEP: Readonly<Record<ReviewSeverity, number>> = { error: 10, warning: 10, notice: 10 };
/** Per job: our step emits at most 30 (10 of each kind), so the job's 50 bind only with other annotating steps. */
export const ANNOTATIONS_PER_JOB = 50;

const COMMAND: Record<ReviewSeverity, string> = { error: 'error', warning: 'warning', notice: 'notice' };

/*
 * Escaping as GitHub's toolkit does it (packages/core/src/command.ts in actions/toolkit): the
 * message ("data") escapes %, CR and LF; a property value also escapes `:` and `,`, which
 * separate properties and end the property list. `%` goes first so our own escapes stay intact.
 */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message (and the suggestion)` */
export function annotationCommand(finding: ReviewFinding): string {
  const line = positiveInteger(finding.line);
  const column = positiveInteger(finding.column);
  const properties: Array<[string, string]> = [
    ['file', repositoryPath(finding.file)],
    ['line', String(line)],
  ];
  const endLine = finding.endLine === undefined ? undefined : positiveInteger(finding.endLine);
  if (endLine !== undefined && endLine >= line) properties.push(['endLine', String(endLine)]);
  properties.push(['col', String(column)]);
  // GitHub reads endColumn within one line only; a multi-line annotation carries lines alone.
  if (finding.endColumn !== undefined && (endLine === undefined || endLine === line)) {
    const endColumn = positiveInteger(finding.endColumn);
    if (endColumn >= column) properties.push(['endColumn', String(endColumn)]);
  }
  properties.push(['title', `${finding.title} (${finding.ruleId})`]);
  const text = finding.suggestion ? `${finding.message}\nSuggestion: ${finding.suggestion}` : finding.message;
  const list = properties.map(([key, value]) => `${key}=${escapeCommandProperty(value)}`).join(',');
  return `::${COMMAND[finding.severity]} ${list}::${escapeCommandData(text)}`;
}

/** `file:line:col: severity rule: message`, on one line whatever the text holds. */
export function plainLogLine(finding: ReviewFinding): string {
  const oneLine = (text: string): string => text.replace(/\r\n|\r|\n/g, ' ');
  const suggestion = finding.suggestion ? ` Suggestion: ${finding.suggestion}` : '';
  return oneLine(
    `${repositoryPath(finding.file)}:${positiveInteger(finding.line)}:${positiveInteger(finding.column)}: ` +
      `${finding.severity} ${finding.ruleId}: ${finding.message}${suggestion}`,
  );
}

/**
 * The `github` format: workflow commands that annotate the findings, most important first and
 * within GitHub's per-step limits; the findings beyond them as plain log lines, and a last notice
 * saying how many were not annotated. One line per command, newline-terminated.
 */
export function githubAnnotations(result: ReviewResult): string {
  const findings = bySeverity(result.findings);
  const overflowing = (Object.keys(ANNOTATIONS_PER_STEP) as ReviewSeverity[]).some(
    (severity) => findings.filter((finding) => finding.severity === severity).length > ANNOTATIONS_PER_STEP[severity],
  );
  // The closing notice is a notice annotation too: keep a slot for it when one will be needed.
  const room: Record<ReviewSeverity, number> = { ...ANNOTATIONS_PER_STEP, notice: ANNOTATIONS_PER_STEP.notice - (overflowing ? 1 : 0) };
  const annotated: ReviewFinding[] = [];
  const logged: ReviewFinding[] = [];
  for (const finding of findings) {
    if (room[finding.severity] > 0) {
      room[finding.severity] -= 1;
      annotated.push(finding);
    } else {
      logged.push(finding);
    }
  }
  const lines = annotated.map(annotationCommand);
  if (logged.length > 0) lines.push(...withoutCommands(logged.map(plainLogLine)));
  if (logged.length > 0) {
    const noun = logged.length === 1 ? 'finding was' : 'findings were';
    lines.push(
      `::notice title=${escapeCommandProperty('git-playbooks review')}::` +
        escapeCommandData(
          `${logged.length} more ${noun} not annotated (GitHub shows at most ${ANNOTATIONS_PER_STEP.error} errors, ` +
            `${ANNOTATIONS_PER_STEP.warning} warnings and ${ANNOTATIONS_PER_STEP.notice} notices per step); they are listed in this step's log.`,
        ),
    );
  }
  return lines.map((line) => `${line}\n`).join('');
}

/**
 * Log lines carry text from the repository (file names, phrases quoted from a retrospective): a
 * line reading `::add-mask::…` or `::error …` would be run as a command. GitHub's documented
 * `stop-commands` turns command processing off until `::<token>::`
 * (https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions#stopping-and-starting-workflow-commands);
 * the token is a hash of the
 * lines themselves, so text inside them cannot know it in advance.
 */
function withoutCommands(lines: string[]): string[] {
  const token = createHash('sha256').update(lines.join('\n')).digest('hex');
  return [`::stop-commands::${token}`, ...lines, `::${token}::`];
}
