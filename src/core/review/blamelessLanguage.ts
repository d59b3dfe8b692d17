import type { Link, Root as MdastRoot, RootContent } from 'mdast';
import type { Root as NlcstRoot } from 'nlcst';
import { ParseEnglish } from 'parse-english';
import remarkParse from 'remark-parse';
import remarkRetext from 'remark-retext';
import retextEquality from 'retext-equality';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { REVIEW_SOURCE, findBlamePhrases, phraseRules, type FileMessage, type PhraseRule } from './blameSearch';
import { CleanSentences, asOneParagraph } from './cleanSentences';
import { applyIgnoreComments } from './ignoreComments';
import { SourcePlaces } from './sourcePlaces';
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

export const EQUALITY_RULE_PREFIX = 'equality/';
/** A `playbooks-review` comment that is not `ignore`, `disable` or `enable`. */
export const BAD_IGNORE_COMMENT_RULE_ID = 'blameless/ignore-comment';

const SENTENCE_OF_TITLE: Record<string, (phrase: string) => string> = {
  'Blame phrasing': (phrase) => `“${phrase}” points at a person rather than at the conditions that allowed what happened.`,
  'Hindsight phrasing': (phrase) => `“${phrase}” judges the past with what is known only now.`,
  'Minimizing phrasing': (phrase) => `“${phrase}” makes the work sound easier than it was at the time.`,
  'Phrase to avoid': (phrase) => `“${phrase}” is on this repository's list of phrases to avoid in retrospectives.`,
};

/**
 * The processors, built once (the Problems panel calls this on every keystroke). Sync throughout:
 * remark-retext's bridge to a retext processor is async only, so it is used in its mutate mode
 * with English's parser, and retext-equality runs on the tree that returns.
 */
let processors: ReturnType<typeof buildProcessors> | undefined;
function buildProcessors() {
  const markdown = unified().use(remarkParse).freeze();
  // Code (inline and fenced) never reaches the prose: remark-retext makes inline code a SourceNode
  // and leaves out nodes without text (code blocks, HTML, link URLs).
  const prose = unified().use(remarkRetext, ParseEnglish).freeze();
  const equality = unified().use(retextEquality).freeze();
  return { markdown, prose, equality };
}

/** Sentences known to hold no finding: one memory for retext-equality, one per list of blame phrases. */
const equalityClean = new CleanSentences();
const blameClean = new Map<string, CleanSentences>();
function blameCleanFor(rules: ReadonlyMap<string, PhraseRule>): CleanSentences {
  const signature = [...rules.keys()].join('\n');
  let clean = blameClean.get(signature);
  if (!clean) {
    if (blameClean.size >= 8) blameClean.clear();
    clean = new CleanSentences();
    blameClean.set(signature, clean);
  }
  return clean;
}

/** retext-equality's findings, renamed into our rule ids (`equality/<its id>`). */
function checkEquality(equality: ReturnType<typeof buildProcessors>['equality'], tree: NlcstRoot, vfile: VFile): void {
  const searched = equalityClean.toSearch(tree);
  const before = vfile.messages.length;
  equality.runSync(asOneParagraph(searched.keys()), vfile);
  const withFindings = new Set<unknown>();
  for (const message of vfile.messages.slice(before)) {
    withFindings.add(message.ancestors?.[0]);
    message.ruleId = `${EQUALITY_RULE_PREFIX}${message.ruleId ?? 'unknown'}`;
    message.source = REVIEW_SOURCE;
  }
  equalityClean.record(searched, withFindings);
}

function checkBlame(tree: NlcstRoot, vfile: VFile, rules: ReadonlyMap<string, PhraseRule>): Map<FileMessage, PhraseRule> {
  const clean = blameCleanFor(rules);
  const searched = clean.toSearch(tree);
  const { found, sentences } = findBlamePhrases(asOneParagraph(searched.keys()), vfile, rules);
  clean.record(searched, sentences);
  return found;
}

/** `<https://example.com/blame>` shows its URL as text: treat it as code, like the URL of a link. */
function hideAutolinks(node: MdastRoot | RootContent): void {
  if (!('children' in node)) return;
  node.children.forEach((child, index) => {
    if (child.type === 'link' && isAutolink(child)) {
      node.children[index] = { type: 'inlineCode', value: child.url, position: child.position };
    } else {
      hideAutolinks(child);
    }
  });
}

function isAutolink(link: Link): boolean {
  const only = link.children.length === 1 ? link.children[0] : undefined;
  return only?.type === 'text' && (only.value === link.url || `mailto:${only.value}` === link.url);
}

function spanOffsets(message: FileMessage): [number, number] {
  const place = message.place && 'start' in message.place ? message.place : undefined;
  return [place?.start.offset ?? -1, place?.end.offset ?? -1];
}

function overlapsAny([start, end]: [number, number], spans: ReadonlyArray<[number, number]>): boolean {
  return start >= 0 && spans.some(([otherStart, otherEnd]) => start < otherEnd && otherStart < end);
}

