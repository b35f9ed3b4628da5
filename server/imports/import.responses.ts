/** What the import routes answer, as joi schemas (the OpenAPI document shows them; tests check every answer). */
import Joi from 'joi';
import { objectId, timestamp } from '../platform/http/common-schemas.js';
import { IMPORT_STATUSES } from './import.model.js';

const count = Joi.number().integer().min(0).required();

/** One import: where it stands, and what it did. */
export const importView = Joi.object({
  id: objectId.required(),
  sha256: Joi.string().hex().length(64).required(),
  size: count,
  format: Joi.string().valid('835', 'fhir').required(),
  status: Joi.string()
    .valid(...IMPORT_STATUSES)
    .required(),
  progress: Joi.object({ claimsDone: count, claimsTotal: Joi.number().integer().min(0) }).required(),
  counts: Joi.object({
    claimsRead: count,
    denialsFound: count,
    casesCreated: count,
    casesMatched: count,
    paymentsMatched: count,
    reversalsRecorded: count,
  }).required(),
  skipped: Joi.array()
    .items(Joi.object({ position: count, element: Joi.string(), reason: Joi.string().required() }))
    .required()
    .description('Claims not taken, by segment position and reason (never a value from the file)'),
  problem: Joi.object({
    code: Joi.string().required(),
    message: Joi.string().required(),
    segment: Joi.number().integer(),
  }),
  createdById: objectId.required(),
  startedAt: timestamp,
  finishedAt: timestamp,
  createdAt: timestamp.required(),
  updatedAt: timestamp.required(),
});

/** The answer to an upload: the import, and whether this file had been imported before. */
export const importReceived = importView.keys({
  repeated: Joi.boolean().required().description('The same file was imported before: nothing new is queued'),
});

export const importList = Joi.object({ imports: Joi.array().items(importView).required() });
