/**
 * The appeal-work forms of the case file without page script (see form-route.ts): attach a
 * criterion, generate a packet, record a submission. Each comes back to the case file.
 */
import type { Request, Router } from 'express';
import { attachCriterion, criterionBody } from '../guidelines/index.js';
import { generatePacket, generatePacketBody, recordSubmission, submissionBody } from '../packets/index.js';
import { notFound } from '../platform/errors.js';
import { objectId } from '../platform/http/common-schemas.js';
import { caseFilePage, caseIdOf, type WebDeps } from './case-file.routes.js';
import { asList, formRows, registerFormRoute } from './form-route.js';
import { formBody } from './form-errors.js';

function packetIdOf(req: Request): string {
  const { error, value } = objectId.required().validate(req.params.packetId);
  if (error) throw notFound('Packet', 'PACKET_NOT_FOUND');
  return value;
}

export function caseWorkRoutes(router: Router, deps: WebDeps): void {
  const page = caseFilePage(deps);
  registerFormRoute(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/criteria' },
    path: '/cases/:caseId/criteria',
    schema: criterionBody,
    toBody: (f) => ({ guidelineId: f.guidelineId, status: f.status, evidence: formRows(f, 'evidence', () => true) }),
    run: (body, req, res) => attachCriterion(caseIdOf(req), body, res.locals.user, deps),
    key: () => 'criterion',
    labels: {
      guidelineId: 'Guideline',
      status: 'Judged',
      evidence: 'Evidence',
      'evidence.0': 'Evidence',
      'evidence.0.documentId': 'Evidence record',
      'evidence.0.page': 'Page',
      'evidence.0.quote': 'Quote',
      'evidence.0.statement': 'Statement',
    },
    show: page.show,
    explain: page.explain,
    done: page.back('criterion', 'criteria'),
  });
  registerFormRoute(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/packets' },
    path: '/cases/:caseId/packets',
    schema: generatePacketBody,
    // "Generate a draft instead" is the same form's second button, sending draft=true.
    toBody: (f) => ({ template: f.template, documentIds: asList(f.documentIds), sendBy: f.sendBy, draft: f.draft }),
    run: (body, req, res) => generatePacket(caseIdOf(req), body, res.locals.user, deps),
    key: () => 'packet',
    labels: { template: 'Letter template', documentIds: 'Exhibits', sendBy: 'To be sent by', draft: 'Draft' },
    // What the letter lacks is written elsewhere in the case file: listed above the offer of a draft.
    listed: ['LETTER_INCOMPLETE'],
    show: page.show,
    explain: page.explain,
    done: (req) => page.back(formBody(req).draft === 'true' ? 'draft' : 'packet', 'letter')(req),
  });
  registerFormRoute(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/packets/:packetId/submission' },
    path: '/cases/:caseId/packets/:packetId/submission',
    schema: submissionBody,
    toBody: (f) => ({
      method: f.method,
      submittedAt: f.submittedAt,
      confirmationNumber: f.confirmationNumber,
      readinessOverride: f.readinessOverride,
    }),
    run: (body, req, res) => recordSubmission(caseIdOf(req), packetIdOf(req), body, res.locals.user, deps),
    key: (req) => `submission-${String(req.params.packetId)}`,
    labels: {
      method: 'Sent by',
      submittedAt: 'Received by the payer at',
      confirmationNumber: 'Confirmation number',
      readinessOverride: 'Sent without the missing elements because',
    },
    show: page.show,
    explain: page.explain,
    done: page.back('submitted', 'letter'),
  });
}
