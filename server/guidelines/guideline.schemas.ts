import Joi from 'joi';
import { isoDate, objectId, version, page } from '../platform/http/common-schemas.js';
import { CRITERION_STATUSES, GUIDELINE_SOURCES } from './guideline.types.js';
import { DIAGNOSIS_CODE, PROCEDURE_CODE, normaliseDiagnosisCode } from './code-match.js';
import type { CriterionChanges, NewCriterion } from './criterion.service.js';
import type { GuidelineChanges, GuidelineInput, GuidelineSearch } from './guideline.service.js';

const procedureCode = Joi.string()
  .trim()
  .uppercase()
  .pattern(PROCEDURE_CODE)
  .messages({ 'string.pattern.base': '{{#label}} must be a CPT or HCPCS code such as 72148 or J9271' });
const diagnosisCode = Joi.string()
  .trim()
  .uppercase()
  .pattern(DIAGNOSIS_CODE)
  .custom((value: string) => normaliseDiagnosisCode(value))
  .messages({ 'string.pattern.base': '{{#label}} must be an ICD-10-CM code or category such as M54 or M54.16' });
const text = (max: number) => Joi.string().trim().min(1).max(max);
/** Optional fields may be cleared on PATCH with null. */
const clearable = <S extends Joi.AnySchema>(schema: S): S => schema.allow(null);

/** A library reference's fields, as a request gives them and the library shows them. */
export const guidelineFields = {
  source: Joi.string().valid(...GUIDELINE_SOURCES),
  title: text(300),
  issuingBody: text(300),
  version: text(100).description('Edition or version as printed, e.g. "Ambulatory Care 27th ed."'),
  publishedDate: isoDate,
  section: text(200).description('Section, criterion or recommendation, e.g. "criterion 2"'),
  url: Joi.string()
    .uri({ scheme: ['https', 'http'] })
    .max(2000),
  criterionText: text(5000).description('The criterion in your own words'),
  procedureCodes: Joi.array().items(procedureCode).max(100).unique(),
  diagnosisCodes: Joi.array().items(diagnosisCode).max(200).unique(),
};

export const createGuidelineBody = Joi.object<GuidelineInput, true>({
  ...guidelineFields,
  source: guidelineFields.source.required(),
  title: guidelineFields.title.required(),
  issuingBody: guidelineFields.issuingBody.required(),
  criterionText: guidelineFields.criterionText.required(),
}).or('procedureCodes', 'diagnosisCodes');

export const updateGuidelineBody = Joi.object<GuidelineChanges & { revision: number }, true>({
  revision: version.description('The revision you read; a stale one is refused with 409'),
  ...guidelineFields,
  version: clearable(guidelineFields.version),
  publishedDate: clearable(guidelineFields.publishedDate),
  section: clearable(guidelineFields.section),
  url: clearable(guidelineFields.url),
}).min(2);

export const guidelineParams = Joi.object({ guidelineId: objectId.required() });

export const listGuidelinesQuery = Joi.object<GuidelineSearch>({
  q: Joi.string().trim().min(1).max(200).description('Words in the title, the criterion or the issuing body'),
  code: Joi.alternatives(procedureCode, diagnosisCode).description(
    'A CPT/HCPCS code, or an ICD-10 code or category (M54 finds M54.16 and the reverse)',
  ),
  source: Joi.array()
    .items(Joi.string().valid(...GUIDELINE_SOURCES))
    .single(),
  ...page,
});

/** One piece of evidence for a criterion: a quoted page of a case document, or a statement. */
export const evidenceItem = Joi.object({
  documentId: objectId,
  page: Joi.number().integer().min(1).max(100_000),
  quote: text(2000).description('Words exactly as they appear on the page (layout and letter case aside)'),
  statement: text(4000).description('The clinician’s own statement, when no record shows it'),
})
  .or('documentId', 'statement')
  .with('page', 'documentId')
  .with('quote', 'documentId');

const evidence = Joi.array().items(evidenceItem).max(50);
const status = Joi.string().valid(...CRITERION_STATUSES);
/**
 * "Met" needs something that shows it: that is what the reviewer looks for. Required, not only
 * min(1): joi skips the rules of a value it filled in from a default, so a missing list would pass.
 */
const NEEDS_EVIDENCE = 'a criterion marked met needs at least one piece of evidence';
const metNeedsEvidence = {
  is: 'met',
  then: Joi.array().min(1).required().messages({ 'array.min': NEEDS_EVIDENCE, 'any.required': NEEDS_EVIDENCE }),
  otherwise: Joi.array().default([]),
};
/** A change may leave the evidence out (it stays as it was), but may not empty it on a met criterion. */
const metKeepsEvidence = { is: 'met', then: Joi.array().min(1).messages({ 'array.min': NEEDS_EVIDENCE }) };

export const criterionBody = Joi.object<NewCriterion, true>({
  guidelineId: objectId.required(),
  status: status.required(),
  evidence: evidence.when('status', metNeedsEvidence),
});

export const updateCriterionBody = Joi.object<CriterionChanges, true>({
  version,
  status,
  evidence: evidence.when('status', metKeepsEvidence),
  refreshGuideline: Joi.boolean().description('Take the library’s current text of the guideline'),
}).or('status', 'evidence', 'refreshGuideline');

export const caseParams = Joi.object({ caseId: objectId.required() });
export const criterionParams = Joi.object({ caseId: objectId.required(), criterionId: objectId.required() });
export const removeCriterionQuery = Joi.object({ version: Joi.number().integer().min(0).required() });
