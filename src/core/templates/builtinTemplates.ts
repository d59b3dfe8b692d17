import { parseDocument } from 'yaml';

/**
 * Playbooks a person can start from. The `#` comments are the documentation a person sees while editing the
 * file, so they are part of the template (tools that edit playbooks keep them). Text is our own.
 */
export interface BuiltinTemplate {
  name: string;
  /** The playbook title in `yaml`; `description` is one line for pickers and listings. */
  title: string;
  description: string;
  yaml: string;
}

const INCIDENT_RESPONSE = `# A playbook: every run starts from a copy of it. Editing it changes future runs, not running ones.
# Durations are written like 15m, 1h30m, 2d (or PT1H30M, or dd:hh:mm).
apiVersion: git-playbooks/v1
kind: Playbook
# The name shown when someone picks a playbook to start a run.
title: Incident response
# When to start this playbook and what it is for (Markdown).
description: |
  Start a run as soon as users are affected, or might be. Starting one early costs nothing;
  the run can be finished within minutes if it turns out to be a false alarm.
# Checklists are copied into each run in this order.
#   assignee: a person, or "owner" for whoever owns the run (ownership can change during the run)
#   due:      how long after the run starts the task should be done
#   command:  a command to run for the task; link: a URL or a file in this repository (path:line)
checklists:
  - title: Stabilise
    items:
      - title: Set the severity
        description: |
          - SEV1: most users cannot work.
          - SEV2: one feature or one region is broken.
          - SEV3: degraded, with a workaround.
        assignee: owner
        due: 10m
      - title: Find out what changed recently
        description: Deploys, configuration changes and feature flags are the usual suspects.
        command: git log --since="6 hours ago" --oneline
        due: 20m
      - title: Reduce the impact before looking for the cause
        description: Roll back, fail over or turn the feature flag off; the diagnosis can wait.
        assignee: owner
        due: 1h
  - title: Communicate
    items:
      - title: Post the first status update
        assignee: owner
        due: 30m
      - title: Tell support what users are seeing and what to answer
        due: 30m
      - title: Update the public status page
        link: docs/runbooks/status-page.md
  - title: Resolve
    items:
      - title: Confirm that error rates and latency are back to normal
        description: Watch them for at least 30 minutes before declaring the incident over.
        assignee: owner
      - title: Write the final status update and finish the run
        assignee: owner
  - title: Follow up
    items:
      - title: Book the retrospective meeting
        assignee: owner
        due: 2d
      - title: Open tickets for the follow-up actions
# While the run is in progress the owner is reminded to post an update this often.
statusUpdates:
  enabled: true
  reminder: 1h
  # Text the status update starts from (Markdown).
  template: |
    **What is happening:**
    **Who is affected:**
    **What we are doing now:**
    **Next update:** in one hour
# Written after the run finishes. reminder: "once", or how often to remind until it is published or skipped.
retrospective:
  enabled: true
  reminder: 24h
  # Copied into each run's retrospective.md.
  template: |
    ## What happened

    ## Impact
    Who was affected, for how long, and how badly.

    ## How we found out

    ## What helped and what got in the way

    ## Why it happened
    Look for the conditions that allowed it, not for a person to blame.

    ## Actions
    | Action | Owner | Ticket |
    |--------|-------|--------|
# Filled in with each retrospective and compared with the target in reports.
#   type: duration (1h30m), integer (whole number) or currency (unit and decimals apply)
#   id:   the key values are stored under; keep it when you rename a metric.
#   retired: true stops collecting a metric while its old values still count in reports.
metrics:
  - id: time-to-detect
    title: Time to detect
    description: From the start of user impact until the run was started.
    type: duration
    target: 15m
  - id: time-to-mitigate
    title: Time to mitigate
    description: From the start of the run until users stopped being affected.
    type: duration
    target: 1h
  - id: customer-tickets
    title: Customer tickets
    description: Support tickets opened about this incident.
    type: integer
  - id: cost
    title: Cost
    description: Refunds, credits and extra infrastructure spend.
    type: currency
    unit: USD
    decimals: 2
`;

