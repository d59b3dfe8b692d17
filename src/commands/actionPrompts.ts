import type { ActionPrompts } from '../actions/actionTypes';
import { unattendedPrompts, windowActionPrompts } from '../actions/windowPrompts';
import type { Invocation } from './targets';

/** Only a call with plain arguments asks nothing; from the palette, a menu or a file, VS Code asks. */
export function promptsFor(invocation: Invocation): ActionPrompts {
  return invocation.kind === 'args' ? unattendedPrompts : windowActionPrompts;
}
