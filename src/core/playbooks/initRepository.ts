import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../files/atomicWrite';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { withMergeAttributes } from '../sync/mergeAttributes';

export interface InitResult {
  written: string[];
  unchanged: string[];
}

/**
 * Scaffolds the playbooks folder: a README for people browsing the repository, ignores for the
 * tool's lock and temporary files, .gitattributes for merges (timelines by union, run.yaml and
 * retrospectives by git-playbooks' drivers) and, on request, a CI workflow. Idempotent: running it
 * again changes nothing that is already there, and adds the lines an older version did not write.
 */
export function initRepository(repo: PlaybooksRepository, options: { ci?: 'github' } = {}): InitResult {
  const layout = repo.layout;
  const result: InitResult = { written: [], unchanged: [] };
  const ensure = (file: string, content: string): void => {
    const name = layout.relative(file);
    if (fs.existsSync(file)) result.unchanged.push(name);
    else {
      writeFileAtomic(file, content);
      result.written.push(name);
    }
  };
  // Covers the folder itself too: its real path must be in the repository, outside .git.
  layout.assertWritable(layout.runsDir);
  fs.mkdirSync(layout.runsDir, { recursive: true });
  ensure(path.join(layout.playbooksDir, 'README.md'), folderReadme(layout.folder));
  ensure(path.join(layout.playbooksDir, '.gitignore'), '# Left behind only by an interrupted git-playbooks write.\n.lock\n*.tmp\n.staging-*\n');
  ensure(path.join(layout.runsDir, '.gitkeep'), '');
  const attributes = path.join(layout.root, '.gitattributes');
  const existing = fs.existsSync(attributes) ? fs.readFileSync(attributes, 'utf8') : '';
  const updated = withMergeAttributes(layout, existing);
  if (updated === existing) result.unchanged.push('.gitattributes');
  else {
    writeFileAtomic(attributes, updated);
    result.written.push('.gitattributes');
  }
  if (options.ci === 'github') ensure(path.join(layout.root, '.github', 'workflows', 'playbooks.yml'), githubWorkflow(layout.folder));
  return result;
}

function folderReadme(folder: string): string {
  return `# Playbooks

This folder is managed with [git-playbooks](https://www.npmjs.com/package/git-playbooks): playbooks,
their runs, timelines and retrospectives as plain files.

- \`${folder}/<playbook>.yaml\` — a playbook (checklists, status updates, retrospective, metrics).
- \`${folder}/runs/YYYY/MM/<run>/run.yaml\` — a run, in the folder of the month it started: owner, participants, status, checklists.
- \`${folder}/runs/YYYY/MM/<run>/timeline.yaml\` — its events, one per line.
- \`${folder}/runs/YYYY/MM/<run>/retrospective.md\` — its retrospective and metric values.

Check everything with \`git-playbooks validate\`.
`;
}

function githubWorkflow(folder: string): string {
  return `# Validates playbooks, runs and retrospectives on every pull request that touches them.
name: Playbooks
on:
  pull_request:
    paths:
      - '${folder}/**'
      - '.gitattributes'
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npx --yes git-playbooks validate --dir ${folder}
`;
}
