import * as fs from 'node:fs';
import type { Command } from 'commander';
import { OperationRefused } from '../../core/model/errors';
import { codeQualityReport } from '../../core/review/codeQuality';
import { githubAnnotations } from '../../core/review/githubAnnotations';
import { reviewRepository } from '../../core/review/reviewRepository';
import type { RetrospectiveReview, ReviewFinding, ReviewResult } from '../../core/review/reviewTypes';
import { sarifReport } from '../../core/review/sarifReport';
import { stepSummary } from '../../core/review/stepSummary';
import { changedFilesSince } from '../../git/changedFiles';
import { gitEnv, openWorkspace, printDocument, type CliIo, type GlobalOptions } from '../cliContext';
import { choice } from '../cliOptions';

const FORMATS = ['text', 'json', 'github', 'sarif', 'codequality'] as const;
type ReviewFormat = (typeof FORMATS)[number];

export function registerReviewCommand(program: Command, io: CliIo, globals: () => GlobalOptions, setExitCode: (code: number) => void): void {
  program
    .command('review')
    .description('check what a change does to runs and retrospectives: validation, template sections, metrics, timeline, follow-ups, blameless language (exit 1 on errors)')
    .option('--base <ref>', 'review only what changed since the merge base with this commit or branch (plus uncommitted changes in the playbooks folder); default: everything')
    .option('--format <format>', FORMATS.join(', '), 'text')
    .action(async (options: { base?: string; format: string }) => {
      const format = choice('format', options.format, FORMATS);
      const { repo, git } = await openWorkspace(io, globals());
      let files: string[] | undefined;
      if (options.base !== undefined) {
        if (git === undefined) throw new OperationRefused('--base needs a git repository; leave it out to review everything');
        files = (await changedFilesSince(git.root, options.base, repo.layout.folder, gitEnv(io))).files;
      }
      const result = reviewRepository(repo, { ...(files !== undefined ? { files } : {}), ...(options.base !== undefined ? { base: options.base } : {}) });
      printResult(io, format, result, program.version() ?? '0.0.0');
      if (result.findings.some((finding) => finding.severity === 'error')) setExitCode(1);
    });
}

function printResult(io: CliIo, format: ReviewFormat, result: ReviewResult, version: string): void {
  switch (format) {
    case 'json':
      return io.out(JSON.stringify(result, null, 2));
    case 'github': {
      printDocument(io, githubAnnotations(result));
      const summaryFile = io.env['GITHUB_STEP_SUMMARY'];
      if (summaryFile !== undefined && summaryFile !== '') fs.appendFileSync(summaryFile, stepSummary(result));
      return;
    }
    case 'sarif':
      return printDocument(io, sarifReport(result, { name: 'git-playbooks', version }));
    case 'codequality':
      return printDocument(io, codeQualityReport(result));
    case 'text':
      for (const line of textLines(result)) io.out(line);
      io.err(countLine(result.findings));
  }
}

/** `file:line:col: severity rule-id: message (suggestion: …)`, then a few lines per retrospective. */
export function textLines(result: ReviewResult): string[] {
  const lines = result.findings.map(findingLine);
  for (const retrospective of result.retrospectives) lines.push('', ...retrospectiveLines(retrospective));
  return lines;
}

export function findingLine(finding: ReviewFinding): string {
  const suggestion = finding.suggestion === undefined ? '' : ` (suggestion: ${finding.suggestion})`;
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.severity} ${finding.ruleId}: ${finding.message}${suggestion}`;
}

function retrospectiveLines(review: RetrospectiveReview): string[] {
  const lines = [`${review.file}: "${review.runName}" (${review.playbook || 'unknown playbook'}), ${review.status}`];
  for (const metric of review.metrics) {
    const target = metric.target === undefined ? '' : `, target ${metric.target}${metric.met === undefined ? '' : metric.met ? ', met' : ', missed'}`;
    lines.push(`  metric ${metric.title}: ${metric.value ?? 'not filled in'}${target}`);
  }
  for (const check of review.checks) lines.push(`  ${check.passed ? 'passed' : 'FAILED'}  ${check.name}${check.detail === undefined ? '' : ` (${check.detail})`}`);
  for (const event of review.keyEvents) lines.push(`  ${event.at}  ${event.type}  ${event.summary}`);
  return lines;
}

function countLine(findings: readonly ReviewFinding[]): string {
  if (findings.length === 0) return 'No findings.';
  const count = (severity: ReviewFinding['severity'], word: string): string => {
    const n = findings.filter((finding) => finding.severity === severity).length;
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  };
  return [count('error', 'error'), count('warning', 'warning'), count('notice', 'notice')].join(', ');
}
