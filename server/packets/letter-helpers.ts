/**
 * Every helper letter templates may call, registered in one place. Templates are compiled
 * with `knownHelpersOnly`, so a template naming anything else fails to compile. Each helper
 * refuses `undefined` (a field the view model does not have) so a typo fails loudly instead
 * of leaving a blank in a letter to a payer; `null` means "known to be absent" and prints nothing.
 */
import type { HelperDelegate } from 'handlebars';
import { levelName } from './letter-words.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function present(name: string, value: unknown): value is NonNullable<unknown> {
  if (value === undefined) throw new Error(`${name}: the template passed a field the letter data does not have`);
  return value !== null && value !== '';
}

/** "2026-11-23" → "November 23, 2026". */
export function formatDate(value: unknown): string {
  if (!present('formatDate', value)) return '';
  const iso = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  // The value itself stays out of the message: it may be a patient's name put in the wrong place.
  if (!m) throw new Error('formatDate was given something that is not a date');
  return `${MONTHS[Number(m[2]) - 1]} ${Number(m[3])}, ${m[1]}`;
}

/** 1840.5 → "$1,840.50". */
export function money(value: unknown): string {
  if (!present('money', value)) return '';
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error('money was given something that is not an amount');
  return n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}

/** ["72148", "97110"] → "72148, 97110". */
export function codeList(value: unknown): string {
  if (!present('codeList', value)) return '';
  if (!Array.isArray(value)) throw new Error('codeList: expects a list of codes');
  return value.join(', ');
}

/** The helpers, by name, as registered on the letters' Handlebars environment. */
export const LETTER_HELPERS: Record<string, HelperDelegate> = {
  formatDate,
  money,
  codeList,
  levelName: (level: unknown, planType: unknown, expedited: unknown) => {
    present('levelName', level);
    present('levelName', planType);
    return levelName(String(level), String(planType), expedited === true);
  },
  /** The 1-based position in an `#each` loop: `{{plusOne @index}}`. */
  plusOne: (n: unknown) => Number(n) + 1,
};
