/**
 * One pass of the reminder scheduler: read the deadlines, plan what is due at `now`, record
 * each new notice (the unique key makes this exactly once across restarts and instances), and
 * run the delivery rounds that are due. The scheduler calls it on a timer; tests call it with
 * their own `now`.
 */
import { DateTime } from 'luxon';
import { activeContacts, type Role, type UserContact } from '../auth/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../platform/logging.js';
import { isDuplicateKey } from '../platform/db/versioned-write.js';
import { errorFields } from '../platform/errors.js';
import { NotificationModel, type DeadlineKind, type NotificationRecord, type Recipient } from './notification.model.js';
import { dueNotices, offsetLabel, type PlannedNotice } from './reminder-plan.js';
import { reminderSources } from './reminder-sources.js';
import { deliverDue, firstDelivery } from './notification-delivery.js';
import { configuredChannels, type Channel } from './notification-channels.js';
import { dueInvitations, type NewNotice } from './invitations.js';
import type { Clock } from '../platform/clock.js';
import type { Metrics } from '../platform/metrics.js';

export interface ReminderDeps {
  config: Pick<Config, 'reminders' | 'notify' | 'clinic' | 'p2pInvite'>;
  logger: Logger;
  clock: Clock;
  /** Defaults to the configured channels. */
  channels?: Channel[];
  metrics?: Metrics;
}

const KIND_WORDS: Record<DeadlineKind, string> = {
  filing: 'appeal filing deadline',
  decision: 'payer decision due',
  continuation_of_benefits: 'deadline to keep benefits during the appeal',
  fast_track: 'deadline to ask the QIO for a fast-track appeal',
  concurrent_care: 'last moment to ask the plan to extend the approved course',
  authorization_decision: 'payer’s answer due on the prior-authorization request',
  p2p_window: 'last day of the peer-to-peer window',
  p2p_call: 'peer-to-peer call',
};

const words = (code: string) => code.replace(/_/g, ' ');

function dueText(notice: PlannedNotice, zone: string): string {
  return notice.source.dueAt
    ? DateTime.fromJSDate(notice.source.dueAt, { zone }).toFormat('yyyy-LL-dd HH:mm ZZZZ')
    : notice.due;
}

