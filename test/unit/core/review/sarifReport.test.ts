import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { artifactUri, FINGERPRINT_KEY, sarifReport } from '../../../../src/core/review/sarifReport';
import type { ReviewResult } from '../../../../src/core/review/reviewTypes';
import { finding, reviewResult } from '../../../helpers/reviewFixtures';

// The official SARIF 2.1.0 schema (draft-04), as shipped by @microsoft/jest-sarif.
const SCHEMA_FILE = path.join(__dirname, '../../../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// The schema's language pattern is not a valid /u expression (a stray `]`): compile patterns without /u.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
const TOOL = { name: 'git-playbooks', version: '0.1.0', informationUri: 'https://github.com/git-playbooks/git-playbooks' };

function assertValid(log: unknown): void {
  const valid = validateSarif(log);
  assert.ok(valid, JSON.stringify(validateSarif.errors, null, 2));
}

interface SarifResultView {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }>;
  partialFingerprints: Record<string, string>;
}
interface SarifView {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri?: string; rules: Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }> } };
    originalUriBaseIds: Record<string, unknown>;
    invocations?: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }>;
    results: SarifResultView[];
  }>;
}

const sarif = (result: ReviewResult): SarifView => JSON.parse(sarifReport(result, TOOL)) as SarifView;
const onlyRun = (log: SarifView): SarifView['runs'][number] => {
  assert.equal(log.runs.length, 1);
  return log.runs[0] as SarifView['runs'][number];
};

const TYPICAL = reviewResult({
  findings: [
    finding({ severity: 'warning', line: 20, column: 3, endLine: 20, endColumn: 14 }),
    finding({ severity: 'error', ruleId: 'template/section-unfilled', title: 'Template section not filled', message: 'The Impact section still holds the template text.', suggestion: undefined, line: 8, column: 1, endLine: 10, endColumn: 1 }),
    finding({ severity: 'notice', ruleId: 'equality/he-she', title: 'Gendered wording', message: '"he" may be exclusive.', line: 30, column: 9 }),
    finding({ severity: 'warning', line: 40, column: 1 }),
  ],
});