const PRODUCT_RELEASE = `# A release playbook: start one run per release. Durations: 30m, 4h, 2d, 1w.
apiVersion: git-playbooks/v1
kind: Playbook
title: Product release
description: |
  Takes a release from code freeze to announcement. Start the run when the freeze begins.
# assignee "owner" means the run's owner (the release manager); due counts from the start of the run.
checklists:
  - title: Freeze
    items:
      - title: Announce the code freeze
        assignee: owner
        due: 1h
      - title: Create the release branch
        command: git switch -c release/next
        due: 2h
  - title: Verify
    items:
      - title: Run the full test suite on the release branch
        due: 1d
      - title: Collect sign-off from each team that shipped changes
        assignee: owner
        due: 2d
  - title: Ship
    items:
      - title: Tag the release
        command: git tag -s v0.0.0 -m "Release v0.0.0"
      - title: Roll out to a small share of users first, watch errors for an hour
      - title: Roll out to everyone
        assignee: owner
  - title: Announce
    items:
      - title: Publish the release notes
        link: CHANGELOG.md
      - title: Tell support and sales what changed
      - title: Unfreeze the main branch
        assignee: owner
# The owner is reminded once a day to say where the release stands.
statusUpdates:
  enabled: true
  reminder: 24h
  template: |
    **Stage:** freeze / verify / ship / announce
    **Blockers:**
    **Expected release date:**
# A short retrospective a week after the release; reminders repeat every 7 days until it is done.
retrospective:
  enabled: true
  reminder: 7d
  template: |
    ## What shipped

    ## What slowed the release down

    ## Problems found after the release

    ## What to change for the next release
# Tracked per release; set a target to see each release against it in reports.
metrics:
  - id: release-lead-time
    title: Release lead time
    description: From code freeze until the release reached every user.
    type: duration
    target: 3d
  - id: rollback-count
    title: Rollback count
    description: How many times the rollout was rolled back.
    type: integer
    target: 0
  - id: escaped-defects
    title: Escaped defects
    description: Bugs found by users in the first week that testing should have caught.
    type: integer
`;

const SECURITY_INCIDENT = `# A security incident playbook. Runs are stored in this repository: keep secrets, personal data
# and exploit details out of run files; link to a restricted tracker instead.
apiVersion: git-playbooks/v1
kind: Playbook
title: Security incident
description: |
  Start a run when there is reason to think that systems or data were accessed or changed by someone
  who should not have. Keep the group of participants small until the scope is known.
# assignee "owner" is the incident lead; due counts from the start of the run.
checklists:
  - title: Triage
    items:
      - title: Decide whether this is a security incident and how severe
        assignee: owner
        due: 30m
      - title: Preserve evidence before changing anything
        description: Snapshot disks, export logs and write down what was seen, and when.
        due: 1h
  - title: Contain
    items:
      - title: Revoke exposed credentials and sessions
        due: 2h
      - title: Isolate affected hosts or accounts
        due: 4h
  - title: Eradicate
    items:
      - title: Find how access was gained and close that path
      - title: Remove anything the attacker left behind
  - title: Recover
    items:
      - title: Restore affected systems from known-good state
      - title: Watch for signs of return for at least two weeks
        assignee: owner
  - title: Notify
    items:
      - title: Check legal and contractual deadlines for notification
        description: Some regulations count the deadline from when the incident was discovered.
        assignee: owner
        due: 1d
      - title: Inform affected customers and partners
# Updates go to a small group; remind the lead every two hours.
statusUpdates:
  enabled: true
  reminder: 2h
  template: |
    **Scope so far:**
    **Contained:** yes / no / partly
    **Next steps:**
# "once": a single reminder after the run finishes.
retrospective:
  enabled: true
  reminder: once
  template: |
    ## Summary

    ## How access was gained

    ## What was affected

    ## How we detected it, and how we could have detected it sooner

    ## Actions
metrics:
  - id: time-to-detect
    title: Time to detect
    description: From first malicious activity until the run was started.
    type: duration
  - id: time-to-contain
    title: Time to contain
    description: From the start of the run until the attacker no longer had access.
    type: duration
    target: 4h
  - id: systems-affected
    title: Systems affected
    type: integer
`;

export const BUILTIN_TEMPLATES: ReadonlyArray<BuiltinTemplate> = [
  { name: 'incident-response', title: 'Incident response', description: 'Stabilise, communicate, resolve and follow up on a production incident', yaml: INCIDENT_RESPONSE },
  { name: 'product-release', title: 'Product release', description: 'Freeze, verify, ship and announce a release', yaml: PRODUCT_RELEASE },
  { name: 'security-incident', title: 'Security incident', description: 'Triage, contain, eradicate, recover and notify after a security breach', yaml: SECURITY_INCIDENT },
];

export function builtinTemplate(name: string): BuiltinTemplate | undefined {
  return BUILTIN_TEMPLATES.find((template) => template.name === name);
}

/** The template's YAML, with the title replaced when one is given; comments and layout are kept. */
export function renderTemplate(name: string, title?: string): string {
  const template = builtinTemplate(name);
  if (!template) throw new Error(`no template "${name}"; templates: ${BUILTIN_TEMPLATES.map((entry) => entry.name).join(', ')}`);
  // Titles are one line in the schema: a pasted title with line breaks is joined, not refused.
  const wanted = title?.replace(/\s+/g, ' ').trim();
  if (!wanted || wanted === template.title) return template.yaml;
  const doc = parseDocument(template.yaml);
  doc.set('title', wanted);
  return doc.toString({ lineWidth: 0 });
}
