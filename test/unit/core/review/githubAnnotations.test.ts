import assert from 'node:assert/strict';
import { githubAnnotations } from '../../../../src/core/review/githubAnnotations';
import { finding, findings, reviewResult } from '../../../helpers/reviewFixtures';

interface ParsedCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

/** Reads a workflow command back the way GitHub's runner does: split, then unescape (`%25` last). */
function parseCommand(line: string): ParsedCommand | undefined {
  const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) return undefined;
  const unescape = (text: string): string =>
    text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    properties[pair.slice(0, at)] = unescape(pair.slice(at + 1));
  }
  return { command: match[1] ?? '', properties, data: unescape(match[3] ?? '') };
}

const outputLines = (text: string): string[] => text.split('\n').slice(0, -1);

describe('review --format github: workflow command annotations', () => {
  it('escapes %, CR and LF in the message, and also : and , in file names and titles, as GitHub reads them back', () => {
    const awkward = finding({
      severity: 'error',
      ruleId: 'template/section',
      file: 'runs/a,b:c 100%.md',
      title: 'Unfilled: Impact, Timeline',
      message: 'Only 50% done.\r\nSecond line: still %0A literal',
      suggestion: 'Fill in "Impact", then "Timeline".',
      line: 3,
      column: 7,
    });
    const [line, ...rest] = outputLines(githubAnnotations(reviewResult({ findings: [awkward] })));
    assert.deepEqual(rest, []);
    assert.equal(
      line,
      '::error file=runs/a%2Cb%3Ac 100%25.md,line=3,col=7,title=Unfilled%3A Impact%2C Timeline (template/section)::' +
        'Only 50%25 done.%0D%0ASecond line: still %250A literal%0ASuggestion: Fill in "Impact", then "Timeline".',
    );
    const parsed = parseCommand(line ?? '');
    assert.deepEqual(parsed, {
      command: 'error',
      properties: { file: 'runs/a,b:c 100%.md', line: '3', col: '7', title: 'Unfilled: Impact, Timeline (template/section)' },
      data: 'Only 50% done.\r\nSecond line: still %0A literal\nSuggestion: Fill in "Impact", then "Timeline".',
    });
  });

  it('passes the end of a range: endLine, and endColumn on a single line only', () => {
    const [oneLine, twoLines] = outputLines(
      githubAnnotations(
        reviewResult({
          findings: [finding({ line: 4, column: 2, endLine: 4, endColumn: 13 }), finding({ line: 4, column: 2, endLine: 6, endColumn: 3 })],
        }),
      ),
    ).map((line) => parseCommand(line)?.properties);
    assert.deepEqual(oneLine, { file: finding().file, line: '4', endLine: '4', col: '2', endColumn: '13', title: 'Blame phrasing (blameless/human-error)' });
    assert.deepEqual(twoLines, { file: finding().file, line: '4', endLine: '6', col: '2', title: 'Blame phrasing (blameless/human-error)' });
  });

  it('puts errors first, then warnings, then notices, whatever order the findings came in', () => {
    const mixed = [finding({ severity: 'notice', message: 'n' }), finding({ severity: 'warning', message: 'w' }), finding({ severity: 'error', message: 'e' })];
    const commands = outputLines(githubAnnotations(reviewResult({ findings: mixed }))).map((line) => parseCommand(line)?.command);
    assert.deepEqual(commands, ['error', 'warning', 'notice']);
  });

  it('prints nothing when there is nothing to report', () => {
    assert.equal(githubAnnotations(reviewResult()), '');
  });

  it('annotates 10 errors and 10 warnings of 15 and 12; the other 7 are log lines and a last notice counts them', () => {
    const input = [...findings(12, 'warning'), ...findings(15, 'error')];
    const lines = outputLines(githubAnnotations(reviewResult({ findings: input })));
    const commands = lines.map((line) => parseCommand(line));
    const annotated = commands.filter((command) => command && ['error', 'warning'].includes(command.command));
    assert.deepEqual(
      annotated.map((command) => command?.data),
      [...Array.from({ length: 10 }, (_, i) => `error number ${i + 1}`), ...Array.from({ length: 10 }, (_, i) => `warning number ${i + 1}`)].map(
        (text) => `${text}\nSuggestion: ${finding().suggestion ?? ''}`,
      ),
    );
    const plain = lines.filter((line) => !line.startsWith('::'));
    assert.deepEqual(
      plain.map((line) => line.split(':').slice(0, 4).join(':')),
      [
        ...[11, 12, 13, 14, 15].map((n) => `runs/error-${n}.md:${n}:5: error test/error`),
        ...[11, 12].map((n) => `runs/warning-${n}.md:${n}:5: warning test/warning`),
      ],
    );
    assert.match(plain[0] ?? '', /^runs\/error-11\.md:11:5: error test\/error: error number 11 Suggestion: Describe what/);
    const last = commands.at(-1);
    assert.equal(last?.command, 'notice');
    assert.match(last?.data ?? '', /^7 more findings were not annotated \(GitHub shows at most 10 errors, 10 warnings and 10 notices per step\)/);
  });

  it('keeps a notice slot for the closing notice, so never more than 10 notices reach GitHub', () => {
    const lines = outputLines(githubAnnotations(reviewResult({ findings: findings(12, 'notice') })));
    const notices = lines.map((line) => parseCommand(line)).filter((command) => command?.command === 'notice');
    assert.equal(notices.length, 10);
    assert.match(notices.at(-1)?.data ?? '', /^3 more findings were not annotated/);
    assert.equal(lines.filter((line) => line.startsWith('runs/notice-')).length, 3);
  });

  it('prints exactly 10 notices when there are exactly 10, with no closing notice', () => {
    const lines = outputLines(githubAnnotations(reviewResult({ findings: findings(10, 'notice') })));
    assert.equal(lines.length, 10);
    assert.ok(lines.every((line) => line.startsWith('::notice file=')));
  });

  it('stops command processing around log lines, so repository text there cannot run a command', () => {
    const hostile = finding({ severity: 'error', file: 'runs/x.md', message: 'quoted:\n::add-mask::secret\n::error::fake' });
    const lines = outputLines(githubAnnotations(reviewResult({ findings: [...findings(10, 'error'), hostile] })));
    const stop = lines.findIndex((line) => line.startsWith('::stop-commands::'));
    assert.ok(stop > 0, 'a stop-commands line comes before the log lines');
    const token = lines[stop]?.slice('::stop-commands::'.length) ?? '';
    assert.match(token, /^[0-9a-f]{64}$/);
    assert.equal(lines[stop + 1], 'runs/x.md:12:5: error blameless/human-error: quoted: ::add-mask::secret ::error::fake Suggestion: ' + (finding().suggestion ?? ''));
    assert.equal(lines[stop + 2], `::${token}::`);
    assert.equal(parseCommand(lines[stop + 3] ?? '')?.command, 'notice');
  });
});
