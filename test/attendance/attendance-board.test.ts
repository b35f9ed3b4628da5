import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { makeWebUser, signedInAgent } from '../web/web-support.js';
import { markAdherenceCited } from '../../server/cases/index.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { noShow, openKneeCase } from './support.js';

describe('the board’s attendance and adherence figures', () => {
  const { app, http } = testApp();

  it(
    'when one of two denials cites missed visits and the knee patient missed sessions for transport and pain, ' +
      'then the board shows half the denials citing adherence and the missed sessions by barrier',
    async () => {
      const billing = await makeWebUser('billing');
      const clinician = await makeWebUser('clinician');
      const knee = await openKneeCase(http, billing, clinician);
      await http.post('/api/v1/cases').set(billing.auth).send(caseBody()).expect(201);
      const record = (body: Record<string, unknown>) =>
        http.post(`/api/v1/cases/${knee.id}/attendance`).set(clinician.auth).send(body).expect(201);
      await record(noShow('2026-11-02'));
      await record(noShow('2026-11-05', { outcome: 'late_cancel' }));
      await record({ date: '2026-11-09', outcome: 'refused', barrier: 'pain', reason: 'Too swollen today.' });
      await record({ date: '2026-11-12', outcome: 'attended' });

      const { agent } = await signedInAgent(app, billing);
      const page = await agent.get('/board');
      expect(page.status).to.equal(200);
      const section = /<section aria-labelledby="attendance-heading"[\s\S]*?<\/section>/.exec(page.text)![0];
      const text = section.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(text).to.contain('50% of denials cite missed visits or non-adherence (1 of 2 denials)');
      expect(text).to.contain('25% attendance: 1 of 4 scheduled sessions held (25%)');
      expect(text).to.contain('2 refusals and no-shows recorded');
      const rows = [...section.matchAll(/<tr>((?:<td>[^<]*<\/td>)+)<\/tr>/g)].map((m) =>
        m[1].replace(/<\/td><td>/g, ' | ').replace(/<\/?td>/g, ''),
      );
      expect(rows).to.deep.equal(['Pain | 1 | 1 | 0 | 0 | 0', 'Transport | 2 | 0 | 1 | 1 | 0']);
      // The figures carry no patient words.
      expect(section).not.to.match(/bus|swollen|Kowalski/i);
    },
  );

  it('when a case stored before the flag cites missed visits, then the migration marks it for the board', async () => {
    const billing = await makeWebUser('billing');
    const clinician = await makeWebUser('clinician');
    const knee = await openKneeCase(http, billing, clinician);
    const stored = await CaseModel.findById(knee.id).lean();
    expect(stored!.denial.adherenceCited, 'set when the case was written').to.equal(true);
    // As a case written before the flag existed.
    await CaseModel.collection.updateMany({}, { $unset: { 'denial.adherenceCited': 1 } });
    expect(await markAdherenceCited()).to.be.above(0);
    expect(await markAdherenceCited(), 'a second run finds none').to.equal(0);
    expect((await CaseModel.findById(knee.id).lean())!.denial.adherenceCited).to.equal(true);
    const { agent } = await signedInAgent(app, billing);
    const text = (await agent.get('/board')).text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).to.match(/of denials cite missed visits or non-adherence \(\d+ of \d+ denials\)/);
    const [, cited] = /\((\d+) of \d+ denials\)/.exec(text)!;
    expect(Number(cited)).to.equal(await CaseModel.countDocuments({ 'denial.adherenceCited': true }));
  });
});
