/**
 * Checking and applying payer-configured windows (days, calendar or business).
 */
import { addDays, parseIsoDate } from './calendar-date.js';
import { DeadlineRuleError } from './deadline-rule.error.js';
import type { PayerWindowOverride } from './deadline.types.js';
import { addBusinessDays } from './working-days.js';
import { isOneOf } from '../platform/guards.js';

/** How a window's days are counted: every day, or working days only (`business`). */
export const DAY_UNITS = ['calendar', 'business'] as const;
export type DayUnit = (typeof DAY_UNITS)[number];

/** What a window counts from: the date printed on the notice, or the day it was received. */
export const WINDOW_STARTS = ['notice', 'receipt'] as const;
export type WindowStart = (typeof WINDOW_STARTS)[number];

/** Ten years: anything longer is a typo, not a payer policy. */
const MAX_WINDOW_DAYS = 3650;

/**
 * Checks a payer window from configuration.
 *
 * @throws DeadlineRuleError BAD_WINDOW when days is not a whole number from 1 to 3650 or unit/countFrom are unknown
 */
export function validatePayerWindow(window: PayerWindowOverride): PayerWindowOverride {
  if (!Number.isInteger(window.days) || window.days < 1 || window.days > MAX_WINDOW_DAYS) {
    throw new DeadlineRuleError(
      'BAD_WINDOW',
      `a payer window needs a whole number of days from 1 to ${MAX_WINDOW_DAYS}, got ${window.days}`,
    );
  }
  if (!isOneOf(DAY_UNITS, window.unit)) {
    throw new DeadlineRuleError(
      'BAD_WINDOW',
      `a payer window's unit is calendar or business, got ${JSON.stringify(window.unit)}`,
    );
  }
  if (!isOneOf(WINDOW_STARTS, window.countFrom)) {
    throw new DeadlineRuleError(
      'BAD_WINDOW',
      `a payer window counts from notice or receipt, got ${JSON.stringify(window.countFrom)}`,
    );
  }
  return window;
}

/** "10 business days (weekends and federal holidays not counted)" or "30 days". */
export function describeLength(days: number, unit: DayUnit): string {
  return unit === 'business' ? `${days} business days (weekends and federal holidays not counted)` : `${days} days`;
}

/** The raw last day of a window of `days` starting the day after `start`. */
export function endOfWindow(start: string, days: number, unit: DayUnit): string {
  return unit === 'business' ? addBusinessDays(start, days) : addDays(parseIsoDate(start), days);
}
