import { expect } from 'chai';
import { caseGuidance, type GuidanceInput } from '../../server/web/case-guidance.js';

describe('what the case file says to do next', () => {
  const base: GuidanceInput = {
    status: 'gathering_evidence',
    appealLevel: 'internal_appeal',
    documents: 2,
    criteria: 1,
    narrativeWritten: true,
    packets: [],
    may: { upload: true, attach: true, generate: true, submit: true },
  };

  it('when nothing is uploaded yet, then it asks for the records, and Record submission waits for a packet', () => {
    const g = caseGuidance({ ...base, status: 'new', documents: 0, criteria: 0, narrativeWritten: false });
    expect(g.next).to.contain('Upload the records');
    expect(g.offerSubmission).to.equal(false);
    expect(g.notOffered).to.deep.equal([
      'Record submission appears once a packet is generated; generating it drafts the appeal.',
    ]);
  });

  it('when a new imported claim’s codes point to correcting and rebilling, then that comes before an appeal', () => {
    const recommendation = { route: 'correct_and_rebill' as const, reason: 'CO-97: bundled into another service' };
    const fresh = { ...base, status: 'new' as const, documents: 0, criteria: 0, recommendation };
    expect(caseGuidance(fresh).next).to.equal(
      'The codes suggest correcting the claim and sending it again, not appealing: send the corrected claim, ' +
        'then close this case with a note; appeal only if the claim was right. (CO-97: bundled into another service)',
    );
    // Once someone has started the appeal, the appeal's steps lead again.
    expect(caseGuidance({ ...fresh, status: 'gathering_evidence' }).next).to.contain('Upload the records');
    expect(caseGuidance({ ...fresh, recommendation: { route: 'appeal', reason: 'CO-50' } }).next).to.contain(
      'Upload the records',
    );
  });

  it('when the work is done but no packet exists, then it says to generate the packet', () => {
    expect(caseGuidance(base).next).to.contain('Generate the packet');
  });

  it('when a packet exists and the case is appeal drafted, then Record submission is offered', () => {
    const g = caseGuidance({
      ...base,
      status: 'appeal_drafted',
      packets: [{ appealLevel: 'internal_appeal', submitted: false }],
    });
    expect(g).to.include({ offerSubmission: true });
    expect(g.next).to.contain('record the submission');
    expect(g.notOffered).to.deep.equal([]);
  });

  it('when the only packet was made for an earlier level, then it is not offered for submission', () => {
    const g = caseGuidance({
      ...base,
      status: 'appeal_drafted',
      packets: [{ appealLevel: 'redetermination', submitted: false }],
    });
    expect(g.offerSubmission).to.equal(false);
  });

  it('when the case moved back to gathering evidence with a packet, then it says the case must be drafted', () => {
    const g = caseGuidance({ ...base, packets: [{ appealLevel: 'internal_appeal', submitted: false }] });
    expect(g.notOffered).to.deep.equal(['Record submission appears once the case is appeal drafted (Change status).']);
  });

  it('when a medical director reads a case being prepared, then it says who generates and submits', () => {
    const g = caseGuidance({
      ...base,
      status: 'appeal_drafted',
      packets: [{ appealLevel: 'internal_appeal', submitted: false }],
      may: { upload: true, attach: true, generate: false, submit: false },
    });
    expect(g.offerSubmission).to.equal(false);
    expect(g.notOffered.join(' ')).to.contain('Your role may not record a submission').and.contain('generate packets');
  });

  it('when the appeal is filed, then it says to wait for the decision', () => {
    expect(caseGuidance({ ...base, status: 'submitted' }).next).to.contain('Wait for the payer’s decision');
  });
});
