import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import { csvTemplate } from '../remittances/index.js';
import { objectId } from '../platform/http/common-schemas.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { importList, importReceived, importView } from './import.responses.js';
import { getImport, listImports, receiveImport } from './import.service.js';
import { queueImport } from './import-jobs.js';
import { MAX_REMITTANCE_BYTES, receiveImportUpload, uploadedImport } from './import-upload.js';

const billingAndAdmin = ['billing', 'admin'] as const;

/** Imports hold claims and patients' names: billing and administrators only; uploads and readings audited. */
export function registerImportRoutes(api: ApiRegistry, deps: DomainDeps): void {
  const receiveFile = receiveImportUpload(deps.config.uploadDir, MAX_REMITTANCE_BYTES);
  api.add({
    method: 'post',
    path: '/imports',
    roles: billingAndAdmin,
    tag: 'imports',
    status: 202,
    summary:
      'Import a remittance (multipart `file`: an X12 835, a FHIR R4 ClaimResponse or Bundle of them, or a CSV in ' +
      'the layout of GET /imports/csv-template; recognised by its content) into cases: answers 202 with ' +
      'the import, which a job then reads. The same file again answers its earlier import and queues nothing',
    before: [receiveFile],
    schemas: { body: Joi.object({}) },
    response: importReceived,
    handler: handle(({ req, user }) => receiveImport(uploadedImport(req, 'the remittance'), user, queueImport, deps)),
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
    path: '/imports/csv-template',
    roles: billingAndAdmin,
    tag: 'imports',
    summary: 'The CSV layout an import takes (one row per claim line): the header and one example row of made-up data',
    produces: 'text/csv',
    handler: handle(({ res }) => {
      res.attachment('remittance-template.csv').type('text/csv').send(csvTemplate());
    }),
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
