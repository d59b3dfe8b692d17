import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { githubActionSyncWorkflow, githubWorkflow, gitlabIncludeAdvice, gitlabJob, gitlabPipeline } from '../../../src/core/playbooks/ciWorkflows';
import { OperationRefused } from '../../../src/core/model/errors';

// Every folder name the CI files accept must come out as that same path in YAML and in the command.
const FOLDERS = ['playbooks', '.playbooks', 'ops/play_books-2', 'a.b/c'];

describe('CI files', () => {
  it('name the folder exactly, for every folder they accept', () => {
    for (const folder of FOLDERS) {
      const workflow = parse(githubWorkflow(folder, '1.2.3')) as { on: { pull_request: { paths: string[] } }; jobs: { review: { steps: { run?: string }[] } } };
      assert.deepEqual(workflow.on.pull_request.paths, [`${folder}/**`, '.gitattributes']);
      assert.match(workflow.jobs.review.steps.at(-1)?.run ?? '', new RegExp(`^npx --yes git-playbooks@1\\.2\\.3 review --dir ${folder.replace(/\./g, '\\.')} --base `));
      const job = (parse(gitlabJob(folder, '1.2.3')) as Record<string, { rules: { changes: string[] }[] }>)['playbooks-review'];
      assert.deepEqual(job?.rules[0]?.changes, [`${folder}/**/*`, '.gitattributes']);
    }
  });

  it('refuse a folder a paths filter or a shell would read differently, and a version that is not exact', () => {
    for (const folder of ['play books', 'a*b', '-x', "it's", 'a:b', '$HOME']) {
      assert.throws(() => githubWorkflow(folder, '1.2.3'), OperationRefused, folder);
      assert.throws(() => gitlabJob(folder, '1.2.3'), OperationRefused, folder);
    }
    for (const version of ['latest', '^1.2.3', '1.2', '']) assert.throws(() => githubWorkflow('playbooks', version), OperationRefused, version);
    assert.doesNotThrow(() => githubWorkflow('playbooks', '2.0.0-rc.1'));
  });

  it('are what docs/ci.md shows, comments aside', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/ci.md'), 'utf8');
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]?.replace(/X\.Y\.Z/g, '9.9.9'));
    const withoutComments = (text: string): string => text.split('\n').filter((line) => !/^\s*#/.test(line)).join('\n');
    assert.deepEqual(blocks, [withoutComments(githubWorkflow('playbooks', '9.9.9')), withoutComments(gitlabJob('playbooks', '9.9.9')), withoutComments(githubActionSyncWorkflow('playbooks', '9.9.9'))]);
  });

  it('ask a user-written .gitlab-ci.yml for the include only while it lacks it', () => {
    assert.match(gitlabIncludeAdvice('build:\n  script: [make]\n') ?? '', /include: \[\{ local: \.gitlab\/playbooks\.gitlab-ci\.yml \}\]/);
    assert.equal(gitlabIncludeAdvice(gitlabPipeline()), undefined);
  });
});
