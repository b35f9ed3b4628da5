import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import { auditTrail } from './audit.service.js';
import * as r from './audit.responses.js';

const objectId = Joi.string().hex().length(24);

export function registerAuditRoutes(api: ApiRegistry): void {
  api.add({
    method: 'get',
    path: '/audit',
    roles: ['admin'],
    tag: 'audit',
    summary: 'Read the audit trail, newest first, for a case or a user',
    schemas: {
      query: Joi.object({
        caseId: objectId,
        actorId: objectId,
        limit: Joi.number().integer().min(1).max(1000).default(200),
      }),
    },
    response: r.auditTrail,
    handler: handle<unknown, { caseId?: string; actorId?: string; limit: number }>(async ({ query }) => ({
      events: await auditTrail(query, query.limit),
    })),
  });
}
