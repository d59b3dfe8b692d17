import { API_VERSION, type Playbook, type RetrospectiveMeta } from '../model/types';
import { joinFrontMatter } from '../files/frontMatter';
import { toYaml } from '../files/yamlEdit';
import { metricId } from '../validation/semanticChecks';

/** A new retrospective: status draft, every collected metric listed empty, the template as the report. */
export function renderNewRetrospective(playbook: Playbook, template: string, runName: string): string {
  const meta: RetrospectiveMeta = {
    apiVersion: API_VERSION,
    kind: 'Retrospective',
    status: 'draft',
    metrics: Object.fromEntries((playbook.metrics ?? []).filter((metric) => !metric.retired).map((metric) => [metricId(metric), null])),
  };
  const body = template.trim() === '' ? `# Retrospective: ${runName}\n` : `${template.replace(/\s+$/, '')}\n`;
  return joinFrontMatter(toYaml(meta), body);
}
