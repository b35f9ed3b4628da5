import Joi from 'joi';
import { isoDate } from '../platform/http/common-schemas.js';
import { PLAN_TYPES } from './appeal-levels.js';
import type { DeadlineQuestion } from './deadline-answer.js';
import { DAY_UNITS, WINDOW_STARTS } from './payer-window.js';
import { APPELLANTS } from './appellant-route.js';
import { MEDICAID_ACTIONS } from './continuation-of-benefits.js';

/** A payer's own window as a request states it: the deadline route takes one, and payer profiles keep two. */
export const payerWindowSchema = Joi.object({
  days: Joi.number().integer().min(1).max(730).required(),
  unit: Joi.string()
    .valid(...DAY_UNITS)
    .required(),
  countFrom: Joi.string()
    .valid(...WINDOW_STARTS)
    .required(),
  label: Joi.string().max(200),
});

/** The body of `POST /api/v1/deadlines/compute`: the CLI's options, by the engine's names. */
export const computeDeadlineBody = Joi.object<DeadlineQuestion, true>({
  plan: Joi.string()
    .valid(...PLAN_TYPES)
    .required(),
  level: Joi.string().max(40).required(),
  noticeDate: isoDate.required(),
  receivedDate: isoDate,
  expedited: Joi.boolean().default(false),
  payerWindow: payerWindowSchema,
  // Any whole number is taken: the engine applies it only where 42 CFR 438.408(f)(2) allows, and says so.
  stateFairHearingDays: Joi.number().integer().min(1).max(365),
  externalReviewMonths: Joi.number().integer().min(4).max(12),
  // Read by the appellant route and the clocks beside the rule table (see deadline-answer.ts).
  appellant: Joi.string().valid(...APPELLANTS),
  action: Joi.string().valid(...MEDICAID_ACTIONS),
  serviceEnd: isoDate,
  timeZone: Joi.string()
    .max(64)
    .description('The clinic’s IANA zone; hour-based rules (QIO fast track, concurrent care) need it'),
});
