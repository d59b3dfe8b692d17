import type { JsonObject } from './openApiChecker';

/**
 * GitLab publishes no OpenAPI description of its Issues API (its openapi_v2.yaml covers other
 * endpoints). This one is written by hand from GitLab's documented Issues API
 * (docs.gitlab.com/api/issues/: list project issues, single project issue, new issue, edit issue,
 * list merge requests that close a particular issue on merge), resource state events
 * (docs.gitlab.com/api/resource_state_events/) and users (docs.gitlab.com/api/users/, `username`
 * lookup): only the endpoints `action sync` uses, with the parameters and response fields those
 * pages document as always present. It is therefore our reading of GitLab's documentation, not
 * GitLab's own machine-readable contract, and can drift where the documentation is silent.
 */

const user = {
  type: 'object',
  required: ['id', 'username', 'name', 'state', 'web_url'],
  properties: {
    id: { type: 'integer' },
    username: { type: 'string' },
    name: { type: 'string' },
    state: { type: 'string' },
    avatar_url: { type: 'string', nullable: true },
    web_url: { type: 'string', format: 'uri' },
  },
};

const issue = {
  type: 'object',
  required: ['id', 'iid', 'project_id', 'title', 'description', 'state', 'created_at', 'updated_at', 'closed_at', 'closed_by', 'labels', 'assignees', 'author', 'web_url'],
  properties: {
    id: { type: 'integer' },
    iid: { type: 'integer' },
    project_id: { type: 'integer' },
    title: { type: 'string' },
    description: { type: 'string', nullable: true },
    state: { type: 'string', enum: ['opened', 'closed'] },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
    closed_at: { type: 'string', format: 'date-time', nullable: true },
    closed_by: { allOf: [{ $ref: '#/components/schemas/user' }], nullable: true },
    labels: { type: 'array', items: { type: 'string' } },
    milestone: { type: 'object', nullable: true },
    assignees: { type: 'array', items: { $ref: '#/components/schemas/user' } },
    assignee: { allOf: [{ $ref: '#/components/schemas/user' }], nullable: true },
    author: { $ref: '#/components/schemas/user' },
    type: { type: 'string', enum: ['ISSUE', 'INCIDENT', 'TEST_CASE', 'TASK'] },
    confidential: { type: 'boolean' },
    due_date: { type: 'string', format: 'date', nullable: true },
    web_url: { type: 'string', format: 'uri' },
    references: { type: 'object', properties: { short: { type: 'string' }, relative: { type: 'string' }, full: { type: 'string' } } },
  },
};

const mergeRequest = {
  type: 'object',
  required: ['id', 'iid', 'project_id', 'title', 'state', 'web_url'],
  properties: {
    id: { type: 'integer' },
    iid: { type: 'integer' },
    project_id: { type: 'integer' },
    title: { type: 'string' },
    state: { type: 'string', enum: ['opened', 'closed', 'locked', 'merged'] },
    merged_at: { type: 'string', format: 'date-time', nullable: true },
    web_url: { type: 'string', format: 'uri' },
  },
};

const stateEvent = {
  type: 'object',
  required: ['id', 'user', 'created_at', 'resource_type', 'resource_id', 'state'],
  properties: {
    id: { type: 'integer' },
    user: { $ref: '#/components/schemas/user' },
    created_at: { type: 'string', format: 'date-time' },
    resource_type: { type: 'string', enum: ['Issue', 'MergeRequest', 'Epic'] },
    resource_id: { type: 'integer' },
    state: { type: 'string', enum: ['opened', 'closed', 'reopened', 'merged', 'locked'] },
  },
};

const error = { type: 'object', properties: { message: {}, error: { type: 'string' } } };

const projectId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const issueIid = { name: 'issue_iid', in: 'path', required: true, schema: { type: 'integer' } };
const pagination = [
  { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
];
const ok = (schema: object): object => ({ description: 'OK', content: { 'application/json': { schema } } });
const errors = { '401': ok(error), '403': ok(error), '404': ok(error), '429': ok(error) };
const issueFields = {
  title: { type: 'string' },
  description: { type: 'string' },
  labels: { type: 'string', description: 'comma-separated label names' },
  assignee_ids: { type: 'array', items: { type: 'integer' } },
};

export const GITLAB_ISSUES_API = {
  openapi: '3.0.3',
  info: { title: 'GitLab Issues API, the part action sync uses (written from the documentation)', version: 'v4' },
  paths: {
    '/api/v4/projects/{id}/issues': {
      get: {
        operationId: 'listProjectIssues',
        parameters: [
          projectId,
          { name: 'labels', in: 'query', schema: { type: 'string' } },
          { name: 'scope', in: 'query', schema: { type: 'string', enum: ['created_by_me', 'assigned_to_me', 'all'] } },
          { name: 'state', in: 'query', schema: { type: 'string', enum: ['opened', 'closed', 'all'] } },
          ...pagination,
        ],
        responses: { '200': ok({ type: 'array', items: { $ref: '#/components/schemas/issue' } }), ...errors },
      },
      post: {
        operationId: 'createIssue',
        parameters: [projectId],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['title'], additionalProperties: false, properties: issueFields } } } },
        responses: { '201': ok({ $ref: '#/components/schemas/issue' }), ...errors },
      },
    },
    '/api/v4/projects/{id}/issues/{issue_iid}': {
      get: { operationId: 'getProjectIssue', parameters: [projectId, issueIid], responses: { '200': ok({ $ref: '#/components/schemas/issue' }), ...errors } },
      put: {
        operationId: 'editIssue',
        parameters: [projectId, issueIid],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', minProperties: 1, additionalProperties: false, properties: { ...issueFields, state_event: { type: 'string', enum: ['close', 'reopen'] } } },
            },
          },
        },
        responses: { '200': ok({ $ref: '#/components/schemas/issue' }), ...errors },
      },
    },
    '/api/v4/projects/{id}/issues/{issue_iid}/closed_by': {
      get: { operationId: 'listMergeRequestsClosingIssue', parameters: [projectId, issueIid, ...pagination], responses: { '200': ok({ type: 'array', items: { $ref: '#/components/schemas/merge_request' } }), ...errors } },
    },
    '/api/v4/projects/{id}/issues/{issue_iid}/resource_state_events': {
      get: { operationId: 'listIssueStateEvents', parameters: [projectId, issueIid, ...pagination], responses: { '200': ok({ type: 'array', items: { $ref: '#/components/schemas/state_event' } }), ...errors } },
    },
    '/api/v4/users': {
      get: {
        operationId: 'listUsers',
        parameters: [{ name: 'username', in: 'query', schema: { type: 'string' } }, ...pagination],
        responses: { '200': ok({ type: 'array', items: { $ref: '#/components/schemas/user' } }), ...errors },
      },
    },
  },
  components: { schemas: { user, issue, merge_request: mergeRequest, state_event: stateEvent } },
} as unknown as JsonObject;
