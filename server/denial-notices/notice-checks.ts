/**
 * The format rules a value read from a denial notice must pass before it may be rated `high`
 * (notice-fields.ts). Pure: each answers whether a string is a well-formed value of its kind.
 */
import { DateTime } from 'luxon';
import { findReasonCode } from '../reason-codes/index.js';

/**
 * ICD-10-CM: a letter, a digit, a digit or letter, then after a dot up to four more (E11.65,
 * M17.11, S72.001A). U is reserved by WHO for emergency codes; only U07.1 and U09.9 are in use.
 */
export function isIcd10(code: string): boolean {
  if (/^U/.test(code)) return code === 'U07.1' || code === 'U09.9';
  return /^[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?$/.test(code);
}

/** CPT: five digits, or four and F (category II) or T (category III). */
export const isCpt = (code: string) => /^\d{4}[0-9FT]$/.test(code);

/** HCPCS level II: one of the section letters CMS uses (A–V without D, F, I, N, O, U) then four digits. */
export const isHcpcs = (code: string) => /^[ABCEGHJKLMPQRSTV]\d{4}$/.test(code);

/** A CARC the reason-code table knows ("50", "CO-50"). */
export const isKnownCarc = (code: string) => findReasonCode(code)?.kind === 'CARC';

/** A RARC the reason-code table knows ("N115", "MA130"). */
export const isKnownRarc = (code: string) => findReasonCode(code)?.kind === 'RARC';

/**
 * An NPI: ten digits whose last is the Luhn check digit of the other nine prefixed with 80840
 * (CMS, "Requirements for the NPI check digit"; the prefix adds a constant 24 to the sum).
 */
export function isNpi(npi: string): boolean {
  if (!/^[12]\d{9}$/.test(npi)) return false;
  let sum = 24;
  for (let i = 8; i >= 0; i--) {
    let d = Number(npi[i]);
    if ((8 - i) % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(npi[9]);
}

/**
 * A Medicare Beneficiary Identifier: 11 characters, C A AN N A AN N A A N N, where C is 1–9, N a
 * digit and A a letter other than S, L, O, I, B, Z (CMS, "Understanding the MBI format"). Dashes
 * printed between its groups are not part of it.
 */
export function isMbi(id: string): boolean {
  const a = '[AC-HJKMNP-RT-Y]';
  const an = '[AC-HJKMNP-RT-Y0-9]';
  return new RegExp(`^[1-9]${a}${an}\\d${a}${an}\\d${a}{2}\\d{2}$`).test(id.replace(/-/g, ''));
}

/** A member id as plans print them: 5–20 letters and digits (a dash or space between groups), at least two digits. */
export const isMemberId = (id: string) =>
  /^[A-Z0-9](?:[A-Z0-9]|[- ](?=[A-Z0-9])){4,24}$/i.test(id) &&
  (id.match(/\d/g)?.length ?? 0) >= 2 &&
  id.replace(/[- ]/g, '').length <= 20;

/** A claim or authorization number: 6–25 letters, digits and dashes, at least four digits. */
export const isReferenceNumber = (ref: string) =>
  /^[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])){5,24}$/i.test(ref) && (ref.match(/\d/g)?.length ?? 0) >= 4;

/**
 * A North American phone or fax number: area code and exchange each start 2–9 (NANP); answers the
 * ten digits, or null.
 */
export function nanpDigits(written: string): string | null {
  const digits = written.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(digits) ? digits : null;
}

/** A person's name as printed: two to five words of letters, with hyphens, apostrophes and initials. */
export const isPersonName = (name: string) =>
  /^(?:[A-Z][a-zA-Z'\u2019-]*\.?)(?:\s+(?:[A-Z][a-zA-Z'\u2019-]*\.?|[A-Z]\.)){1,4}$/.test(name) && !/\d/.test(name);

/** Professional credentials a reviewer signs with; a reviewer's name is checked against these. */
export const CREDENTIALS = [
  'MD',
  'DO',
  'RN',
  'BSN',
  'NP',
  'PA-C',
  'PharmD',
  'RPh',
  'DPM',
  'DC',
  'DDS',
  'DMD',
  'PhD',
  'PT',
  'DPT',
  'LCSW',
  'MPH',
  'MBA',
  'FACP',
  'FACS',
  'FAAOS',
  'FACC',
  'FAAP',
  'CCM',
] as const;

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const MONTHS_SHORT = 'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';

/** The ways a date is printed on US notices, with `digit` for a digit's pattern (no groups to keep). */
function datePattern(digit: string): RegExp {
  const d = (n: string) => `${digit}{${n}}`;
  return new RegExp(
    `(?:${[
      String.raw`(?:${MONTHS}|${MONTHS_SHORT})\.? {1,2}${d('1,2')}, {0,2}${d('4')}`,
      `${d('1,2')}/${d('1,2')}/(?:${d('4')}|${d('2')})(?!\\d)`,
      `${d('4')}-${d('2')}-${d('2')}`,
      `${d('1,2')} (?:${MONTHS}) ${d('4')}`,
    ].join('|')})`,
  );
}

/** A date as printed. */
export const DATE_PATTERN = datePattern(String.raw`\d`);

/**
 * A date as an OCR may have read it: O for zero, I or l for one (`1O/O9/1988`), for `repairDigits`
 * to mend. Only after a label: alone, "lOl" would be a date.
 */
export const OCR_DATE_PATTERN = datePattern('[0-9OoIl]');

/**
 * A printed date read as an ISO date, or null when it is no real calendar day (February 30) or not
 * a date at all. Two-digit years are this century.
 */
export function readDate(written: string): string | null {
  const text = written
    .replace(/\s+/g, ' ')
    .replace(/\.(?= )/, '')
    .trim();
  const formats = ['MMMM d, yyyy', 'MMM d, yyyy', 'MMMM d,yyyy', 'M/d/yyyy', 'M/d/yy', 'yyyy-MM-dd', 'd MMMM yyyy'];
  for (const format of formats) {
    const parsed = DateTime.fromFormat(text.replace(/^Sept\b/, 'Sep'), format, { locale: 'en-US' });
    if (parsed.isValid) return parsed.toISODate();
  }
  return null;
}
