import Joi from 'joi';
import { instant, objectId } from '../platform/http/common-schemas.js';
import { SUBMISSION_METHODS } from './packet.model.js';
import type { PacketRequest, SubmissionInput } from './packet.service.js';

export const templateName = Joi.string()
  .pattern(/^[a-z][a-z0-9_]{1,63}$/)
  .messages({ 'string.pattern.base': '{{#label}} must be a template name such as medical_necessity' })
  .description('Letter template; default chosen from the denial category, level and priority');
const documentIds = Joi.array()
  .items(objectId)
  .max(200)
  .unique()
  .description('Documents to enclose, in this order; default: all of the case’s documents');

export const caseParams = Joi.object({ caseId: objectId.required() });
export const packetParams = Joi.object({ caseId: objectId.required(), packetId: objectId.required() });

const sendBy = Joi.string()
  .valid(...SUBMISSION_METHODS)
  .description('How the clinic means to send it: fax puts a cover sheet with the page count first');

const draft = Joi.boolean()
  .default(false)
  .description('Generate although sections the template needs are empty: every page is watermarked DRAFT');

export const generatePacketBody = Joi.object<PacketRequest, true>({
  template: templateName,
  documentIds,
  sendBy,
  draft,
});

export const previewQuery = Joi.object({
  template: templateName,
  documentIds: Joi.alternatives(
    documentIds,
    objectId.custom((v: string) => [v]),
  ).description('Repeat the parameter to list several, in order'),
});

/** How a packet went to the payer: the request records it, the packet shows it back. */
export const submissionFields = {
  method: Joi.string()
    .valid(...SUBMISSION_METHODS)
    .required(),
  submittedAt: instant
    .required()
    .description(
      'When the payer received it (fax confirmation time, portal receipt); without an offset, the clinic’s time',
    ),
  confirmationNumber: Joi.string().trim().max(100),
  note: Joi.string().trim().max(2000),
  readinessOverride: Joi.string()
    .trim()
    .min(10)
    .max(2000)
    .description(
      'Why the packet went out with required elements missing (the checklist); refused without it when any is',
    ),
};

export const submissionBody = Joi.object<SubmissionInput, true>(submissionFields);
