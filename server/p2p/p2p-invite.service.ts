import { findVisibleCase } from '../cases/index.js';
import { recordAudit } from '../audit/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { conflict } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../config.js';
import { loadForDocuments } from './p2p-review.service.js';
import { buildInvite, parseMailbox } from './p2p-invite.js';
import { patientInBrief } from './p2p-view.js';

/**
 * The physician's invitation for a review: the booked call (METHOD:REQUEST), or the call that
 * was called off (METHOD:CANCEL) after a cancellation or a "rescheduled" outcome.
 * @returns the iCalendar text and a file name made of the case reference only
 */
export async function invitationFor(
  id: string,
  actor: AuthenticatedUser,
  deps: { clock: Clock; config: Pick<Config, 'p2pInvite' | 'notify'> },
): Promise<{ filename: string; method: 'REQUEST' | 'CANCEL'; ics: string }> {
  const { doc, physician } = await loadForDocuments(id, actor);
  const replaced = [...doc.history].reverse().find((h) => h.previous)?.previous;
  const call = doc.scheduled ?? replaced;
  if (!call)
    throw conflict('P2P_NOT_SCHEDULED', 'No call time has been agreed yet; the invitation follows the booking');
  const cancelled = doc.status === 'cancelled' || !doc.scheduled;
  const { config } = deps;
  let clinicalLines: string[] | undefined;
  if (config.p2pInvite.detail === 'clinical') {
    const record = await findVisibleCase(doc.caseId, actor, 'p2p.invite');
    const codes = record.service.cptCodes.length ? ` (CPT ${record.service.cptCodes.join(', ')})` : '';
    clinicalLines = [
      `Service: ${record.service.description}${codes}`,
      `Patient: ${patientInBrief(record.patient, deps.clock.today())}`,
    ];
  } else {
    await recordAudit({ actor, action: 'p2p.invite', entityType: 'p2p', entityId: id, caseId: doc.caseId });
  }
  const ics = buildInvite({
    uid: doc.icsUid,
    sequence: doc.icsSequence,
    cancelled,
    start: call.start,
    end: call.end,
    timeZone: call.timeZone,
    dialIn: call.dialIn,
    caseReference: doc.caseReference,
    stamp: deps.clock.now(),
    link: `${config.notify.publicUrl}/p2p/${id}`,
    alarmMinutes: config.p2pInvite.alarmMinutes,
    organizer: config.notify.mailFrom ? parseMailbox(config.notify.mailFrom) : undefined,
    physician: { name: physician.name, email: physician.email },
    clinicalLines,
  });
  return { filename: `${doc.caseReference}-p2p.ics`, method: cancelled ? 'CANCEL' : 'REQUEST', ics };
}
