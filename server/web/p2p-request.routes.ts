/**
 * Requesting a peer-to-peer from the case file without page script (see form-route.ts: the API's
 * roles, joi schema and service). A request goes straight to the new review's page, where a time
 * is chosen; a refusal shows the case file again with the reason in the form.
 */
import type { Router } from 'express';
import { requestBody, requestPeerToPeer, type NewPeerToPeer } from '../p2p/index.js';
import { caseFilePage, caseIdOf, type WebDeps } from './case-file.routes.js';
import { registerFormRoute } from './form-route.js';

export function peerToPeerRequestRoute(router: Router, deps: WebDeps): void {
  const page = caseFilePage(deps);
  registerFormRoute<NewPeerToPeer>(router, deps.api, {
    api: { method: 'post', path: '/cases/:caseId/p2p' },
    path: '/cases/:caseId/p2p',
    schema: requestBody,
    toBody: (f) => ({
      physicianId: f.physicianId,
      window: { lastDate: f.windowLastDate },
      payerContact: { name: f.contactName, phone: f.contactPhone },
      payerReference: f.payerReference,
    }),
    run: async (body, req, res) => {
      const review = await requestPeerToPeer(caseIdOf(req), body, res.locals.user, deps);
      // The review's page is where its time is chosen: the redirect names it (an id, no case data).
      res.locals.requestedReview = review.id;
      return review;
    },
    key: () => 'p2pRequest',
    labels: {
      physicianId: 'Physician',
      'window.lastDate': 'Last date on the notice',
      window: 'Last date on the notice',
      'payerContact.name': 'Payer contact',
      'payerContact.phone': 'Contact’s phone',
      payerReference: 'Payer’s reference',
    },
    show: page.show,
    explain: page.explain,
    done: (req) => `/p2p/${String(req.res?.locals.requestedReview)}?notice=requested#booking`,
  });
}
