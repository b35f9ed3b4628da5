import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { makeWebUser, signedInAgent } from '../web/web-support.js';

describe('ready to send on the case file', function () {
  this.timeout(60_000);

  it('when a Medicare redetermination has no date of service, then the case file lists it missing, cited', async () => {
    const { app, http } = testApp();
    const billing = await makeWebUser('billing');
    const { dateOfService: _none, ...service } = caseBody().service;
    const created = await http
      .post('/api/v1/cases')
      .set(billing.auth)
      .send(
        caseBody({
          payer: { name: 'Noridian JF Part B', planType: 'medicare_ab', memberId: '1EG4-TE5-MK73' },
          service,
        }),
      );
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const { agent } = await signedInAgent(app, billing);
    const page = await agent.get(`/cases/${created.body.id}`);
    expect(page.status).to.equal(200);
    const section = /<div class="ready-to-send"[\s\S]*?<\/div>/.exec(page.text)?.[0] ?? '';
    const text = section.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).to.include('1 required element(s) missing for the next packet');
    expect(text).to.match(/Date\(s\) of service Missing — 42 CFR 405\.944\(b\)\(3\)/);
    expect(text).to.match(/Medicare number Present 1EG4-TE5-MK73 42 CFR 405\.944\(b\)\(2\)/);
  });
});
