import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ReminderStore, type ReminderSlot } from '../../../src/reminders/reminderStore';
import { tempDir } from '../../helpers/tempRepo';

// Windows racing for the same reminders: in one process, and in three Node processes. The rest of the
// ReminderStore tests are in test/unit/platform/reminderStore.test.ts.
const slot = (run: string, at: string): ReminderSlot => ({ kind: 'retrospective', run, at });
const names = (slots: ReminderSlot[]): string[] => slots.map((entry) => `${entry.kind}:${entry.run}@${entry.at}`).sort();

describe('ReminderStore under concurrency', () => {
  let file: string;

  beforeEach(() => {
    file = path.join(tempDir('gp-reminders-'), 'git-playbooks', 'reminders.json');
  });

  it('never lets two windows racing in one process claim the same reminder', async () => {
    const first = new ReminderStore(file);
    const second = new ReminderStore(file);
    for (let round = 0; round < 20; round += 1) {
      const at = new Date(Date.UTC(2026, 0, 1, round)).toISOString();
      const slots = ['a', 'b', 'c'].map((run) => slot(run, at));
      const [mine, theirs] = await Promise.all([first.claim(slots), second.claim(slots)]);
      assert.deepEqual(names([...mine, ...theirs]), names(slots), `round ${round}: every reminder is claimed exactly once`);
    }
  });

  it('never lets windows in separate processes claim the same reminder', async function () {
    this.timeout(60_000);
    const tsx = require.resolve('tsx/cjs');
    const store = path.resolve(__dirname, '../../../src/reminders/reminderStore.ts');
    const script = `
      const { ReminderStore } = require(${JSON.stringify(store)});
      const [file, startAt] = [process.argv[1], Number(process.argv[2])];
      (async () => {
        // Start together, whatever each process's start-up time, so they really contend.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
        const claimed = [];
        for (let round = 0; round < 40; round += 1) {
          const at = new Date(Date.UTC(2026, 0, 1, round)).toISOString();
          const slots = ['a', 'b'].map((run) => ({ kind: 'retrospective', run, at }));
          for (const entry of await new ReminderStore(file, { lockTimeoutMs: 20000 }).claim(slots)) claimed.push(entry.run + '@' + entry.at);
        }
        process.stdout.write(JSON.stringify(claimed));
      })().catch((error) => { console.error(error); process.exit(1); });`;
    const run = promisify(execFile);
    const startAt = String(Date.now() + 3000);
    const outputs = await Promise.all([1, 2, 3].map(() => run(process.execPath, ['-r', tsx, '-e', script, file, startAt])));
    const all = outputs.flatMap((output) => JSON.parse(output.stdout) as string[]);
    assert.equal(new Set(all).size, 80, 'every reminder is claimed');
    assert.equal(all.length, 80, 'by exactly one process');
  });
});
