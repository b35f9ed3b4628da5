/**
 * What the audit route answers, as a joi schema: the OpenAPI document shows it and the tests check
 * every answer against it.
 */
import Joi from 'joi';
import { objectId, timestamp } from '../platform/http/common-schemas.js';
import { ROLES } from '../platform/http/authenticated-user.js';
import { AUDIT_OUTCOMES } from './audit.model.js';

/** One entry of the trail: who did what to which record, from where, and how it ended; never a value. */
export const auditEvent = Joi.object({
  _id: objectId.required(),
  at: timestamp.required(),
  // Not always a user's id: a data correction the service makes itself is recorded as `system`.
  actorId: Joi.string().required(),
  actorRole: Joi.string()
    .valid(...ROLES)
    .required(),
  action: Joi.string().required().description('e.g. case.read, case.update, document.download'),
  entityType: Joi.string().required(),
  // An id, or a name for records named so (a letter template).
  entityId: Joi.string(),
  caseId: objectId,
  caseIds: Joi.array().items(objectId).description('The cases a list or an export showed'),
  ip: Joi.string(),
  requestId: Joi.string(),
  outcome: Joi.string()
    .valid(...AUDIT_OUTCOMES)
    .required(),
  problemCode: Joi.string().description('The problem’s code when refused or failed'),
  fields: Joi.array().items(Joi.string()).required().description('Which fields changed; never their values'),
});

export const auditTrail = Joi.object({ events: Joi.array().items(auditEvent).required() });
