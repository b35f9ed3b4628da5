/**
 * Small defects of the case file's plain forms, as a browser without script posts them: what a
 * refused form gives back.
 */
import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { csrfOf, makeWebUser, openCaseFor, signedInAgent } from './web-support.js';

describe('web case file: refused plain forms', () => {
  it(
    'when a timeline entry is refused (a quote without who said it), then the alternatives offered ' +
      'that were typed are in their boxes again',
    async () => {
      const { app, http } = testApp();
      const clinician = await makeWebUser('clinician');
      const caseId = await openCaseFor(http, clinician);
      const { agent } = await signedInAgent(app, clinician);
      const page = await agent.get(`/cases/${caseId}`);
      const form = new URLSearchParams([
        ['_csrf', csrfOf(page.text)],
        ['note', ''],
        ['quote.speaker', ''],
        ['quote.text', 'We would approve a CT myelogram instead.'],
        ['alternativesOffered', 'CT myelogram'],
        ['alternativesOffered', 'Repeat X-ray in six weeks'],
        ['alternativesOffered', ''],
      ]);
      const refused = await agent.post(`/cases/${caseId}/timeline`).type('form').send(form.toString());
      expect(refused.status).to.equal(400);
      expect(refused.text).to.match(/id="timeline-speaker-error"/);
      const boxes = [...refused.text.matchAll(/id="timeline-alternative-\d"[^>]*value="([^"]*)"/g)].map((m) => m[1]);
      expect(boxes).to.deep.equal(['CT myelogram', 'Repeat X-ray in six weeks', '']);
      expect(refused.text).to.contain('We would approve a CT myelogram instead.');
    },
  );
});
