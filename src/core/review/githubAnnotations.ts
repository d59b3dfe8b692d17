import type { ReviewResult } from './reviewTypes';

/** Placeholder: being built on its own branch. */
export function githubAnnotations(result: ReviewResult): string {
  void result;
  throw new Error('not built yet');
}
