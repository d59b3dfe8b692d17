/**
 * The form's reading of the host's `playbook` JSON. The file may break the schema (the form still
 * shows, with the problems on top), so every field is read defensively: a wrong type reads as absent.
 */
import type { JsonValue } from '../../../src/shared/protocol';
import type { MetricType } from '../../../src/core/model/types';

export interface ItemView {
  title: string;
  description: string;
  assignee: string;
  due: string;
  command: string;
  link: string;
}

export interface ChecklistView {
  title: string;
  items: ItemView[];
}

export interface MetricFormView {
  id: string | undefined;
  title: string;
  description: string;
  type: MetricType;
  /** The target as text, as it appears in the field. */
  target: string;
  unit: string;
  decimals: string;
  retired: boolean;
}

export interface PlaybookView {
  title: string;
  description: string;
  checklists: ChecklistView[];
  statusUpdates: { present: boolean; enabled: boolean; reminder: string; template: string };
  retrospective: { present: boolean; enabled: boolean; reminder: string; template: string; templateFile: string | undefined };
  metrics: MetricFormView[];
}

type Json = Record<string, JsonValue>;

const isRecord = (value: JsonValue | undefined): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const list = (value: JsonValue | undefined): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const METRIC_TYPES: readonly MetricType[] = ['duration', 'currency', 'integer'];

export function readPlaybook(data: JsonValue): PlaybookView {
  const root = isRecord(data) ? data : {};
  const status = root['statusUpdates'];
  const retro = root['retrospective'];
  return {
    title: text(root['title']),
    description: text(root['description']),
    checklists: list(root['checklists']).map((checklist) => ({ title: text(checklist['title']), items: list(checklist['items']).map(readItem) })),
    statusUpdates: {
      present: isRecord(status),
      enabled: isRecord(status) && status['enabled'] === true,
      reminder: isRecord(status) ? text(status['reminder']) : '',
      template: isRecord(status) ? text(status['template']) : '',
    },
    retrospective: {
      present: isRecord(retro),
      enabled: isRecord(retro) && retro['enabled'] === true,
      reminder: isRecord(retro) ? text(retro['reminder']) : '',
      template: isRecord(retro) ? text(retro['template']) : '',
      templateFile: isRecord(retro) && typeof retro['templateFile'] === 'string' ? retro['templateFile'] : undefined,
    },
    metrics: list(root['metrics']).map(readMetric),
  };
}

function readItem(item: Json): ItemView {
  return {
    title: text(item['title']),
    description: text(item['description']),
    assignee: text(item['assignee']),
    due: text(item['due']),
    command: text(item['command']),
    link: text(item['link']),
  };
}

function readMetric(metric: Json): MetricFormView {
  const type = METRIC_TYPES.find((candidate) => candidate === metric['type']) ?? 'integer';
  return {
    id: typeof metric['id'] === 'string' ? metric['id'] : undefined,
    title: text(metric['title']),
    description: text(metric['description']),
    type,
    target: text(metric['target']),
    unit: text(metric['unit']),
    decimals: text(metric['decimals']),
    retired: metric['retired'] === true,
  };
}
