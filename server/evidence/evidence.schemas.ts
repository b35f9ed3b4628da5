import Joi from 'joi';
import { isoDate as calendarDate, notInUrl, objectId } from '../platform/http/common-schemas.js';
import { type Clock } from '../platform/clock.js';
import { DOCUMENT_KINDS } from './evidence.types.js';
import type { DocumentSearch } from './document-text.service.js';

export const caseParams = Joi.object({ caseId: objectId.required() });
export const documentParams = Joi.object({ caseId: objectId.required(), documentId: objectId.required() });

/**
 * The form fields sent beside the file. A record cannot be dated after today. `file` is here
 * for the API description only: multer takes the file part out of the body before validation.
 */
export function documentFields(clock: Clock): Joi.ObjectSchema {
  return Joi.object({
    file: Joi.binary().description(
      'Required. The record: a PDF, a PNG, JPEG or TIFF scan or fax, or UTF-8 plain text, recognised by its content',
    ),
    title: Joi.string()
      .trim()
      .min(1)
      .max(200)
      .required()
      .description('What the record is, e.g. "PT discharge summary"'),
    kind: Joi.string()
      .valid(...DOCUMENT_KINDS)
      .required(),
    date: calendarDate
      .required()
      .custom((value: string, helpers) => (value > clock.today() ? helpers.error('date.future') : value))
      .messages({ 'date.future': '{{#label}} is after today' })
      .description('The date of the record itself (visit, study, letter), YYYY-MM-DD'),
  });
}

const words = Joi.string().trim().min(2).max(200);

/** Words searched for in clinical notes may be a patient's name or a diagnosis. */
const wordsInUrl = notInUrl('search text', 'POST /api/v1/cases/:caseId/documents/search');

export const textQuery = Joi.object({
  page: Joi.number().integer().min(1).max(100_000).description('Only this page'),
  q: wordsInUrl,
});

export const documentSearchBody = Joi.object<DocumentSearch, true>({
  q: words
    .required()
    .description('Words to find; the answer lists each passage where they occur, with its document and page'),
  documentId: objectId.description('Only this document of the case'),
});

export const contentQuery = Joi.object({
  inline: Joi.boolean().default(false).description('Show in the browser instead of downloading'),
});
