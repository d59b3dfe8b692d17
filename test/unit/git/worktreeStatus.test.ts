import assert from 'node:assert/strict';
import { newDirectoriesIn, parseWorktreeStatus } from '../../../src/git/worktreeStatus';

describe('worktree status for sync', () => {
  it('tells staged, changed, untracked files and new directories apart (paths with spaces kept whole)', () => {
    const output = ['M  src/staged.ts', 'MM playbooks/both.yaml', ' M playbooks/run one/run.yaml', ' D playbooks/gone.md', '?? playbooks/new file.md', '?? playbooks/runs/2026/12/', 'UU playbooks/merge.yaml', ''].join('\0');
    assert.deepEqual(parseWorktreeStatus(output), {
      staged: ['src/staged.ts', 'playbooks/both.yaml', 'playbooks/merge.yaml'],
      changed: ['playbooks/both.yaml', 'playbooks/run one/run.yaml', 'playbooks/gone.md', 'playbooks/new file.md', 'playbooks/merge.yaml'],
      untrackedDirs: ['playbooks/runs/2026/12/'],
    });
  });

  it('walks a new directory inside a folder, or the folder when a whole new directory holds it; nothing elsewhere', () => {
    const folders = ['playbooks/runs/2026/11/a', 'playbooks/runs/2026/12/b'];
    assert.deepEqual(newDirectoriesIn(['playbooks/runs/2026/11/a/attachments/', 'playbooks/runs/2026/12/', 'src/new/', 'playbooks/runs/2026/1/'], folders), ['playbooks/runs/2026/11/a/attachments', 'playbooks/runs/2026/12/b']);
    assert.deepEqual(newDirectoriesIn(['playbooks/'], ['playbooks']), ['playbooks']);
  });

});
