/**
 * The US federal holiday calendar (5 U.S.C. 6103), taken from date-holidays rather than a
 * hand-kept list, as the reference asks.
 *
 * date-holidays' 'US' calendar is wider than the federal one, so it is filtered:
 * - types 'public' and 'bank': 'public' holds the eleven federal holidays and their observed
 *   (substitute) days, except that the observed Friday/Monday for Veterans Day is typed 'bank'
 *   (its data notes "Federal Government offices are closed"); without 'bank' a Saturday
 *   Veterans Day (2028-11-11) would lose its observed Friday (2028-11-10).
 * - then only the names below: this drops anything else a future data release types
 *   'public' or 'bank', so the list stays exactly the eleven days of 5 U.S.C. 6103 plus the
 *   Saturday → Friday / Sunday → Monday observed days (Executive Order 11582; OPM).
 * Not included: Inauguration Day (only the Washington DC area) and one-off closures by
 * executive order (e.g. Christmas Eve in some years); a date printed on a notice overrides.
 */
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';

/** The eleven federal holidays, by the names date-holidays gives them (default language). */
export const FEDERAL_HOLIDAY_NAMES: readonly string[] = [
  "New Year's Day",
  'Martin Luther King Jr. Day',
  "Washington's Birthday",
  'Memorial Day',
  'Juneteenth',
  'Independence Day',
  'Labor Day',
  'Columbus Day',
  'Veterans Day',
  'Thanksgiving Day',
  'Christmas Day',
];

const SUBSTITUTE_SUFFIX = ' (substitute day)';
let calendar: Holidays | undefined;
/** date-holidays (every country's calendar) is loaded by the first date counted, not at start. */
function usCalendar(): Holidays {
  const Calendar = createRequire(import.meta.url)('date-holidays') as typeof Holidays;
  return (calendar ??= new Calendar('US', { types: ['public', 'bank'] }));
}
const byYear = new Map<number, Map<string, string>>();

function holidaysOf(year: number): Map<string, string> {
  let days = byYear.get(year);
  if (!days) {
    days = new Map();
    for (const holiday of usCalendar().getHolidays(year)) {
      const observed = holiday.substitute === true || holiday.name.endsWith(SUBSTITUTE_SUFFIX);
      const name = holiday.name.replace(SUBSTITUTE_SUFFIX, '');
      if (!FEDERAL_HOLIDAY_NAMES.includes(name)) continue;
      // holiday.date is the local date in the country ('2026-07-03 00:00:00'), not an instant.
      days.set(holiday.date.slice(0, 10), observed ? `${name}, observed` : name);
    }
    byYear.set(year, days);
  }
  return days;
}

/**
 * The federal holiday on a date, if any.
 *
 * @param date - a validated 'YYYY-MM-DD' date
 * @returns e.g. "Independence Day, observed" for 2026-07-03, or undefined
 */
export function federalHolidayName(date: string): string | undefined {
  return holidaysOf(Number(date.slice(0, 4))).get(date);
}

/**
 * Every federal holiday date in a year, with its name, in date order (observed days
 * included; an observed day for 1 January can fall on 31 December of the year before).
 */
export function federalHolidaysIn(year: number): { date: string; name: string }[] {
  return [...holidaysOf(year)].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
}
