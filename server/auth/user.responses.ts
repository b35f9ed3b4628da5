/**
 * What the user routes answer, as joi schemas: the OpenAPI document shows them and the tests check
 * every answer against them. A user's fields are the ones that validate adding one.
 */
import Joi from 'joi';
import { objectId } from '../platform/http/common-schemas.js';
import { userFields } from './user.schemas.js';

/** An account as an administrator sees it: never the password or the token, only whether one is set. */
export const userAccount = Joi.object({
  id: objectId.required(),
  name: userFields.name.required(),
  role: userFields.role.required(),
  email: userFields.email,
  npi: userFields.npi,
  active: Joi.boolean().required(),
  signsInOnTheWeb: Joi.boolean().required().description('Whether they have a password for the web pages'),
  version: Joi.number().integer().min(0).required(),
});

export const userList = Joi.object({ users: Joi.array().items(userAccount).required() });

/** An account with its new bearer token, answered this once only (only its hash is stored). */
export const userWithToken = Joi.object({
  user: userAccount.required(),
  token: Joi.string().required(),
});
