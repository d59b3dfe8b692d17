import type { ExtensionServices } from '../platform/services';
import { PlaybooksTreeProvider } from './playbooksTreeProvider';

export { PlaybooksTreeProvider } from './playbooksTreeProvider';

/** Creates the Playbooks view; the caller owns (disposes) the returned provider. */
export function registerTreeView(services: ExtensionServices): PlaybooksTreeProvider {
  return new PlaybooksTreeProvider(services);
}
