/** A playbook as a person would write it, with comments that tool edits must keep. */
export const SAMPLE_PLAYBOOK = `# Database incident playbook — reviewed by the SRE team.
apiVersion: git-playbooks/v1
kind: Playbook
title: Database incident
description: For primary database outages.
checklists:
  - title: Stabilise
    items:
      - title: Page the DBA on call # the rota is in PagerDuty
        assignee: owner
        due: 15m
      - title: Fail over to the replica
        due: 1h
  - title: Follow up
    items:
      - title: Write the customer note
statusUpdates:
  enabled: true
  reminder: 1h
  template: "Impact:"
retrospective:
  enabled: true
  reminder: 4h
  template: |
    ## Summary

    ## What went well
metrics:
  - title: Time to mitigate
    type: duration
    target: 1h
  - title: Tickets
    type: integer
    target: 10
  - title: Credits
    type: currency
    unit: USD
`;
