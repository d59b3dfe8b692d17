import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../files/atomicWrite';
import { OperationRefused } from '../model/errors';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { withMergeAttributes } from '../sync/mergeAttributes';
import {
  GITHUB_ACTION_SYNC_PATH,
  GITHUB_WORKFLOW_PATH,
  githubActionSyncWorkflow,
  GITLAB_JOB_PATH,
  GITLAB_PIPELINE_PATH,
  githubWorkflow,
  gitlabIncludeAdvice,
  gitlabJob,
  gitlabPipeline,
  isUnpinnedWorkflowOfVersion010,
  type CiProvider,
} from './ciWorkflows';

export interface InitResult {
  written: string[];
  unchanged: string[];
  /** What the user still has to do by hand (a CI file of theirs that should include ours). */
  notes: string[];
}

/** A CI check to write, pinned to the git-playbooks version that writes it. */
export interface CiRequest {
  provider: CiProvider;
  version: string;
  /** Also the scheduled workflow that runs `action sync` (GitHub only). */
  actionSync?: boolean;
}

/**
 * Scaffolds the playbooks folder: a README for people browsing the repository, ignores for the
 * tool's lock and temporary files, .gitattributes for merges (timelines by union, run.yaml and
 * retrospectives by git-playbooks' drivers) and, on request, a CI workflow. Idempotent: running it
 * again changes nothing that is already there, and adds the lines an older version did not write.
 */
export function initRepository(repo: PlaybooksRepository, options: { ci?: CiRequest } = {}): InitResult {
  const layout = repo.layout;
  const result: InitResult = { written: [], unchanged: [], notes: [] };
  const ensure = (file: string, content: string): void => {
    const name = layout.relative(file);
    if (fs.existsSync(file)) result.unchanged.push(name);
    else {
      writeFileAtomic(file, content);
      result.written.push(name);
    }
  };
  // Built before any write: a folder the CI files cannot name refuses with nothing written.
  const ciFiles = options.ci === undefined ? undefined : ciFilesFor(layout.folder, options.ci);
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
  if (ciFiles !== undefined) writeCiFiles(layout.root, layout.folder, ciFiles, ensure, result);
  return result;
}

type CiFiles = { provider: 'github'; workflow: string; actionSync?: string } | { provider: 'gitlab'; job: string };

function ciFilesFor(folder: string, ci: CiRequest): CiFiles {
  if (ci.provider === 'gitlab') {
    if (ci.actionSync === true) throw new OperationRefused('the scheduled action sync is written for GitHub only; on GitLab, run "git-playbooks action sync" from a scheduled pipeline (docs/ci.md)');
    return { provider: 'gitlab', job: gitlabJob(folder, ci.version) };
  }
  return { provider: 'github', workflow: githubWorkflow(folder, ci.version), ...(ci.actionSync === true ? { actionSync: githubActionSyncWorkflow(folder, ci.version) } : {}) };
}

/**
 * The CI files (docs/ci.md), kept when they exist, except a workflow exactly as 0.1.0 wrote it.
 * GitLab's job has a file of its own that .gitlab-ci.yml includes: one the user wrote is never
 * edited, and the line to add is returned as a note instead.
 */
function writeCiFiles(root: string, folder: string, files: CiFiles, ensure: (file: string, content: string) => void, result: InitResult): void {
  if (files.provider === 'github') {
    const file = path.join(root, GITHUB_WORKFLOW_PATH);
    if (fs.existsSync(file) && isUnpinnedWorkflowOfVersion010(fs.readFileSync(file, 'utf8'), folder)) {
      writeFileAtomic(file, files.workflow);
      result.written.push(GITHUB_WORKFLOW_PATH);
    } else ensure(file, files.workflow);
    if (files.actionSync !== undefined) ensure(path.join(root, GITHUB_ACTION_SYNC_PATH), files.actionSync);
    return;
  }
  ensure(path.join(root, GITLAB_JOB_PATH), files.job);
  const pipeline = path.join(root, GITLAB_PIPELINE_PATH);
  const advice = fs.existsSync(pipeline) ? gitlabIncludeAdvice(fs.readFileSync(pipeline, 'utf8')) : undefined;
  ensure(pipeline, gitlabPipeline());
  if (advice !== undefined) result.notes.push(advice);
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
