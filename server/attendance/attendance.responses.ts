/**
 * What the attendance routes answer, as joi schemas: the OpenAPI document shows them and the tests
 * check every answer against them.
 */
import Joi from 'joi';
import { objectId, timestamp } from '../platform/http/common-schemas.js';
import { BARRIERS, MISSED_OUTCOMES, SESSION_SOURCES } from './attendance.types.js';
import { sessionFields } from './attendance.schemas.js';

const counter = Joi.number().integer().min(0);

export const session = Joi.object({
  id: objectId.required(),
  caseId: objectId.required(),
  caseReference: Joi.string().required(),
  ...sessionFields,
  date: sessionFields.date.required(),
  outcome: sessionFields.outcome.required(),
  alternativesOffered: sessionFields.alternativesOffered.required(),
  alternativesAccepted: sessionFields.alternativesAccepted.required(),
  source: Joi.string()
    .valid(...SESSION_SOURCES)
    .required(),
  recordedById: objectId.required(),
  recordedByName: Joi.string().required(),
  recordedAt: timestamp.required(),
  correctedById: objectId,
  correctedByName: Joi.string(),
  correctedAt: timestamp,
  version: counter.required(),
});

/** When a write completed the attendance rule: the counts, and whether this write told the care team. */
const ruleAlert = Joi.object({
  refused: counter.required(),
  noShows: counter.required(),
  days: counter.required(),
  sent: Joi.boolean().required(),
});

export const recordedSession = Joi.object({ session: session.required(), alert: ruleAlert });

const totals = {
  scheduled: counter.required(),
  attended: counter.required(),
  partial: counter.required(),
  refused: counter.required(),
  no_show: counter.required(),
  late_cancel: counter.required(),
  held: counter.required(),
  rate: Joi.number().min(0).max(1).allow(null).required().description('Held (in full or in part) of scheduled'),
};

export const caseAttendance = Joi.object({
  caseId: objectId.required(),
  across: Joi.string().valid('case', 'patient').required(),
  sessions: Joi.array().items(session).required(),
  totals: Joi.object(totals).required(),
  weeks: Joi.array()
    .items(Joi.object({ weekStart: sessionFields.date.required(), ...totals }))
    .required(),
  barriers: Joi.array()
    .items(
      Joi.object({
        barrier: Joi.string()
          .valid(...BARRIERS, 'unrecorded')
          .required(),
        missed: counter.required(),
        byOutcome: Joi.object(Object.fromEntries(MISSED_OUTCOMES.map((o) => [o, counter.required()]))).required(),
      }),
    )
    .required(),
  rule: Joi.object({ count: counter.required(), days: counter.required() }).required(),
});

export const attendanceImport = Joi.object({
  rows: counter.required(),
  recorded: counter.required(),
  alreadyRecorded: counter.required(),
  cancelled: counter.required(),
  problems: Joi.array()
    .items(Joi.object({ row: counter.required(), column: Joi.string(), reason: Joi.string().required() }))
    .required(),
  alert: ruleAlert,
});
