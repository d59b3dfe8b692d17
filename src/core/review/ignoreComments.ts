import type { Root as MdastRoot, RootContent } from 'mdast';
import remarkMessageControl from 'remark-message-control';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { REVIEW_SOURCE } from './blameSearch';

/**
 * `<!-- playbooks-review ignore blameless/should-have -->` before a paragraph silences that rule in
 * it (`ignore` alone: every rule); `disable`/`enable` work from the comment on. remark-message-control
 * reads the comments, but its parser accepts only letters, digits, `-` and `_` in rule ids, not
 * the `/` of ours, so ids travel through it with `/` written as SLASH.
 */
const SLASH = '__';
const MARKER = new RegExp(`^<!--\\s*${REVIEW_SOURCE}(?:\\s+([\\s\\S]*?))?\\s*-->$`);
const VERBS = new Set(['ignore', 'disable', 'enable']);
const RULE_ID = /^[\w-]+(\/[\w-]+)?$/;

let messageControl: ReturnType<typeof buildMessageControl> | undefined;
function buildMessageControl() {
  return unified().use(remarkMessageControl, { name: REVIEW_SOURCE, source: REVIEW_SOURCE }).freeze();
}

export interface BadIgnoreComment {
  reason: string;
  line: number;
  column: number;
}

/** What is wrong with the words of a `playbooks-review` comment, if anything. */
function problemOf(words: string[]): string | undefined {
  const [verb, ...ruleIds] = words;
  if (verb === undefined) return 'it names no keyword (ignore, disable or enable).';
  if (!VERBS.has(verb)) return `“${verb}” is not a keyword: expected ignore, disable or enable.`;
  const odd = ruleIds.find((ruleId) => !RULE_ID.test(ruleId));
  return odd === undefined ? undefined : `“${odd}” is not a rule id (such as blameless/should-have or equality/he-she).`;
}

/** Rewrites our comments for remark-message-control; a comment it would misread is disarmed and returned. */
function prepareMarkers(node: MdastRoot | RootContent, bad: BadIgnoreComment[]): void {
  if (node.type === 'html') {
    const marker = MARKER.exec(node.value.trim());
    if (!marker) return;
    const words = (marker[1] ?? '').split(/\s+/).filter((word) => word !== '');
    const problem = problemOf(words);
    if (problem === undefined) {
      node.value = `<!--${REVIEW_SOURCE} ${words.join(' ').split('/').join(SLASH)}-->`;
    } else {
      bad.push({ reason: problem, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
      node.value = '<!-- -->';
    }
  }
  if ('children' in node) for (const child of node.children) prepareMarkers(child, bad);
}

/**
 * Drops the messages of `file` that an ignore comment in `tree` silences. A comment it cannot read
 * (`<!-- playbooks-review ignroe … -->`) silences nothing and is returned, to be reported.
 */
export function applyIgnoreComments(tree: MdastRoot, file: VFile): BadIgnoreComment[] {
  const bad: BadIgnoreComment[] = [];
  prepareMarkers(tree, bad);
  for (const message of file.messages) if (message.ruleId) message.ruleId = message.ruleId.split('/').join(SLASH);
  messageControl ??= buildMessageControl();
  messageControl.runSync(tree, file);
  for (const message of file.messages) if (message.ruleId) message.ruleId = message.ruleId.split(SLASH).join('/');
  return bad;
}
