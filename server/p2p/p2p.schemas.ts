import Joi from 'joi';
import { isoDate, nameText, objectId, version } from '../platform/http/common-schemas.js';
import { P2P_RESULTS, P2P_STATUSES, P2P_TIMINGS } from './p2p-review.model.js';

const hhmm = Joi.string()
  .pattern(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/)
  .messages({ 'string.pattern.base': '{{#label}} must be a time as HH:mm' });
export const zone = Joi.string()
  .max(64)
  .custom((value: string, helpers) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return value;
    } catch {
      return helpers.error('zone.unknown');
    }
  })
  .messages({ 'zone.unknown': '{{#label}} is not an IANA time zone (e.g. America/Chicago)' });
const text = (max: number) => Joi.string().trim().max(max);
/** The payer's medical reviewer, as a request gives it and a review shows it. */
export const reviewer = Joi.object({
  name: nameText(200),
  specialty: text(200),
  npi: Joi.string().pattern(/^\d{10}$/),
});

/** Who to talk to at the payer's utilization management desk. */
export const payerContact = Joi.object({
  name: nameText(200),
  phone: text(40),
  email: Joi.string().email().max(320),
});

export const p2pParams = Joi.object({ p2pId: objectId.required() });
export const caseParams = Joi.object({ caseId: objectId.required() });
export const physicianParams = Joi.object({ physicianId: objectId.required() });

export const requestBody = Joi.object({
  physicianId: objectId.description(
    'Our physician (medical director or clinician); defaults to the case’s treating clinician',
  ),
  window: Joi.object({ lastDate: isoDate.required(), basis: text(1000) }).description(
    'The last date printed on the denial notice; otherwise computed from the payer profile',
  ),
  payerContact,
  payerReference: nameText(100),
  reviewer,
  note: text(2000),
});

export const listQuery = Joi.object({
  physician: Joi.alternatives(Joi.string().valid('me'), objectId),
  status: Joi.array()
    .items(Joi.string().valid(...P2P_STATUSES))
    .single(),
  caseId: objectId,
  from: Joi.alternatives(isoDate, Joi.string().isoDate()).description(
    'Calls starting from this date (clinic’s zone) or instant',
  ),
  to: Joi.alternatives(isoDate, Joi.string().isoDate()).description(
    'Calls starting up to the end of this date (clinic’s zone), or before this instant',
  ),
});

export const closingQuery = Joi.object({
  withinDays: Joi.number().integer().min(0).max(60).default(3),
  physician: Joi.alternatives(Joi.string().valid('me'), objectId).description(
    'One physician’s: the reviews requested for them, and the unrequested windows of the cases they treat',
  ),
});

export const slotsQuery = Joi.object({
  durationMinutes: Joi.number().integer().valid(15, 30, 45, 60, 75, 90, 105, 120).default(30),
  count: Joi.number().integer().min(1).max(50).default(5),
});

/** Calls start on a quarter hour and last whole quarter hours (see slot-finder.ts). */
const quarterHour = Joi.date()
  .iso()
  .custom((value: Date, helpers) => (value.getTime() % (15 * 60_000) === 0 ? value : helpers.error('date.quarter')))
  .messages({ 'date.quarter': '{{#label}} must start on a quarter hour (:00, :15, :30, :45)' });

export const DURATIONS = [15, 30, 45, 60, 75, 90, 105, 120];

/**
 * A booking: the agreed start and a length, or a slot exactly as GET /p2p/:id/slots proposed it
 * (start, end, localStart, localEnd). The version may be left out of a first booking, where
 * there is nothing to overwrite; a reschedule must send the one it read.
 */
export const scheduleBody = Joi.object({
  version: Joi.number()
    .integer()
    .min(0)
    .description('The version you read; required to reschedule, optional for the first booking'),
  start: quarterHour.required().description('The agreed start, an ISO 8601 instant'),
  end: Joi.date().iso().greater(Joi.ref('start')).description('The slot’s end, as proposed; sets the length'),
  durationMinutes: Joi.number()
    .integer()
    .valid(...DURATIONS)
    .description('The length, if no end is sent (default 30)'),
  localStart: Joi.string().isoDate().description('As proposed with the slot; not used'),
  localEnd: Joi.string().isoDate().description('As proposed with the slot; not used'),
  dialIn: text(500),
  reviewer,
})
  .oxor('end', 'durationMinutes')
  .custom(
    (value: { start: Date; end?: Date; durationMinutes?: number; localStart?: string; localEnd?: string }, helpers) => {
      const { end, localStart: _shown, localEnd: _alsoShown, ...booking } = value;
      const durationMinutes =
        booking.durationMinutes ?? (end ? (end.getTime() - booking.start.getTime()) / 60_000 : 30);
      if (!DURATIONS.includes(durationMinutes))
        return helpers.message({ custom: 'the call must last 15 to 120 minutes, in quarter hours' });
      return { ...booking, durationMinutes };
    },
  );

export const cancelBody = Joi.object({ version, reason: text(2000) });

const WINS = ['overturned', 'partially_overturned'];
/** A win carries the payer's revised decision; no other result may. */
const forWin = (schema: Joi.Schema, description: string) =>
  schema
    .when('result', { is: Joi.valid(...WINS), then: Joi.required(), otherwise: Joi.forbidden() })
    .description(description);
export const outcomeBody = Joi.object({
  version,
  timing: Joi.string()
    .valid(...P2P_TIMINGS)
    .description(
      'pre_decision: held while the payer still owes its decision on the filed appeal; post_decision: after ' +
        'its determination. Defaults from the case: pre_decision only while it awaits a decision',
    ),
  result: Joi.string()
    .valid(...P2P_RESULTS)
    .required(),
  reviewerName: text(200).when('result', { is: Joi.valid(...WINS), then: Joi.required() }),
  notes: text(10_000),
  agreed: text(2000)
    .when('result', { is: 'partially_overturned', then: Joi.required() })
    .description('What was agreed; for a partial win, what the payer approved (e.g. "6 of the 12 visits")'),
  decisionReference: forWin(nameText(60), 'The payer’s reference or authorization number for its revised decision'),
  decisionDate: forWin(isoDate, 'Date of the payer’s revised decision: not in the future, not before the request'),
  alternativesOffered: Joi.array().items(text(500)).max(20),
});

export const weekly = Joi.object({
  weekday: Joi.number().integer().min(1).max(7).required(),
  start: hhmm.required(),
  end: hhmm.required(),
});
export const exception = Joi.object({
  date: isoDate.required(),
  kind: Joi.string().valid('leave', 'clinic_day', 'extra').required(),
  start: hhmm,
  end: hhmm,
});

export const availabilityBody = Joi.object({
  version,
  timeZone: zone.description('IANA zone of the weekly pattern; defaults to the physician’s'),
  weekly: Joi.array().items(weekly).max(50).required(),
  exceptions: Joi.array().items(exception).max(500).default([]),
});
