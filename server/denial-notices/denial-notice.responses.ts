/** What the denial-notice routes answer, as joi schemas (the OpenAPI document shows them; tests check every answer). */
import Joi from 'joi';
import { objectId } from '../platform/http/common-schemas.js';
import { PLAN_TYPES } from '../deadlines/index.js';
import { pageTextSchema } from '../evidence/index.js';
import { CONFIDENCES, CRITERIA_KINDS } from './denial-notice.types.js';

const where = Joi.object({
  page: Joi.number().integer().min(1).required(),
  text: Joi.string().required().description('The words as printed on the page'),
  context: Joi.string().required().description('The words around them, for a "show where" link'),
});

/** One value read from the notice, with its confidence and where it was found. */
const field = (value: Joi.Schema) =>
  Joi.object({
    value: value.required(),
    confidence: Joi.string()
      .valid(...CONFIDENCES)
      .required()
      .description(
        'high: verbatim on the page, passes its format or check-digit rule, after a label naming it; ' +
          'medium: passes its rule but found without a label, or repaired from an OCR misreading; low: fails its rule',
      ),
    where: where.required(),
  });
const one = (value: Joi.Schema) => field(value).allow(null).required();
const many = (value: Joi.Schema) => Joi.array().items(field(value)).required();
const text = Joi.string();
const isoDate = Joi.string().pattern(/^\d{4}-\d{2}-\d{2}$/);
const digits10 = Joi.string().pattern(/^\d{10}$/);

const fields = Joi.object({
  payerName: one(text),
  planHints: many(Joi.string().valid(...PLAN_TYPES)),
  memberId: one(text),
  patientName: one(text),
  dateOfBirth: one(text).description('ISO date when it reads as one'),
  claimNumber: one(text),
  authorizationNumber: one(text),
  noticeDate: one(text),
  datesOfService: many(text),
  procedureCodes: many(text).description('CPT and HCPCS'),
  diagnosisCodes: many(text).description('ICD-10-CM'),
  carcs: many(text),
  rarcs: many(text),
  denialReason: one(text).description("The payer's reason, the paragraph after its heading, verbatim"),
  appealDeadline: one(Joi.object({ date: isoDate, days: Joi.number().integer() })).description(
    'The deadline printed on the notice: a date, or a number of days',
  ),
  appealsAddress: one(text),
  appealsFax: one(text),
  reviewer: one(Joi.object({ name: text.required(), credentials: Joi.array().items(text).required() })),
  criteria: many(
    Joi.object({
      kind: Joi.string()
        .valid(...CRITERIA_KINDS)
        .required(),
      reference: text,
    }),
  ),
  peerToPeer: one(Joi.object({ phone: digits10, window: text })),
  providerNpi: one(text),
});

/** A denial notice: its text by page, the fields read from it, and whether its review was automated. */
export const noticeView = Joi.object({
  id: objectId.required(),
  sha256: Joi.string().hex().length(64).required(),
  size: Joi.number().integer().min(1).required(),
  mediaType: Joi.string().required(),
  pageCount: Joi.number().integer().min(0).required(),
  pages: Joi.array().items(pageTextSchema).required(),
  textFlag: Joi.string().description('Why some text is missing, e.g. "page 2 has no readable text"'),
  fields: fields.required(),
  automatedReview: Joi.object({
    flagged: Joi.boolean().required(),
    words: Joi.array()
      .items(
        Joi.object({
          word: text.required(),
          page: Joi.number().integer().min(1).required(),
          context: text.required(),
        }),
      )
      .required(),
  })
    .required()
    .description(
      'Whether the notice names InterQual, MCG, automation, an algorithm or a utilization-management vendor',
    ),
  createdById: Joi.string().required(),
  createdAt: Joi.date().required(),
});
