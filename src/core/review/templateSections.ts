import { markdownSections, normalizeHeading, normalizedContent, type MarkdownSection } from './markdownSections';
import type { ReviewFinding } from './reviewTypes';

export const TEMPLATE_SECTION_MISSING = 'template-section-missing';
export const TEMPLATE_SECTION_UNFILLED = 'template-section-unfilled';

export interface TemplateSectionsInput {
  /** Repository-relative path of the retrospective. */
  file: string;
  /** Its Markdown below the front matter. */
  body: string;
  /** Lines of the file before the body. */
  bodyLineOffset: number;
  /** The playbook's retrospective template (inline or from its templateFile). */
  template: string;
  /** The playbook's `retrospective.requiredSections`: errors instead of warnings. */
  requiredSections: readonly string[];
}

/**
 * Every heading of the template is in the retrospective (any level, matched by its text), and what
 * stands under it is neither empty nor the template's own text: a section left as created says nothing.
 */
export function checkTemplateSections(input: TemplateSectionsInput): ReviewFinding[] {
  const expected = markdownSections(input.template).filter((section) => section.key !== '');
  if (expected.length === 0) return [];
  const written = markdownSections(input.body);
  const byKey = new Map<string, MarkdownSection>();
  for (const section of written) if (!byKey.has(section.key)) byKey.set(section.key, section);
  const required = new Set(input.requiredSections.map(normalizeHeading));
  const lineOf = (section: MarkdownSection): number => input.bodyLineOffset + section.lineIndex + 1;
  const lastLine = input.bodyLineOffset + Math.max(1, input.body.replace(/\r?\n$/, '').split(/\r?\n/).length);
  const findings: ReviewFinding[] = [];
  expected.forEach((templateSection, index) => {
    const isRequired = required.has(templateSection.key);
    const severity = isRequired ? 'error' : 'warning';
    const marker = `${'#'.repeat(templateSection.level)} ${templateSection.text}`;
    const section = byKey.get(templateSection.key);
    if (section === undefined) {
      // Point where it belongs: at the next template section that is there, else at the end.
      const next = expected.slice(index + 1).map((later) => byKey.get(later.key)).find((found) => found !== undefined);
      findings.push({
        ruleId: TEMPLATE_SECTION_MISSING,
        severity,
        file: input.file,
        line: next === undefined ? lastLine : lineOf(next),
        column: 1,
        title: 'Template section missing',
        message: `the ${isRequired ? 'required ' : ''}section "${templateSection.text}" of the playbook's template is missing`,
        suggestion: `add "${marker}" and fill it in`,
      });
      return;
    }
    // A heading that only groups sub-sections in the template is filled through them.
    if (templateSection.groupsSubsections) return;
    const content = normalizedContent(section.content);
    const placeholder = normalizedContent(templateSection.content);
    if (content !== '' && content !== placeholder) return;
    findings.push({
      ruleId: TEMPLATE_SECTION_UNFILLED,
      severity,
      file: input.file,
      line: lineOf(section),
      column: 1,
      endLine: lineOf(section),
      endColumn: section.text.length + section.level + 2,
      title: 'Template section not filled in',
      message: content === '' ? `the ${isRequired ? 'required ' : ''}section "${section.text}" is empty` : `the ${isRequired ? 'required ' : ''}section "${section.text}" still holds only the template's text`,
      suggestion: `write what the section "${section.text}" asks for`,
    });
  });
  return findings;
}
