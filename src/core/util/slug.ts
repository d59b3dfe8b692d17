/** Slugs name files and folders, so they are the first line of defence against path traversal. */
export const SLUG_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$';
const SLUG = new RegExp(SLUG_PATTERN);

export function isSlug(text: string): boolean {
  return SLUG.test(text);
}

/** Turns a title into a slug: lower case ASCII letters, digits and single hyphens, at most 80 characters. */
export function slugify(title: string, fallback = 'untitled'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug === '' ? fallback : slug;
}

/** Returns `base`, or `base-2`, `base-3`… — the first one `taken` says is free. */
export function uniqueSlug(base: string, taken: (candidate: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Refuses names that would escape their folder; the message is for a person typing a command. */
export function assertSlug(kind: string, text: string): string {
  if (!isSlug(text)) {
    throw new InvalidNameError(
      `${kind} ${JSON.stringify(text)} is not a valid name: use lower-case letters, digits and hyphens (e.g. "db-outage"); ` +
        'slashes, dots and "../" are not allowed.',
    );
  }
  return text;
}

export class InvalidNameError extends Error {
  override readonly name = 'InvalidNameError';
}
