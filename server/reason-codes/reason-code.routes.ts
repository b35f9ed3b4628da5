import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import { receiveOneFile, receivedFile } from '../platform/http/memory-upload.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { REASON_CODE_KINDS, type ReasonCodeKind } from './reason-code.types.js';
import { officialListLoaded, reasonCodeDescription, reasonCodeSearchAnswer } from './reason-code.responses.js';
import { getReasonCode, loadOfficialList, searchReasonCodes, type ReasonCodeSearch } from './reason-code.service.js';

const everyone = ['clinician', 'billing', 'medical_director', 'admin'] as const;
const kind = Joi.string()
  .uppercase()
  .valid(...REASON_CODE_KINDS);
// The published lists are well under a megabyte; 5 MB leaves room for a long official list.
const MAX_LIST_BYTES = 5 * 1024 * 1024;

const receiveList = receiveOneFile({ maxBytes: MAX_LIST_BYTES, fields: 2 });

/**
 * Reason codes hold no PHI: every signed-in role may read them. Loading the official list
 * replaces what everyone reads, so only an administrator may, and the load is audited.
 */
export function registerReasonCodeRoutes(api: ApiRegistry, deps: DomainDeps): void {
  api.add({
    method: 'get',
    path: '/reason-codes',
    roles: everyone,
    tag: 'reason-codes',
    summary:
      'Search the CARC and RARC table by code or words: our description, denial category, usual route, ' +
      'and the official wording once the official list is loaded',
    schemas: {
      query: Joi.object({
        kind,
        q: Joi.string().trim().max(100).description('A code ("CO-50", "N115") or words'),
        limit: Joi.number().integer().min(1).max(2000).default(100),
      }),
    },
    response: reasonCodeSearchAnswer,
    handler: handle<unknown, ReasonCodeSearch>(({ query }) => searchReasonCodes(query)),
  });
  api.add({
    method: 'get',
    path: '/reason-codes/:code',
    roles: everyone,
    tag: 'reason-codes',
    summary: 'One CARC or RARC ("CO-50", "50", "N115"); 404 when neither the table nor the official list has it',
    schemas: {
      params: Joi.object({
        code: Joi.string()
          .pattern(/^[A-Za-z0-9 -]{1,12}$/)
          .required(),
      }),
    },
    response: reasonCodeDescription,
    handler: handle<{ code: string }>(({ params }) => getReasonCode(params.code)),
  });
  api.add({
    method: 'post',
    path: '/reason-codes/official',
    roles: ['admin'],
    tag: 'reason-codes',
    summary:
      'Load the official CARC or RARC list (multipart: `kind`, and `file`, a CSV with the columns code, ' +
      'description, start date, stop date); it replaces the previous official list of that kind whole. ' +
      'A bad row is refused with 422 naming the row, and nothing is stored',
    before: [receiveList],
    schemas: { body: Joi.object({ kind: kind.required() }) },
    response: officialListLoaded,
    handler: handle<unknown, unknown, { kind: ReasonCodeKind }>(({ body, req, user }) =>
      loadOfficialList(receivedFile(req, 'the CSV'), body.kind, user, deps),
    ),
  });
}
