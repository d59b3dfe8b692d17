import type { TimelineEvent } from '../model/types';
import { parseYamlFast } from '../files/yamlText';
import { TIMELINE_FILE } from '../repository/layout';
import { isObject } from './fieldMerge';

/**
 * The events of a timeline's text as a merge needs them (id, at, type, data), read leniently: a
 * merge must not stop at an event another version of git-playbooks wrote with a type unknown here.
 * Undefined when the text is not a timeline at all.
 */
export function timelineEventsOf(text: string): TimelineEvent[] | undefined {
  const parsed = parseYamlFast('timeline.yaml', text.startsWith('\uFEFF') ? text.slice(1) : text);
  if ('problems' in parsed || !isObject(parsed.value) || !Array.isArray(parsed.value['events'])) return undefined;
  return parsed.value['events'].filter(
    (event): event is TimelineEvent => isObject(event) && typeof event['id'] === 'string' && typeof event['at'] === 'string' && typeof event['type'] === 'string',
  );
}

/** The timeline beside a run's run.yaml or retrospective.md, as a repository path (forward slashes). */
export function timelinePathBeside(file: string): string {
  const slash = file.lastIndexOf('/');
  return `${slash === -1 ? '' : file.slice(0, slash + 1)}${TIMELINE_FILE}`;
}
