import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import { receiveOneFile, receivedFile } from '../platform/http/memory-upload.js';
import { objectId } from '../platform/http/common-schemas.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { importList, importReceived, importView } from './import.responses.js';
import { getImport, listImports, receiveImport } from './import.service.js';
import { queueImport } from './import-jobs.js';

const billingAndAdmin = ['billing', 'admin'] as const;

// A clearinghouse's daily 835 is well under this; a 10,000-claim file is about 5 MB.
const MAX_REMITTANCE_BYTES = 50 * 1024 * 1024;

const receiveFile = receiveOneFile({ maxBytes: MAX_REMITTANCE_BYTES, fields: 0 });

/** Imports hold claims and patients' names: billing and administrators only; uploads and readings audited. */
export function registerImportRoutes(api: ApiRegistry, deps: DomainDeps): void {
  api.add({
    method: 'post',
    path: '/imports',
    roles: billingAndAdmin,
    tag: 'imports',
    status: 202,
    summary:
      'Import a remittance (multipart `file`: an X12 835, recognised by its content) into cases: answers 202 with ' +
      'the import, which a job then reads. The same file again answers its earlier import and queues nothing',
    before: [receiveFile],
    schemas: { body: Joi.object({}) },
    response: importReceived,
    handler: handle(({ req, user }) => receiveImport(receivedFile(req, 'the 835'), user, queueImport, deps)),
  });
  api.add({
    method: 'get',
    path: '/imports',
    roles: billingAndAdmin,
    tag: 'imports',
    summary: 'Past imports, newest first',
    schemas: { query: Joi.object({ limit: Joi.number().integer().min(1).max(200).default(50) }) },
    response: importList,
    handler: handle<unknown, { limit: number }>(({ query }) => listImports(query.limit)),
  });
  api.add({
    method: 'get',
    path: '/imports/:importId',
    roles: billingAndAdmin,
    tag: 'imports',
    summary: 'One import: status, progress (claims read of the total) and counts, claims skipped with their position',
    schemas: { params: Joi.object({ importId: objectId.required() }) },
    response: importView,
    handler: handle<{ importId: string }>(({ params }) => getImport(params.importId)),
  });
}
