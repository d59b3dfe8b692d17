import assert from 'node:assert/strict';
import * as path from 'node:path';
import { formatProblem } from '../../../src/core/files/problem';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { parseReviewConfig } from '../../../src/core/review/reviewConfig';
import { DEFAULT_LANGUAGE_CONFIG } from '../../../src/core/review/reviewTypes';
import { classifyPath, problemsForText } from '../../../src/core/validation/documentProblems';
import { tempDir } from '../../helpers/tempRepo';

describe('review configuration (playbooks/review.yaml)', () => {
  it('reads language settings, with the defaults for what it leaves out', () => {
    const read = parseReviewConfig('playbooks/review.yaml', '# ours\nlanguage:\n  severity: error\n  extraPhrases:\n    - {phrase: "dropped the ball", suggestion: "say what the process missed"}\n  allow: [should have]\n');
    assert.deepEqual(read, {
      config: { enabled: true, severity: 'error', extraPhrases: [{ phrase: 'dropped the ball', suggestion: 'say what the process missed' }], allow: ['should have'] },
      problems: [],
    });
    assert.deepEqual(parseReviewConfig('playbooks/review.yaml', '# nothing configured yet\n'), { config: DEFAULT_LANGUAGE_CONFIG, problems: [] });
  });

  it('a wrong file is problems at their lines and the defaults, never half of it', () => {
    const read = parseReviewConfig('playbooks/review.yaml', 'language:\n  enabled: false\n  extraPhrases:\n    - {suggestion: x}\n  typo: 1\n');
    assert.deepEqual(read.config, DEFAULT_LANGUAGE_CONFIG);
    assert.deepEqual(read.problems.map(formatProblem), [
      'playbooks/review.yaml:4:7: review configuration: missing required field "phrase"; the defaults are used until it is fixed',
      'playbooks/review.yaml:5:3: review configuration: unknown field "typo"; the defaults are used until it is fixed',
    ]);
    assert.deepEqual(parseReviewConfig('playbooks/review.yaml', 'language: [\n').problems.map((problem) => problem.line), [2]);
  });

  it('is the Problems panel\'s file too: checked as a configuration, not as a playbook', () => {
    const root = tempDir('gp-review-config-');
    const repo = PlaybooksRepository.at(root);
    const file = path.join(root, 'playbooks', 'review.yaml');
    assert.deepEqual(classifyPath(repo, file), { kind: 'reviewConfig' });
    assert.deepEqual(problemsForText(repo, file, 'language:\n  enabled: false\n'), []);
    assert.deepEqual(problemsForText(repo, file, 'language:\n  severity: loud\n')?.map((problem) => `${problem.line}:${problem.column}`), ['2:13']);
  });
});
