/**
 * Calendar invitations for the physician of each booked peer-to-peer call: one when it is
 * booked, one each time it is moved or called off (the same UID with a higher SEQUENCE, or
 * METHOD:CANCEL). Found by the reminder scan rather than sent from the booking request, so a
 * failed or slow mail server never fails a booking, and recorded under a key naming the
 * invitation's SEQUENCE and status, so each version goes out once however many instances scan.
 */
import { DateTime } from 'luxon';
import { activeContacts } from '../auth/index.js';
import { invitationFor, reviewsWithInvitations, type PeerToPeerReviewRecord } from '../p2p/index.js';
import { NotificationModel, type NotificationRecord } from './notification.model.js';
import type { ReminderDeps } from './reminder.service.js';

/** A notification to record: everything but its delivery bookkeeping. */
export type NewNotice = Pick<
  NotificationRecord,
  'key' | 'kind' | 'subject' | 'deadline' | 'recipients' | 'message' | 'attachment'
> & { offsetMinutes?: number };

/** Calls called off this recently still get their cancellation out. */
const CANCELLED_WITHIN_DAYS = 7;

const invitationKey = (r: PeerToPeerReviewRecord) =>
  `p2p:${String(r._id)}:invitation:${r.icsSequence}:${r.status === 'cancelled' ? 'cancelled' : 'scheduled'}`;

/** Invitations owed at `now` for calls still ahead (or just called off). */
export async function dueInvitations(now: Date, deps: ReminderDeps): Promise<NewNotice[]> {
  const since = DateTime.fromJSDate(now).minus({ days: CANCELLED_WITHIN_DAYS }).toJSDate();
  const reviews = await reviewsWithInvitations(now, since);
  // Without a booked or called-off call there is nothing to look up among the notifications (a scan on FerretDB v1).
  if (!reviews.length) return [];
  const known = new Set(
    (
      await NotificationModel.find({ key: { $in: reviews.map(invitationKey) } })
        .select('key')
        .lean()
    ).map((n) => n.key),
  );
  const owed = reviews.filter((r) => !known.has(invitationKey(r)));
  // A deactivated physician is sent nothing.
  const physicians = new Map((await activeContacts(owed.map((r) => r.physicianId))).map((u) => [u.id, u]));
  const out: NewNotice[] = [];
  for (const review of owed) {
    const physician = physicians.get(review.physicianId);
    if (!physician) continue;
    // The physician is the reader: the invitation holds what they may see, audited as theirs.
    const invite = await invitationFor(
      String(review._id),
      { id: physician.id, name: physician.name, role: physician.role },
      deps,
    );
    const cancelled = invite.method === 'CANCEL';
    const start = review.scheduled?.start ?? [...review.history].reverse().find((h) => h.previous)?.previous?.start;
    const when = start
      ? DateTime.fromJSDate(start, { zone: deps.config.clinic.timeZone }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ')
      : 'no time';
    out.push({
      key: invitationKey(review),
      kind: 'invitation',
      subject: { type: 'p2p', id: String(review._id), caseId: review.caseId, reference: review.caseReference },
      deadline: { kind: 'p2p_call', due: start ? start.toISOString() : '' },
      recipients: [
        {
          userId: physician.id,
          name: physician.name,
          role: physician.role,
          ...(physician.email ? { email: physician.email } : {}),
        },
      ],
      message: {
        title:
          `${cancelled ? 'Cancelled: ' : review.icsSequence > 0 ? 'Moved: ' : ''}Peer-to-peer ` +
          `call ${review.caseReference}, ${when}`,
        text: cancelled
          ? `The peer-to-peer call on case ${review.caseReference} (${when}) is called off.`
          : `Peer-to-peer call on case ${review.caseReference}: ${when}. The invitation ` +
            `is attached; the prep sheet is on the page linked below.`,
        link: `${deps.config.notify.publicUrl}/p2p/${String(review._id)}`,
      },
      attachment: { filename: invite.filename, method: invite.method, content: invite.ics },
    });
  }
  return out;
}
