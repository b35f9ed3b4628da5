import Joi from 'joi';
import { nameText, version } from '../platform/http/common-schemas.js';
import { payerWindowSchema } from '../deadlines/index.js';
import type { PayerProfileInput } from './payer-profile.service.js';

/** A profile's fields, as a request gives them and a profile shows them. */
export const payerProfileFields = {
  name: nameText(200),
  electronicPayerId: Joi.string()
    .trim()
    .max(80)
    .description('The payer id its remittances carry (835 N1*PR04, a FHIR insurer identifier)'),
  appealWindow: payerWindowSchema,
  p2pWindow: payerWindowSchema,
  p2pRules: Joi.object({
    onePerService: Joi.boolean(),
    noneAfterAppealFiled: Joi.boolean(),
    postDecisionEducationalOnly: Joi.boolean().description(
      'A peer-to-peer call after the determination is educational only and cannot change it',
    ),
    notes: Joi.string().max(2000),
  }),
  // 42 CFR 438.408(f)(2): the enrollee has 120 days from the plan's notice of resolution; no state may set fewer.
  stateFairHearingDays: Joi.number()
    .valid(120)
    .messages({ 'any.only': '{{#label}} must be 120: 42 CFR 438.408(f)(2) gives the enrollee 120 days' }),
  externalReviewMonths: Joi.number().integer().min(4).max(12),
  appealsAddress: Joi.object({
    line1: Joi.string().max(200).required(),
    line2: Joi.string().max(200).allow(''),
    city: Joi.string().max(100).required(),
    state: Joi.string().length(2).uppercase().required(),
    postalCode: Joi.string()
      .pattern(/^\d{5}(-\d{4})?$/)
      .required(),
  }),
  fax: Joi.string().max(25),
  phone: Joi.string().max(25),
  portalUrl: Joi.string().uri({ scheme: ['https', 'http'] }),
  notes: Joi.string().max(5000),
};
/** A new profile, and a change to one (the pages use the same schemas). */
export const newPayerBody = Joi.object<PayerProfileInput>({
  ...payerProfileFields,
  name: payerProfileFields.name.required(),
});
/** A change; any field but the name may be cleared with null (the profile then has none of its own). */
export const changePayerBody = Joi.object<PayerProfileInput & { version: number }>({
  version,
  ...Object.fromEntries(Object.entries(payerProfileFields).map(([key, schema]) => [key, schema.allow(null)])),
  name: payerProfileFields.name,
}).min(2);
