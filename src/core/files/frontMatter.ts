/** Splits a Markdown file into YAML front matter and body; `---` lines fence the front matter. */
export interface FrontMatterParts {
  /** The YAML between the fences, or undefined when the file has none. */
  yaml: string | undefined;
  /** Lines before the YAML starts (the opening fence), to shift problem positions. */
  yamlLineOffset: number;
  body: string;
}

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

export function splitFrontMatter(text: string): FrontMatterParts {
  const open = OPEN.exec(text);
  if (!open) return { yaml: undefined, yamlLineOffset: 0, body: text };
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) return { yaml: undefined, yamlLineOffset: 0, body: text };
  return {
    yaml: rest.slice(0, close.index),
    yamlLineOffset: 1,
    body: rest.slice(close.index + close[0].length),
  };
}

export function joinFrontMatter(yaml: string, body: string): string {
  const frontMatter = yaml.endsWith('\n') ? yaml : `${yaml}\n`;
  return `---\n${frontMatter}---\n${body}`;
}
