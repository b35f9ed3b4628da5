/**
 * Forms described as data: each field's key (its path in the API body), label, kind and
 * hint. The page renders them through the `field` partial, and the same labels name the
 * fields in the error summary, so the two can never disagree.
 */
import { isObject } from '../platform/guards.js';

export interface FieldSpec {
  /** Dotted path, e.g. `patient.firstName`; the input's name is `patient[firstName]`. */
  key: string;
  text: string;
  type?: 'text' | 'date' | 'number' | 'email' | 'tel' | 'datetime-local';
  step?: string;
  required?: boolean;
  hint?: string;
  options?: { value: string; text: string }[];
  multiline?: boolean;
  wide?: boolean;
}

export interface SectionSpec {
  legend: string;
  fields: FieldSpec[];
}

const inputId = (key: string) => key.replace(/\./g, '-');
const inputName = (key: string) =>
  key
    .split('.')
    .map((part, i) => (i === 0 ? part : `[${part}]`))
    .join('');

function valueAt(values: unknown, key: string): string {
  const v = key.split('.').reduce<unknown>((obj, part) => (isObject(obj) ? obj[part] : undefined), values);
  if (Array.isArray(v)) return v.join(', ');
  return v === undefined || v === null ? '' : String(v);
}

/** The view model of a form: fields with their current value and error, plus the summary. */
export function formView(sections: SectionSpec[], values: unknown, errors: Record<string, string>) {
  const known = new Set(sections.flatMap((s) => s.fields.map((f) => f.key)));
  const errorList = Object.entries(errors).map(([key, message]) => {
    const field = sections.flatMap((s) => s.fields).find((f) => f.key === key);
    return { id: known.has(key) ? inputId(key) : 'main', text: field?.text ?? key, message };
  });
  return {
    errorList,
    sections: sections.map((s) => ({
      legend: s.legend,
      fields: s.fields.map((f) => {
        const value = valueAt(values, f.key);
        return {
          ...f,
          type: f.type ?? 'text',
          id: inputId(f.key),
          name: inputName(f.key),
          value,
          error: errors[f.key],
          options: f.options?.map((o) => ({ ...o, selected: o.value === value })),
        };
      }),
    })),
  };
}
