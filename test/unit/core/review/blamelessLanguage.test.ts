import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { BLAME_RULES, blameRuleId } from '../../../../src/core/review/blamePhrases';
import { BAD_IGNORE_COMMENT_RULE_ID, checkLanguage } from '../../../../src/core/review/blamelessLanguage';
import { DEFAULT_LANGUAGE_CONFIG, type LanguageConfig, type ReviewFinding } from '../../../../src/core/review/reviewTypes';
import { BUILTIN_TEMPLATES } from '../../../../src/core/templates/builtinTemplates';

function check(markdown: string, config: Partial<LanguageConfig> = {}, lineOffset = 0): ReviewFinding[] {
  return checkLanguage({ markdown, file: 'playbooks/runs/2026/12/db-outage/retrospective.md', lineOffset, config: { ...DEFAULT_LANGUAGE_CONFIG, ...config } });
}

const blame = (findings: ReviewFinding[]) => findings.filter((finding) => finding.ruleId.startsWith('blameless/'));
const where = (finding: ReviewFinding) => `${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} ${finding.ruleId}`;

describe('blameless language check', () => {
  describe('built-in blame and hindsight phrases', () => {
    const prefix = 'At 10:02 the responder noted that ';
    for (const rule of BLAME_RULES) {
      it(`finds every phrase of blameless/${rule.slug} at its exact position, with a message naming it and a suggestion`, () => {
        for (const phrase of rule.phrases) {
          const written = phrase.replace('*', 'Alice');
          const findings = blame(check(`## Why it happened\n\n${prefix}${written} the rollback step.\n`));
          assert.deepEqual(findings.map(where), [`3:${prefix.length + 1}-3:${prefix.length + 1 + written.length} ${blameRuleId(rule)}`], `phrase "${phrase}"`);
          const [finding] = findings;
          assert.ok(finding?.message.includes(`“${written}”`), finding?.message);
          assert.equal(finding?.suggestion, rule.suggestion);
          assert.equal(finding?.title, rule.title);
          assert.equal(finding?.file, 'playbooks/runs/2026/12/db-outage/retrospective.md');
          assert.equal(finding?.severity, 'warning');
        }
      });
    }

    it('matches whatever the case, the spaces, a line break or the apostrophe', () => {
      const findings = blame(check('The engineer SHOULD   HAVE seen it.\nThe on-call Should\nhave seen it. Why didnt we page?\nWhy didn’t we page? It was Human\n  Error.\n'));
      assert.deepEqual(findings.map(where), [
        '1:14-1:27 blameless/should-have',
        '2:13-3:5 blameless/should-have',
        '3:15-3:24 blameless/why-didnt',
        '4:1-4:11 blameless/why-didnt',
        '4:28-5:8 blameless/human-error',
      ]);
      assert.equal(findings[1]?.message.startsWith('“Should have”'), true, 'the line break reads as a space');
    });

    it('puts phrases on later lines of list items and quotes exactly where they are written', () => {
      const text = '- The first responder restarted the node and then\n  forgot to drain it. Why didn’t\n  anyone see it? It was human\n  error.\n\n> Paged twice, the engineer should\n> have\n> escalated; it was\\* human error.\n';
      assert.deepEqual(blame(check(text)).map(where), [
        '2:3-2:12 blameless/forgot-to',
        '2:23-2:33 blameless/why-didnt',
        '3:25-4:8 blameless/human-error',
        '6:29-7:7 blameless/should-have',
        '8:23-8:34 blameless/human-error',
      ]);
    });

    it('finds phrases in headings, list items, quotes, emphasis and link text', () => {
      const findings = blame(check('## Human error\n\n- Bob *forgot to* restart it\n\n> Why didn’t anyone look?\n\nSee [the careless change](https://example.com/pr/1).\n'));
      assert.deepEqual(findings.map((finding) => `${finding.line} ${finding.ruleId}`), ['1 blameless/human-error', '3 blameless/forgot-to', '5 blameless/why-didnt', '7 blameless/careless']);
    });

    it('leaves similar words and neutral uses alone', () => {
      const text = [
        'The shoulder of the graph rose at 10:02; a failed login storm followed and the deploy failed.',
        'We ran a blameless review. Look for the conditions that allowed it, not for a person to blame.',
        'How we could have detected it sooner: a synthetic check. The careful rollout helped.',
        'Human operators restarted the errored pods; forgotten caches were warmed. The fault was in the disk.',
        'We no longer write "human error" or “should have” in retrospectives.',
      ].join('\n\n');
      assert.deepEqual(blame(check(text)).map(where), []);
    });

    it('gives no blameless finding on the text of the built-in retrospective templates', () => {
      for (const template of BUILTIN_TEMPLATES) {
        const playbook = parse(template.yaml) as { retrospective?: { template?: string } };
        const markdown = playbook.retrospective?.template ?? '';
        assert.ok(markdown.length > 0, template.name);
        assert.deepEqual(blame(check(markdown)).map(where), [], template.name);
      }
    });
  });

  describe('what is not prose', () => {
    it('never checks code spans, code blocks, link URLs, autolinks or HTML comments', () => {
      const text = [
        'Run `git blame --should-have` then `echo "human error"`.',
        '```sh\n# the careless script that should have failed\nrm -rf /tmp/forgot-to\n```',
        '    indented code: he simply forgot to',
        'The [runbook](https://example.com/why-didnt/human_error "should have") and <https://example.com/blamed> and <mailto:careless@example.com>.',
        '<!-- he should have known; human error -->',
        '<div>obviously</div>',
      ].join('\n\n');
      assert.deepEqual(check(text).map(where), []);
    });
  });

  describe('inclusive wording (retext-equality)', () => {
    it('reports retext-equality findings with equality/ rule ids, the phrase and its suggestions', () => {
      const findings = check('The chairman approved it.\n\nThen he paged the team.\n');
      assert.deepEqual(findings.map(where), ['1:5-1:13 equality/chairman-chairwoman', '3:6-3:8 equality/he-she']);
      assert.ok(findings[0]?.message.includes('“chairman”'));
      assert.ok(findings[0]?.suggestion?.includes('“chair”'), findings[0]?.suggestion);
      assert.equal(findings[0]?.title, 'Inconsiderate wording');
    });

    it('reports a word both flag once, as the blameless rule worded for retrospectives', () => {
      const findings = check('We simply restarted it. Obviously the cache was cold.\n');
      assert.deepEqual(findings.map(where), ['1:4-1:10 blameless/simply', '1:25-1:34 blameless/obviously']);
    });
  });

  describe('ignore comments', () => {
    const text = (comment: string) => `The engineer should have paged.\n\n${comment}\nHe should have paged; it was human error.\n\nThey should have paged.\n`;

    it('silences the named rule in the next paragraph only', () => {
      assert.deepEqual(check(text('<!-- playbooks-review ignore blameless/should-have -->')).map((finding) => `${finding.line} ${finding.ruleId}`), [
        '1 blameless/should-have',
        '4 equality/he-she',
        '4 blameless/human-error',
        '6 blameless/should-have',
      ]);
    });

    it('silences several rules, equality rules too', () => {
      const findings = check(text('<!-- playbooks-review ignore blameless/should-have equality/he-she -->'));
      assert.deepEqual(findings.map((finding) => `${finding.line} ${finding.ruleId}`), ['1 blameless/should-have', '4 blameless/human-error', '6 blameless/should-have']);
    });

    it('silences every rule with a bare ignore', () => {
      const findings = check(text('<!-- playbooks-review ignore -->'));
      assert.deepEqual(findings.map((finding) => `${finding.line} ${finding.ruleId}`), ['1 blameless/should-have', '6 blameless/should-have']);
    });

    it('silences from disable to enable', () => {
      const findings = check('<!-- playbooks-review disable blameless/should-have -->\n\nWe should have paged.\n\nThey should have paged.\n\n<!-- playbooks-review enable blameless/should-have -->\n\nYou should have paged.\n');
      assert.deepEqual(findings.map((finding) => `${finding.line} ${finding.ruleId}`), ['9 blameless/should-have']);
    });

    it('reports a comment it cannot read, which silences nothing, instead of failing', () => {
      for (const comment of ['<!-- playbooks-review ignroe blameless/should-have -->', '<!-- playbooks-review -->', '<!-- playbooks-review ignore should have? -->']) {
        const findings = check(text(comment), {}, 2);
        assert.deepEqual(findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`), [
          '3:14 blameless/should-have',
          '5:1 blameless/ignore-comment',
          '6:1 equality/he-she',
          '6:4 blameless/should-have',
          '6:30 blameless/human-error',
          '8:6 blameless/should-have',
        ], comment);
        const bad = findings.find((finding) => finding.ruleId === BAD_IGNORE_COMMENT_RULE_ID);
        assert.ok(bad?.message.includes('silences nothing'), bad?.message);
      }
    });

    it('leaves other comments and other tools’ markers alone', () => {
      const findings = check('<!-- lint ignore -->\nWe should have paged.\n');
      assert.deepEqual(findings.map((finding) => finding.ruleId), ['blameless/should-have']);
    });
  });

  describe('configuration', () => {
    const text = 'The engineer should\nhave paged; it was human error and the chairman agreed.\n';

    it('reports nothing when turned off', () => {
      assert.deepEqual(check(text, { enabled: false }), []);
    });

    it('gives every finding the configured severity', () => {
      const findings = check(text, { severity: 'error' });
      assert.equal(findings.length, 3);
      assert.ok(findings.every((finding) => finding.severity === 'error'));
    });

    it('allows a phrase, whatever its case, spacing or line break', () => {
      assert.deepEqual(check(text, { allow: ['Should Have'] }).map((finding) => finding.ruleId), ['blameless/human-error', 'equality/chairman-chairwoman']);
      assert.deepEqual(check(text, { allow: ['chairman'] }).map((finding) => finding.ruleId), ['blameless/should-have', 'blameless/human-error']);
    });

    it('allows a rule id, or every rule of a family with /*', () => {
      assert.deepEqual(check(text, { allow: ['blameless/human-error', 'equality/chairman-chairwoman'] }).map((finding) => finding.ruleId), ['blameless/should-have']);
      assert.deepEqual(check(text, { allow: ['equality/*'] }).map((finding) => finding.ruleId), ['blameless/should-have', 'blameless/human-error']);
      assert.deepEqual(check(text, { allow: ['blameless/*'] }).map((finding) => finding.ruleId), ['equality/chairman-chairwoman']);
    });

    it('adds the repository’s phrases as blameless/custom, with their suggestion or a neutral default', () => {
      const findings = check('It was a rookie mistake by the\nnew hire, again.\n', {
        extraPhrases: [{ phrase: 'rookie  mistake', suggestion: 'Describe what the onboarding did not cover.' }, { phrase: 'new hire' }, { phrase: '   ' }],
      });
      // "mistake by" is a built-in phrase overlapping the custom one: both rules report.
      assert.deepEqual(findings.map(where), ['1:10-1:24 blameless/custom', '1:17-1:27 blameless/mistake-by', '2:1-2:9 blameless/custom']);
      assert.equal(findings[0]?.suggestion, 'Describe what the onboarding did not cover.');
      assert.ok(findings[0]?.message.includes('“rookie mistake”'));
      assert.ok((findings[2]?.suggestion ?? '').length > 0);
    });

    it('adds the body’s line offset (the front matter) to every line, never to columns', () => {
      const plain = check(text);
      const offset = check(text, {}, 7);
      assert.deepEqual(
        offset.map(where),
        plain.map((finding) => where({ ...finding, line: finding.line + 7, endLine: (finding.endLine ?? 0) + 7 })),
      );
      assert.deepEqual(offset.map(where)[0], '8:14-9:5 blameless/should-have');
    });
  });

  it('answers the same for a document checked again and after an edit (remembered sentences)', () => {
    const first = 'We should have paged.\n\nThe rollout was slow.\n';
    assert.deepEqual(check(first).map(where), check(first).map(where));
    const edited = 'We paged.\n\nThe rollout was slow; it was human error.\n';
    assert.deepEqual(check(edited).map(where), ['3:30-3:41 blameless/human-error']);
    assert.deepEqual(check(first).map(where), ['1:4-1:15 blameless/should-have']);
    // A sentence clean for the built-in phrases is searched again for the repository's own…
    assert.deepEqual(check(first, { extraPhrases: [{ phrase: 'rollout was slow' }] }).map(where), ['1:4-1:15 blameless/should-have', '3:5-3:21 blameless/custom']);
    // …and one whose finding was allowed is still reported once the allow list no longer has it.
    assert.deepEqual(check(first, { allow: ['should have'] }).map(where), []);
    assert.deepEqual(check(`${first}\n`).map(where), ['1:4-1:15 blameless/should-have']);
  });

});
