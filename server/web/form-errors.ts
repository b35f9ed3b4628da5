/**
 * Bridges HTML forms and the API's joi schemas: blank fields are dropped (a form sends "" for
 * an untouched input, the API would call that invalid), and joi's error details become one
 * message per field path, so each message is shown beside its own input.
 */
import type { Request } from 'express';
import type Joi from 'joi';
import type { FieldProblem } from '../platform/errors.js';
import { isObject } from '../platform/guards.js';

/** The fields of a posted form (the body itself, so changes to it are seen downstream); none when there is none. */
export function formBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return isObject(body) ? body : {};
}

/** Removes "" (and arrays/objects left empty by that) recursively. */
export function withoutBlanks(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(withoutBlanks).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, withoutBlanks(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  return value;
}

/** A form's fields without blanks (see withoutBlanks); none when nothing is left. */
export function fieldsWithoutBlanks(fields: Record<string, unknown>): Record<string, unknown> {
  const kept = withoutBlanks(fields);
  return isObject(kept) ? kept : {};
}

/** First message per dotted path ("patient.dateOfBirth"), without joi's quoting of labels. */
export function fieldErrors(error: Joi.ValidationError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of error.details) {
    const key = d.path.join('.');
    out[key] ??= humanise(d.message, d.context?.label);
  }
  return out;
}

/** The same for an AppError's field problems (`body.patient.dateOfBirth` → `patient.dateOfBirth`). */
export function problemErrors(fields: FieldProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields)
    out[f.field.replace(/^body\./, '')] ??= f.message.charAt(0).toUpperCase() + f.message.slice(1);
  return out;
}

function humanise(message: string, label?: string): string {
  // '"patient.firstName" is required' → 'This field is required'
  const text = label ? message.replace(`"${label}"`, 'This field') : message.replace(/^"[^"]*"/, 'This field');
  return text.replace(/"/g, '');
}

/**
 * One sentence for a form without page script, shown in its summary: what was refused and,
 * per field, why, named as its label on the page.
 */
export function formProblem(detail: string, errors: Record<string, string>, labels: Record<string, string>): string {
  const fields = Object.entries(errors).map(([path, message]) => {
    const label = labels[path] ?? nestedLabel(path, labels) ?? rowLabel(path, labels) ?? 'A field';
    return message.startsWith('This field') ? `${message.replace('This field', label)}.` : `${label}: ${message}.`;
  });
  return [detail, ...fields].join(' ');
}

/** "reasons.2.documents.0.quote" → the label of "reasons.2.documents": a row's own list, labelled as a whole. */
function nestedLabel(path: string, labels: Record<string, string>): string | undefined {
  const parts = path.split('.');
  for (let n = parts.length - 1; n >= 2; n--) {
    const label = labels[parts.slice(0, n).join('.')];
    if (label) return label;
  }
  return undefined;
}

/** "weekly.1.end" → "Weekly hours, row 2": a table's label and the row, when the cell has none. */
function rowLabel(path: string, labels: Record<string, string>): string | undefined {
  const [table, index] = path.split('.');
  return labels[table] && /^\d+$/.test(index ?? '') ? `${labels[table]}, row ${Number(index) + 1}` : labels[table];
}
