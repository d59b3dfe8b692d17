// A fingerprint of a whole folder tree (paths, modes and bytes, .git included): two equal hashes mean
// nothing under it was created, deleted or rewritten. No git involved (the untrusted tier forbids it).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function treeHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      const stat = fs.lstatSync(full);
      hash.update(`${path.relative(root, full)}\0${stat.mode}\0`);
      if (entry.isDirectory()) walk(full);
      else if (entry.isSymbolicLink()) hash.update(fs.readlinkSync(full));
      else hash.update(fs.readFileSync(full));
    }
  };
  walk(root);
  return hash.digest('hex');
}

/** Every file under `root` (but the top-level folders in `skip`) with the hash of its bytes. */
export function listFiles(root: string, skip: string[] = []): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (dir === root && skip.includes(entry.name)) continue;
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(root, full), createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
    }
  };
  walk(root);
  return files;
}

/** The files that differ between two listings (a readable failure). */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
