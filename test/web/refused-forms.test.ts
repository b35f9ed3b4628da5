/**
 * Small defects of the case file's plain forms, as a browser without script posts them: what a
 * refused form gives back.
 */
import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { csrfOf, makeWebUser, signedInAgent } from './web-support.js';

describe('web case file: refused plain forms', () => {
  it(
    'when a timeline entry is refused (a quote without who said it), then the alternatives offered ' +
      'that were typed are in their boxes again',
    async () => {
      const { app, http } = testApp();
      const clinician = await makeWebUser('clinician');
      const created = await http
        .post('/api/v1/cases')
        .set(clinician.auth)
        .send(caseBody({ treatingClinician: { ...caseBody().treatingClinician, userId: clinician.id } }));
      expect(created.status).to.equal(201);
      const { agent } = await signedInAgent(app, clinician);
      const page = await agent.get(`/cases/${created.body.id}`);
      const form = new URLSearchParams([
        ['_csrf', csrfOf(page.text)],
        ['note', ''],
        ['quote.speaker', ''],
        ['quote.text', 'We would approve a CT myelogram instead.'],
        ['alternativesOffered', 'CT myelogram'],
        ['alternativesOffered', 'Repeat X-ray in six weeks'],
        ['alternativesOffered', ''],
      ]);
      const refused = await agent.post(`/cases/${created.body.id}/timeline`).type('form').send(form.toString());
      expect(refused.status).to.equal(400);
      expect(refused.text).to.match(/id="timeline-speaker-error"/);
      const boxes = [...refused.text.matchAll(/id="timeline-alternative-\d"[^>]*value="([^"]*)"/g)].map((m) => m[1]);
      expect(boxes).to.deep.equal(['CT myelogram', 'Repeat X-ray in six weeks', '']);
      expect(refused.text).to.contain('We would approve a CT myelogram instead.');
    },
  );
});
