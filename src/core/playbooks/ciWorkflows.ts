import { OperationRefused } from '../model/errors';

/** The CI systems `init --ci` writes a pull-request check for (docs/ci.md). */
export const CI_PROVIDERS = ['github', 'gitlab'] as const;
export type CiProvider = (typeof CI_PROVIDERS)[number];

export function isCiProvider(value: string): value is CiProvider {
  return (CI_PROVIDERS as readonly string[]).includes(value);
}

/** Where each file goes, relative to the repository root. */
export const GITHUB_WORKFLOW_PATH = '.github/workflows/playbooks.yml';
/** The scheduled follow-up actions workflow (`init --ci github --action-sync`). */
export const GITHUB_ACTION_SYNC_PATH = '.github/workflows/playbooks-actions.yml';
export const GITLAB_JOB_PATH = '.gitlab/playbooks.gitlab-ci.yml';
export const GITLAB_PIPELINE_PATH = '.gitlab-ci.yml';
/** The Code Quality report the GitLab job writes and uploads. */
export const GITLAB_REPORT_FILE = 'gl-code-quality-report.json';

/**
 * The actions the GitHub workflow uses, at the major version GitHub's own docs show: both are
 * GitHub's, and a major tag takes their security fixes (docs/ci.md says why not SHAs).
 */
const CHECKOUT_ACTION = 'actions/checkout@v7';
const SETUP_NODE_ACTION = 'actions/setup-node@v7';
/** Node the CI jobs run the CLI with: the active LTS line (the package needs >= 20). */
const CI_NODE_MAJOR = 24;

// Paths filters, job rules and shell commands each read other characters their own way.
const SAFE_FOLDER = /^[A-Za-z0-9_.][A-Za-z0-9._/-]*$/;
const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** The exact package the CI job runs: the version that wrote the file, never "latest". */
function pinnedCommand(folder: string, version: string, command = 'review'): string {
  if (!SAFE_FOLDER.test(folder)) {
    throw new OperationRefused(`the CI check needs a playbooks folder named with letters, digits, ".", "_", "-" and "/" only, not "${folder}"`);
  }
  if (!EXACT_VERSION.test(version)) throw new OperationRefused(`the CI check pins an exact git-playbooks version, and "${version}" is none`);
  return `npx --yes git-playbooks@${version} ${command} --dir ${folder}`;
}

/**
 * .github/workflows/playbooks.yml: on pull requests touching the folder (or the merge lines),
 * `review` annotates the changed lines and writes the job summary. The token can only read: the
 * annotations and the summary come from the step's output and a file, no API call.
 */
export function githubWorkflow(folder: string, version: string): string {
  const review = pinnedCommand(folder, version);
  return `# Reviews the playbooks, runs and retrospectives a pull request changes: annotations on their
# lines and a job summary. Written by git-playbooks ${version} (init --ci github), the version it runs.
name: Playbooks
on:
  pull_request:
    paths:
      - '${folder}/**'
      - '.gitattributes'
permissions:
  contents: read
jobs:
  review:
    runs-on: ubuntu-latest
    steps:
      - uses: ${CHECKOUT_ACTION}
        with:
          # The whole history: review compares with the pull request's base commit.
          fetch-depth: 0
          persist-credentials: false
      - uses: ${SETUP_NODE_ACTION}
        with:
          node-version: ${CI_NODE_MAJOR}
      - run: ${review} --base "\${{ github.event.pull_request.base.sha }}" --format github
`;
}

/**
 * .github/workflows/playbooks-actions.yml: on weekday mornings (and by hand) `action sync` creates
 * the tracker issues of open follow-up actions and brings closed ones back, `sync` commits and
 * pushes the links and states, and the overdue report goes to the job summary. The one job that
 * may write: issues (the tracker) and contents (the push); its own file keeps the pull-request
 * check read-only.
 */
export function githubActionSyncWorkflow(folder: string, version: string): string {
  const actionSync = pinnedCommand(folder, version, 'action sync');
  const sync = pinnedCommand(folder, version, 'sync');
  const overdue = pinnedCommand(folder, version, 'action list --overdue --format md');
  return `# Follow-up actions in step with this repository's issues, and the overdue ones in the job summary.
# Written by git-playbooks ${version} (init --ci github --action-sync), the version it runs.
name: Playbooks follow-up actions
on:
  schedule:
    - cron: '17 6 * * 1-5'
  workflow_dispatch:
permissions: {}
jobs:
  action-sync:
    runs-on: ubuntu-latest
    permissions:
      contents: write
      issues: write
    concurrency:
      group: playbooks-action-sync
    steps:
      - uses: ${CHECKOUT_ACTION}
        with:
          # sync merges with whatever was pushed meanwhile: that needs the common history.
          fetch-depth: 0
      - uses: ${SETUP_NODE_ACTION}
        with:
          node-version: ${CI_NODE_MAJOR}
      - run: |
          git config user.name "github-actions[bot]"
          git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
      - run: ${actionSync}
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
      # The links and states it wrote; a protected branch refuses the push, and the next run finds the issues by their markers.
      - run: ${sync}
      - if: always()
        run: ${overdue} >> "$GITHUB_STEP_SUMMARY"
`;
}

/**
 * .gitlab/playbooks.gitlab-ci.yml: the same check in merge request pipelines, as a Code Quality
 * report (uploaded when the job fails too, which is when it matters).
 */
export function gitlabJob(folder: string, version: string): string {
  const review = pinnedCommand(folder, version);
  return `# Reviews the playbooks, runs and retrospectives a merge request changes, as a Code Quality
# report. Written by git-playbooks ${version} (init --ci gitlab), the version it runs;
# .gitlab-ci.yml includes it.
playbooks-review:
  image: node:${CI_NODE_MAJOR}
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
      changes:
        - ${folder}/**/*
        - .gitattributes
  variables:
    # The whole history: review compares with the merge request's base commit.
    GIT_DEPTH: "0"
  script:
    - git cat-file -e "$CI_MERGE_REQUEST_DIFF_BASE_SHA^{commit}" || git fetch --quiet origin "$CI_MERGE_REQUEST_DIFF_BASE_SHA"
    - ${review} --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format codequality > ${GITLAB_REPORT_FILE}
  artifacts:
    when: always
    reports:
      codequality: ${GITLAB_REPORT_FILE}
`;
}

/** A .gitlab-ci.yml for a repository that has none: it only includes the job. */
export function gitlabPipeline(): string {
  return `# The repository's GitLab CI pipeline; git-playbooks' merge request check lives in its own file.
include:
  - local: ${GITLAB_JOB_PATH}
`;
}

/** What to add to a .gitlab-ci.yml someone else wrote, or undefined when it already includes the job. */
export function gitlabIncludeAdvice(existingPipeline: string): string | undefined {
  if (existingPipeline.includes(GITLAB_JOB_PATH)) return undefined;
  return `${GITLAB_PIPELINE_PATH} is yours, so it was left as it is: add "include: [{ local: ${GITLAB_JOB_PATH} }]" to it (or that entry to its include: list) to run the check`;
}

/**
 * What `init --ci github` wrote before it pinned a version: an unpinned `npx git-playbooks
 * validate`. That exact file is replaced (nobody edited it); any other existing workflow is kept.
 */
export function isUnpinnedWorkflowOfVersion010(existing: string, folder: string): boolean {
  return existing === `# Validates playbooks, runs and retrospectives on every pull request that touches them.
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
