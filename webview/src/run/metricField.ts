import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { parseMetricValue } from '../../../src/core/metrics/metricValues';
import type { MetricView } from '../../../src/shared/protocol';
import { attempt, request } from '../vscodeApi';
import { valueOf } from '../elementValue';
import { LightElement } from './lightElement';
import { runDraft, updateDraft } from './runDraft';

const PLACEHOLDERS: Readonly<Record<MetricView['type'], string>> = { duration: '1h30m', integer: '0', currency: '0.00' };

const HINTS: Readonly<Record<MetricView['type'], string>> = {
  duration: 'Duration: 1h30m, PT1H30M or dd:hh:mm',
  integer: 'A whole number',
  currency: 'An amount',
};

/**
 * One metric: checked as the person types (the same parser the host uses), sent on Enter or when
 * leaving the field, and only when valid; the host's refusal shows under the field like a typing error.
 */
export class MetricField extends LightElement {
  static override properties = {
    metric: { attribute: false },
    readOnly: { attribute: false },
    error: { state: true },
  };
  declare metric: MetricView | undefined;
  declare readOnly: boolean;
  declare error: string;

  private inFlight: Promise<void> | undefined;

  constructor() {
    super();
    this.readOnly = false;
    this.error = '';
  }

  /** The text in the field: what was typed and not stored yet, else the stored value. */
  private get text(): string {
    const metric = this.metric;
    if (!metric) return '';
    const typed = runDraft().metricInputs[metric.id];
    if (typed !== undefined || metric.value === null) return typed ?? '';
    // Amounts keep their decimals (250 is stored, "250.00" is what was meant).
    return metric.type === 'currency' && typeof metric.value === 'number' ? metric.value.toFixed(metric.decimals ?? 2) : String(metric.value);
  }

  /** Publish asks every empty field to say so (Mattermost: "Please fill in the metric value."). */
  requireValue(): boolean {
    if (this.text.trim() !== '') return this.error === '';
    this.error = 'Please fill in the metric value.';
    return false;
  }

  override render(): TemplateResult | typeof nothing {
    const metric = this.metric;
    if (!metric) return nothing;
    const id = `metric-${metric.id}`;
    const unit = metric.type === 'currency' && metric.unit ? ` (${metric.unit})` : '';
    const hint = `${HINTS[metric.type]}${metric.type === 'currency' ? `, at most ${metric.decimals ?? 2} decimals` : ''}`;
    return html`<div class="metric" data-metric=${metric.id}>
      <label class="metric-title" for=${id}>${metric.title}${unit}</label>
      ${metric.description ? html`<div class="muted">${metric.description}</div>` : nothing}
      <div class="metric-input-row">
        <vscode-textfield
          id=${id}
          class="metric-input"
          placeholder=${PLACEHOLDERS[metric.type]}
          ?readonly=${this.readOnly}
          ?invalid=${this.error !== ''}
          aria-invalid=${this.error !== '' ? 'true' : 'false'}
          aria-describedby=${`${id}-help`}
          .value=${live(this.text)}
          @input=${(event: Event) => this.typed(valueOf(event))}
          @blur=${() => void this.commit()}
          @keydown=${(event: KeyboardEvent) => event.key === 'Enter' && void this.commit()}
        ></vscode-textfield>
        ${metric.targetText !== undefined ? html`<span class="muted target">Target: ${metric.targetText}</span>` : nothing}
      </div>
      <div id=${`${id}-help`} class=${this.error ? 'error' : 'muted helper'} role=${this.error ? 'alert' : nothing}>${this.error || (this.readOnly ? '' : hint)}</div>
    </div>`;
  }

  private typed(text: string): void {
    const metric = this.metric;
    if (!metric) return;
    updateDraft({ metricInputs: { ...runDraft().metricInputs, [metric.id]: text } });
    const parsed = text.trim() === '' ? undefined : parseMetricValue(metric, text);
    this.error = parsed && 'error' in parsed ? parsed.error : '';
  }

  /**
   * Sends what was typed when it is valid and new; resolves when the host has answered. Enter, leaving
   * the field and Publish may all ask at once: they share one request.
   */
  commit(): Promise<void> {
    this.inFlight ??= this.send().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async send(): Promise<void> {
    const metric = this.metric;
    const typed = metric ? runDraft().metricInputs[metric.id] : undefined;
    if (!metric || this.readOnly || typed === undefined || typed.trim() === '') return;
    const parsed = parseMetricValue(metric, typed);
    if ('error' in parsed) {
      this.error = parsed.error;
      return;
    }
    if (parsed.value === metric.value) {
      this.forget(metric.id);
      this.requestUpdate();
      return;
    }
    // Once stored, the next state carries the value and willUpdate lets go of the typed text.
    this.error = (await attempt(request({ kind: 'retro.setMetric', metricId: metric.id, value: typed }))) ?? '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const metric = this.metric;
    const typed = metric ? runDraft().metricInputs[metric.id] : undefined;
    if (!changed.has('metric') || !metric || typed === undefined) return;
    const parsed = parseMetricValue(metric, typed);
    if (!('error' in parsed) && parsed.value === metric.value) this.forget(metric.id);
  }

  private forget(id: string): void {
    const { [id]: _stored, ...rest } = runDraft().metricInputs;
    updateDraft({ metricInputs: rest });
  }
}

customElements.define('pb-metric-field', MetricField);
