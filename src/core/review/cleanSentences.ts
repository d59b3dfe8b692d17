import type { Paragraph, Root as NlcstRoot, Sentence } from 'nlcst';
import { toString as nlcstText } from 'nlcst-to-string';

/**
 * Remembers sentences a search found nothing in, by their text, so that the next check of the same
 * document (the Problems panel checks on every keystroke) searches only the sentences that changed
 * or had findings. A search's result depends only on the sentence: phrases never cross sentences.
 */
export class CleanSentences {
  private readonly clean = new Set<string>();

  constructor(private readonly limit = 50_000) {}

  /** The sentences of `tree` to search: those not known to be clean, with their text. */
  toSearch(tree: NlcstRoot): Map<Sentence, string> {
    const result = new Map<Sentence, string>();
    for (const paragraph of tree.children) {
      if (paragraph.type !== 'ParagraphNode') continue;
      for (const sentence of paragraph.children) {
        if (sentence.type !== 'SentenceNode') continue;
        // The node count too: the same text can be tokenized two ways ("to." one word or two nodes).
        const text = `${sentence.children.length}:${nlcstText(sentence)}`;
        if (!this.clean.has(text)) result.set(sentence, text);
      }
    }
    return result;
  }

  /** After the search: the searched sentences without a finding are clean. */
  record(searched: ReadonlyMap<Sentence, string>, withFindings: ReadonlySet<unknown>): void {
    if (this.clean.size > this.limit) this.clean.clear();
    for (const [sentence, text] of searched) if (!withFindings.has(sentence)) this.clean.add(text);
  }
}

/**
 * The sentences as one paragraph of one root. retext-equality and nlcst-search index their whole
 * phrase list for each paragraph (each call) they search; one paragraph means one index.
 */
export function asOneParagraph(sentences: Iterable<Sentence>): NlcstRoot {
  const children: Paragraph['children'] = [...sentences];
  return { type: 'RootNode', children: [{ type: 'ParagraphNode', children }] };
}
