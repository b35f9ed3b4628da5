import { createRequire } from 'node:module';
import type { parse as JoiToJson } from 'joi-to-json';

import type Joi from 'joi';
import { requestMediaType, type RouteSpec } from './api-registry.js';

let joiToJson: typeof JoiToJson | undefined;
/**
 * joi-to-json, loaded when the document is first asked for, not at start. It is CommonJS exporting
 * the function itself, which its typings don't describe for ESM.
 */
const parse: typeof JoiToJson = (schema, format) =>
  (joiToJson ??= createRequire(import.meta.url)('joi-to-json') as typeof JoiToJson)(schema, format);

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
    const body = r.schemas?.body ? parse(r.schemas.body, 'open-api') : undefined;
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
        [r.method === 'post' ? '201' : '200']: {
          description: 'Success',
          content: { [r.produces ?? 'application/json']: {} },
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
  const json: { properties?: Record<string, unknown> } = parse(schema, 'open-api');
  return json.properties ?? {};
}
