/** Where the entries of a list are after an add, remove or move: UI state keyed by path follows them. */

export type Position = (old: number) => number | undefined;

export const afterMove = (from: number, to: number): Position => (index) => {
  if (index === from) return to;
  if (from < to) return index > from && index <= to ? index - 1 : index;
  return index >= to && index < from ? index + 1 : index;
};

export const afterRemove = (removed: number): Position => (index) => (index === removed ? undefined : index > removed ? index - 1 : index);

export const afterInsert = (at: number): Position => (index) => (index >= at ? index + 1 : index);

/** Re-points keys like `checklists.2.items.0` under `list` (`checklists`) to their entries' new indexes. */
export function remapKeys(keys: Set<string>, list: string, position: Position): void {
  const prefix = `${list}.`;
  const next = [...keys].map((key) => {
    if (!key.startsWith(prefix)) return key;
    const [head = '', ...rest] = key.slice(prefix.length).split('.');
    const index = Number(head);
    if (head === '' || !Number.isInteger(index)) return key;
    const moved = position(index);
    return moved === undefined ? undefined : [list, moved, ...rest].join('.');
  });
  keys.clear();
  for (const key of next) if (key !== undefined) keys.add(key);
}
