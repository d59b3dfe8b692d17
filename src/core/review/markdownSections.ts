/**
 * The headings of a Markdown text and what lies under each: what the template check compares and
 * what the playbook's `requiredSections` must name. Pure, no Node modules (semanticChecks uses it).
 */

export interface MarkdownSection {
  /** 1 for `#`, 2 for `##`… */
  level: number;
  /** The heading's text as written (trailing `#`s and spaces removed). */
  text: string;
  /** normalizeHeading(text): how headings are matched. */
  key: string;
  /** 0-based index of the heading line. */
  lineIndex: number;
  /** The lines below the heading up to the next heading of any level. */
  content: string[];
  /** True when the next heading is deeper and nothing stands between: a heading that only groups sub-sections. */
  groupsSubsections: boolean;
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Headings are matched case-insensitively, with runs of spaces as one and trailing punctuation `:` ignored. */
export function normalizeHeading(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/:$/, '').toLowerCase();
}

/** ATX headings (`## Impact`) outside fenced code blocks, each with its content. */
export function markdownSections(markdown: string): MarkdownSection[] {
  const lines = markdown.split(/\r?\n/);
  const sections: MarkdownSection[] = [];
  let fence: string | undefined;
  let current: MarkdownSection | undefined;
  lines.forEach((line, lineIndex) => {
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1]?.[0] === fence[0] && (fenceMatch[1]?.length ?? 0) >= fence.length) fence = undefined;
      current?.content.push(line);
      return;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      current?.content.push(line);
      return;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      const text = (heading[2] ?? '').replace(/[ \t]+#+$/, '').replace(/^#+$/, '').trim();
      const level = heading[1]?.length ?? 1;
      if (current && current.content.every((content) => content.trim() === '') && level > current.level) current.groupsSubsections = true;
      current = { level, text, key: normalizeHeading(text), lineIndex, content: [], groupsSubsections: false };
      sections.push(current);
      return;
    }
    current?.content.push(line);
  });
  return sections;
}

/**
 * What a section says, for comparing with the template: HTML comments dropped (a template's hints
 * to the writer), whitespace runs as one space, table delimiter rows ignored.
 */
export function normalizedContent(content: readonly string[]): string {
  return content
    .join('\n')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .split('\n')
    .filter((line) => !/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
