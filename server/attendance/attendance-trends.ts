/**
 * Attendance figures and the attendance rule, from sessions alone. Pure (no I/O, today passed in),
 * so every figure and the rule are tested on hand-made sessions.
 */
import { addDays } from '../platform/clock.js';
import {
  BARRIERS,
  MISSED_OUTCOMES,
  RULE_OUTCOMES,
  type Barrier,
  type MissedOutcome,
  type SessionOutcome,
} from './attendance.types.js';

/** Counts of scheduled sessions by how they went; `held` is attended in full or in part. */
export interface AttendanceTotals {
  scheduled: number;
  attended: number;
  partial: number;
  refused: number;
  no_show: number;
  late_cancel: number;
  held: number;
  /** Held as a share of scheduled (0–1), as a scheduler's attendance rate; null with none scheduled. */
  rate: number | null;
}

/** One calendar week (Monday to Sunday) of the case's sessions. */
export interface WeekTrend extends AttendanceTotals {
  /** The Monday, YYYY-MM-DD. */
  weekStart: string;
}

/** Sessions not fully held, by the barrier behind them (`unrecorded` when none was given). */
export interface BarrierCount {
  barrier: Barrier | 'unrecorded';
  missed: number;
  byOutcome: Record<MissedOutcome, number>;
}

/** The attendance rule: `count` refusals or no-shows within `days` days. */
export interface AttendanceRule {
  count: number;
  days: number;
}

/** A session, or (with `sessions`) that many sessions alike, as a grouped count gives them. */
type Outcome = { outcome: SessionOutcome; sessions?: number };
type Dated = Outcome & { date: string };

/** How many sessions these entries stand for. */
const sessionsIn = (entries: readonly Outcome[]) => entries.reduce((n, s) => n + (s.sessions ?? 1), 0);

/** The totals of these sessions. A partly done session was held (it is billed), but counts as not fully. */
export function totalsOf(sessions: readonly Outcome[]): AttendanceTotals {
  const count = (o: SessionOutcome) => sessionsIn(sessions.filter((s) => s.outcome === o));
  const attended = count('attended');
  const partial = count('partial');
  const held = attended + partial;
  const scheduled = sessionsIn(sessions);
  return {
    scheduled,
    attended,
    partial,
    refused: count('refused'),
    no_show: count('no_show'),
    late_cancel: count('late_cancel'),
    held,
    rate: scheduled ? held / scheduled : null,
  };
}

/** The Monday of the date's week. */
export function weekOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** Week by week from the first session's week to the last's, weeks without a session included (zero). */
export function weeklyTrend(sessions: readonly Dated[]): WeekTrend[] {
  if (!sessions.length) return [];
  const dates = sessions.map((s) => s.date).sort();
  const weeks: WeekTrend[] = [];
  for (let week = weekOf(dates[0]); week <= dates.at(-1)!; week = addDays(week, 7))
    weeks.push({ weekStart: week, ...totalsOf(sessions.filter((s) => weekOf(s.date) === week)) });
  return weeks;
}

/** Sessions not fully held, counted by barrier in the list's order, only barriers with any. */
export function byBarrier(sessions: readonly (Outcome & { barrier?: Barrier })[]): BarrierCount[] {
  const missed = sessions.filter((s): s is typeof s & { outcome: MissedOutcome } => isMissed(s.outcome));
  return [...BARRIERS, 'unrecorded' as const]
    .map((barrier) => {
      const of = missed.filter((s) => (s.barrier ?? 'unrecorded') === barrier);
      const byOutcome = Object.fromEntries(
        MISSED_OUTCOMES.map((o) => [o, sessionsIn(of.filter((s) => s.outcome === o))]),
      ) as Record<MissedOutcome, number>;
      return { barrier, missed: sessionsIn(of), byOutcome };
    })
    .filter((b) => b.missed > 0);
}

export const isMissed = (outcome: SessionOutcome): outcome is MissedOutcome =>
  (MISSED_OUTCOMES as readonly string[]).includes(outcome);

const counted = (outcome: SessionOutcome) => (RULE_OUTCOMES as readonly string[]).includes(outcome);

/**
 * The refusals and no-shows that break the rule because of sessions just recorded, or undefined.
 * A window is `days` consecutive days ending on a counted session; it breaks the rule with `count`
 * counted sessions in it, one of them just recorded. Only a window ending within the last `days`
 * days up to today is news: an import of last year's schedule tells nobody anything "at once".
 *
 * @param sessions - every session of the case, those just recorded included
 * @param recorded - the ids of the sessions just recorded (or corrected)
 * @returns the counted sessions of the earliest such window, oldest first
 */
export function ruleBroken<T extends Dated & { id: string }>(
  sessions: readonly T[],
  recorded: readonly string[],
  rule: AttendanceRule,
  today: string,
): T[] | undefined {
  const events = sessions
    .filter((s) => counted(s.outcome))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const news = new Set(recorded);
  const recent = addDays(today, -rule.days);
  for (const end of events) {
    if (end.date <= recent) continue;
    const after = addDays(end.date, -rule.days);
    const window = events.filter((e) => e.date > after && e.date <= end.date);
    if (window.length >= rule.count && window.some((e) => news.has(e.id))) return window;
  }
  return undefined;
}
