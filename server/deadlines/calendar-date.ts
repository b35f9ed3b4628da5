/**
 * Calendar-date arithmetic on 'YYYY-MM-DD' strings.
 *
 * Deadlines are calendar dates, not instants: a date is turned into a UTC day number and back,
 * so daylight-saving changes and the server's time zone can never shift a deadline by a day.
 */
import { DeadlineRuleError } from './deadline-rule.error.js';
import { dateIn } from '../platform/clock.js';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An instant must carry its offset: a local time without one names no single moment. */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
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
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Day of the week, as written in a basis ("Saturday"). */
export type WeekdayName = (typeof WEEKDAYS)[number];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

/**
 * Validates a calendar date and returns it unchanged.
 *
 * @param s - the date as 'YYYY-MM-DD'
 * @param field - the input's name, used in the error message
 * @returns the same string, known to name a real day (29 February only in leap years)
 * @throws DeadlineRuleError BAD_DATE when the text is not a date or the day does not exist
 */
export function parseIsoDate(s: string, field = 'date'): string {
  const match = typeof s === 'string' ? ISO_DATE.exec(s) : null;
  if (!match)
    throw new DeadlineRuleError('BAD_DATE', `${field} must be a date written YYYY-MM-DD, got ${JSON.stringify(s)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new DeadlineRuleError('BAD_DATE', `${field} ${s} is not a real calendar date`);
  }
  return s;
}

/**
 * Validates an ISO 8601 instant with an explicit offset ('2026-03-02T15:00:00Z').
 *
 * @returns the instant as a Date
 * @throws DeadlineRuleError BAD_DATE when it is not one
 */
export function parseIsoInstant(s: string, field = 'instant'): Date {
  const match = typeof s === 'string' ? ISO_INSTANT.exec(s) : null;
  if (match) {
    parseIsoDate(match[1], field);
    const instant = new Date(s);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  throw new DeadlineRuleError(
    'BAD_DATE',
    `${field} must be an ISO instant with an offset (e.g. 2026-03-02T15:00:00Z), got ${JSON.stringify(s)}`,
  );
}

/** True when the text looks like a date-only value rather than an instant. */
export function isDateOnly(s: string): boolean {
  return ISO_DATE.test(s);
}

/** The UTC calendar date of an instant. */
export function utcDateOf(instant: Date): string {
  return format(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate());
}

/**
 * The calendar date of an instant on the wall calendar of an IANA time zone: a fax received at
 * 10 pm in New York is received that day, not on the next UTC day.
 * @throws DeadlineRuleError BAD_TIME_ZONE
 */
export function calendarDateIn(instant: Date, timeZone: string): string {
  try {
    return dateIn(instant, timeZone);
  } catch {
    throw new DeadlineRuleError(
      'BAD_TIME_ZONE',
      `time zone must be an IANA name such as America/New_York, got ${JSON.stringify(timeZone)}`,
    );
  }
}

function toDayNumber(date: string): number {
  const [y, m, d] = parts(date);
  const utc = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  utc.setUTCFullYear(y, m - 1, d);
  return Math.round(utc.getTime() / MS_PER_DAY);
}

function fromDayNumber(dayNumber: number): string {
  return utcDateOf(new Date(dayNumber * MS_PER_DAY));
}

/** The date `n` calendar days after (or, for negative `n`, before) `date`. */
export function addDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Result of adding months under the "no corresponding date" rule. */
export interface MonthsLater {
  date: string;
  /** False when the target month is too short and the first of the following month was used. */
  corresponding: boolean;
}

/**
 * The same day-of-month `n` months later; when that month has no such day (30 February),
 * the first day of the month after it.
 *
 * That is the ACA external-review rule: "If there is no corresponding date four months after
 * the date of receipt…, then the request must be filed by the first day of the fifth month"
 * (45 CFR 147.136(d)(2)(i)) — not the "last day of the month" clamp most date libraries use.
 */
export function addMonthsOrFirstOfNext(date: string, n: number): MonthsLater {
  const [y, m, d] = parts(date);
  const monthIndex = y * 12 + (m - 1) + n;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  if (d <= daysInMonth(year, month)) return { date: format(year, month, d), corresponding: true };
  const nextIndex = monthIndex + 1;
  return { date: format(Math.floor(nextIndex / 12), (nextIndex % 12) + 1, 1), corresponding: false };
}

/** English name of a month (1-12), for bases ("30 February"). */
export function monthName(month: number): string {
  return MONTHS[month - 1];
}

/** Day of the week of a calendar date. */
export function weekdayOf(date: string): WeekdayName {
  // Day 0 (1970-01-01) was a Thursday.
  return WEEKDAYS[(((toDayNumber(date) + 4) % 7) + 7) % 7];
}

/** True on Saturdays and Sundays. */
export function isWeekend(date: string): boolean {
  const day = weekdayOf(date);
  return day === 'Saturday' || day === 'Sunday';
}

/** Year, month and day of a validated date. */
export function dateParts(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = parts(date);
  return { year, month, day };
}

/**
 * An instant as the clinic reads it on its own clock, in words: "17 Nov 2026, 10:00 EST".
 * @param timeZone - the clinic's IANA zone (UTC when none)
 */
export function clockWords(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const zone = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} ${zone}`;
}

/** When a payer received a request, with the date its timeframes count from. */
export interface Submission {
  instant: Date;
  /** Its date on the calendar of `timeZone`. */
  date: string;
  text: string;
  timeZone: string;
}

/**
 * The submission as an instant and a calendar date. A bare date is taken as received at 00:00
 * UTC that day (the earliest reading); an instant's date is the one on the calendar of
 * `timeZone` (the clinic's), not the UTC one.
 */
export function parseSubmission(submittedAt: string, timeZone = 'UTC'): Submission {
  if (isDateOnly(submittedAt)) {
    const date = parseIsoDate(submittedAt, 'submittedAt');
    // Validates the zone even when the date needs none, so a bad zone is never silently ignored.
    calendarDateIn(new Date(0), timeZone);
    return { instant: new Date(`${date}T00:00:00.000Z`), date, text: date, timeZone };
  }
  const instant = parseIsoInstant(submittedAt, 'submittedAt');
  const date = calendarDateIn(instant, timeZone);
  return { instant, date, text: clockWords(instant, timeZone), timeZone };
}
