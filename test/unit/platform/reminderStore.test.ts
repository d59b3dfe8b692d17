import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReminderStore, ReminderStoreBusy, type ReminderSlot } from '../../../src/reminders/reminderStore';
import { tempDir } from '../../helpers/tempRepo';

const slot = (run: string, at: string, kind: ReminderSlot['kind'] = 'retrospective'): ReminderSlot => ({ kind, run, at });
const names = (slots: ReminderSlot[]): string[] => slots.map((entry) => `${entry.kind}:${entry.run}@${entry.at}`).sort();

describe('ReminderStore', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = tempDir('gp-reminders-');
    file = path.join(dir, 'git-playbooks', 'reminders.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('claims a reminder once, and again only for a later reminder of the same run', async () => {
    const store = new ReminderStore(file);
    assert.deepEqual(names(await store.claim([slot('a', '2026-01-01T10:00:00Z'), slot('a', '2026-01-01T10:00:00Z', 'status_update')])), [
      'retrospective:a@2026-01-01T10:00:00Z',
      'status_update:a@2026-01-01T10:00:00Z',
    ]);
    assert.deepEqual(await store.claim([slot('a', '2026-01-01T10:00:00Z')]), []);
    assert.deepEqual(await store.claim([slot('a', '2026-01-01T06:00:00Z')]), [], 'an earlier reminder is not new');
    assert.deepEqual(names(await store.claim([slot('a', '2026-01-01T14:00:00Z'), slot('b', '2026-01-01T10:00:00Z')])), [
      'retrospective:a@2026-01-01T14:00:00Z',
      'retrospective:b@2026-01-01T10:00:00Z',
    ]);
    // Another window (another instance on the same file) sees the same record.
    assert.deepEqual(await new ReminderStore(file).claim([slot('b', '2026-01-01T10:00:00Z')]), []);
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).notified, {
      'retrospective:a': '2026-01-01T14:00:00Z',
      'status_update:a': '2026-01-01T10:00:00Z',
      'retrospective:b': '2026-01-01T10:00:00Z',
    });
  });

  it('remembers muted runs across instances, and keeps no lock or temporary file behind', async () => {
    assert.deepEqual([...(await new ReminderStore(file).mutedRuns())], [], 'no file yet');
    await new ReminderStore(file).mute('noisy-run', new Date('2026-01-02T00:00:00Z'));
    assert.deepEqual([...(await new ReminderStore(file).mutedRuns())], ['noisy-run']);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['reminders.json']);
  });

  it('treats a damaged file as empty and repairs it on the next claim', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"notified": {"retrospective:a": 5}, "muted": [');
    const store = new ReminderStore(file);
    assert.deepEqual([...(await store.mutedRuns())], []);
    assert.equal((await store.claim([slot('a', '2026-01-01T10:00:00Z')])).length, 1);
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { version: 1, notified: { 'retrospective:a': '2026-01-01T10:00:00Z' }, muted: {} });
  });

  it('gives up while another window holds the lock, and takes over a lock left by a dead one', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.lock`, '12345\n');
    await assert.rejects(new ReminderStore(file, { lockTimeoutMs: 100 }).claim([slot('a', '2026-01-01T10:00:00Z')]), ReminderStoreBusy);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.lock`, old, old);
    assert.equal((await new ReminderStore(file, { lockTimeoutMs: 100 }).claim([slot('a', '2026-01-01T10:00:00Z')])).length, 1);
    assert.ok(!fs.existsSync(`${file}.lock`));
  });
});
