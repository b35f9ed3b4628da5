/**
 * Reading the values a remittance carries: money to exact integer cents, dates to ISO calendar
 * dates, quantities. Pure; a bad value throws a ClaimReadError naming the element, never the value
 * (a value may be PHI).
 */
import type { AdjustmentGroup, Cents, ClaimStatus } from './remittance.types.js';

const CLAIM_STATUSES = new Set<string>(['1', '2', '3', '4', '19', '20', '21', '22', '23', '25']);
const GROUPS = new Set<string>(['CO', 'PR', 'OA', 'PI', 'CR']);

/** A claim status code (CLP02) as the 835 defines them. */
export const isClaimStatus = (text: string): text is ClaimStatus => CLAIM_STATUSES.has(text);

/** An adjustment group code (CAS01): CO, PR, OA, PI or CR. */
export const isAdjustmentGroup = (text: string): text is AdjustmentGroup => GROUPS.has(text);

/** A claim that cannot be read, and the element at fault; the reader turns it into a ClaimProblem. */
export class ClaimReadError extends Error {
  constructor(
    readonly element: string | undefined,
    reason: string,
  ) {
    super(reason);
    this.name = 'ClaimReadError';
  }
}

// X12 decimal (R): optional sign, digits with an optional point; the 835 sends at most cents.
const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?$/;

/**
 * An amount as exact integer cents, read from its decimal text (`"1840.5"` is 184050), never
 * through a float. More than two decimals are accepted only when the extra digits are zeros.
 *
 * @param text - the amount as sent (X12 element, or a FHIR decimal written out)
 * @param element - the element name, for the error
 */
export function parseCents(text: string, element: string): Cents {
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === '' && !m[3])) throw new ClaimReadError(element, `${element} is not an amount`);
  const [, sign, whole, fraction = ''] = m;
  if (/[^0]/.test(fraction.slice(2))) throw new ClaimReadError(element, `${element} has fractions of a cent`);
  const cents = Number(whole || '0') * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) throw new ClaimReadError(element, `${element} is too large`);
  return sign && cents !== 0 ? -cents : cents;
}

/** Like parseCents, for an element that may be left empty. */
export function parseOptionalCents(text: string | undefined, element: string): Cents | undefined {
  return text === undefined || text === '' ? undefined : parseCents(text, element);
}

/**
 * A quantity (units, days): a plain decimal number.
 *
 * @param text - the quantity as sent
 * @param element - the element name, for the error
 */
export function parseQuantity(text: string, element: string): number {
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === '' && !m[3])) throw new ClaimReadError(element, `${element} is not a quantity`);
  return Number(text);
}

/**
 * An X12 date (CCYYMMDD) as `YYYY-MM-DD`, refused unless it is a real calendar day.
 *
 * @param text - the date as sent
 * @param element - the element name, for the error
 */
export function parseX12Date(text: string, element: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) throw new ClaimReadError(element, `${element} is not a date (CCYYMMDD)`);
  return checkedDate(`${m[1]}-${m[2]}-${m[3]}`, element);
}

/**
 * A FHIR date or dateTime cut to its calendar day (`2026-10-05T10:00:00Z` is `2026-10-05`).
 *
 * @param text - the date as sent
 * @param element - the FHIR path, for the error
 */
export function parseFhirDate(text: string, element: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T.*)?$/.exec(text);
  if (!m) throw new ClaimReadError(element, `${element} is not a full date`);
  return checkedDate(m[1], element);
}

/**
 * A date as a spreadsheet writes it: `YYYY-MM-DD`, or the US `M/D/YYYY`, as `YYYY-MM-DD`.
 *
 * @param text - the date as sent
 * @param element - the column name, for the error
 */
export function parseCsvDate(text: string, element: string): string {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = us ? `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}` : text;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso))
    throw new ClaimReadError(element, `${element} is not a date (YYYY-MM-DD or MM/DD/YYYY)`);
  return checkedDate(iso, element);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Arithmetic rather than a Date per value: a large remittance holds several dates per claim.
function checkedDate(iso: string, element: string): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (!days || day < 1 || day > days) throw new ClaimReadError(element, `${element} is not a calendar date`);
  return iso;
}
