import { RETROSPECTIVE_FILE, RUN_FILE, TIMELINE_FILE, type Layout } from '../repository/layout';

/** The merge drivers' names, as .gitattributes and .git/config spell them (the git layer registers them). */
export const RUN_MERGE_DRIVER = 'git-playbooks-run';
export const RETROSPECTIVE_MERGE_DRIVER = 'git-playbooks-retrospective';

export interface AttributeLine {
  /** The line `init` writes. */
  line: string;
  /** The comment written above it. */
  why: string;
  /** Also accepted in place of `line` (what older versions of `init` wrote). */
  accepted: readonly string[];
  /** What goes wrong without it, for `validate`. */
  without: string;
}

/** What .gitattributes must say for runs to merge without conflicts on run state. */
export function mergeAttributeLines(layout: Layout): AttributeLine[] {
  return [
    {
      line: `${layout.attributesPattern(TIMELINE_FILE)} merge=union`,
      why: 'events added to a run on two branches merge line by line',
      accepted: [`${layout.legacyTimelineAttributesPattern} merge=union`],
      without: 'timelines edited on two branches conflict',
    },
    {
      line: `${layout.attributesPattern(RUN_FILE)} merge=${RUN_MERGE_DRIVER}`,
      why: 'run.yaml merges field by field, the later change winning (any git-playbooks command registers the driver in .git/config)',
      accepted: [],
      without: 'two people changing one run (owner, tasks) on two branches conflict',
    },
    {
      line: `${layout.attributesPattern(RETROSPECTIVE_FILE)} merge=${RETROSPECTIVE_MERGE_DRIVER}`,
      why: 'a retrospective\'s front matter merges field by field, its prose line by line',
      accepted: [],
      without: 'metrics recorded on two branches conflict',
    },
  ];
}

/**
 * The lines of `text` (a .gitattributes) that are missing; spacing does not matter. `validate`
 * accepts an older line in place of a new one; `init` writes the new one beside it all the same
 * (the older timeline pattern misses run folders below runs/<year>/…).
 */
export function missingAttributeLines(layout: Layout, text: string, options: { acceptOlder: boolean }): AttributeLine[] {
  const present = new Set(text.split(/\r?\n/).map(normalize));
  return mergeAttributeLines(layout).filter((wanted) => ![wanted.line, ...(options.acceptOlder ? wanted.accepted : [])].some((line) => present.has(normalize(line))));
}

/** `text` with the missing lines appended, each under its comment; unchanged when none is missing. */
export function withMergeAttributes(layout: Layout, text: string): string {
  const missing = missingAttributeLines(layout, text, { acceptOlder: false });
  if (missing.length === 0) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text === '' || text.endsWith('\n') ? '' : eol;
  return `${text}${separator}${missing.map((wanted) => `# git-playbooks: ${wanted.why}.${eol}${wanted.line}${eol}`).join('')}`;
}

function normalize(line: string): string {
  return line.trim().split(/\s+/).join(' ');
}
