/** What the import routes answer, as joi schemas (the OpenAPI document shows them; tests check every answer). */
import Joi from 'joi';
import { objectId, timestamp } from '../platform/http/common-schemas.js';
import { IMPORT_STATUSES, REMITTANCE_FORMATS } from './import.model.js';

const count = Joi.number().integer().min(0).required();

/** One import: where it stands, and what it did. */
export const importView = Joi.object({
  id: objectId.required(),
  sha256: Joi.string().hex().length(64).required(),
  size: count,
  format: Joi.string()
    .valid(...REMITTANCE_FORMATS)
    .required(),
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
    .description(
      'Claims not taken, by position (segment of an 835, row of a CSV) and reason (never a value from the file)',
    ),
  problem: Joi.object({
    code: Joi.string().required(),
    message: Joi.string().required(),
    segment: Joi.number().integer().description('Where the file went wrong: the segment of an 835, the row of a CSV'),
    fields: Joi.array()
      .items(Joi.object({ field: Joi.string().required(), message: Joi.string().required() }))
      .description('Each FHIR path or CSV column at fault'),
  }),
  createdById: Joi.string()
    .required()
    .description("The uploader's user id, or `system` for the command line (`npm run import`)"),
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
