import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import { isoDate, objectId } from '../platform/http/common-schemas.js';
import { APPEAL_LEVELS, PLAN_TYPES } from '../deadlines/index.js';
import { caseParams } from './packet.schemas.js';
import { caseChecklist } from './required-elements.service.js';

type CaseParams = { caseId: string };
const everyone = ['clinician', 'billing', 'medical_director', 'admin'] as const;

const item = Joi.object({
  key: Joi.string().required(),
  name: Joi.string().required(),
  rule: Joi.string().required(),
  citation: Joi.string().required(),
  effectiveFrom: Joi.alternatives(isoDate, Joi.string().valid('')).required(),
  readIn: Joi.string().required(),
  strength: Joi.string().valid('required', 'advised').required(),
  source: Joi.string().valid('case', 'document', 'letter', 'by_hand').required(),
  status: Joi.string()
    .valid('present', 'missing', 'by_hand', 'pending')
    .required()
    .description('pending: carried by the letter, checked once a packet is generated; by_hand: signed before sending'),
  value: Joi.string().allow(null).required().description('What the request says for it'),
});

/** The checklist as the API answers it. */
export const checklistResponse = Joi.object({
  plan: Joi.string()
    .valid(...PLAN_TYPES)
    .required(),
  level: Joi.string()
    .valid(...APPEAL_LEVELS)
    .required(),
  items: Joi.array().items(item).required(),
  missing: Joi.array()
    .items(item)
    .required()
    .description('Required elements missing: sending is refused without an override'),
  ready: Joi.boolean().required(),
  packet: Joi.object({ id: objectId.required(), version: Joi.number().integer().min(1).required() })
    .allow(null)
    .required()
    .description('The packet checked: the newest one not yet sent at this level; null for the next one'),
});

/** `GET /cases/:caseId/packets/checklist`: the "ready to send" checklist of the case. */
export function registerChecklistRoute(api: ApiRegistry): void {
  api.add({
    method: 'get',
    path: '/cases/:caseId/packets/checklist',
    roles: everyone,
    tag: 'packets',
    summary:
      'Ready to send: each element the program and level require of the request, present or missing, with its citation',
    schemas: { params: caseParams },
    response: checklistResponse,
    handler: handle<CaseParams>(({ params, user }) => caseChecklist(params.caseId, user)),
  });
}
