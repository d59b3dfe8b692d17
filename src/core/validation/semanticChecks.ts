import type { Playbook, RetrospectiveMeta, Run, Timeline, TimelineEvent } from '../model/types';
import { metricNumber, parseMetricValue } from '../metrics/metricValues';
import { checkLink } from '../runs/links';
import { dueTimeAfter } from '../runs/dueTimes';
import { parseDuration } from '../util/duration';
import { markdownSections, normalizeHeading } from '../review/markdownSections';
import type { PathProblem } from './schemaValidator';
import { checkActions } from '../actions/actionChecks';

/**
 * Checks a schema cannot express: uniqueness, targets of the right type, order of times.
 * readTemplateFile: the text of a `templateFile` (undefined when unreadable), to check `requiredSections`
 * against it; without it only an inline template is checked.
 */
export function checkPlaybook(playbook: Playbook, templateFileExists?: (name: string) => boolean, now: Date = new Date(), readTemplateFile?: (name: string) => string | undefined): PathProblem[] {
  const problems: PathProblem[] = [];
  const titles = new Map<string, number>();
  const ids = new Map<string, number>();
  (playbook.metrics ?? []).forEach((metric, index) => {
    const title = metric.title.trim().toLowerCase();
    const earlier = titles.get(title);
    if (earlier !== undefined) {
      problems.push({ path: ['metrics', index, 'title'], atKey: false, message: `metric title "${metric.title}" is already used by metric ${earlier + 1}; titles must be unique` });
    } else titles.set(title, index);
    const id = metricId(metric);
    const sameId = ids.get(id);
    if (sameId !== undefined && earlier === undefined) {
      problems.push({ path: ['metrics', index], atKey: false, message: `metric id "${id}" is already used by metric ${sameId + 1}; give one of them an explicit id` });
    } else ids.set(id, index);
    if (metric.target !== undefined && metricNumber(metric, metric.target) === undefined) {
      const expected = metric.type === 'duration' ? 'a duration such as 1h or 30m' : metric.type === 'integer' ? 'a whole number' : 'an amount';
      problems.push({ path: ['metrics', index, 'target'], atKey: false, message: `target must be ${expected} for ${metric.type === 'integer' ? 'an' : 'a'} ${metric.type} metric` });
    }
    if (metric.type !== 'currency' && (metric.unit !== undefined || metric.decimals !== undefined)) {
      problems.push({ path: ['metrics', index], atKey: false, message: 'unit and decimals apply to currency metrics only', severity: 'warning' });
    }
  });
  const retro = playbook.retrospective;
  if (retro?.template !== undefined && retro.templateFile !== undefined) {
    problems.push({ path: ['retrospective', 'templateFile'], atKey: true, message: 'give either template or templateFile, not both' });
  }
  if (retro?.templateFile !== undefined && templateFileExists && !templateFileExists(retro.templateFile)) {
    problems.push({ path: ['retrospective', 'templateFile'], atKey: false, message: `template file "${retro.templateFile}" does not exist beside the playbook` });
  }
  problems.push(...checkRequiredSections(playbook, readTemplateFile));
  playbook.checklists.forEach((checklist, c) =>
    checklist.items.forEach((item, i) => {
      const linkProblem = item.link === undefined ? undefined : checkLink(item.link);
      if (linkProblem) problems.push({ path: ['checklists', c, 'items', i, 'link'], atKey: false, message: linkProblem });
      // run start refuses such a playbook, so say so before anyone needs it in an incident.
      const dueOffset = item.due === undefined ? undefined : parseDuration(item.due);
      if (dueOffset !== undefined && dueTimeAfter(now, dueOffset) === undefined) {
        problems.push({ path: ['checklists', c, 'items', i, 'due'], atKey: false, message: `due ${item.due ?? ''} after the start is past any date a run can store; shorten it` });
      }
    }),
  );
  return problems;
}

/** Each of `retrospective.requiredSections` must name a heading of the template, or review could never pass it. */
function checkRequiredSections(playbook: Playbook, readTemplateFile: ((name: string) => string | undefined) | undefined): PathProblem[] {
  const retro = playbook.retrospective;
  const required = retro?.requiredSections ?? [];
  if (required.length === 0) return [];
  const template = retro?.templateFile !== undefined ? readTemplateFile?.(retro.templateFile) : retro?.template;
  // A template file that cannot be read is reported above (or by whoever could read it).
  if (template === undefined && retro?.templateFile !== undefined) return [];
  const headings = markdownSections(template ?? '');
  const known = new Set(headings.map((heading) => heading.key));
  const listed = headings.map((heading) => heading.text).join(', ') || 'none';
  return required.flatMap((section, index): PathProblem[] =>
    known.has(normalizeHeading(section))
      ? []
      : [{ path: ['retrospective', 'requiredSections', index], atKey: false, message: `required section "${section}" is not a heading of the retrospective template (its headings: ${listed})` }],
  );
}

export function metricId(metric: { id?: string; title: string }): string {
  return metric.id ?? slugForMetric(metric.title);
}

function slugForMetric(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug === '' ? 'metric' : slug.slice(0, 60);
}

