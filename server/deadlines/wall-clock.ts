/**
 * Deadlines measured in hours: a date and a time on a zone's wall clock, and the instant they name.
 * A QIO fast-track request is due "by noon"; a 72-hour decision ends at an instant. The zone is the
 * clinic's, passed in: noon in New York and noon in Denver are different instants.
 */
import { DateTime } from 'luxon';
import { calendarDateIn, isDateOnly, parseIsoDate, parseIsoInstant, weekdayOf } from './calendar-date.js';
import { DeadlineRuleError } from './deadline-rule.error.js';

/** Where a rule comes from: the regulation, the words it follows, and when it took effect. */
export interface RuleSource {
  /** Short citation shown with the date ("42 CFR 405.1202(b)(1)"). */
  citation: string;
  /** The regulation's own words the rule follows. */
  text: string;
  /** First day (YYYY-MM-DD) the rule applies. */
  effectiveFrom: string;
  /** Where the text was read, so a reader knows how far to trust it. */
  readIn: string;
}

/** A deadline that is a date and a time in a zone. */
export interface TimedDeadline {
  /** 'YYYY-MM-DD' on the wall calendar of `timeZone`. */
  dueDate: string;
  /** 'HH:mm' on the wall clock of `timeZone`; '23:59' stands for "by the end of the day". */
  dueTime: string;
  timeZone: string;
  /** The instant, as an ISO string in UTC. */
  dueAt: string;
  /** As a person says it: "by noon, clinic time, Tue 2026-12-01". */
  words: string;
}

const END_OF_DAY = '23:59';

function badTimeZone(timeZone: string): DeadlineRuleError {
  return new DeadlineRuleError(
    'BAD_TIME_ZONE',
    `time zone must be an IANA name such as America/New_York, got ${JSON.stringify(timeZone)}`,
  );
}

function zoned(date: string, time: string, timeZone: string): DateTime {
  const at = DateTime.fromISO(`${parseIsoDate(date)}T${time}`, { zone: timeZone });
  if (!at.isValid) throw badTimeZone(timeZone);
  // The last minute of the day runs to its last millisecond: a request at 23:59:30 is on time.
  return time === END_OF_DAY ? at.endOf('minute') : at;
}

function shortWeekday(date: string): string {
  return weekdayOf(date).slice(0, 3);
}

function timeWords(time: string): string {
  if (time === '12:00') return 'noon';
  if (time === END_OF_DAY) return 'the end of the day';
  return time;
}

/** "by noon, clinic time, Tue 2026-12-01". */
export function deadlineWords(date: string, time: string): string {
  return `by ${timeWords(time)}, clinic time, ${shortWeekday(date)} ${date}`;
}

/**
 * The deadline at a wall-clock time on a date in a zone.
 * @throws DeadlineRuleError BAD_DATE, BAD_TIME_ZONE
 */
export function deadlineAt(date: string, time: string, timeZone: string): TimedDeadline {
  const at = zoned(date, time, timeZone);
  return {
    dueDate: date,
    dueTime: time,
    timeZone,
    dueAt: at.toUTC().toISO() ?? '',
    words: deadlineWords(date, time),
  };
}

/** The deadline at the last minute of a date ("no later than the day of discharge"). */
export function deadlineEndOfDay(date: string, timeZone: string): TimedDeadline {
  return deadlineAt(date, END_OF_DAY, timeZone);
}

/** The deadline at an exact instant (72 hours after a request), read on the zone's wall clock. */
export function deadlineAtInstant(instant: Date, timeZone: string): TimedDeadline {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!local.isValid) throw badTimeZone(timeZone);
  const date = local.toISODate() ?? '';
  const time = local.toFormat('HH:mm');
  return { dueDate: date, dueTime: time, timeZone, dueAt: instant.toISOString(), words: deadlineWords(date, time) };
}

/** An instant `hours` after another. */
export function hoursAfter(instant: Date, hours: number): Date {
  return new Date(instant.getTime() + hours * 3_600_000);
}

/** When something happened: its instant and its date on the clinic's calendar. */
export interface ClinicMoment {
  instant: Date;
  date: string;
  /** False when only a date was given: the instant is then 00:00 that day in the zone, the earliest reading. */
  timeKnown: boolean;
}

/**
 * Reads a date or an instant as a moment on the clinic's calendar. A bare date is taken as 00:00
 * that day in `timeZone`, the earliest reading, so nothing counted from it is ever late.
 *
 * @throws DeadlineRuleError BAD_DATE, BAD_TIME_ZONE
 */
export function clinicMoment(text: string, field: string, timeZone: string): ClinicMoment {
  if (isDateOnly(text)) {
    const date = parseIsoDate(text, field);
    return { instant: new Date(zoned(date, '00:00', timeZone).toMillis()), date, timeKnown: false };
  }
  const instant = parseIsoInstant(text, field);
  return { instant, date: calendarDateIn(instant, timeZone), timeKnown: true };
}

/** The row of a dated table in force on `date`: the latest whose `effectiveFrom` is not after it. */
export function ruleInForce<T extends { effectiveFrom: string }>(rows: readonly T[], date: string): T | undefined {
  return rows
    .filter((row) => row.effectiveFrom <= date)
    .reduce<T | undefined>(
      (best, row) => (best === undefined || row.effectiveFrom > best.effectiveFrom ? row : best),
      undefined,
    );
}
