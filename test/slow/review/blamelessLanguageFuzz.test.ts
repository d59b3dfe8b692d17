import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkLanguage } from '../../../src/core/review/blamelessLanguage';
import { DEFAULT_LANGUAGE_CONFIG, type ReviewFinding } from '../../../src/core/review/reviewTypes';

const check = (markdown: string, lineOffset: number): ReviewFinding[] => checkLanguage({ markdown, file: 'retrospective.md', lineOffset, config: DEFAULT_LANGUAGE_CONFIG });
const where = (finding: ReviewFinding) => `${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} ${finding.ruleId}`;
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

describe('blameless language check, fuzzed', () => {
  it('never throws on any Markdown, and every finding lies inside the text', () => {
    const pieces = ['should', 'have', 'human', 'error', 'He', ' ', '  ', '\n', '\n\n', '\r\n', '> ', '- ', '  - ', '`', '```\n', '<!-- playbooks-review ignore -->', '<!-- playbooks-review disable blameless/should-have -->', '<!-- playbooks-review x/y/z -->', '"', '“', '*', '[', '](http://x)', '<https://x/blamed>', '\\', '&amp;', '🔥', 'é', '|', '#'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 60 }), (parts) => {
        const markdown = parts.join('');
        const lines = markdown.split('\n');
        for (const finding of check(markdown, 3)) {
          const line = finding.line - 3;
          assert.ok(line >= 1 && line <= lines.length, `${where(finding)} in ${JSON.stringify(markdown)}`);
          assert.ok(finding.column >= 1 && finding.column <= (lines[line - 1]?.length ?? 0) + 1, `${where(finding)} in ${JSON.stringify(markdown)}`);
          if (finding.endLine !== undefined) assert.ok(finding.endLine > finding.line || (finding.endLine === finding.line && (finding.endColumn ?? 0) >= finding.column), where(finding));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
