/**
 * Proposes peer-to-peer call times. Pure: the caller passes the clock's `now`, the physician's
 * availability and their other bookings. Times are worked out in the physician's own IANA zone
 * with luxon, so a weekly "09:00–12:00" stays 09:00 local across a daylight-saving change.
 *
 * Decisions (see CONTEXT.md):
 * - The window's last date is read in the physician's zone: a slot is offered when it starts on
 *   or before that date there. We do not know the payer reviewer's zone; the physician's is the
 *   one the clinic controls, and US zones differ by hours, not days.
 * - Weekends and federal holidays are never proposed, whatever the payer's window unit: payers'
 *   P2P lines keep business hours (the same reason the deadline engine rolls a calendar-day P2P
 *   window back to a working day).
 * - Calls start on a quarter hour and last whole quarter hours; a booking reserves each
 *   15-minute block it covers.
 */
import { DateTime } from 'luxon';
import { isWorkingDay } from '../deadlines/index.js';
import type { AvailabilityException, WeeklyHours } from './availability.model.js';

export const BLOCK_MINUTES = 15;
const BLOCK_MS = BLOCK_MINUTES * 60_000;
/** Never look further ahead than this, whatever the window says. */
const MAX_DAYS = 120;

export interface Busy {
  start: Date;
  end: Date;
}

export interface SlotSearch {
  now: Date;
  timeZone: string;
  weekly: WeeklyHours[];
  exceptions: AvailabilityException[];
  /** Last day a call may start on, in the physician's zone (YYYY-MM-DD). */
  lastDate: string;
  busy: Busy[];
  durationMinutes: number;
  count: number;
}

export interface ProposedSlot {
  start: Date;
  end: Date;
  /** Wall-clock start and end in the physician's zone with their offset, e.g. 2026-11-30T09:00:00.000-06:00. */
  localStart: string;
  localEnd: string;
}

type Interval = [number, number];

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function subtract(intervals: Interval[], [from, to]: Interval): Interval[] {
  return intervals.flatMap(([s, e]): Interval[] =>
    to <= s || from >= e
      ? [[s, e]]
      : (
          [
            [s, Math.min(e, from)],
            [Math.max(s, to), e],
          ] satisfies Interval[]
        ).filter(([a, b]) => b > a),
  );
}

function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The physician's available hours on one local date, as minutes after local midnight. */
export function hoursOn(date: string, weekly: WeeklyHours[], exceptions: AvailabilityException[]): Interval[] {
  const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday;
  let hours: Interval[] = weekly
    .filter((w) => w.weekday === weekday)
    .map((w) => [minutesOf(w.start), minutesOf(w.end)]);
  for (const ex of exceptions.filter((x) => x.date === date)) {
    const span: Interval = ex.start && ex.end ? [minutesOf(ex.start), minutesOf(ex.end)] : [0, 24 * 60];
    hours = ex.kind === 'extra' ? [...hours, span] : subtract(hours, span);
  }
  return merge(hours);
}

const overlaps = (a: Busy, b: Busy) => a.start < b.end && b.start < a.end;

/** The earliest `count` free slots from `now` to the end of `lastDate`, in time order. */
export function findSlots(q: SlotSearch): ProposedSlot[] {
  const zone = q.timeZone;
  const earliest = Math.ceil(q.now.getTime() / BLOCK_MS) * BLOCK_MS;
  const durationMs = q.durationMinutes * 60_000;
  const slots: ProposedSlot[] = [];
  let day = DateTime.fromJSDate(q.now, { zone }).startOf('day');
  for (let i = 0; i < MAX_DAYS && slots.length < q.count; i++, day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    if (date > q.lastDate) break;
    if (!isWorkingDay(date)) continue;
    for (const [from, to] of hoursOn(date, q.weekly, q.exceptions)) {
      for (
        let m = Math.ceil(from / BLOCK_MINUTES) * BLOCK_MINUTES;
        m + q.durationMinutes <= to && slots.length < q.count;
        m += BLOCK_MINUTES
      ) {
        const local = DateTime.fromObject(
          { year: day.year, month: day.month, day: day.day, hour: Math.floor(m / 60), minute: m % 60 },
          { zone },
        );
        // A wall-clock time inside the spring-forward gap does not exist; luxon would shift it.
        if (local.hour * 60 + local.minute !== m) continue;
        const start = local.toJSDate();
        const slot = { start, end: new Date(start.getTime() + durationMs) };
        // Proposals are alternatives to choose from, so they never overlap one another either.
        if (start.getTime() < earliest || q.busy.some((b) => overlaps(b, slot)) || slots.some((p) => overlaps(p, slot)))
          continue;
        slots.push({ ...slot, localStart: local.toISO()!, localEnd: DateTime.fromJSDate(slot.end, { zone }).toISO()! });
      }
    }
  }
  return slots;
}

/** Keys of the 15-minute blocks a call from `start` to `end` covers, in time order. */
export function blockKeys(start: Date, end: Date): string[] {
  const keys: string[] = [];
  for (let t = Math.floor(start.getTime() / BLOCK_MS) * BLOCK_MS; t < end.getTime(); t += BLOCK_MS)
    keys.push(new Date(t).toISOString().slice(0, 16) + 'Z');
  return keys;
}

/** The local calendar date of an instant in a zone. */
export const localDate = (at: Date, zone: string): string => DateTime.fromJSDate(at, { zone }).toISODate()!;
