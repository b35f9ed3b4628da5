/**
 * Working days: not a Saturday, Sunday or federal holiday. Used for the rollover of a
 * last day (CMS Pub. 100-04, ch. 29; 45 CFR 147.136(d)(2)(i)) and for business-day windows.
 */
import { addDays, isWeekend, parseIsoDate, weekdayOf } from './calendar-date.js';
import { DeadlineRuleError } from './deadline-rule.error.js';
import { federalHolidayName } from './federal-holidays.js';

/**
 * Whether a date is a federal holiday, including the observed Friday or Monday when the
 * holiday falls on a weekend (2021-12-31 for New Year's Day 2022; 2026-07-03 for July 4).
 *
 * @param date - 'YYYY-MM-DD'
 * @throws DeadlineRuleError BAD_DATE for a malformed or impossible date
 */
export function isFederalHoliday(date: string): boolean {
  return federalHolidayName(parseIsoDate(date)) !== undefined;
}

/**
 * Whether a date is a working day: Monday to Friday and not a federal holiday.
 *
 * @param date - 'YYYY-MM-DD'
 */
export function isWorkingDay(date: string): boolean {
  return !isWeekend(parseIsoDate(date)) && federalHolidayName(date) === undefined;
}

/**
 * The first working day strictly after `date` (Friday 2026-07-02 → Monday 2026-07-06,
 * skipping the observed Independence Day). For "this day, or the next working day if it is
 * none" use {@link rollToWorkingDay}.
 *
 * @param date - 'YYYY-MM-DD'
 */
export function nextWorkingDay(date: string): string {
  let day = addDays(parseIsoDate(date), 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The date itself when it is a working day, else the next working day. */
export function rollToWorkingDay(date: string): string {
  return isWorkingDay(date) ? date : nextWorkingDay(date);
}

/** The date itself when it is a working day, else the last working day before it. */
export function rollBackToWorkingDay(date: string): string {
  let day = parseIsoDate(date);
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/**
 * The date `n` working days after `date` (before it for negative `n`): weekends and federal
 * holidays are not counted. The start day itself is never counted, so Wednesday 2026-11-25
 * + 1 business day is Friday 2026-11-27 (Thanksgiving is skipped). `n` = 0 returns `date`.
 *
 * @param date - 'YYYY-MM-DD'
 * @param n - a whole number of working days
 * @throws DeadlineRuleError BAD_DATE for a bad date, BAD_WINDOW for a fractional `n`
 */
export function addBusinessDays(date: string, n: number): string {
  let day = parseIsoDate(date);
  if (!Number.isInteger(n))
    throw new DeadlineRuleError('BAD_WINDOW', `a business-day count must be a whole number, got ${n}`);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0;) {
    day = addDays(day, step);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

/**
 * Why a date is not a working day, for a basis: "Saturday", "a federal holiday
 * (Independence Day, observed)"; undefined on a working day.
 */
export function nonWorkingReason(date: string): string | undefined {
  if (isWeekend(date)) return weekdayOf(date);
  const holiday = federalHolidayName(date);
  return holiday === undefined ? undefined : `a federal holiday (${holiday})`;
}
