import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import { declaredType, receivedFile, receiveOneFile } from '../platform/http/memory-upload.js';
import { objectId } from '../platform/http/common-schemas.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { noticeView } from './denial-notice.responses.js';
import { getNotice, receiveNotice } from './denial-notice.service.js';
import { noticeProgress, noticeProgressKey as progressKey } from './notice-progress.service.js';

// Those who open cases from a payer's letter; medical directors review cases already open.
const readers = ['billing', 'clinician', 'admin'] as const;

/** Denial notices hold a patient's details: uploads and reads are audited. */
export function registerDenialNoticeRoutes(api: ApiRegistry, deps: DomainDeps): void {
  api.add({
    method: 'post',
    path: '/denial-notices',
    roles: readers,
    tag: 'denial-notices',
    summary:
      "Read a payer's denial notice (multipart `file`: a PDF, a scan or fax as PNG, JPEG or TIFF, or text, " +
      'checked by content as evidence is): its text by page (text layer or OCR) and the fields found, each with ' +
      'its confidence and where it was found, for an intake form to pre-fill. Nothing is opened or changed: a ' +
      'person confirms the fields',
    before: [receiveOneFile({ maxBytes: deps.config.uploadMaxFileBytes, fields: 0 })],
    schemas: { body: Joi.object({}), query: Joi.object({ progress: progressKey }) },
    response: noticeView,
    handler: handle<unknown, { progress?: string }>(({ req, user, query }) =>
      receiveNotice(receivedFile(req, 'the denial notice'), user, deps, declaredType(req.file), query.progress),
    ),
  });
  api.add({
    method: 'get',
    path: '/denial-notices/progress/:key',
    roles: readers,
    tag: 'denial-notices',
    summary:
      'Which page OCR is on while a notice sent with `?progress=<key>` is read ("reading text… page 3 of 12"); ' +
      '404 before OCR starts and once the reading ends; 410 when the reading stopped without ending (the service ' +
      'restarted): the notice must be sent again',
    schemas: { params: Joi.object({ key: progressKey.required() }) },
    response: Joi.object({
      page: Joi.number().integer().min(1).required(),
      pageCount: Joi.number().integer().min(1).required(),
    }),
    handler: handle<{ key: string }>(({ params, user }) => noticeProgress(user, params.key)),
  });
  api.add({
    method: 'get',
    path: '/denial-notices/:noticeId',
    roles: readers,
    tag: 'denial-notices',
    summary: 'A denial notice read earlier: its text and fields (clinicians: the notices they uploaded)',
    schemas: { params: Joi.object({ noticeId: objectId.required() }) },
    response: noticeView,
    handler: handle<{ noticeId: string }>(({ params, user }) => getNotice(params.noticeId, user, deps)),
  });
}
