/**
 * The clinic's clock, passed to services so that tests control time instead of sleeping. It
 * knows the clinic's time zone because "today", "overdue" and "due in 3 days" are dates on the
 * clinic's wall calendar: at 9 pm in New York it is already tomorrow in UTC.
 */
import { DateTime } from 'luxon';

export interface Clock {
  now(): Date;
  /** IANA time zone of the clinic (CLINIC_TIME_ZONE). */
  readonly timeZone: string;
  /** Today's date on the clinic's calendar, YYYY-MM-DD. */
  today(): string;
}

/**
 * The date of an instant on the calendar of a time zone, YYYY-MM-DD.
 * @throws RangeError when the zone is not an IANA name
 */
export function dateIn(at: Date, timeZone: string): string {
  const date = DateTime.fromJSDate(at, { zone: timeZone }).toISODate();
  if (date === null) throw new RangeError(`unknown time zone ${JSON.stringify(timeZone)}`);
  return date;
}

/** The real clock. */
export class SystemClock implements Clock {
  constructor(readonly timeZone: string) {}
  now(): Date {
    return new Date();
  }
  today(): string {
    return dateIn(this.now(), this.timeZone);
  }
}

/** A date and time with no zone or offset, as a datetime-local input gives it: "2026-11-23T09:00". */
export const WALL_CLOCK_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * An instant from a time as written: one with no offset ("2026-11-23T09:00") is the clinic's
 * wall-clock time, whatever zone the browser or the server runs in; one with an offset is itself.
 * @param timeZone - the clinic's IANA zone
 */
export function clinicInstant(at: Date | string, timeZone: string): Date {
  if (at instanceof Date) return at;
  const local = WALL_CLOCK_TIME.test(at);
  const parsed = local ? DateTime.fromISO(at, { zone: timeZone }) : DateTime.fromISO(at, { setZone: true });
  if (!parsed.isValid) throw new RangeError(`not a date and time: ${JSON.stringify(at)}`);
  return parsed.toJSDate();
}

/** A clock that stands still until moved; for tests and scripted demos. */
export class FixedClock implements Clock {
  constructor(
    private current: Date,
    readonly timeZone: string,
  ) {}
  now(): Date {
    return new Date(this.current);
  }
  today(): string {
    return dateIn(this.current, this.timeZone);
  }
  set(to: Date): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The UTC calendar date of an instant, YYYY-MM-DD: for instants stored in UTC, never for "today". */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** Adds calendar days to a YYYY-MM-DD date, in UTC so that daylight saving never shifts it. */
export const addDays = (date: string, days: number): string =>
  isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
