/**
 * What the guideline routes answer, as joi schemas: the OpenAPI document shows them and the tests
 * check every answer against them. A reference's fields are the ones that validate a request.
 */
import Joi from 'joi';
import { objectId, timestamp } from '../platform/http/common-schemas.js';
import { CRITERION_STATUSES } from './guideline.types.js';
import { evidenceItem, guidelineFields } from './guideline.schemas.js';

const counter = Joi.number().integer().min(0);

/** A reference's own fields (toReference): the optional ones only when set. */
const reference = {
  id: objectId.required(),
  ...guidelineFields,
  source: guidelineFields.source.required(),
  title: guidelineFields.title.required(),
  issuingBody: guidelineFields.issuingBody.required(),
  criterionText: guidelineFields.criterionText.required(),
  procedureCodes: guidelineFields.procedureCodes.required(),
  diagnosisCodes: guidelineFields.diagnosisCodes.required(),
};

/** A library reference with its citation; `revision` is the edit counter PATCH checks. */
export const guideline = Joi.object({
  ...reference,
  citation: Joi.string().required(),
  revision: counter.required(),
  createdById: objectId.required(),
  createdAt: timestamp.required(),
  updatedAt: timestamp.required(),
});

export const guidelineList = Joi.object({
  guidelines: Joi.array().items(guideline).required(),
  page: Joi.number().integer().min(1).required(),
  limit: Joi.number().integer().min(1).required(),
  total: counter.required(),
});

/** Library references matching the case's codes, each with why; `noneReason` when there are none. */
export const guidelineSuggestions = Joi.object({
  caseId: objectId.required(),
  codes: Joi.object({
    procedure: Joi.array().items(Joi.string()).required(),
    diagnosis: Joi.array().items(Joi.string()).required(),
  }).required(),
  suggestions: Joi.array()
    .items(
      Joi.object({
        guideline: guideline.required(),
        matchedCodes: Joi.array().items(Joi.string()).required(),
        procedureMatch: Joi.boolean().required(),
        reason: Joi.string().required(),
        alreadyAttached: Joi.boolean().required(),
      }),
    )
    .required(),
  noneReason: Joi.string(),
});

/**
 * A guideline attached to a case, with the copy of the reference taken when attached (so a letter
 * reads the same after library edits); who changed it last only once it has been changed.
 */
export const caseCriterion = Joi.object({
  id: objectId.required(),
  caseId: objectId.required(),
  guideline: Joi.object({ ...reference, revision: counter.required() }).required(),
  citation: Joi.string().required(),
  status: Joi.string()
    .valid(...CRITERION_STATUSES)
    .required(),
  evidence: Joi.array()
    .items(evidenceItem.keys({ documentTitle: Joi.string().description('The document’s title when given') }))
    .required(),
  addedById: objectId.required(),
  addedByName: Joi.string().required(),
  addedAt: timestamp.required(),
  updatedById: objectId,
  updatedByName: Joi.string(),
  updatedAt: timestamp,
  version: counter.required(),
});

export const caseCriterionList = Joi.object({ criteria: Joi.array().items(caseCriterion).required() });