function offsetWords(minutes: number): string {
  const label = offsetLabel(minutes);
  const n = Number(label.slice(0, -1));
  const unit = { d: 'day', h: 'hour', m: 'minute' }[label.slice(-1)]!;
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The message: the case reference, the deadline, its date and a link. No PHI. */
export function messageFor(notice: PlannedNotice, config: ReminderDeps['config']): NotificationRecord['message'] {
  const { subject, kind, level } = notice.source;
  const what = `${KIND_WORDS[kind]}${level ? ` (${words(level)})` : ''}`;
  const when = dueText(notice, config.clinic.timeZone);
  const link = `${config.notify.publicUrl}/${subject.type === 'p2p' ? 'p2p' : 'cases'}/${subject.id}`;
  if (notice.kind === 'escalation') {
    const undone =
      kind === 'p2p_call'
        ? 'its outcome has not been recorded'
        : kind === 'p2p_window'
          ? 'no call was scheduled'
          : kind === 'decision'
            ? 'no decision has been recorded'
            : 'the work is not done';
    return {
      title: `Overdue: ${subject.reference} ${what} ${when}`,
      text: `Case ${subject.reference}: the ${what} was ${when} and ${undone}. Please see to it or reassign it.`,
      link,
    };
  }
  const lead = offsetWords(notice.offsetMinutes!);
  if (kind === 'p2p_window' && subject.type === 'case') {
    return {
      title: `${subject.reference}: ${what} ${when} (in ${lead}), none requested`,
      text:
        `Case ${subject.reference}: the payer's peer-to-peer window closes ${when}, ` +
        `${lead} from now, and no peer-to-peer has been requested. Request one now ` +
        `if the case needs it.`,
      link,
    };
  }
  return {
    title: `${subject.reference}: ${what} ${when} (in ${lead})`,
    text: `Case ${subject.reference}: the ${what} is ${when}, ${lead} from now.`,
    link,
  };
}

async function recipientsFor(
  notices: PlannedNotice[],
  escalationRole: Role,
): Promise<(n: PlannedNotice) => Recipient[]> {
  const users = await activeContacts(
    notices.flatMap((n) => n.source.recipientIds),
    escalationRole,
  );
  const toRecipient = (u: UserContact): Recipient => ({
    userId: u.id,
    name: u.name,
    role: u.role,
    ...(u.email ? { email: u.email } : {}),
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  const supervisors = users.filter((u) => u.role === escalationRole);
  return (n) => {
    const direct = n.source.recipientIds.map((id) => byId.get(id)).filter((u) => u !== undefined);
    const all = n.kind === 'escalation' ? [...direct, ...supervisors] : direct;
    return [...new Map(all.map((u) => [u.id, toRecipient(u)])).values()];
  };
}

export interface ScanResult {
  /** Notices due now, whether new or already recorded. */
  due: number;
  /** Notices recorded by this pass (the others were recorded before, or by another instance). */
  created: number;
  /** Delivery rounds run. */
  rounds: number;
}

/** Notices recorded per insert. */
const RECORD_BATCH = 1000;

/**
 * Inserts the notices in batches, unordered, so that each one the unique key refuses (recorded
 * before, or by another instance at the same moment: it is theirs to deliver) leaves the others.
 * @returns how many this call recorded
 */
async function recordNotices(notices: Omit<NotificationRecord, '_id'>[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < notices.length; i += RECORD_BATCH) {
    const batch = notices.slice(i, i + RECORD_BATCH);
    try {
      // A notice the schema refuses is a fault of ours: thrown, not skipped (unless a duplicate's error comes first).
      created += (await NotificationModel.insertMany(batch, { ordered: false, throwOnValidationError: true })).length;
    } catch (err) {
      const { writeErrors, insertedDocs } = errorFields(err);
      const refused = Array.isArray(writeErrors) ? writeErrors : [];
      if (!refused.length || !refused.every((e) => isDuplicateKey(e))) throw err;
      created += Array.isArray(insertedDocs) ? insertedDocs.length : batch.length - refused.length;
    }
  }
  return created;
}

/** Plans, records and delivers what is due at `now`. Safe to run concurrently and repeatedly. */
export async function runDueReminders(now: Date, deps: ReminderDeps): Promise<ScanResult> {
  const { reminders } = deps.config;
  const channels = deps.channels ?? configuredChannels(deps.config);
  const horizon = Math.max(...reminders.deadlineOffsetsMinutes, ...reminders.p2pCallOffsetsMinutes);
  const clinicTimeZone = deps.config.clinic.timeZone;
  const notices = dueNotices(await reminderSources(now, horizon, clinicTimeZone), now, {
    ...reminders,
    clinicTimeZone,
  });
  // Every notice due now is offered to the store, recorded or not: the unique key refuses the ones
  // recorded before (by this or another instance), where reading them first would scan every
  // notification ever sent on FerretDB v1 (which pushes only `_id` down).
  const recipients = await recipientsFor(notices, reminders.escalationRole);
  const invitations = await dueInvitations(now, deps);
  const toRecord: NewNotice[] = [
    ...notices.map((notice) => ({
      key: notice.key,
      kind: notice.kind,
      subject: notice.source.subject,
      deadline: { kind: notice.source.kind, due: notice.due, level: notice.source.level },
      offsetMinutes: notice.offsetMinutes,
      recipients: recipients(notice),
      message: messageFor(notice, deps.config),
    })),
    ...invitations,
  ];
  const created = await recordNotices(toRecord.map((notice) => ({ ...notice, ...firstDelivery(channels, now) })));
  // With no channel there is no round to run (and no read of the notifications to find one).
  const rounds = channels.length
    ? await deliverDue(now, { config: deps.config, logger: deps.logger, channels, metrics: deps.metrics })
    : 0;
  return { due: notices.length + invitations.length, created, rounds };
}
