/**
 * The physician's calendar invitation for a P2P call, built with ical-generator (never by
 * string concatenation). Every version of the invitation shares one UID; each reschedule or
 * cancellation raises SEQUENCE so that calendars replace the event rather than add another.
 * Only the case reference, the dial-in and a link go in by default: calendars are synced to
 * phones and shared with assistants, so no patient identifier is ever written here.
 */
import { createRequire } from 'node:module';
import type * as IcalGenerator from 'ical-generator';
import type * as IcalTimezones from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';

export interface InviteInput {
  uid: string;
  sequence: number;
  cancelled: boolean;
  start: Date;
  end: Date;
  timeZone: string;
  dialIn?: string;
  caseReference: string;
  /** When the invitation was issued (the clock's now). */
  stamp: Date;
  link: string;
  alarmMinutes: number;
  /** The clinic's mailbox (MAIL_FROM); without one, the physician is their own call's organizer. */
  organizer?: { name: string; email: string };
  physician: { name: string; email?: string };
  /** Extra lines the clinic chose to allow (P2P_INVITE_DETAIL=clinical); never names, birth dates or member ids. */
  clinicalLines?: string[];
}

/** The invitation as an iCalendar (RFC 5545) text with METHOD:REQUEST, or METHOD:CANCEL when called off. */
export function buildInvite(input: InviteInput): string {
  // Loaded by the first invitation, not at start: the idle service does without them.
  const load = createRequire(import.meta.url);
  const {
    default: ical,
    ICalAlarmType,
    ICalCalendarMethod,
    ICalEventStatus,
  } = load('ical-generator') as typeof IcalGenerator;
  const { getVtimezoneComponent } = load('@touch4it/ical-timezones') as typeof IcalTimezones;
  const zone = input.timeZone;
  // A timezone generator without a calendar-wide zone: ical-generator then adds a VTIMEZONE for
  // the event's zone while DTSTAMP stays in UTC, as RFC 5545 requires.
  const calendar = ical({
    prodId: { company: 'Overturn', product: 'Peer-to-peer', language: 'EN' },
    method: input.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  const description = [
    `Peer-to-peer review for case ${input.caseReference}.`,
    input.dialIn ? `Dial-in: ${input.dialIn}` : 'Dial-in: to be confirmed by the payer',
    ...(input.clinicalLines ?? []),
    `Prep sheet and case: ${input.link}`,
  ].join('\n');
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    start: DateTime.fromJSDate(input.start, { zone }),
    end: DateTime.fromJSDate(input.end, { zone }),
    timezone: zone,
    stamp: DateTime.fromJSDate(input.stamp, { zone: 'utc' }),
    summary: `${input.cancelled ? 'Cancelled: ' : ''}Peer-to-peer review · ${input.caseReference}`,
    description,
    location: input.dialIn || null,
    url: input.link,
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer:
      input.organizer ?? (input.physician.email ? { name: input.physician.name, email: input.physician.email } : null),
    attendees: input.physician.email ? [{ name: input.physician.name, email: input.physician.email, rsvp: false }] : [],
    alarms: input.cancelled
      ? []
      : [
          {
            type: ICalAlarmType.display,
            trigger: input.alarmMinutes * 60,
            description: `Peer-to-peer review ${input.caseReference} in ${input.alarmMinutes} minutes`,
          },
        ],
  });
  return calendar.toString();
}

/** "Organizer Name <address@host>" → its parts, for the invitation's ORGANIZER. */
export function parseMailbox(mailbox: string): { name: string; email: string } {
  const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(mailbox);
  return m ? { name: m[1] || m[2], email: m[2] } : { name: mailbox.trim(), email: mailbox.trim() };
}
