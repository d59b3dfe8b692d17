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
