import path from 'node:path';
import Joi from 'joi';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import { receivedFile, receiveOneFile } from '../platform/http/memory-upload.js';
import { objectId } from '../platform/http/common-schemas.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { noticeView } from './denial-notice.responses.js';
import { getNotice, receiveNotice } from './denial-notice.service.js';

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
    schemas: { body: Joi.object({}) },
    response: noticeView,
    handler: handle(({ req, user }) =>
      receiveNotice(receivedFile(req, 'the denial notice'), user, deps, {
        mimetype: req.file?.mimetype,
        extension: path.extname(req.file?.originalname ?? '').slice(1),
      }),
    ),
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
