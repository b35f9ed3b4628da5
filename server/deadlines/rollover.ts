/**
 * Moving a last day off a weekend or federal holiday, and saying so in words.
 */
import { weekdayOf } from './calendar-date.js';
import type { RolloverPolicy } from './appeal-rule.types.js';
import { nonWorkingReason, rollBackToWorkingDay, rollToWorkingDay } from './working-days.js';

/** A last day after any rollover. */
export interface RolledDate {
  dueDate: string;
  rolledOver?: { from: string; reason: string };
  /** '' when nothing moved; else "; falls on Saturday 2026-07-04, rolled to Monday 2026-07-06 …". */
  text: string;
}

/** "Saturday 2026-07-04", or "Monday 2026-10-12, a federal holiday (Columbus Day)". */
export function describeDay(date: string): string {
  const reason = nonWorkingReason(date);
  return reason === undefined || reason === weekdayOf(date)
    ? `${weekdayOf(date)} ${date}`
    : `${weekdayOf(date)} ${date}, ${reason}`;
}

/**
 * Applies a rollover policy to a raw last day.
 *
 * @param raw - the last day before rollover
 * @param policy - the row's policy
 * @param source - citation for the rollover, shown when the date moves
 */
export function applyRollover(raw: string, policy: RolloverPolicy, source?: string): RolledDate {
  const reason = nonWorkingReason(raw);
  if (policy === 'none' || reason === undefined) return { dueDate: raw, text: '' };
  const dueDate = rollToWorkingDay(raw);
  const cite = source === undefined ? '' : ` (${source})`;
  return {
    dueDate,
    rolledOver: { from: raw, reason },
    text: `; falls on ${describeDay(raw)}, rolled to ${weekdayOf(dueDate)} ${dueDate}, the next working day${cite}`,
  };
}

/**
 * Moves a last day back to the last working day on or before it: for windows that need the
 * payer's staff on the line (peer-to-peer), a weekend or holiday last day is no day at all.
 */
export function rollBack(raw: string, why: string): RolledDate {
  const reason = nonWorkingReason(raw);
  if (reason === undefined) return { dueDate: raw, text: '' };
  const dueDate = rollBackToWorkingDay(raw);
  return {
    dueDate,
    rolledOver: { from: raw, reason },
    text:
      `; falls on ${describeDay(raw)}, moved back to ${weekdayOf(dueDate)} ${dueDate}, ` +
      `the last working day before it (${why})`,
  };
}

/**
 * Where a last day that stands (no rollover) is not a working day, the working day before it:
 * the rule keeps its date, but payer offices, fax lines and mail rooms are closed on it.
 *
 * @param date - the last day, 'YYYY-MM-DD'
 * @returns undefined on a working day; else the date, its label ("Thu 2026-07-02") and a basis sentence
 */
export function lastBusinessDayBefore(date: string): { date: string; label: string; text: string } | undefined {
  const reason = nonWorkingReason(date);
  if (reason === undefined) return undefined;
  const before = rollBackToWorkingDay(date);
  const label = `${weekdayOf(before).slice(0, 3)} ${before}`;
  return {
    date: before,
    label,
    text: `${describeDay(date)} is not a working day, so offices are closed: last business day before it ${label}`,
  };
}
