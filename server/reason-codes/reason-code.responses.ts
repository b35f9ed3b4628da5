/** What the reason-code routes answer, as joi schemas (documented in OpenAPI, checked in tests). */
import Joi from 'joi';
import { isoDate, timestamp } from '../platform/http/common-schemas.js';
import { DENIAL_CATEGORIES, REASON_CODE_KINDS, RESOLUTION_ROUTES } from './reason-code.types.js';
import { GROUP_CODES } from './reason-code-table.js';

const kind = Joi.string().valid(...REASON_CODE_KINDS);

export const reasonCodeDescription = Joi.object({
  code: Joi.string().required(),
  group: Joi.string().valid(...GROUP_CODES),
  kind: kind.required(),
  known: Joi.boolean().required(),
  description: Joi.string().required(),
  wording: Joi.string().valid('official', 'ours', 'unknown').required(),
  category: Joi.string()
    .valid(...DENIAL_CATEGORIES)
    .allow(null)
    .required(),
  route: Joi.string()
    .valid(...RESOLUTION_ROUTES)
    .allow(null)
    .required(),
  appealable: Joi.boolean().required(),
  status: Joi.string().valid('current', 'deactivated'),
  startDate: isoDate,
  stopDate: isoDate,
});

export const reasonCodeSearchAnswer = Joi.object({
  total: Joi.number().integer().min(0).required(),
  codes: Joi.array().items(reasonCodeDescription).required(),
  officialLoaded: Joi.boolean().required(),
});

export const officialListLoaded = Joi.object({
  kind: kind.required(),
  codes: Joi.number().integer().min(0).required(),
  loadedAt: timestamp.required(),
  replaced: Joi.number().integer().min(0).required(),
});
