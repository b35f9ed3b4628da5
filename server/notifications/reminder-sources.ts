/**
 * The deadlines reminders are about, read from the cases and the peer-to-peer reviews. Only
 * what a reminder needs is read (reference, deadlines, assignee, physician): never PHI.
 * A deadline's presence is itself "the work is not done yet": the cases domain keeps a filing
 * deadline only while the appeal is unfiled and a decision due date only while one is awaited.
 */
import { DateTime } from 'luxon';
import { assigneesOfCases, casesDueBetween } from '../cases/index.js';
import { reviewsComingDue, unrequestedWindows } from '../p2p/index.js';
import { ESCALATION_LOOKBACK_DAYS, type DeadlineSource } from './reminder-plan.js';

/** An unrecorded call outcome is escalated this long after the call was due to end. */
const OUTCOME_GRACE_MS = 24 * 3_600_000;

/** Deadlines from `now − lookback` to `now + horizonMinutes` (the largest reminder offset). */
export async function reminderSources(
  now: Date,
  horizonMinutes: number,
  clinicTimeZone: string,
): Promise<DeadlineSource[]> {
  const today = DateTime.fromJSDate(now, { zone: clinicTimeZone });
  const from = today.minus({ days: ESCALATION_LOOKBACK_DAYS + 1 }).toISODate()!;
  const until = today.plus({ minutes: horizonMinutes, days: 1 }).toISODate()!;
  const cases = await casesDueBetween(from, until);
  const sources: DeadlineSource[] = cases.flatMap((c) =>
    c.deadlines.map((d) => ({
      subject: { type: 'case' as const, id: String(c._id), caseId: String(c._id), reference: c.reference },
      kind: d.kind,
      level: d.level,
      ...(d.dueAt ? { dueAt: new Date(d.dueAt) } : { dueDate: d.dueDate }),
      recipientIds: [c.assigneeId, c.treatingClinician?.userId].filter((x): x is string => Boolean(x)),
    })),
  );

  const reviews = await reviewsComingDue({
    windowFrom: from,
    windowUntil: until,
    callFrom: today.minus({ days: ESCALATION_LOOKBACK_DAYS + 1 }).toJSDate(),
    callUntil: today.plus({ minutes: horizonMinutes, days: 1 }).toJSDate(),
  });
  const assignees = await assigneesOfCases(reviews.map((r) => r.caseId));
  for (const r of reviews) {
    const subject = { type: 'p2p' as const, id: String(r._id), caseId: r.caseId, reference: r.caseReference };
    const recipientIds = [assignees.get(r.caseId), r.physicianId].filter((x): x is string => Boolean(x));
    if (r.status === 'requested')
      sources.push({ subject, kind: 'p2p_window', dueDate: r.window.lastDate, recipientIds });
    else if (r.scheduled)
      sources.push({
        subject,
        kind: 'p2p_call',
        dueAt: new Date(r.scheduled.start),
        overdueAt: new Date(new Date(r.scheduled.end).getTime() + OUTCOME_GRACE_MS),
        recipientIds,
      });
  }
  // A payer's P2P window runs from the denial whether or not anyone asks for a call.
  for (const w of await unrequestedWindows({}, today.toISODate()!, until)) {
    sources.push({
      subject: { type: 'case', id: w.caseId, caseId: w.caseId, reference: w.caseReference },
      kind: 'p2p_window',
      dueDate: w.lastDate,
      recipientIds: w.recipientIds,
      escalate: false,
    });
  }
  return sources;
}
