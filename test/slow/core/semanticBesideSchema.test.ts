import assert from 'node:assert/strict';
import * as path from 'node:path';
import { cli } from '../../helpers/cli';
import { formatProblem } from '../../../src/core/files/problem';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { problemsForText } from '../../../src/core/validation/documentProblems';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempGitRepo, writeFile } from '../../helpers/tempRepo';

/**
 * The sample playbook with schema errors (misspelt fields, so one missing, a list for a target) and semantic ones (a
 * target of the wrong type, a repeated title). The list target is not also called "not a duration".
 */
const BROKEN = SAMPLE_PLAYBOOK.replace('title: Database incident', 'titel: Database incident')
  .replace('description: For primary database outages.', 'descripton: For primary database outages.')
  .replace('    target: 1h\n', '    target: [1h]\n')
  .replace('    target: 10\n', '    target: 1h\n')
  .replace('  - title: Credits\n', '  - title: time to Mitigate\n');

const EXPECTED = [
  'playbooks/db-incident.yaml:2:1: missing required field "title"',
  'playbooks/db-incident.yaml:4:1: unknown field "titel"',
  'playbooks/db-incident.yaml:5:1: unknown field "descripton"',
  'playbooks/db-incident.yaml:31:13: "target" must be a string or a number',
  'playbooks/db-incident.yaml:34:13: target must be a whole number for an integer metric',
  'playbooks/db-incident.yaml:35:12: metric title "time to Mitigate" is already used by metric 1; titles must be unique',
];

describe('schema and semantic problems together', function () {
  this.timeout(30_000);

  it('validate reports a bad target and a repeated metric title beside a schema error', async () => {
    const root = tempGitRepo();
    writeFile(root, 'playbooks/db-incident.yaml', BROKEN);
    const result = await cli(root, ['validate']);
    assert.equal(result.code, 1);
    assert.deepEqual(result.stdout.split('\n'), EXPECTED);
  });

  it('the Problems panel shows them together too', () => {
    const root = tempGitRepo();
    const repo = PlaybooksRepository.at(root);
    const problems = problemsForText(repo, path.join(root, 'playbooks/db-incident.yaml'), BROKEN) ?? [];
    assert.deepEqual(problems.map(formatProblem), EXPECTED);
  });
});
