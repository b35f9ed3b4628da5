import { createRequire } from 'node:module';
import type { parse as JoiToJson } from 'joi-to-json';

import type Joi from 'joi';
import { requestMediaType, type RouteSpec } from './api-registry.js';

let joiToJson: typeof JoiToJson | undefined;
/**
 * joi-to-json, loaded when the document is first asked for, not at start. It is CommonJS exporting
 * the function itself, which its typings don't describe for ESM.
 */
const convert: typeof JoiToJson = (schema, format) =>
  (joiToJson ??= createRequire(import.meta.url)('joi-to-json') as typeof JoiToJson)(schema, format);

/**
 * A joi schema as OpenAPI, with what joi-to-json leaves out of strings put back: joi refuses an
 * empty string unless allowed (minLength 1), a trimmed one of spaces only (pattern `\S`), and
 * `hex()`/`length()` become a pattern and lengths. Without them a contract tester's "valid" ids and
 * names are refused, and almost none of its requests reach a route's work.
 */
const parse = (schema: Joi.Schema) =>
  convert({ describe: () => withStringRules(schema.describe()) } as Joi.Schema, 'open-api');

type Description = Joi.Description & {
  keys?: Record<string, Description>;
  items?: Description[];
  matches?: { schema?: Description; then?: Description; otherwise?: Description }[];
  rules?: { name: string; args?: Record<string, unknown> }[];
  allow?: unknown[];
};

function withStringRules(d: Description): Description {
  const out: Description = { ...d };
  if (d.keys) out.keys = Object.fromEntries(Object.entries(d.keys).map(([k, v]) => [k, withStringRules(v)]));
  if (d.items) out.items = d.items.map(withStringRules);
  if (d.matches)
    out.matches = d.matches.map((m) => ({
      ...m,
      ...(m.schema ? { schema: withStringRules(m.schema) } : {}),
      ...(m.then ? { then: withStringRules(m.then) } : {}),
      ...(m.otherwise ? { otherwise: withStringRules(m.otherwise) } : {}),
    }));
  if (d.type !== 'string') return out;
  const rules = [...(d.rules ?? [])];
  const has = (name: string) => rules.some((r) => r.name === name);
  const length = rules.find((r) => r.name === 'length')?.args?.limit;
  if (length !== undefined)
    rules.push({ name: 'min', args: { limit: length } }, { name: 'max', args: { limit: length } });
  if (has('hex') && !has('pattern')) rules.push({ name: 'pattern', args: { regex: '/^[0-9a-fA-F]*$/' } });
  const mayBeEmpty = (d.allow ?? []).includes('');
  if (!mayBeEmpty && !has('min') && length === undefined) rules.push({ name: 'min', args: { limit: 1 } });
  if (!mayBeEmpty && has('trim') && !has('pattern')) rules.push({ name: 'pattern', args: { regex: '/\\S/' } });
  out.rules = rules;
  return out;
}

/** Builds the OpenAPI 3 document from the route table, so every registered route is in it. */
export function buildOpenApi(routes: RouteSpec[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...Object.entries(objectProperties(r.schemas?.params)).map(([name, schema]) => ({
        name,
        in: 'path',
        required: true,
        schema,
      })),
      ...Object.entries(objectProperties(r.schemas?.query)).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        schema,
      })),
    ];
    const body = r.schemas?.body ? parse(r.schemas.body) : undefined;
    const status = r.status ?? (r.method === 'post' ? 201 : 200);
    paths[`/api/v1${path}`] ??= {};
    paths[`/api/v1${path}`][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      'x-roles': r.roles,
      security: [{ bearer: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(body
        ? {
            requestBody: {
              required: true,
              content: { [requestMediaType(r)]: { schema: body } },
            },
          }
        : {}),
      responses: {
        [status]:
          status === 204
            ? { description: 'Done; nothing to answer' }
            : {
                description: 'Success',
                content: r.produces
                  ? { [r.produces]: { schema: { type: 'string', format: 'binary' } } }
                  : { 'application/json': r.response ? { schema: parse(r.response) } : {} },
              },
        default: {
          description: 'Problem',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
            },
          },
        },
      },
    },
    paths: {
      '/health': { get: { summary: 'Liveness', security: [], responses: { '200': { description: 'Alive' } } } },
      '/ready': {
        get: {
          summary: 'Readiness: the database answers',
          security: [],
          responses: { '200': { description: 'Ready' }, '503': { description: 'Database unreachable' } },
        },
      },
      ...paths,
    },
  };
}

function objectProperties(schema: Joi.ObjectSchema | undefined): Record<string, unknown> {
  if (!schema) return {};
  const json: { properties?: Record<string, unknown> } = parse(schema);
  return json.properties ?? {};
}
