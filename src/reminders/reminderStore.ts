import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../core/files/atomicWrite';
import type { ReminderSlot } from '../core/runs/reminders';

export type { ReminderSlot };

interface StoreData {
  version: 1;
  /** `<kind>:<run>` → the latest reminder time some window has shown. */
  notified: Record<string, string>;
  /** Run id → when someone chose "Don't remind me for this run". */
  muted: Record<string, string>;
}

export interface ReminderStoreOptions {
  /** How long to wait for another window's lock before giving up this round. */
  lockTimeoutMs?: number;
  /** A lock older than this was left by a window that died. */
  staleLockMs?: number;
}

/** Another window held the lock too long; the caller tries again at its next check. */
export class ReminderStoreBusy extends Error {
  override readonly name = 'ReminderStoreBusy';
}

/**
 * What reminders were shown, shared by every window on one repository: a JSON file outside the
 * work tree (in the git directory, or the extension's global storage). Changes happen under a lock
 * file created exclusively, and the JSON is replaced by a rename, so two windows checking at the
 * same moment never both claim a reminder and a reader never sees half a file.
 */
export class ReminderStore {
  private readonly lockFile: string;
  private readonly lockTimeoutMs: number;
  private readonly staleLockMs: number;

  constructor(
    readonly file: string,
    options: ReminderStoreOptions = {},
  ) {
    this.lockFile = `${file}.lock`;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 3000;
    this.staleLockMs = options.staleLockMs ?? 10_000;
  }

  /** Runs muted with "Don't remind me for this run". Reads without the lock: the file is replaced whole. */
  async mutedRuns(): Promise<Set<string>> {
    return new Set(Object.keys((await this.read()).muted));
  }

  /**
   * Claims the slots no window has shown yet (check-then-claim under the lock) and returns them:
   * the caller shows exactly those. A slot is new when its time is later than the one recorded.
   */
  async claim(slots: readonly ReminderSlot[]): Promise<ReminderSlot[]> {
    if (slots.length === 0) return [];
    return this.update((data) => {
      const claimed: ReminderSlot[] = [];
      for (const slot of slots) {
        const key = `${slot.kind}:${slot.run}`;
        const previous = data.notified[key];
        if (previous !== undefined && Date.parse(previous) >= Date.parse(slot.at)) continue;
        data.notified[key] = slot.at;
        claimed.push(slot);
      }
      return claimed;
    });
  }

  async mute(run: string, at: Date): Promise<void> {
    await this.update((data) => {
      data.muted[run] = at.toISOString();
    });
  }

  private async read(): Promise<StoreData> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyData();
      throw error;
    }
    return parseData(text);
  }

  private async update<T>(change: (data: StoreData) => T): Promise<T> {
    await this.lock();
    try {
      const data = await this.read();
      const result = change(data);
      writeFileAtomic(this.file, `${JSON.stringify(data, null, 2)}\n`);
      return result;
    } finally {
      await fs.promises.rm(this.lockFile, { force: true });
    }
  }

  private async lock(): Promise<void> {
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    const deadline = Date.now() + this.lockTimeoutMs;
    for (;;) {
      try {
        const handle = await fs.promises.open(this.lockFile, 'wx');
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (await this.isStale()) {
        await fs.promises.rm(this.lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new ReminderStoreBusy(`reminder store ${this.file} is locked by another window`);
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
    }
  }

  private async isStale(): Promise<boolean> {
    try {
      return Date.now() - (await fs.promises.stat(this.lockFile)).mtimeMs > this.staleLockMs;
    } catch {
      return false;
    }
  }
}

function emptyData(): StoreData {
  return { version: 1, notified: {}, muted: {} };
}

/** A damaged or foreign file counts as empty: at worst a reminder is shown once more. */
function parseData(text: string): StoreData {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return emptyData();
  }
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return { version: 1, notified: stringRecord(record['notified']), muted: stringRecord(record['muted']) };
}

function stringRecord(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return result;
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string' && key !== '__proto__') result[key] = entry;
  return result;
}
