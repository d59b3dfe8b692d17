import * as fs from 'node:fs';
import * as path from 'node:path';

/** More links than this in one path is a loop (Linux gives up at 40 too). */
const MAX_LINKS = 40;

/**
 * Where a path really leads, whether it exists yet or not: the real path of its longest existing
 * prefix with the rest appended. A dangling symbolic link is followed to where it points, since a
 * write through it (mkdir, create) would land there.
 */
export function realPathOf(file: string): string {
  let current = path.resolve(file);
  const rest: string[] = [];
  for (let links = 0; links <= MAX_LINKS; ) {
    try {
      return path.join(fs.realpathSync.native(current), ...[...rest].reverse());
    } catch {
      const target = danglingLinkTarget(current);
      if (target !== undefined) {
        links += 1;
        current = path.resolve(path.dirname(current), target);
        continue;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      rest.push(path.basename(current));
      current = parent;
    }
  }
  return path.join(current, ...[...rest].reverse());
}

function danglingLinkTarget(file: string): string | undefined {
  try {
    return fs.lstatSync(file).isSymbolicLink() ? fs.readlinkSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** True when `target` is `base` or lies under it (both absolute). */
export function isSameOrInside(base: string, target: string): boolean {
  const relative = path.relative(base, target);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