/** "Should\nhave" and "should have", "didn't" and "didnt" are the same phrase for the allow list. */
function normalizedPhrase(text: string): string {
  return text.toLowerCase().replace(/[’'‘]/g, '').replace(/\s+/g, ' ').trim();
}

function isAllowed(ruleId: string, phrases: readonly string[], allow: readonly string[]): boolean {
  const normalized = phrases.map(normalizedPhrase);
  return allow.some((entry) => {
    const wanted = entry.trim();
    if (wanted === ruleId || (wanted.endsWith('/*') && ruleId.startsWith(wanted.slice(0, -1)))) return true;
    return normalized.includes(normalizedPhrase(wanted));
  });
}

function equalityFinding(message: FileMessage): Omit<ReviewFinding, 'file' | 'severity' | 'line' | 'column'> {
  const phrase = (message.actual ?? '').replace(/\s+/g, ' ');
  const note = message.note ? ` ${message.note.replace(/\s*\(source: [^)]*\)\s*$/, '').trim()}` : '';
  const expected = message.expected ?? [];
  return {
    ruleId: message.ruleId ?? `${EQUALITY_RULE_PREFIX}unknown`,
    title: 'Inconsiderate wording',
    message: `“${phrase}” may be insensitive or inconsiderate wording.${note}`,
    suggestion: expected.length > 0 ? `Consider ${expected.map((word) => `“${word}”`).join(', ')}.` : 'Leave it out or choose other wording.',
  };
}

function blameFinding(message: FileMessage, rule: PhraseRule): Omit<ReviewFinding, 'file' | 'severity' | 'line' | 'column'> {
  const phrase = (message.actual ?? rule.phrase).replace(/\s+/g, ' ');
  const sentence = SENTENCE_OF_TITLE[rule.title] ?? SENTENCE_OF_TITLE['Phrase to avoid']!;
  return { ruleId: rule.ruleId, title: rule.title, message: sentence(phrase), suggestion: rule.suggestion };
}

/** The last check, for the Problems panel asking again about an unchanged document. */
let last: { key: string; findings: ReviewFinding[] } | undefined;

/** Blame, hindsight and exclusive wording in a retrospective (docs/review.md, "Blameless language"). */
export function checkLanguage(input: LanguageCheckInput): ReviewFinding[] {
  if (!input.config.enabled) return [];
  const key = JSON.stringify([input.markdown, input.file, input.lineOffset, input.config]);
  if (last?.key !== key) last = { key, findings: findLanguageProblems(input) };
  return last.findings.map((finding) => ({ ...finding }));
}

function findLanguageProblems(input: LanguageCheckInput): ReviewFinding[] {
  const { config } = input;
  processors ??= buildProcessors();
  const vfile = new VFile({ value: input.markdown });
  const mdast = processors.markdown.parse(vfile);
  hideAutolinks(mdast);
  const nlcst = processors.prose.runSync(mdast, vfile) as unknown as NlcstRoot;
  checkEquality(processors.equality, nlcst, vfile);
  const blameRules = checkBlame(nlcst, vfile, phraseRules(config.extraPhrases));
  const places = new SourcePlaces(input.markdown);
  for (const message of vfile.messages) places.relocate(message);
  const badComments = applyIgnoreComments(mdast, vfile);

  // retext-equality also flags "simply", "obviously"…: our finding, worded for retrospectives, wins.
  const blameSpans = [...blameRules.keys()].map((message) => spanOffsets(message));
  const findings: ReviewFinding[] = [];
  const at = (line: number, column: number) => ({ file: input.file, severity: config.severity, line: line + input.lineOffset, column });
  for (const message of vfile.messages) {
    const start = message.place && 'start' in message.place ? message.place.start : undefined;
    const end = message.place && 'end' in message.place ? message.place.end : undefined;
    if (message.source !== REVIEW_SOURCE || !start || !end) continue;
    const rule = blameRules.get(message);
    if (!rule && overlapsAny(spanOffsets(message), blameSpans)) continue;
    const details = rule ? blameFinding(message, rule) : equalityFinding(message);
    if (isAllowed(details.ruleId, [message.actual ?? '', ...(rule ? [rule.phrase] : [])], config.allow)) continue;
    findings.push({ ...at(start.line, start.column), endLine: end.line + input.lineOffset, endColumn: end.column, ...details });
  }
  for (const badComment of badComments) {
    findings.push({
      ...at(badComment.line, badComment.column),
      ruleId: BAD_IGNORE_COMMENT_RULE_ID,
      title: 'Ignore comment not understood',
      message: `This ${REVIEW_SOURCE} comment silences nothing: ${badComment.reason}`,
      suggestion: `Write <!-- ${REVIEW_SOURCE} ignore --> or <!-- ${REVIEW_SOURCE} ignore blameless/should-have -->.`,
    });
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}
