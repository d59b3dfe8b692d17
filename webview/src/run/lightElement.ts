import { LitElement } from 'lit';

/**
 * Run page components render into the light DOM: one page stylesheet (and codicon.css) styles them
 * all, and the page reads as one document to screen readers and to find-in-page.
 */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

/** Reads the value of a VS Code Elements input from its event. */
export function valueOf(event: Event): string {
  const target = event.target as { value?: unknown } | null;
  return typeof target?.value === 'string' ? target.value : '';
}
