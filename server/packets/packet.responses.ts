import Joi from 'joi';
import { isoDate, objectId, timestamp } from '../platform/http/common-schemas.js';
import { CASE_STATUSES } from '../cases/index.js';
import { APPEAL_LEVELS } from '../deadlines/index.js';
import { DOCUMENT_KINDS } from '../evidence/index.js';
import { submissionFields, templateName } from './packet.schemas.js';
import { SUBMISSION_METHODS } from './packet.model.js';

const count = Joi.number().integer().min(0);

/** A generated packet (toPacketView): `submission` is null until it is recorded, once. */
export const packet = Joi.object({
  id: objectId.required(),
  caseId: objectId.required(),
  reference: Joi.string().required(),
  version: Joi.number().integer().min(1).required(),
  template: templateName.required().description('The letter template it was generated with'),
  caseVersion: count.required(),
  appealLevel: Joi.string()
    .valid(...APPEAL_LEVELS)
    .required(),
  documentIds: Joi.array().items(objectId).required(),
  exhibits: Joi.array()
    .items(
      Joi.object({
        documentId: objectId.required(),
        title: Joi.string().required(),
        kind: Joi.string()
          .valid(...DOCUMENT_KINDS)
          .required(),
        date: isoDate.required(),
        startPage: Joi.number().integer().min(1).required(),
        pageCount: Joi.number().integer().min(1).required(),
      }),
    )
    .required(),
  sendBy: Joi.string()
    .valid(...SUBMISSION_METHODS)
    .allow(null)
    .required(),
  frontPages: count.required().description('Pages before the letter: fax cover sheet, Medicare request page'),
  draft: Joi.boolean().required().description('Generated with required sections empty: watermarked DRAFT'),
  letterPages: count.required(),
  indexPages: count.required(),
  pageCount: Joi.number().integer().min(1).required(),
  sha256: Joi.string().hex().length(64).required(),
  size: Joi.number().integer().min(1).required().description('Bytes of the PDF'),
  generatedBy: Joi.object({ id: objectId.required(), name: Joi.string().required() }).required(),
  generatedAt: timestamp.required(),
  submission: Joi.object({
    ...submissionFields,
    readinessOverride: Joi.object({ reason: Joi.string().required(), missing: Joi.array().items(Joi.string()) }),
    submittedAt: timestamp.required(),
    recordedById: objectId.required(),
    recordedByName: Joi.string().required(),
    recordedAt: timestamp.required(),
  })
    .allow(null)
    .required(),
});

export const packetList = Joi.object({ packets: Joi.array().items(packet).required() });

/** A recorded submission: the packet, and the case it moved to submitted. */
export const submissionRecorded = Joi.object({
  packet: packet.required(),
  caseStatus: Joi.string()
    .valid(...CASE_STATUSES)
    .required(),
  caseVersion: count.required(),
});

/** A letter template as listed; who changed it and when only for the organisation's own. */
const letterTemplateEntry = Joi.object({
  name: templateName.required().description('The template’s name'),
  origin: Joi.string().valid('shipped', 'organisation').required(),
  version: count.required().description('0 for a shipped template'),
  updatedByName: Joi.string(),
  updatedAt: timestamp,
});

export const letterTemplateList = Joi.object({ templates: Joi.array().items(letterTemplateEntry).required() });

/** One letter template with its handlebars source. */
export const letterTemplate = letterTemplateEntry.keys({ source: Joi.string().required() });

export const letterTemplateRemoved = Joi.object({ removed: templateName.required().description('The name removed') });
