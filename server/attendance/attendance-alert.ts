/**
 * The attendance rule at work: after sessions are recorded or corrected, if the case now has
 * ATTENDANCE_ALERT_COUNT refusals or no-shows within ATTENDANCE_ALERT_DAYS days, the care team is
 * told at once through the notification channels, so nobody learns of it from the payer.
 */
import type { CaseRecord } from '../cases/index.js';
import { sendCaseAlert } from '../notifications/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { SessionModel, type SessionRecord } from './attendance.model.js';
import { ruleBroken } from './attendance-trends.js';

/** What a write reports when it completed the rule: the counts, and whether this write sent the alert. */
export interface RuleAlert {
  refused: number;
  noShows: number;
  days: number;
  /** False when the same window was told before (the alert goes once per window's first session). */
  sent: boolean;
}

/**
 * Looks at the rule after `recorded` sessions were written to the case. The care team: the
 * treating clinician, the case's assignee, and whoever recorded the sessions in the window (the
 * therapists who see the patient). The alert's key is the window's first session, so the sessions
 * that follow within the window tell nobody twice; a new run of them, once the first has fallen
 * out of the window, tells them again. No PHI in the message: the case reference and the counts.
 */
export async function tellCareTeam(
  c: Pick<CaseRecord, '_id' | 'reference' | 'treatingClinician' | 'assigneeId'>,
  recorded: string[],
  deps: DomainDeps,
): Promise<{ alert?: RuleAlert }> {
  const { alertCount: count, alertDays: days } = deps.config.attendance;
  const caseId = String(c._id);
  // Index caseId_1_date_1__id_1.
  const sessions = (
    await SessionModel.find({ caseId })
      .select('date outcome recordedById')
      .lean<Pick<SessionRecord, '_id' | 'date' | 'outcome' | 'recordedById'>[]>()
  ).map((s) => ({ ...s, id: String(s._id) }));
  const window = ruleBroken(sessions, recorded, { count, days }, deps.clock.today());
  if (!window) return {};
  const refused = window.filter((s) => s.outcome === 'refused').length;
  const noShows = window.length - refused;
  const what = [refused && `${refused} refused`, noShows && `${noShows} no-show`].filter(Boolean).join(' and ');
  const sent = await sendCaseAlert(
    {
      key: `attendance:${caseId}:${window[0].id}`,
      caseId,
      reference: c.reference,
      recipientIds: [
        ...(c.treatingClinician.userId ? [c.treatingClinician.userId] : []),
        ...(c.assigneeId ? [c.assigneeId] : []),
        ...window.map((s) => s.recordedById),
      ],
      title: `${c.reference}: ${window.length} refusals or no-shows within ${days} days`,
      text:
        `Case ${c.reference}: ${what} sessions within ${days} days. Talk with the patient about what stands in ` +
        'the way, offer what fits, and record the barriers and the patient’s choice on the case: the payer ' +
        'counts missed visits.',
    },
    deps.clock.now(),
    deps,
  );
  return { alert: { refused, noShows, days, sent } };
}
