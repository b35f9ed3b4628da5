import { expect } from 'chai';
import {
  peerToPeerWindow,
  refusalOfRequest,
  refusalOfOutcome,
  outcomePlan,
  timingOf,
  type RequestCheck,
} from '../../server/p2p/p2p-rules.js';
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

  it('maps each result to the review status; only a win carries a decision, and none opens the next level', () => {
    expect(outcomePlan('overturned')).to.deep.equal({
      reviewStatus: 'completed',
      revised: 'overturned',
      callOver: true,
    });
    expect(outcomePlan('partially_overturned')).to.deep.include({ revised: 'partially_overturned' });
    for (const result of ['upheld', 'educational', 'no_show_payer', 'no_show_physician'] as const)
      expect(outcomePlan(result), result).to.deep.include({ revised: null, callOver: true });
    expect(outcomePlan('no_show_physician').reviewStatus).to.equal('missed');
    expect(outcomePlan('rescheduled')).to.deep.equal({ reviewStatus: 'requested', revised: null, callOver: false });
  });

  it('names the call pre-decision only while the payer owes its decision on a filed appeal', () => {
    expect(timingOf('submitted')).to.equal('pre_decision');
    expect(timingOf('awaiting_decision')).to.equal('pre_decision');
    for (const status of ['new', 'gathering_evidence', 'appeal_drafted', 'upheld', 'partially_overturned'] as const)
      expect(timingOf(status), status).to.equal('post_decision');
  });
});

describe('refusing an outcome recorded as it cannot have happened (pure)', () => {
  const base = {
    result: 'overturned' as const,
    timing: 'post_decision' as const,
    caseStatus: 'gathering_evidence' as const,
    educationalOnly: false,
    decisionDate: '2026-11-24',
    requestedOn: '2026-11-20',
    today: '2026-11-25',
  };

  it('when the revised decision is dated after today (2026-11-26 > 2026-11-25), then 400 on decisionDate', () => {
    const refusal = refusalOfOutcome({ ...base, decisionDate: '2026-11-26' });
    expect(refusal?.status).to.equal(400);
    expect(refusal?.fields[0]).to.include({ field: 'body.decisionDate' });
  });

  it('when the revised decision is dated before the request (2026-11-19 < 2026-11-20), then 400', () => {
    expect(refusalOfOutcome({ ...base, decisionDate: '2026-11-19' })?.message).to.contain('before the peer-to-peer');
    expect(refusalOfOutcome(base)).to.equal(null);
  });

  it('when a pre-decision call is claimed on a case whose determination is out, then 422 P2P_TIMING', () => {
    expect(refusalOfOutcome({ ...base, timing: 'pre_decision' })?.code).to.equal('P2P_TIMING');
    expect(refusalOfOutcome({ ...base, caseStatus: 'awaiting_decision' })?.code).to.equal('P2P_TIMING');
    expect(refusalOfOutcome({ ...base, caseStatus: 'awaiting_decision', timing: 'pre_decision' })).to.equal(null);
  });

  it('when the payer’s post-decision calls are educational only, then a win after the determination is refused', () => {
    const educational = { ...base, educationalOnly: true };
    expect(refusalOfOutcome(educational)?.code).to.equal('P2P_EDUCATIONAL_ONLY');
    expect(refusalOfOutcome({ ...educational, result: 'educational', decisionDate: undefined })).to.equal(null);
    // Before the decision, the same payer's reviewer may still decide for the patient.
    expect(refusalOfOutcome({ ...educational, caseStatus: 'awaiting_decision', timing: 'pre_decision' })).to.equal(
      null,
    );
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
