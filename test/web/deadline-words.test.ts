import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { makeWebUser, signedInAgent } from './web-support.js';

describe('the deadline explanation on the case file (issue 12, defect 4)', () => {
  it('when a commercial denial dated 2 Mar 2026 is opened, then its deadline basis reads dates in words', async () => {
    const { app, http } = testApp(new Date('2026-03-10T15:00:00Z'));
    const billing = await makeWebUser('billing');
    const base = caseBody();
    const created = await http
      .post('/api/v1/cases')
      .set(billing.auth)
      .send(caseBody({ denial: { ...base.denial, noticeDate: '2026-03-02', receivedDate: '2026-03-04' } }));
    expect(created.status, created.text).to.equal(201);
    const { agent } = await signedInAgent(app, billing);
    const page = await agent.get(`/cases/${created.body.id}`);
    expect(page.status).to.equal(200);
    const explanations = page.text.match(/<p class="deadline"[^]*?<\/p>/g) ?? [];
    expect(explanations).to.have.length.greaterThan(0);
    for (const text of explanations) {
      expect(text).to.match(/from the notice date \(2 Mar 2026\)|received 4 Mar 2026|\(4 Mar 2026\)/);
      expect(text).not.to.match(/\b2026-\d{2}-\d{2}\b/);
    }
  });
});
