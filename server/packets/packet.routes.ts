import type { ApiRegistry } from '../platform/http/api-registry.js';
import { handle } from '../platform/http/handle.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import { errorFields } from '../platform/errors.js';
import { FRAMED_PREVIEW_CSP, PREVIEW_CSP } from '../platform/pdf/index.js';
import * as r from './packet.responses.js';
import { caseParams, packetParams, generatePacketBody, previewQuery, submissionBody } from './packet.schemas.js';
import {
  generatePacket,
  listPackets,
  previewDraftLetter,
  previewPacketLetter,
  openPacketPdf,
  recordSubmission,
  type PacketRequest,
  type SubmissionInput,
} from './packet.service.js';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { letterTemplates } from './letter-templates.js';
import { registerLetterTemplateRoutes } from './letter-template.routes.js';
import { registerChecklistRoute } from './required-elements.routes.js';
import { patientLetterFor } from './patient-letter.service.js';

type CaseParams = { caseId: string };
type PacketParams = { caseId: string; packetId: string };
const everyone = ['clinician', 'billing', 'medical_director', 'admin'] as const;
const preparers = ['clinician', 'billing', 'admin'] as const;

/**
 * The letter holds PHI: never cached, nothing but its own style may load, and framed only where
 * asked: the draft preview by the case file of this origin, nothing else by any page.
 */
function sendPreview(res: Response, html: string, csp = PREVIEW_CSP): void {
  res
    .set({
      'Content-Security-Policy': csp,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    })
    .type('text/html; charset=utf-8')
    .send(html);
}

export function registerPacketRoutes(api: ApiRegistry, deps: DomainDeps): void {
  // Compile the letters now: a refused or broken organisation template stops the service at
  // start, naming the file, instead of failing the first clinician who asks for a letter.
  letterTemplates(deps.config.orgTemplateDir);
  registerLetterTemplateRoutes(api, deps);
  registerChecklistRoute(api);
  const tag = 'packets';
  api.add({
    method: 'post',
    path: '/cases/:caseId/packets',
    roles: preparers,
    tag,
    summary: 'Generate a new packet version: the letter, an enclosure index and the exhibits as one PDF',
    schemas: { params: caseParams, body: generatePacketBody },
    response: r.packet,
    handler: handle<CaseParams, unknown, PacketRequest>(({ params, body, user }) =>
      generatePacket(params.caseId, body ?? {}, user, deps),
    ),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId/packets',
    roles: everyone,
    tag,
    summary: 'The packets generated for a case, newest first',
    schemas: { params: caseParams },
    response: r.packetList,
    handler: handle<CaseParams>(({ params, user }) => listPackets(params.caseId, user)),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId/packets/preview',
    roles: everyone,
    tag,
    summary: 'HTML preview of the letter as it would be generated now',
    produces: 'text/html',
    schemas: { params: caseParams, query: previewQuery },
    handler: handle<CaseParams, PacketRequest>(async ({ params, query, user, res }) =>
      sendPreview(res, await previewDraftLetter(params.caseId, query, user, deps), FRAMED_PREVIEW_CSP),
    ),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId/packets/:packetId/preview',
    roles: everyone,
    tag,
    summary: 'HTML of a generated packet’s letter, as generated',
    produces: 'text/html',
    schemas: { params: packetParams },
    handler: handle<PacketParams>(async ({ params, user, res }) =>
      sendPreview(res, await previewPacketLetter(params.caseId, params.packetId, user, deps)),
    ),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId/packets/:packetId/pdf',
    roles: everyone,
    tag,
    summary: 'Download a packet’s PDF (the read is audited)',
    produces: 'application/pdf',
    schemas: { params: packetParams },
    handler: handle<PacketParams>(async ({ params, user, res }) => {
      const file = await openPacketPdf(params.caseId, params.packetId, user, deps);
      // The file name carries the case reference and version: nothing a patient could be known by.
      res
        .set({ 'Content-Type': 'application/pdf', 'Content-Length': String(file.size), 'Cache-Control': 'no-store' })
        .attachment(file.fileName);
      try {
        await pipeline(file.stream, res);
      } catch (err) {
        // A client that hangs up mid-download is not a server error.
        if (errorFields(err).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
      }
    }),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId/patient-letter.pdf',
    roles: everyone,
    tag,
    summary: 'The plain-language letter to the patient about the denial (tagged PDF; the read is audited)',
    produces: 'application/pdf',
    schemas: { params: caseParams },
    handler: handle<CaseParams>(async ({ params, user, res }) => {
      const letter = await patientLetterFor(params.caseId, user, deps, 'pdf');
      res.type('application/pdf').attachment(letter.filename).set('Cache-Control', 'no-store').send(letter.body);
    }),
  });
  api.add({
    method: 'get',
    path: '/cases/:caseId/patient-letter',
    roles: everyone,
    tag,
    summary: 'The letter to the patient as an HTML page (the read is audited)',
    produces: 'text/html',
    schemas: { params: caseParams },
    handler: handle<CaseParams>(async ({ params, user, res }) =>
      sendPreview(res, (await patientLetterFor(params.caseId, user, deps, 'html')).body as string),
    ),
  });
  api.add({
    method: 'post',
    path: '/cases/:caseId/packets/:packetId/submission',
    roles: preparers,
    tag,
    summary: 'Record how and when the packet was submitted (once) and move the case to submitted',
    schemas: { params: packetParams, body: submissionBody },
    response: r.submissionRecorded,
    handler: handle<PacketParams, unknown, SubmissionInput>(({ params, body, user }) =>
      recordSubmission(params.caseId, params.packetId, body, user, deps),
    ),
  });
}
