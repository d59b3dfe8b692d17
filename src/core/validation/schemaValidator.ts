import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import playbookSchema from '../../../schemas/playbook.schema.json';
import runSchema from '../../../schemas/run.schema.json';
import timelineSchema from '../../../schemas/timeline.schema.json';
import retrospectiveSchema from '../../../schemas/retrospective.schema.json';
import { API_VERSION, type Kind } from '../model/types';
import { DURATION_PATTERN } from '../util/duration';
import { SLUG_PATTERN } from '../util/slug';
import { ACTION_DUE_PATTERN, ACTION_ID_PATTERN, WEB_LINK_PATTERN } from '../actions/actionRules';

/** A schema violation at a JSON path; the caller turns the path into a file position. */
export interface PathProblem {
  path: Array<string | number>;
  /** Point at the key rather than the value (unknown fields). */
  atKey: boolean;
  message: string;
  /** Semantic checks may only warn (default: error). */
  severity?: 'error' | 'warning';
}

const SCHEMAS: Record<Kind, { $id: string }> = {
  Playbook: playbookSchema,
  Run: runSchema,
  Timeline: timelineSchema,
  Retrospective: retrospectiveSchema,
};

let compiled: { ajv: Ajv; byKind: Map<Kind, ValidateFunction> } | undefined;

function compiledSchemas(): { ajv: Ajv; byKind: Map<Kind, ValidateFunction> } {
  if (!compiled) {
    // One Ajv instance, schemas compiled once per process.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = { ajv, byKind: new Map((Object.keys(SCHEMAS) as Kind[]).map((kind) => [kind, ajv.compile(SCHEMAS[kind])])) };
  }
  return compiled;
}

/**
 * Checks `apiVersion` and `kind` first, so an old or foreign file gets one clear sentence instead of
 * a page of schema errors.
 */
export function checkHeader(data: unknown, expected: Kind): PathProblem | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { path: [], atKey: false, message: `expected a ${expected} document (a YAML mapping with apiVersion and kind)` };
  }
  const record = data as Record<string, unknown>;
  const version = record['apiVersion'];
  if (version === undefined) {
    return { path: [], atKey: false, message: `missing apiVersion; add "apiVersion: ${API_VERSION}" at the top` };
  }
  if (version !== API_VERSION) {
    const newer = typeof version === 'string' && /^git-playbooks\/v(\d+)$/.exec(version);
    const hint =
      newer && Number(newer[1]) > 1
        ? 'it was written by a newer git-playbooks; upgrade git-playbooks to read it'
        : `this version of git-playbooks reads ${API_VERSION} only`;
    return { path: ['apiVersion'], atKey: false, message: `unsupported apiVersion ${JSON.stringify(version)}: ${hint}` };
  }
  if (record['kind'] !== expected) {
    return {
      path: ['kind'],
      atKey: false,
      message: `expected kind ${expected} in this file, found ${JSON.stringify(record['kind'] ?? null)}`,
    };
  }
  return undefined;
}

export function validateAgainstSchema(kind: Kind, data: unknown): PathProblem[] {
  const header = checkHeader(data, kind);
  if (header) return [header];
  const validate = compiledSchemas().byKind.get(kind);
  if (!validate || validate(data)) return [];
  return dedupe((validate.errors ?? []).map((error) => describe(error)));
}

/**
 * Checks data against a schema that describes no Kind (the review configuration): the same Ajv
 * instance and the same wording of problems as the documents'.
 */
export function validateAgainstOwnSchema(schema: { $id: string }, data: unknown): PathProblem[] {
  const ajv = compiledSchemas().ajv;
  const validate = ajv.getSchema(schema.$id) ?? ajv.compile(schema);
  if (validate(data)) return [];
  return dedupe((validate.errors ?? []).map((error) => describe(error)));
}

/**
 * Checks one value against the rule of one field of a schema (`pointer` is a JSON pointer into the
 * schema, e.g. `/properties/owner`), so a write can refuse what a later read would. Returns the
 * problems as sentences that name the value as `label`.
 */
export function fieldProblems(kind: Kind, pointer: string, value: unknown, label: string): string[] {
  const validate = compiledSchemas().ajv.getSchema(`${SCHEMAS[kind].$id}#${pointer}`);
  if (!validate) throw new Error(`no schema rule at ${kind}#${pointer}`);
  if (validate(value)) return [];
  return dedupe((validate.errors ?? []).map((error) => describe(error, label))).map((problem) => problem.message);
}

/**
 * The semantic problems to report beside the schema's, so one pass over a file shows all of them. The
 * checks assume the schema's shape: they are not run on a file of another kind, are dropped when they
 * trip over a part the schema refuses, and a problem above or below a place the schema flags (other
 * than the whole document) is left out as a repeat of it.
 */
