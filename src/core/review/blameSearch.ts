import type { Root as NlcstRoot, Sentence, SentenceContent } from 'nlcst';
import { search } from 'nlcst-search';
import { toString as nlcstText } from 'nlcst-to-string';
import type { Position } from 'unist';
import type { VFile } from 'vfile';

/** A message of a VFile (the vfile-message package is only vfile's dependency, not ours). */
export type FileMessage = VFile['messages'][number];
import { BLAME_RULES, CUSTOM_RULE_ID, blameRuleId } from './blamePhrases';

/** Source of every message the language check makes (and the name of its ignore comments). */
export const REVIEW_SOURCE = 'playbooks-review';

/** What a blame match carries from the search to the finding. */
export interface PhraseRule {
  ruleId: string;
  title: string;
  suggestion: string;
  /** The phrase as listed, for the allow list ("should have" silences "Should\nhave"). */
  phrase: string;
}

const CUSTOM_TITLE = 'Phrase to avoid';
const CUSTOM_SUGGESTION = 'Describe the conditions and the decisions in neutral words.';

/** Built-in and the repository's own phrases, by phrase as nlcst-search reports it. */
export function phraseRules(extraPhrases: ReadonlyArray<{ phrase: string; suggestion?: string }>): Map<string, PhraseRule> {
  const rules = new Map<string, PhraseRule>();
  for (const rule of BLAME_RULES) {
    for (const phrase of rule.phrases) rules.set(phrase, { ruleId: blameRuleId(rule), title: rule.title, suggestion: rule.suggestion, phrase });
  }
  for (const extra of extraPhrases) {
    // nlcst-search splits on single spaces: "forgot  to" would look for an empty word.
    const phrase = extra.phrase.trim().split(/\s+/).join(' ');
    if (phrase === '' || rules.has(phrase)) continue;
    rules.set(phrase, { ruleId: CUSTOM_RULE_ID, title: CUSTOM_TITLE, suggestion: extra.suggestion?.trim() || CUSTOM_SUGGESTION, phrase });
  }
  return rules;
}

const OPENING_QUOTES = new Set(['"', "'", '“', '‘', '«', '‹', '„']);
const CLOSING_QUOTES = new Set(['"', "'", '”', '’', '»', '›', '“']);

/**
 * A phrase in quotes is mentioned, not used (`we stopped writing "human error"`). nlcst-search already
 * skips quoted single words; this covers phrases of several words.
 */
function isQuoted(siblings: readonly SentenceContent[], start: number, length: number): boolean {
  const before = siblings[start - 1];
  const after = siblings[start + length];
  return before !== undefined && after !== undefined && OPENING_QUOTES.has(nlcstText(before)) && CLOSING_QUOTES.has(nlcstText(after));
}

/** Where a run of nodes lies in the Markdown (1-based, end exclusive as in unist). */
function spanOf(nodes: readonly SentenceContent[]): Position | undefined {
  const start = nodes[0]?.position?.start;
  const end = nodes[nodes.length - 1]?.position?.end;
  return start && end ? { start, end } : undefined;
}

/**
 * Adds a message to `file` for each blame or hindsight phrase in the prose of `tree`, and returns
 * what each message needs to become a finding. `tree` holds the sentences to search (the others are
 * known to have none: cleanSentences.ts).
 */
export function findBlamePhrases(tree: NlcstRoot, file: VFile, rules: ReadonlyMap<string, PhraseRule>): { found: Map<FileMessage, PhraseRule>; sentences: Set<NlcstRoot | Sentence> } {
  const found = new Map<FileMessage, PhraseRule>();
  const sentences = new Set<NlcstRoot | Sentence>();
  const seen = new Set<string>();
  search(tree, [...rules.keys()], (nodes: SentenceContent[], index: number, parent: NlcstRoot | Sentence, phrase: string) => {
    const rule = rules.get(phrase);
    const place = spanOf(nodes);
    if (!rule || !place || isQuoted(parent.children as SentenceContent[], index, nodes.length)) return;
    sentences.add(parent);
    // Two phrases of one rule may match the same words (a wildcard phrase and a plain one).
    const key = `${rule.ruleId}@${place.start.offset ?? `${place.start.line}:${place.start.column}`}`;
    if (seen.has(key)) return;
    seen.add(key);
    const phraseText = nlcstText(nodes);
    const message = file.message(`“${phraseText}”`, { place, ruleId: rule.ruleId, source: REVIEW_SOURCE });
    message.actual = phraseText;
    found.set(message, rule);
  });
  return { found, sentences };
}