export function checkRun(run: Run, playbookExists?: (slug: string) => boolean): PathProblem[] {
  const problems: PathProblem[] = [];
  if (run.endedAt !== undefined && Date.parse(run.endedAt) < Date.parse(run.startedAt)) {
    problems.push({ path: ['endedAt'], atKey: false, message: `endedAt (${run.endedAt}) is before startedAt (${run.startedAt})` });
  }
  if (run.status === 'finished' && run.endedAt === undefined) {
    problems.push({ path: ['status'], atKey: false, message: 'a finished run needs endedAt' });
  }
  if (run.status === 'in_progress' && run.endedAt !== undefined) {
    problems.push({ path: ['endedAt'], atKey: true, message: 'a run in progress must not have endedAt (restore removes it)' });
  }
  const seen = new Set<string>();
  run.checklists.forEach((checklist, c) =>
    checklist.items.forEach((item, i) => {
      if (seen.has(item.id)) problems.push({ path: ['checklists', c, 'items', i, 'id'], atKey: false, message: `task id "${item.id}" is used twice in this run` });
      seen.add(item.id);
      // The playbook's rule: the run editor opens a task's link, so javascript: or ../ must not pass here either.
      const linkProblem = item.link === undefined ? undefined : checkLink(item.link);
      if (linkProblem) problems.push({ path: ['checklists', c, 'items', i, 'link'], atKey: false, message: linkProblem });
    }),
  );
  if (playbookExists && !playbookExists(run.playbook)) {
    problems.push({ path: ['playbook'], atKey: false, message: `playbook "${run.playbook}" does not exist`, severity: 'warning' });
  }
  return problems;
}

export function checkTimeline(timeline: Timeline): PathProblem[] {
  const problems: PathProblem[] = [];
  const seen = new Map<string, number>();
  let firstStart: number | undefined;
  let startedTwice = false;
  timeline.events.forEach((event, index) => {
    if (event.type === 'run_started' && firstStart === undefined) firstStart = index;
    else if (event.type === 'run_started' && !startedTwice && event.id !== timeline.events[firstStart ?? 0]?.id) {
      // Two clones started a run under one id and a plain git merge joined them (sync keeps them
      // apart). Said once per timeline: one line tells it, where one per start would fill the panel.
      startedTwice = true;
      const first = timeline.events[firstStart ?? 0];
      problems.push({ path: ['events', index, 'type'], atKey: false, severity: 'warning', message: `the run was started twice: by ${event.actor} here and by ${first?.actor ?? '?'} (event ${(firstStart ?? 0) + 1}); two runs started under one id on two clones were merged into one (git-playbooks sync keeps such runs apart)` });
    }
    const earlier = seen.get(event.id);
    if (earlier !== undefined && isRepeatOf(event, timeline.events[earlier])) {
      problems.push({ path: ['events', index, 'id'], atKey: false, severity: 'warning', message: `event "${event.id}" is here twice, word for word (also event ${earlier + 1}): a merge kept both copies; it counts once, and the next change to this run removes the copy` });
    } else if (earlier !== undefined) {
      problems.push({ path: ['events', index, 'id'], atKey: false, message: `event id "${event.id}" is used twice (also event ${earlier + 1})` });
    } else seen.set(event.id, index);
    if (event.link !== undefined) {
      const linkProblem = checkLink(event.link);
      if (linkProblem) problems.push({ path: ['events', index, 'link'], atKey: false, message: linkProblem });
    }
  });
  return problems;
}

/**
 * The same event twice, word for word: what a union merge leaves when both branches got one event
 * line (copied, cherry-picked) in different places. Readers count it once.
 */
export function isRepeatOf(event: TimelineEvent, earlier: TimelineEvent | undefined): boolean {
  return earlier !== undefined && sortedJson(event) === sortedJson(earlier);
}

/** The events with word-for-word repeats left out (the first copy stays). */
export function withoutRepeatedEvents(events: readonly TimelineEvent[]): TimelineEvent[] {
  const first = new Map<string, TimelineEvent>();
  return events.filter((event) => {
    const earlier = first.get(event.id);
    if (earlier === undefined) first.set(event.id, event);
    return !isRepeatOf(event, earlier);
  });
}

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner,
  );
}

/**
 * `playbook` is the run's playbook when it could be read: metrics are checked against it;
 * runStartedAt, the run's start when known: no action is due before it.
 */
export function checkRetrospective(meta: RetrospectiveMeta, playbook: Playbook | undefined, runStartedAt?: string): PathProblem[] {
  const problems: PathProblem[] = [];
  const configs = new Map((playbook?.metrics ?? []).map((metric) => [metricId(metric), metric]));
  for (const [id, value] of Object.entries(meta.metrics)) {
    const config = configs.get(id);
    if (playbook && !config) {
      const known = [...configs.keys()].join(', ') || 'none';
      problems.push({ path: ['metrics', id], atKey: true, message: `unknown metric "${id}" (the playbook's metrics: ${known})` });
      continue;
    }
    if (config && value !== null) {
      const parsed = parseMetricValue(config, value);
      if ('error' in parsed) problems.push({ path: ['metrics', id], atKey: false, message: `${config.title}: ${parsed.error}` });
    }
  }
  if (meta.status === 'published') {
    if (meta.publishedAt === undefined) problems.push({ path: ['status'], atKey: false, message: 'a published retrospective needs publishedAt' });
    // A metric listed but empty was skipped at publish time; one absent from the file was added to the
    // playbook later, and older retrospectives stay valid.
    for (const [id, config] of configs) {
      if (!config.retired && meta.metrics[id] === null) {
        problems.push({ path: ['metrics', id], atKey: true, message: `published retrospective has no value for metric "${config.title}"` });
      }
    }
  }
  if (meta.status === 'skipped' && meta.skipReason === undefined) {
    problems.push({ path: ['status'], atKey: false, message: 'a skipped retrospective needs skipReason' });
  }
  problems.push(...checkActions(meta.actions, runStartedAt));
  return problems;
}
