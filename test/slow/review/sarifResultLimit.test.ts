import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { SARIF_RESULTS_PER_RUN, sarifReport } from '../../../src/core/review/sarifReport';
import { findings, reviewResult } from '../../helpers/reviewFixtures';

interface LimitView {
  runs: Array<{ results: Array<{ level: string }>; invocations?: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }> }>;
}

const SCHEMA_FILE = path.join(__dirname, '../../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// A 25,000-result log takes seconds to build and parse: too slow for the unit tier.
describe('review --format sarif on a very large review', () => {
  it("stays within GitHub code scanning's 25,000 results per run, errors kept first, and says how many were left out", () => {
    const many = [...findings(SARIF_RESULTS_PER_RUN, 'warning'), ...findings(3, 'error')];
    const log = JSON.parse(sarifReport(reviewResult({ findings: many }), { name: 'git-playbooks', version: '0.1.0' })) as LimitView;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const run = log.runs[0];
    assert.equal(run?.results.length, 25_000);
    assert.deepEqual(run?.results.slice(0, 4).map((result) => result.level), ['error', 'error', 'error', 'warning']);
    assert.equal(run?.invocations?.[0]?.toolExecutionNotifications[0]?.message.text, '3 findings left out: GitHub code scanning accepts at most 25000 results per run.');
  });
});
