import Joi from 'joi';
import { nameText, version } from '../platform/http/common-schemas.js';
import { ROLES } from '../platform/http/authenticated-user.js';
import type { NewUser } from './user.service.js';
import type { UserChanges } from './user-admin.service.js';

/** What a user is: as an administrator adds them and an account shows them. */
export const userFields = {
  name: nameText(200).min(1),
  // Any domain: a clinic's mail may be on an internal one.
  email: Joi.string()
    .trim()
    .lowercase()
    .email({ tlds: { allow: false } })
    .max(320),
  role: Joi.string().valid(...ROLES),
  npi: Joi.string()
    .pattern(/^\d{10}$/)
    .messages({ 'string.pattern.base': '{{#label}} must be the 10 digits of a National Provider Identifier' }),
  timeZone: Joi.string()
    .valid(...Intl.supportedValuesOf('timeZone'))
    .messages({ 'any.only': '{{#label}} must be an IANA time zone such as America/Chicago' })
    .description('Where they take peer-to-peer calls; without one, America/New_York'),
};

/** A new user; a password lets them sign in on the web (the token is for the API). */
export const newUserBody = Joi.object<Omit<NewUser, 'token'>>({
  ...userFields,
  name: userFields.name.required(),
  role: userFields.role.required(),
  password: Joi.string().min(12).max(200).description('At least 12 characters; without one, the user has a token only'),
}).with('password', 'email');

export const changeUserBody = Joi.object<UserChanges & { version: number }, true>({
  version,
  role: userFields.role,
  active: Joi.boolean(),
}).or('role', 'active');

export const issueTokenBody = Joi.object({ version });