describe('review --format sarif', () => {
  it('validates against the official SARIF 2.1.0 schema: an empty result and a typical one', () => {
    assertValid(sarif(reviewResult()));
    assertValid(sarif(TYPICAL));
    const empty = sarif(reviewResult());
    assert.equal(empty.version, '2.1.0');
    assert.match(empty.$schema, /sarif-schema-2\.1\.0\.json$/);
    assert.deepEqual(onlyRun(empty).results, []);
    assert.deepEqual(onlyRun(empty).tool.driver.rules, []);
  });

  it('the validator really runs: a log broken in several ways is rejected', () => {
    const log = sarif(TYPICAL);
    const broken = (change: (copy: SarifView & Record<string, unknown>) => void): boolean => {
      const copy = structuredClone(log) as SarifView & Record<string, unknown>;
      change(copy);
      return validateSarif(copy);
    };
    assert.equal(broken((copy) => { copy.version = '2.0.0'; }), false);
    assert.equal(broken((copy) => { (onlyRun(copy).results[0] as unknown as Record<string, unknown>)['level'] = 'fatal'; }), false);
    assert.equal(broken((copy) => { (onlyRun(copy).results[0] as SarifResultView).locations[0]!.physicalLocation.region['startLine'] = 0; }), false);
    assert.equal(broken((copy) => { (onlyRun(copy).results[0] as SarifResultView).locations[0]!.physicalLocation.artifactLocation.uri = 'has space/and#hash%zz'; }), false);
    assert.equal(broken((copy) => { copy['extra'] = true; }), false);
  });

  it('names the tool and declares one rule per rule id used, with its title and most severe level; results point at their rule', () => {
    const run = onlyRun(sarif(TYPICAL));
    assert.deepEqual(run.tool.driver.name, 'git-playbooks');
    assert.deepEqual(run.tool.driver.version, '0.1.0');
    assert.equal(run.tool.driver.informationUri, TOOL.informationUri);
    assert.deepEqual(
      run.tool.driver.rules.map((rule) => [rule.id, rule.shortDescription.text, rule.defaultConfiguration.level]),
      [
        ['template/section-unfilled', 'Template section not filled', 'error'],
        ['blameless/human-error', 'Blame phrasing', 'warning'],
        ['equality/he-she', 'Gendered wording', 'note'],
      ],
    );
    for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, result.ruleId);
    assert.deepEqual(run.results.map((result) => result.level), ['error', 'warning', 'warning', 'note']);
    assert.deepEqual(run.originalUriBaseIds['%SRCROOT%'], { description: { text: "The repository's top-level folder." } });
  });

  it('puts the suggestion in the message and the range in the region', () => {
    const [error, warning, , notice] = onlyRun(sarif(TYPICAL)).results;
    assert.equal(warning?.message.text, `${finding().message}\nSuggestion: ${finding().suggestion ?? ''}`);
    assert.equal(error?.message.text, 'The Impact section still holds the template text.');
    assert.deepEqual(error?.locations[0]?.physicalLocation.region, { startLine: 8, startColumn: 1, endLine: 10, endColumn: 1 });
    assert.deepEqual(warning?.locations[0]?.physicalLocation.region, { startLine: 20, startColumn: 3, endLine: 20, endColumn: 14 });
    assert.deepEqual(notice?.locations[0]?.physicalLocation.region, { startLine: 30, startColumn: 9 });
    assert.deepEqual(notice?.locations[0]?.physicalLocation.artifactLocation, { uri: 'playbook-runs/2026/db-outage/retrospective.md', uriBaseId: '%SRCROOT%' });
  });

  it('percent-encodes awkward paths (spaces, #, %, ?, unicode, backslashes) as relative URI references that still validate', () => {
    const awkward = ['runs/my run #1/100% done?.md', 'runs/ünïcödé/日本語 🚒.md', '.\\runs\\windows style.md', 'runs/lone \uD800 surrogate.md'];
    const log = sarif(reviewResult({ findings: awkward.map((file) => finding({ file })) }));
    assertValid(log);
    const uris = onlyRun(log).results.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri);
    assert.deepEqual(uris, [
      'runs/my%20run%20%231/100%25%20done%3F.md',
      'runs/%C3%BCn%C3%AFc%C3%B6d%C3%A9/%E6%97%A5%E6%9C%AC%E8%AA%9E%20%F0%9F%9A%92.md',
      'runs/windows%20style.md',
      'runs/lone%20%EF%BF%BD%20surrogate.md',
    ]);
    assert.equal(decodeURIComponent(uris[1] ?? ''), 'runs/ünïcödé/日本語 🚒.md');
    assert.equal(artifactUri('/runs/a.md'), 'runs/a.md');
  });

  it('fingerprints by rule, file and message: a finding that moves keeps its fingerprint, twins in one file differ', () => {
    const fingerprintsOf = (result: ReviewResult): string[] => onlyRun(sarif(result)).results.map((r) => r.partialFingerprints[FINGERPRINT_KEY] ?? '');
    const [before] = fingerprintsOf(reviewResult({ findings: [finding({ line: 12 })] }));
    const [after] = fingerprintsOf(reviewResult({ findings: [finding({ line: 40, column: 1 })] }));
    assert.match(before ?? '', /^[0-9a-f]{64}:1$/);
    assert.equal(after, before);
    const twins = fingerprintsOf(reviewResult({ findings: [finding({ line: 3 }), finding({ line: 9 })] }));
    assert.equal(new Set(twins).size, 2);
    const otherFile = fingerprintsOf(reviewResult({ findings: [finding({ file: 'runs/other.md' })] }));
    assert.notEqual(otherFile[0], before);
  });
});
