import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatProblem } from '../../../src/core/files/problem';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { problemsForText } from '../../../src/core/validation/documentProblems';
import { cli } from '../../helpers/cli';
import { readFile, tempDir } from '../../helpers/tempRepo';

const FIXTURE = path.resolve(__dirname, '../../fixtures/valid');
const RUN = 'playbooks/runs/2026/11/2026-11-02-checkout-errors/run.yaml';

/** The fixture run with links on its tasks, as a hand edit or a merge could leave them. */
function runWithTaskLinks(links: string[]): { root: string; text: string } {
  const root = tempDir('gp-tasklinks-');
  fs.cpSync(FIXTURE, root, { recursive: true });
  const text = readFile(root, RUN);
  const items = ['        title: Page the payments on-call\n', '        title: Roll back the last deploy\n', '        title: Post on the status page\n'];
  let edited = text;
  links.forEach((link, index) => {
    const item = items[index] ?? assert.fail('the fixture has three tasks');
    assert.ok(edited.includes(item));
    edited = edited.replace(item, `${item}        link: ${JSON.stringify(link)}\n`);
  });
  fs.writeFileSync(path.join(root, RUN), edited);
  return { root, text: edited };
}

describe('task links in run.yaml', function () {
  this.timeout(30_000);

  it('are checked like a playbook\'s by validate and by the Problems panel', async () => {
    const { root, text } = runWithTaskLinks(['javascript:alert(1)', '../../etc/passwd:1', 'docs/runbook.md:12']);
    const expected = [
      `${RUN}:22:15: link "javascript:alert(1)" uses a scheme that is not allowed; use an http(s) URL, a commit id or path:line`,
      `${RUN}:28:15: link "../../etc/passwd:1" leaves the repository ("..")`,
    ];
    const result = await cli(root, ['validate']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, expected.join('\n'));
    const panel = problemsForText(PlaybooksRepository.at(root), path.join(root, RUN), text);
    assert.deepEqual((panel ?? []).map(formatProblem), expected);
  });
});
