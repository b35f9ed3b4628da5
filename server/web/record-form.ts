/**
 * A page form that adds or edits one stored record (a guideline, a payer profile, a user, a
 * letter template), posted without script through form-route.ts. Shown with the record as
 * stored, or, after a refusal, with what was typed and each error beside its field. After a
 * stale version (409) the form shows the record as it stands now, with its current version, so
 * the user sees the other change before applying theirs again.
 */
import type { Request } from 'express';
import { isObject } from '../platform/guards.js';
import { formView, type SectionSpec } from './form-fields.js';

const entry = (byForm: unknown, key: string): unknown => (isObject(byForm) ? byForm[key] : undefined);

/** The view model of a record's form: sections with values and errors, the summary, the version to send. */
export function recordForm(
  sections: SectionSpec[],
  saved: Record<string, unknown>,
  extra: Record<string, unknown>,
  key: string,
  status: number,
  options: {
    /** Fields never given back to the page (a password). */
    secret?: string[];
    /** The record's edit counter, sent back in a hidden field (a guideline's is `revision`). */
    versionKey?: string;
  } = {},
) {
  const { secret = [], versionKey = 'version' } = options;
  const given = status === 409 ? undefined : entry(extra.formValues, key);
  const typed = isObject(given)
    ? Object.fromEntries(Object.entries(given).filter(([k]) => !secret.includes(k)))
    : undefined;
  const errors = entry(extra.formErrors, key);
  const values = typed ?? saved;
  return {
    ...formView(sections, values, besideFields(sections, isObject(errors) ? errors : {})),
    problem: entry(extra.formProblems, key),
    version: values[versionKey],
  };
}

/**
 * Errors by field: one of a list typed into one field (`diagnosisCodes.1`) is shown beside that
 * field, numbered ("Code 2 must be…").
 */
function besideFields(sections: SectionSpec[], errors: Record<string, unknown>): Record<string, string> {
  const keys = new Set(sections.flatMap((s) => s.fields.map((f) => f.key)));
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (typeof message !== 'string') continue;
    const item = /^(.+)\.(\d+)$/.exec(path);
    if (item && !keys.has(path) && keys.has(item[1]))
      out[item[1]] ??= message.replace(/^This field/, `Code ${Number(item[2]) + 1}`);
    else out[path] ??= message;
  }
  return out;
}

/** The labels of a form's fields by their key, for the summary of a refusal. */
export const fieldLabels = (sections: SectionSpec[]): Record<string, string> =>
  Object.fromEntries(sections.flatMap((s) => s.fields.map((f) => [f.key, f.text])));

/** "72148, 97110 j9271" → ["72148", "97110", "j9271"]: the schema checks and upper-cases each code. */
export function codeList(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const codes = value.split(/[\s,;]+/).filter(Boolean);
  return codes.length ? codes : undefined;
}

/** The message code of a page after a successful post (never data). */
export function noticeOf(req: Request, notices: Record<string, string>): string | undefined {
  return typeof req.query.notice === 'string' ? notices[req.query.notice] : undefined;
}

/** A yes/no choice for a stored boolean, as a select (`true`/`false`; joi converts). */
export const YES_NO = [
  { value: 'true', text: 'Yes' },
  { value: 'false', text: 'No' },
];
