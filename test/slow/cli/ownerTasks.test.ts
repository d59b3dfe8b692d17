import assert from 'node:assert/strict';
import { cliOk } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { tempGitRepo, writeFile } from '../../helpers/tempRepo';

const PLAYBOOK = `apiVersion: git-playbooks/v1
kind: Playbook
title: Handover
checklists:
  - title: Tasks
    items:
      - title: Page the DBA
        assignee: owner
      - title: Declare the incident
        assignee: owner
      - title: Fail over
        assignee: alice
      - title: Check the replica
      - title: Call the vendor
        assignee: owner
`;

describe('CLI tasks assigned to the owner', function () {
  this.timeout(30_000);

  it('move to the new owner on run owner; tasks assigned to a person, by the playbook or by hand, and done ones stay', async () => {
    const root = tempGitRepo();
    const env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' };
    await cliOk(root, ['init'], env);
    writeFile(root, 'playbooks/handover.yaml', PLAYBOOK);
    const runId = (await cliOk(root, ['run', 'start', 'handover', '--name', 'DB down', '--owner', 'alice'], env)).last;
    await cliOk(root, ['run', 'task', runId, '1.2', '--state', 'closed'], env);
    await cliOk(root, ['run', 'task', runId, '1.4', '--assign', 'alice'], env);
    // Assigned by hand to the owner it already had: from now on it stays with alice.
    await cliOk(root, ['run', 'task', runId, '1.5', '--assign', 'carol'], env);
    await cliOk(root, ['run', 'task', runId, '1.5', '--assign', 'alice'], env);

    const owner = await cliOk(root, ['run', 'owner', runId, 'bob'], env);
    assert.equal(owner.stderr, 'Owner changed from alice to bob (1 task follows the owner)');
    const assignees = (await cliOk(root, ['run', 'show', runId], env)).stdout.split('\n').filter((line) => /^ {3}\[/.test(line)).map((line) => /@(\S+)/.exec(line)?.[1]);
    assert.deepEqual(assignees, ['bob', 'alice', 'alice', 'alice', 'alice']);

    // And on to the next owner.
    await cliOk(root, ['run', 'owner', runId, 'carol'], env);
    const json = JSON.parse((await cliOk(root, ['run', 'show', runId, '--format', 'json'], env)).stdout) as { checklists: Array<{ items: Array<{ assignee?: string }> }> };
    assert.equal(json.checklists[0]?.items[0]?.assignee, 'carol');
  });
});
