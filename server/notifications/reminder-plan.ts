/**
 * Which reminders and escalations are due now. Pure: deadlines in, notices out, the clock's
 * `now` passed by the caller. Each notice has a key that names exactly one message, so planning
 * the same thing twice (a restart, two instances) yields the same key and the store keeps one.
 *
 * - A date-only deadline (a filing deadline, a P2P window's last day) is reminded at the
 *   clinic's local time (e.g. 09:00) the given offset before that day; it has passed when the
 *   day has ended in the clinic's zone. An instant (a 72-hour decision, a P2P call) is reminded
 *   the offset before that instant.
 * - When several offsets are already due (the case was opened 2 days before its deadline, or
 *   the service was down), only the one closest to the deadline is sent: a "7 days left"
 *   message after "3 days left" helps no one.
 * - A deadline that has passed with the work not done is escalated once, within the lookback.
 */
import { DateTime } from 'luxon';
import type { DeadlineKind, NotificationSubject } from './notification.model.js';

/** Escalate deadlines missed at most this long ago; older ones were escalated or predate us. */
export const ESCALATION_LOOKBACK_DAYS = 30;

export interface DeadlineSource {
  subject: NotificationSubject;
  kind: DeadlineKind;
  level?: string;
  /** A date-only deadline, YYYY-MM-DD in the clinic's zone… */
  dueDate?: string;
  /** …or an instant. */
  dueAt?: Date;
  /** When the work counts as not done if still open (default: when the deadline passes). */
  overdueAt?: Date;
  /** Users to remind (assignee, treating clinician, physician); escalations add the supervisors. */
  recipientIds: string[];
  /** False for a chance rather than a duty (a P2P window no one has asked to use): reminded, never escalated. */
  escalate?: boolean;
}

export interface PlanSettings {
  deadlineOffsetsMinutes: number[];
  p2pCallOffsetsMinutes: number[];
  clinicTimeZone: string;
  localTime: string;
}

export interface PlannedNotice {
  key: string;
  kind: 'reminder' | 'escalation';
  source: DeadlineSource;
  /** The deadline as stored in the key and shown: the date, or the instant in ISO form. */
  due: string;
  offsetMinutes?: number;
}

/** "7d", "2h", "90m": an offset as it appears in keys. */
export function offsetLabel(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

function anchors(
  source: DeadlineSource,
  s: PlanSettings,
): { due: string; remindFrom: DateTime; passedAt: DateTime } | null {
  if (source.dueAt) {
    const at = DateTime.fromJSDate(source.dueAt, { zone: 'utc' });
    return {
      due: at.toISO({ suppressMilliseconds: true })!,
      remindFrom: at,
      passedAt: source.overdueAt ? DateTime.fromJSDate(source.overdueAt) : at,
    };
  }
  if (!source.dueDate) return null;
  const [hour, minute] = s.localTime.split(':').map(Number);
  const day = DateTime.fromISO(source.dueDate, { zone: s.clinicTimeZone });
  if (!day.isValid) return null;
  return {
    due: source.dueDate,
    remindFrom: day.set({ hour, minute }),
    passedAt: source.overdueAt ? DateTime.fromJSDate(source.overdueAt) : day.plus({ days: 1 }),
  };
}

/** The notices due at `now` for these deadlines, at most one per deadline. */
export function dueNotices(sources: DeadlineSource[], now: Date, settings: PlanSettings): PlannedNotice[] {
  const at = DateTime.fromJSDate(now);
  const out: PlannedNotice[] = [];
  for (const source of sources) {
    const a = anchors(source, settings);
    if (!a) continue;
    const base = `${source.subject.type}:${source.subject.id}:${source.kind}:${a.due}`;
    if (at >= a.passedAt) {
      if (source.escalate !== false && at.diff(a.passedAt, 'days').days <= ESCALATION_LOOKBACK_DAYS)
        out.push({ key: `${base}:overdue`, kind: 'escalation', source, due: a.due });
      continue;
    }
    const offsets = source.kind === 'p2p_call' ? settings.p2pCallOffsetsMinutes : settings.deadlineOffsetsMinutes;
    const due = offsets.filter((m) => a.remindFrom.minus({ minutes: m }) <= at);
    if (!due.length) continue;
    const closest = Math.min(...due);
    out.push({ key: `${base}:${offsetLabel(closest)}`, kind: 'reminder', source, due: a.due, offsetMinutes: closest });
  }
  return out;
}