export function semanticBesideSchema<T>(kind: Kind, data: unknown, schemaProblems: readonly PathProblem[], check: ((data: T) => PathProblem[]) | undefined): PathProblem[] {
  if (check === undefined) return [];
  if (schemaProblems.length === 0) return check(data as T);
  if (checkHeader(data, kind) !== undefined) return [];
  let found: PathProblem[];
  try {
    found = check(data as T);
  } catch {
    return [];
  }
  // A problem of the whole document (a top-level field missing) says nothing about its parts.
  const placed = schemaProblems.filter((schema) => schema.path.length > 0);
  return found.filter((problem) => !placed.some((schema) => isPrefix(schema.path, problem.path) || isPrefix(problem.path, schema.path)));
}

function isPrefix(prefix: ReadonlyArray<string | number>, path: ReadonlyArray<string | number>): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);
}

function dedupe(problems: PathProblem[]): PathProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path.join('/')}|${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toPath(instancePath: string): Array<string | number> {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** `label` names the value itself (a field checked on its own); otherwise it is named by its path. */
function describe(error: ErrorObject, label = 'document'): PathProblem {
  const path = toPath(error.instancePath);
  const field = path.length > 0 ? fieldName(path) : label;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path, atKey: false, message: `missing required field "${String(params['missingProperty'])}"` };
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      return { path: [...path, name], atKey: true, message: `unknown field "${name}"` };
    }
    case 'enum':
      return { path, atKey: false, message: `${field} must be one of: ${(params['allowedValues'] as unknown[]).join(', ')}` };
    case 'const':
      return { path, atKey: false, message: `${field} must be ${JSON.stringify(params['allowedValue'])}` };
    case 'type':
      return { path, atKey: false, message: `${field} must be ${article(String(params['type']))}` };
    case 'format':
      return params['format'] === 'date-time'
        ? { path, atKey: false, message: `${field} must be a date and time in ISO 8601, e.g. 2026-11-24T15:30:00Z` }
        : { path, atKey: false, message: `${field} must be a valid ${String(params['format'])}` };
    case 'pattern':
      return { path, atKey: false, message: `${field} ${patternHint(String(params['pattern']))}` };
    case 'minLength':
      return { path, atKey: false, message: `${field} must not be empty` };
    case 'maxLength':
      return { path, atKey: false, message: `${field} is longer than ${String(params['limit'])} characters` };
    case 'maxItems':
      return { path, atKey: false, message: `${field} has more than ${String(params['limit'])} entries` };
    case 'uniqueItems':
      return { path, atKey: false, message: `${field} lists the same entry twice` };
    case 'minimum':
    case 'maximum':
      return { path, atKey: false, message: `${field} must be ${error.keyword === 'minimum' ? '≥' : '≤'} ${String(params['limit'])}` };
    default:
      return { path, atKey: false, message: `${field} ${error.message ?? 'is not valid'}` };
  }
}

/** The last step of a path in words; a list entry is counted from 1, as people count. */
function fieldName(path: Array<string | number>): string {
  const last = path[path.length - 1];
  if (typeof last !== 'number') return `"${String(last)}"`;
  const list = path[path.length - 2];
  return list === undefined ? `entry ${last + 1}` : `entry ${last + 1} of "${String(list)}"`;
}

function article(type: string): string {
  const names = type.split(',').map((name) => (name === 'object' ? 'a mapping' : name === 'array' ? 'a list' : `a ${name}`));
  return names.join(' or ');
}

function patternHint(pattern: string): string {
  if (pattern === DURATION_PATTERN) return 'must be a duration such as 15m, 1h30m, 2d, PT1H30M or dd:hh:mm';
  if (pattern.startsWith('^(?:once|')) return 'must be "once" or a duration such as 1h, 4h, 24h or 7d';
  if (pattern === ACTION_DUE_PATTERN) return 'must be a date (2026-12-24), a date and time (2026-12-24T17:00:00Z) or a duration after publishing such as 4w or 10d';
  if (pattern === ACTION_ID_PATTERN) return 'must be "a-" and six lower-case letters or digits';
  if (pattern === WEB_LINK_PATTERN) return 'must be an http(s) address on one line, without spaces';
  if (pattern === SLUG_PATTERN) return 'must be a name of lower-case letters, digits and hyphens';
  if (pattern === '^[^\\n\\r]+$' || pattern === '^[^\\n\\r]*$') return 'must be a single line';
  if (pattern.startsWith('^[0-9a-f]')) return 'must be a git commit id';
  return `does not have the expected form (${pattern})`;
}
