import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkLanguage } from '../../../../src/core/review/blamelessLanguage';
import { DEFAULT_LANGUAGE_CONFIG } from '../../../../src/core/review/reviewTypes';

interface CorpusSentence {
  blameful: boolean;
  text: string;
}

const corpusFile = path.join(__dirname, '../../../fixtures/review/blame-corpus.json');
const corpus = (JSON.parse(fs.readFileSync(corpusFile, 'utf8')) as { sentences: CorpusSentence[] }).sentences;

describe('blame rules on a corpus of retrospective sentences', () => {
  it('finds blame with at least 90% precision and 80% recall', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const misses: string[] = [];
    for (const sentence of corpus) {
      const findings = checkLanguage({ markdown: sentence.text, file: 'retrospective.md', lineOffset: 0, config: DEFAULT_LANGUAGE_CONFIG });
      const flagged = findings.some((finding) => finding.ruleId.startsWith('blameless/'));
      if (flagged && sentence.blameful) truePositives += 1;
      if (flagged && !sentence.blameful) {
        falsePositives += 1;
        misses.push(`false positive: ${sentence.text}`);
      }
      if (!flagged && sentence.blameful) {
        falseNegatives += 1;
        misses.push(`missed: ${sentence.text}`);
      }
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    console.log(`      ${corpus.length} sentences (${corpus.filter((sentence) => sentence.blameful).length} blameful): precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%`);
    for (const miss of misses) console.log(`        ${miss}`);
    assert.ok(corpus.length >= 30);
    assert.ok(precision >= 0.9, `precision ${precision}`);
    assert.ok(recall >= 0.8, `recall ${recall}`);
  });
});
