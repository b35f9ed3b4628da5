import { DateTime } from 'luxon';
import type { PeerToPeerReviewRecord } from './p2p-review.model.js';

/** A review as the API shows it: `id`, the call's local times in the physician's zone, no internal keys. */
export function toReviewView(doc: PeerToPeerReviewRecord) {
  const { _id, activeKey: _key, scheduled, ...rest } = doc;
  const local = (d: Date, zone: string) => DateTime.fromJSDate(new Date(d), { zone }).toISO()!;
  return {
    id: String(_id),
    ...rest,
    scheduled: scheduled
      ? {
          start: scheduled.start,
          end: scheduled.end,
          timeZone: scheduled.timeZone,
          dialIn: scheduled.dialIn,
          localStart: local(scheduled.start, scheduled.timeZone),
          localEnd: local(scheduled.end, scheduled.timeZone),
        }
      : undefined,
  };
}
export type ReviewView = ReturnType<typeof toReviewView>;

/** "Mon 30 Nov 2026, 9:00 AM CST": a call time as the physician reads it. */
export function describeCallTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(new Date(at), { zone }).toFormat('ccc d LLL yyyy, h:mm a ZZZZ');
}

/** Whole years between a birth date and `today` (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return today.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/**
 * "64-year-old female": who the patient is without identifying them. Ages over 89 read "90 or
 * older", since an exact great age is itself an identifier (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)(i)(C)).
 */
export function patientInBrief(patient: { dateOfBirth: string; sex?: string }, today: string): string {
  const sex = patient.sex && patient.sex !== 'unknown' ? patient.sex : 'patient of unrecorded sex';
  const age = ageOn(patient.dateOfBirth, today);
  return age > 89 ? `${sex}, aged 90 or older` : `${age}-year-old ${sex}`;
}
