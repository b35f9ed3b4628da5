/**
 * A page form that does what an API route does, for when the page has no script: it validates
 * with the API's own schema, calls the same service, and answers 303 to the page it came from,
 * or shows that page again with what was refused in the form's summary. With script, the same
 * form posts JSON to the API (public/api-form.js) and never comes here.
 */
import type { Request, Response, Router } from 'express';
import type Joi from 'joi';
import { DateTime } from 'luxon';
import { WALL_CLOCK_TIME } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { noteProblem } from '../platform/request-context.js';
import type { ApiRegistry, HttpMethod } from '../platform/http/api-registry.js';
import { requireApiRoles } from './api-permissions.js';
import { fieldErrors, formBody, formProblem, problemErrors, withoutBlanks } from './form-errors.js';

/** Refusals a user can act on; anything else is a fault and goes to the error page. */
const FORM_REFUSALS = [400, 404, 409, 413, 415, 422];

export type FormFields = Record<string, unknown>;

export interface FormRoute<T> {
  /** The API route whose roles, schema and service this form shares. */
  api: { method: HttpMethod; path: string };
  path: string;
  schema: Joi.ObjectSchema<T>;
  /** The form's fields as the API's body. */
  toBody(fields: FormFields): unknown;
  /** Blanks are kept as `toBody` gives them (a correction, where a box emptied clears the field); else dropped. */
  keepsBlanks?: boolean;
  /** Does the work; it may answer itself (a token shown once, never put in a redirect), else `done` is next. */
  run(body: T, req: Request, res: Response): Promise<unknown>;
  /** Which form's summary shows a refusal (`formProblems[key]`), and the labels of its fields. */
  key(req: Request): string;
  labels: Record<string, string>;
  /** The page again, with extra view data, at a status. */
  show(req: Request, res: Response, extra: Record<string, unknown>, status: number): Promise<void>;
  /** Where to go once done (a path with a notice code, never data). */
  done(req: Request): string;
  /** A refusal in the page's words (a stale version: the page shown again is already the newer one); else the API's. */
  explain?(err: AppError): string;
  /**
   * Refusals (by code) whose field problems name what is missing elsewhere in the case, not fields of
   * this form: the page lists them (`formLists[key]`, in the API's order) instead of beside inputs.
   */
  listed?: readonly string[];
}

export function registerFormRoute<T>(router: Router, api: ApiRegistry, form: FormRoute<T>): void {
  router.post(form.path, requireApiRoles(api, form.api.method, form.api.path), async (req, res) => {
    // A refusal shows why in the form's summary and beside each field (by its path in the API
    // body), and gives back what was typed (never the token).
    const { _csrf: _token, ...typed } = formBody(req);
    const refuse = (detail: string, errors: Record<string, string>, status: number, list?: string[]) =>
      form.show(
        req,
        res,
        {
          formProblems: { [form.key(req)]: list ? detail : formProblem(detail, errors, form.labels) },
          formErrors: { [form.key(req)]: list ? {} : errors },
          formValues: { [form.key(req)]: typed },
          ...(list ? { formLists: { [form.key(req)]: list } } : {}),
        },
        status,
      );
    const body = form.toBody(formBody(req));
    const { value, error } = form.schema.validate((form.keepsBlanks ? body : withoutBlanks(body)) ?? {}, {
      abortEarly: false,
      convert: true,
    });
    if (error) {
      noteProblem('VALIDATION_FAILED');
      return refuse('Nothing was saved.', fieldErrors(error), 400);
    }
    try {
      await form.run(value, req, res);
    } catch (err) {
      if (!(err instanceof AppError) || !FORM_REFUSALS.includes(err.status)) throw err;
      // The page answers the refusal itself, so the audit learns its code here, as the error handler would tell it.
      noteProblem(err.code);
      const list = form.listed?.includes(err.code) ? err.fields.map((f) => f.message) : undefined;
      return refuse(form.explain?.(err) ?? err.message, problemErrors(err.fields), err.status, list);
    }
    if (!res.headersSent) res.redirect(303, form.done(req));
  });
}

/** A datetime-local value has no zone: it is the clinic's wall-clock time (the schema refuses anything else). */
export function clinicInstant(value: unknown, zone: string): unknown {
  if (typeof value !== 'string' || !WALL_CLOCK_TIME.test(value)) return value;
  const at = DateTime.fromISO(value, { zone });
  return at.isValid ? at.toUTC().toISO() : value;
}

/** A field sent once arrives as a string, several times as an array: always a list. */
export const asList = (value: unknown): unknown[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? [...value] : [value];

/**
 * The rows of a table of inputs named `prefix.N.field` ("weekly.0.start"), in row order, as
 * objects; `keep` drops the rows left empty, as page script does with data-only-with. A field
 * of a row may have rows of its own ("reasons.0.documents.1.page" gives the row a field
 * "documents.1.page", for formRows again).
 */
export function formRows(fields: FormFields, prefix: string, keep: (row: FormFields) => boolean): FormFields[] {
  const rows = new Map<number, FormFields>();
  const pattern = new RegExp(`^${prefix}\\.(\\d+)\\.(\\w+(?:\\.\\w+)*)$`);
  for (const [name, value] of Object.entries(fields)) {
    const match = pattern.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    rows.set(index, { ...rows.get(index), [match[2]]: value });
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => row)
    .filter(keep);
}
