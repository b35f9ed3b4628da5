/**
 * What the payer routes answer, as joi schemas: the OpenAPI document shows them and the tests check
 * every answer against them. A profile's fields are the ones that validate a request.
 */
import Joi from 'joi';
import { objectId, timestamp } from '../platform/http/common-schemas.js';
import { payerProfileFields } from './payer-profile.schemas.js';

/**
 * A payer profile as stored: `_id`, and `__v`, the version a change must send. Fields the clinic
 * has not set (or cleared) are absent.
 */
export const payerProfile = Joi.object({
  _id: objectId.required(),
  __v: Joi.number().integer().min(0).required().description('The version; send it as `version` to change the profile'),
  ...payerProfileFields,
  name: payerProfileFields.name.required(),
  createdAt: timestamp.required(),
  updatedAt: timestamp.required(),
});

export const payerProfileList = Joi.object({ payers: Joi.array().items(payerProfile).required() });

/** A changed profile, and how many open cases of the payer had their deadlines computed again. */
export const payerProfileChanged = payerProfile.keys({
  casesWithNewDeadlines: Joi.number().integer().min(0).required(),
});
