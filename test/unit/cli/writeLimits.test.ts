import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliOk } from '../../helpers/cli';
import { assertRefused, repoWithRun } from '../../helpers/runFixture';
import { readFile } from '../../helpers/tempRepo';

/** Values a file cannot hold (past the read limit, not in the calendar, not exact as a number) are refused. */
describe('CLI refuses values past what a file can hold exactly', function () {
  this.timeout(60_000);

  it('refuses metric values that cannot be stored exactly, naming the limit', async () => {
    const { root, runId, env } = await repoWithRun();
    const retro = `playbooks/runs/${runId}/retrospective.md`;
    const before = readFile(root, retro);
    assertRefused(await cli(root, ['retro', 'metric', runId, 'credits', '99999999999999999999.99'], env), /^error: Credits: "99999999999999999999\.99" has more than 15 digits; larger or more precise amounts cannot be stored exactly$/);
    assertRefused(await cli(root, ['retro', 'metric', runId, 'time-to-mitigate', '999999999w'], env), /^error: Time to mitigate: "999999999w" is longer than 104249991d 8h 59m, the longest duration that can be stored$/);
    assertRefused(await cli(root, ['retro', 'metric', runId, 'time-to-mitigate', 'PT9007199254741S'], env), /the longest duration that can be stored/);
    assertRefused(await cli(root, ['retro', 'metric', runId, 'tickets', '9007199254740993'], env), /^error: Tickets: "9007199254740993" is larger than 9007199254740991, the largest whole number that can be stored exactly$/);
    assert.equal(readFile(root, retro), before);
    await cliOk(root, ['retro', 'metric', runId, 'credits', '999999999999.99'], env);
    assert.match(readFile(root, retro), /credits: 999999999999\.99/);
    await cliOk(root, ['retro', 'metric', runId, 'time-to-mitigate', '104249991d'], env);
    assert.match((await cliOk(root, ['validate'], env)).stderr, /No problems\./);
  });
});
