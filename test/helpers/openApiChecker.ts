import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks HTTP exchanges against an OpenAPI 3.0 description: which operation a method and path are,
 * their path and query parameters, the JSON request body and the response body, each against the
 * description's schemas (ajv). OpenAPI 3.0 is not quite JSON Schema: `nullable: true` becomes a
 * `null` alternative, and `$ref`s to `#/components/...` are resolved by registering the components
 * under one id. An exchange the description does not know is a problem, never a pass.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  pathNames: string[];
  literalSegments: number;
  spec: JsonObject;
}

export interface MatchedOperation {
  operationId: string;
  template: string;
  pathParams: Record<string, string>;
}

const COMPONENTS_ID = 'openapi-components';

export class OpenApiChecker {
  private readonly operations: Operation[] = [];
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly description: JsonObject;

  /**
   * @param errorSchema for an error status an operation does not list (GitHub answers 401 and rate
   * limits on every operation but documents them on few): the component schema its body must match.
   */
  constructor(
    description: JsonObject,
    private readonly errorSchema?: string,
  ) {
    this.description = description;
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    const components = asObject(description['components']);
    this.ajv.addSchema({ $id: COMPONENTS_ID, components: toJsonSchema(components) as JsonObject } as object);
    for (const [template, item] of Object.entries(asObject(description['paths']))) {
      const names: string[] = [];
      const source = template.split('/').map((segment) => {
        const param = /^\{(.+)\}$/.exec(segment);
        if (param?.[1] === undefined) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(param[1]);
        return '([^/]+)';
      });
      const literalSegments = template.split('/').filter((segment) => segment !== '' && !segment.startsWith('{')).length;
      for (const [method, spec] of Object.entries(asObject(item))) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        this.operations.push({ method: method.toUpperCase(), template, pattern: new RegExp(`^${source.join('/')}$`), pathNames: names, literalSegments, spec: asObject(spec) });
      }
    }
  }

  /** Problems with a request (none: it is an operation of the description, called as it says). */
  checkRequest(method: string, url: string, body: unknown): { operation?: MatchedOperation; problems: string[] } {
    const parsed = new URL(url, 'http://checker.invalid');
    const operation = this.find(method, parsed.pathname);
    if (operation === undefined) return { problems: [`${method} ${parsed.pathname} is no operation of the description`] };
    const problems: string[] = [];
    const pathParams: Record<string, string> = {};
    const match = operation.pattern.exec(parsed.pathname);
    operation.pathNames.forEach((name, index) => (pathParams[name] = decodeURIComponent(match?.[index + 1] ?? '')));
    const where = `${method} ${operation.template}`;
    const parameters = asArray(operation.spec['parameters']).map((parameter) => this.resolve(parameter));
    for (const parameter of parameters) {
      const name = String(parameter['name']);
      const location = parameter['in'];
      const raw = location === 'path' ? pathParams[name] : location === 'query' ? (parsed.searchParams.has(name) ? parsed.searchParams.get(name) : undefined) : undefined;
      if (raw === undefined || raw === null) {
        if (parameter['required'] === true && (location === 'path' || location === 'query')) problems.push(`${where}: the required ${location} parameter ${name} is missing`);
        continue;
      }
      const schema = parameter['schema'];
      if (schema !== undefined) problems.push(...this.validate(`${where} ${location} parameter ${name}`, schema, coerce(raw, this.resolve(schema))));
    }
    const known = new Set(parameters.filter((parameter) => parameter['in'] === 'query').map((parameter) => String(parameter['name'])));
    for (const name of parsed.searchParams.keys()) if (!known.has(name)) problems.push(`${where}: unknown query parameter ${name}`);
    const requestBody = operation.spec['requestBody'] === undefined ? undefined : this.resolve(operation.spec['requestBody']);
    const bodySchema = requestBody === undefined ? undefined : asObject(asObject(asObject(requestBody['content'])['application/json'])['schema'] ?? null);
    if (body !== undefined && bodySchema === undefined) problems.push(`${where} takes no JSON body`);
    if (body === undefined && requestBody?.['required'] === true) problems.push(`${where} needs a JSON body`);
    if (body !== undefined && bodySchema !== undefined) {
      problems.push(...this.validate(`${where} request body`, bodySchema, body));
      // A field the operation does not know is ignored by the server, silently: a misspelt one is a bug here.
      const fields = asObject(this.resolve(bodySchema)['properties'] ?? null);
      if (body !== null && typeof body === 'object' && !Array.isArray(body) && Object.keys(fields).length > 0) {
        for (const key of Object.keys(body)) if (!(key in fields)) problems.push(`${where} request body: unknown field ${key}`);
      }
    }
    return { operation: { operationId: String(operation.spec['operationId'] ?? where), template: operation.template, pathParams }, problems };
  }

  /** Problems with a response to an operation: its status must be documented, its JSON body valid. */
  checkResponse(method: string, template: string, status: number, body: unknown): string[] {
    const operation = this.operations.find((each) => each.method === method && each.template === template);
    if (operation === undefined) return [`${method} ${template} is no operation of the description`];
    const responses = asObject(operation.spec['responses']);
    const response = responses[String(status)] ?? responses['default'];
    if (response === undefined && status >= 400 && this.errorSchema !== undefined) {
      return this.validate(`${method} ${template} ${status} response`, { $ref: `#/components/schemas/${this.errorSchema}` }, body);
    }
    if (response === undefined) return [`${method} ${template} does not document the status ${status}`];
    const content = asObject(this.resolve(response)['content'] ?? {});
    const json = content['application/json'] ?? content['application/scim+json'];
    if (json === undefined) return body === undefined ? [] : [`${method} ${template} ${status} documents no JSON body`];
    const schema = asObject(json)['schema'];
    if (schema === undefined) return [];
    return this.validate(`${method} ${template} ${status} response`, schema, body);
  }

  /** An example of the description (`#/components/examples/NAME`), to start a response from. */
  example(name: string): Json {
    return structuredClone(asObject(asObject(asObject(this.description['components'])['examples'])[name])['value'] ?? null);
  }

  private find(method: string, pathname: string): Operation | undefined {
    // The most literal template wins: /issues/events before /issues/{issue_number}.
    return this.operations
      .filter((operation) => operation.method === method && operation.pattern.test(pathname))
      .sort((a, b) => b.literalSegments - a.literalSegments)[0];
  }

  private resolve(value: Json | undefined): JsonObject {
    let current = asObject(value ?? null);
    for (let depth = 0; typeof current['$ref'] === 'string' && depth < 20; depth++) {
      const pointer = (current['$ref'] as string).replace(/^#\//, '').split('/');
      let target: Json = this.description;
      for (const key of pointer) target = asObject(target)[key.replace(/~1/g, '/').replace(/~0/g, '~')] ?? null;
      current = asObject(target);
    }
    return current;
  }

  private validate(where: string, schema: Json, value: unknown): string[] {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 5).map((error) => `${where}: ${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`);
  }
}

/** An OpenAPI 3.0 schema as JSON Schema: nullable as a null alternative, refs into the registered components. */
function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/')) result[key] = `${COMPONENTS_ID}${value}`;
    else if (key === 'nullable' || key === 'example' || key === 'examples' || key === 'discriminator') continue;
    else if (key === 'properties' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      result[key] = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, toJsonSchema(property)]));
    } else result[key] = toJsonSchema(value);
  }
  if (schema['nullable'] !== true) return result;
  if (Array.isArray(result['enum'])) result['enum'] = [...result['enum'], null];
  if (typeof result['type'] === 'string') return { ...result, type: [result['type'], 'null'] };
  return { anyOf: [result, { type: 'null' }] };
}

/** A query or path string as the type its schema says (OpenAPI's default "form" style, single values). */
function coerce(raw: string, schema: JsonObject): unknown {
  const type = Array.isArray(schema['type']) ? schema['type'][0] : schema['type'];
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (type === 'array') return raw.split(',');
  return raw;
}

function asObject(value: Json | undefined): JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function asArray(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

export type { Json, JsonObject };
