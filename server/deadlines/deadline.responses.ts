import Joi from 'joi';
import { isoDate } from '../platform/http/common-schemas.js';
import { APPEAL_LEVELS, PLAN_TYPES } from './appeal-levels.js';
import { FAST_TRACK_LEVELS } from './deadline-answer.js';

/** A deadline with a time of day in a zone (QIO fast track, concurrent care), as the engine answers it. */
export const timedDeadline = Joi.object({
  dueDate: isoDate.required(),
  dueTime: Joi.string()
    .pattern(/^\d{2}:\d{2}$/)
    .required(),
  timeZone: Joi.string().required(),
  dueAt: Joi.string().isoDate().required(),
  words: Joi.string().required(),
});

/** A document the appellant's route needs on file before the appeal goes out. */
export const requiredDocument = Joi.object({
  kind: Joi.string()
    .valid(
      'appointment_of_representative',
      'waiver_of_liability',
      'enrollee_written_consent',
      'authorized_representative_designation',
    )
    .required(),
  name: Joi.string().required(),
  citation: Joi.string().required(),
});

export const appealRoute = Joi.string().valid('member_appeal', 'provider_party_appeal', 'provider_dispute');

/** The answer of `POST /deadlines/compute` (and the CLI's JSON): the date, the rule and its source. */
export const filingDeadlineAnswer = Joi.object({
  plan: Joi.string()
    .valid(...PLAN_TYPES)
    .required(),
  level: Joi.string()
    .valid(...APPEAL_LEVELS, ...FAST_TRACK_LEVELS)
    .required(),
  expedited: Joi.boolean().required(),
  noticeDate: isoDate.required(),
  receivedDate: isoDate,
  filingDeadline: isoDate.required(),
  filingDeadlineTime: Joi.object({
    time: Joi.string().required(),
    timeZone: Joi.string().required(),
    at: Joi.string().isoDate().required(),
    words: Joi.string().required(),
  }),
  lastBusinessDay: Joi.string().description('The working day before a last day on a weekend or holiday'),
  countedFrom: Joi.string().valid('notice', 'receipt', 'presumed_receipt', 'submission'),
  basis: Joi.string().required(),
  citation: Joi.string().required(),
  rolledOver: Joi.object({ from: isoDate.required(), reason: Joi.string().required() }),
  decisionTimeframe: Joi.string().required(),
  ruleEffectiveFrom: isoDate,
  ruleSource: Joi.string(),
  nextLevel: Joi.string()
    .valid(...APPEAL_LEVELS)
    .allow(null)
    .required(),
  appellant: Joi.object({
    who: Joi.string().required(),
    route: appealRoute.required(),
    requiredDocument: requiredDocument.allow(null).required(),
    basis: Joi.string().required(),
  }),
  continuationOfBenefits: Joi.object({
    applies: Joi.boolean().required(),
    dueDate: isoDate.allow(null).required(),
    basis: Joi.string().required(),
    citation: Joi.string().required(),
  }),
  concurrentCare: Joi.object({
    courseEnds: timedDeadline.required(),
    requestExtensionBy: timedDeadline.required(),
    extensionDecisionDue: timedDeadline,
    warning: Joi.string(),
    basis: Joi.string().required(),
    citation: Joi.string().required(),
    effectiveFrom: isoDate.required(),
    notes: Joi.array().items(Joi.string()).required(),
  }),
  ifMissed: Joi.string(),
});
