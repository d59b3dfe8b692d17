import type { PageRequest, RunViewState } from '../../../src/shared/protocol';
import { attempt, request } from '../vscodeApi';
import { LightElement } from './lightElement';

/** A tab of the run editor that sends requests: it shows "busy" while one runs and the host's refusal after. */
export class RunActionPanel extends LightElement {
  static override properties = {
    state: { attribute: false },
    now: { attribute: false },
    error: { state: true },
    busy: { state: true },
  };
  declare state: RunViewState | undefined;
  declare now: number;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.now = Date.now();
    this.error = '';
    this.busy = false;
  }

  /** Sends one request; true when the host applied it. */
  protected async send(body: PageRequest): Promise<boolean> {
    this.busy = true;
    this.error = (await attempt(request(body))) ?? '';
    this.busy = false;
    return this.error === '';
  }
}
