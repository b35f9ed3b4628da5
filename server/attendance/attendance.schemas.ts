import Joi from 'joi';
import { isoDate, nameText, objectId, version } from '../platform/http/common-schemas.js';
import { ALTERNATIVES, BARRIERS, MISSED_OUTCOMES, SESSION_OUTCOMES, type SessionInput } from './attendance.types.js';

const text = (max: number) => Joi.string().trim().min(1).max(max);
const alternatives = Joi.array()
  .items(Joi.string().valid(...ALTERNATIVES))
  .max(ALTERNATIVES.length)
  .unique();
/** A session held in full has no story to tell: a reason, barrier or alternative there is a slip. */
const onlyWhenMissed = <S extends Joi.AnySchema>(schema: S) =>
  schema.when('outcome', {
    is: Joi.valid(...MISSED_OUTCOMES),
    otherwise: Joi.forbidden().messages({ 'any.unknown': '{{#label}} is recorded only for a session not fully held' }),
  });

/** A session's fields, as a request gives them and the API shows them. */
export const sessionFields = {
  date: isoDate.description('The day the session was scheduled'),
  time: Joi.string()
    .pattern(/^([01]\d|2[0-3]):[0-5]\d$/)
    .messages({ 'string.pattern.base': '{{#label}} must be a time such as 09:30' })
    .description('Its start on the clinic’s clock'),
  outcome: Joi.string()
    .valid(...SESSION_OUTCOMES)
    .description('attended, partial (only partly done), refused, no_show, late_cancel'),
  reason: text(2000).description('Why, in the patient’s own words'),
  barrier: Joi.string()
    .valid(...BARRIERS)
    .description('What stood in the way'),
  alternativesOffered: alternatives.description('What the clinic offered'),
  alternativesAccepted: alternatives.description('Which of those the patient took up'),
  patientChoice: text(1000).description('What the patient chose or declined, in a sentence'),
  appointmentId: nameText(64).min(1).description('The scheduler’s appointment id'),
};

/**
 * A session: one not fully held needs its barrier when typed in (the reason may be unknown: the
 * patient did not say), not when imported (a scheduler rarely has one; the clinician completes it).
 */
export function sessionSchema({ barrierRequired }: { barrierRequired: boolean }) {
  const barrier = onlyWhenMissed(sessionFields.barrier);
  return Joi.object<SessionInput, true>({
    ...sessionFields,
    date: sessionFields.date.required(),
    outcome: sessionFields.outcome.required(),
    reason: onlyWhenMissed(sessionFields.reason),
    barrier: barrierRequired
      ? barrier.when('outcome', {
          is: Joi.valid(...MISSED_OUTCOMES),
          then: Joi.required().messages({ 'any.required': 'a session not fully held needs its barrier' }),
        })
      : barrier,
    alternativesOffered: onlyWhenMissed(sessionFields.alternativesOffered),
    alternativesAccepted: onlyWhenMissed(sessionFields.alternativesAccepted),
    patientChoice: onlyWhenMissed(sessionFields.patientChoice),
  });
}

/** A session typed in. */
export const sessionBody = sessionSchema({ barrierRequired: true });

/** A correction: any field, null clears an optional one; the result is checked as a whole by the service. */
export const correctSessionBody = Joi.object<SessionChanges, true>({
  version,
  date: sessionFields.date,
  outcome: sessionFields.outcome,
  time: sessionFields.time.allow(null),
  reason: sessionFields.reason.allow(null),
  barrier: sessionFields.barrier.allow(null),
  alternativesOffered: sessionFields.alternativesOffered,
  alternativesAccepted: sessionFields.alternativesAccepted,
  patientChoice: sessionFields.patientChoice.allow(null),
  appointmentId: sessionFields.appointmentId.allow(null),
}).min(2);

/** What a correction may change; null clears. */
export type SessionChanges = { version: number } & {
  [K in keyof SessionInput]?: SessionInput[K] | null;
};

export const caseParams = Joi.object({ caseId: objectId.required() });
export const sessionParams = Joi.object({ caseId: objectId.required(), sessionId: objectId.required() });
export const listAttendanceQuery = Joi.object({
  across: Joi.string()
    .valid('case', 'patient')
    .default('case')
    .description('`patient`: the sessions of every case of this patient you may see, not only this one'),
});
