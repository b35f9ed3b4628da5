import type { RequestHandler } from 'express';
import type Joi from 'joi';
import { invalid } from '../errors.js';

export interface RequestSchemas {
  params?: Joi.ObjectSchema;
  query?: Joi.ObjectSchema;
  body?: Joi.Schema;
}

/**
 * Validates params, query and body with joi, reporting every offending field at once and
 * refusing unknown keys. The validated values go to `res.locals.input`, never back onto `req`
 * (params and query without a schema as `{}`).
 * Keys starting with `$` are refused everywhere so that nothing can smuggle a MongoDB operator, and
 * `__proto__`, `constructor` and `prototype` so that nothing reaches an object's prototype. Input
 * nested deeper than {@link MAX_DEPTH} is refused before any of that is walked: the walks recurse.
 * An empty query parameter (`?code=&q=`, as a form with blank fields sends) means "no filter".
 */
export function validate(schemas: RequestSchemas): RequestHandler {
  return (req, res, next) => {
    const input: Record<string, unknown> = {};
    const problems: { field: string; message: string }[] = [];
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      const raw: unknown = part === 'query' ? withoutEmptyValues(req.query) : (req[part] ?? {});
      if (deeperThan(raw, MAX_DEPTH)) {
        problems.push({ field: part, message: `nested deeper than ${MAX_DEPTH} levels` });
        continue;
      }
      problems.push(
        ...operatorKeys(raw, part).map((field) => ({
          field,
          message: 'keys starting with "$", containing "." or naming a prototype are not allowed',
        })),
      );
      if (!schema) {
        if (part !== 'body') input[part] = {};
        else if (hasContent(raw)) problems.push({ field: 'body', message: 'this endpoint takes no body' });
        continue;
      }
      const { value, error } = schema.validate(raw, {
        abortEarly: false,
        allowUnknown: false,
        stripUnknown: false,
        convert: true,
      });
      if (error)
        problems.push(
          ...error.details.map((d) => ({ field: [part, ...d.path].join('.'), message: d.message.replace(/"/g, "'") })),
        );
      input[part] = value;
    }
    if (problems.length) return next(invalid(`${problems.length} field(s) are invalid`, problems));
    res.locals.input = input;
    next();
  };
}

function withoutEmptyValues(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query ?? {}).filter(([, v]) => v !== ''));
}

function hasContent(v: unknown): boolean {
  return typeof v === 'object' && v !== null && Object.keys(v).length > 0;
}

/** No request the API takes nests anywhere near this deep; a hostile one may nest thousands of levels. */
export const MAX_DEPTH = 32;

/** Whether objects and arrays nest more than `limit` levels, found without recursion. */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

function operatorKeys(value: unknown, prefix: string): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const field = `${prefix}.${key}`;
    if (key.startsWith('$') || key.includes('.') || PROTOTYPE_KEYS.includes(key)) found.push(field);
    else found.push(...operatorKeys(child, field));
  }
  return found;
}
