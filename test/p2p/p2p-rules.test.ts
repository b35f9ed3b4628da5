import { expect } from 'chai';
import { peerToPeerWindow, refusalOfRequest, outcomePlan, type RequestCheck } from '../../server/p2p/p2p-rules.js';
import { planCall } from '../../server/p2p/talking-points.js';

describe('peer-to-peer rules', () => {
  it(
    'when the payer counts 14 calendar days from receipt and no receipt date ' +
      'is known, then it counts from the notice and says so',
    () => {
      const w = peerToPeerWindow({
        noticeDate: '2026-11-02',
        payerWindow: { days: 14, unit: 'calendar', countFrom: 'receipt' },
      });
      expect(w).to.include({ lastDate: '2026-11-16', source: 'payer_rule' });
      expect(w.basis).to.contain('Received date unknown');
    },
  );

  it('when a date is entered from the notice, then it wins over the payer rule', () => {
    expect(
      peerToPeerWindow({
        noticeDate: '2026-11-02',
        payerWindow: { days: 14, unit: 'calendar', countFrom: 'notice' },
        entered: { lastDate: '2026-11-10' },
      }),
    ).to.include({ lastDate: '2026-11-10', source: 'notice' });
  });

  it('refuses what the payer rules and the case forbid, in words', () => {
    const base: RequestCheck = {
      caseStatus: 'gathering_evidence',
      earlier: [],
      lastDate: '2026-12-01',
      today: '2026-11-23',
    };
    expect(refusalOfRequest(base)).to.equal(null);
    expect(
      refusalOfRequest({ ...base, caseStatus: 'awaiting_decision', rules: { noneAfterAppealFiled: true } })?.code,
    ).to.equal('P2P_NOT_ALLOWED');
    expect(refusalOfRequest({ ...base, earlier: ['completed'], rules: { onePerService: true } })?.code).to.equal(
      'P2P_NOT_ALLOWED',
    );
    expect(refusalOfRequest({ ...base, earlier: ['cancelled'], rules: { onePerService: true } })).to.equal(null);
    expect(refusalOfRequest({ ...base, lastDate: '2026-11-22' })?.status).to.equal(422);
    expect(refusalOfRequest({ ...base, caseStatus: 'withdrawn' })?.code).to.equal('CASE_CLOSED');
  });

  it('maps each result to the review status, and the status its case moves to', () => {
    expect(outcomePlan('overturned', 'new')).to.deep.equal({
      reviewStatus: 'completed',
      caseTarget: 'overturned',
      decision: true,
      nextLevel: false,
    });
    expect(outcomePlan('upheld', 'new')).to.deep.include({ caseTarget: 'upheld', decision: true, nextLevel: true });
    expect(outcomePlan('rescheduled', 'new')).to.deep.include({
      reviewStatus: 'requested',
      caseTarget: 'p2p_requested',
    });
    // A missed call returns the case to the written appeal it was on before the request.
    expect(outcomePlan('no_show_physician', 'appeal_drafted')).to.deep.include({
      reviewStatus: 'missed',
      caseTarget: 'appeal_drafted',
      decision: false,
    });
    expect(outcomePlan('no_show_payer', 'new')).to.deep.include({ caseTarget: 'gathering_evidence' });
  });
});

describe('talking points', () => {
  const brief = {
    category: 'medical_necessity',
    criteria: [
      { title: 'Radiculopathy after conservative care', criterionText: 'six weeks', status: 'met' as const },
      { title: 'Red flags', criterionText: 'progressive deficit', status: 'not_met' as const },
      { title: 'Pregnancy', criterionText: 'n/a', status: 'not_applicable' as const },
    ],
    alternativesTried: [{ treatment: 'Physical therapy', period: '8 weeks', outcome: 'no relief' }],
    service: { description: 'Physical therapy', units: 12, siteOfCare: 'hospital outpatient department' },
    specialty: 'Physiatry',
    request: 'Approve 12 visits.',
  };

  it(
    'when a medical-necessity denial meets one of two applicable criteria, then ' +
      'the points name it, the unmet one becomes a counter-argument, and fewer ' +
      'units and another site are offered',
    () => {
      const plan = planCall(brief);
      expect(plan.talkingPoints.join(' '))
        .to.contain('meets 1 of 2 applicable criteria: Radiculopathy after conservative care')
        .and.contain('Physical therapy (8 weeks): no relief')
        .and.contain('Approve 12 visits.');
      expect(plan.counterArguments.map((c) => c.objection).join(' '))
        .to.contain('enough conservative treatment')
        .and.contain('Red flags');
      expect(plan.alternativesToOffer.join(' '))
        .to.contain('6 of 12')
        .and.contain('hospital outpatient department')
        .and.contain('same specialty (Physiatry)')
        .and.contain('what documentation would satisfy');
    },
  );

  it('when the denial is for missing prior authorization, then retro-authorization is the point to make', () => {
    expect(planCall({ ...brief, category: 'prior_authorization', criteria: [] }).talkingPoints.join(' ')).to.contain(
      'retroactive authorization',
    );
  });
});
