import type { LanguageConfig, ReviewFinding } from './reviewTypes';

export interface LanguageCheckInput {
  /** The retrospective's Markdown body (front matter excluded). */
  markdown: string;
  /** Repository-relative path of the file, for the findings. */
  file: string;
  /** Lines before the body in the file (the front matter), added to every finding's line. */
  lineOffset: number;
  config: LanguageConfig;
}

/** Blame, hindsight and exclusive wording in a retrospective (placeholder: being built on its own branch). */
export function checkLanguage(input: LanguageCheckInput): ReviewFinding[] {
  void input;
  return [];
}
