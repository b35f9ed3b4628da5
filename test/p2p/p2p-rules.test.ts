import { expect } from 'chai';
import {
  peerToPeerWindow,
  refusalOfRequest,
  refusalOfOutcome,
  outcomePlan,
  timingOf,
  type RequestCheck,
} from '../../server/p2p/p2p-rules.js';
import { barriersFit, planCall } from '../../server/p2p/talking-points.js';

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

describe('the call plan: the ask, the fallback ask and what to say if upheld', () => {
  const knee = {
    category: 'medical_necessity' as const,
    plan: 'medicare_advantage' as const,
    level: 'reconsideration' as const,
    noticeDate: '2026-11-20',
    service: { description: 'Outpatient physical therapy, 8 more visits', units: 8 },
    measures: ['Knee flexion', 'Gait speed', 'Timed Up and Go'],
    criteriaCited: 'InterQual 2026 Outpatient Rehabilitation',
    appealFiled: false,
    specialty: 'Physiatry',
  };

  it(
    'when the knee case asks for 8 visits and holds three measures, then the fallback is 4 of the 8 visits ' +
      'with a re-evaluation of those measures, and the ask is the service as requested',
    () => {
      const plan = planCall(knee);
      expect(plan.ask).to.equal('Approve Outpatient physical therapy, 8 more visits as requested.');
      expect(plan.fallbackAsk).to.equal(
        '4 of the 8 visits now, with a re-evaluation of Knee flexion, Gait speed, Timed Up and Go before the rest.',
      );
      expect(planCall({ ...knee, request: 'Approve 8 visits through 2027-01-15.' }).ask).to.equal(
        'Approve 8 visits through 2027-01-15.',
      );
    },
  );

  it(
    'when a Medicare Advantage reviewer upholds before the reconsideration is filed, then the sheet says to ask ' +
      'for the criteria named (422.101(b)(6)), a reopening (422.616) and an expedited reconsideration',
    () => {
      const said = planCall(knee).ifUpheld.join('\n');
      expect(said)
        .to.contain('the notice names InterQual 2026 Outpatient Rehabilitation')
        .and.contain('42 CFR 422.101(b)(6)')
        .and.contain('reopen its determination (42 CFR 422.616')
        .and.contain('Ask for an expedited reconsideration (decided within 72 hours)')
        .and.contain('the independent review follows')
        .and.contain('(ours: Physiatry)');
    },
  );

  it('when the written appeal is already filed, then an upheld call leaves it to go on, not to be filed again', () => {
    const said = planCall({ ...knee, appealFiled: true }).ifUpheld.join('\n');
    expect(said).to.contain('already filed goes on').and.not.contain('expedited');
  });

  it(
    'when an employer plan upholds, then the criteria are asked for free of charge under 2560.503-1(h)(2)(iii), ' +
      'with no Medicare reopening',
    () => {
      const said = planCall({ ...knee, plan: 'erisa_group', level: 'internal_appeal' }).ifUpheld.join('\n');
      expect(said).to.contain('29 CFR 2560.503-1(h)(2)(iii)').and.not.contain('reopen');
    },
  );

  it('when a coding or late-filing denial is called, then the ask is about the claim; the barriers do not fit', () => {
    const coding = planCall({ ...knee, category: 'coding' });
    expect(coding.ask).to.contain('Reprocess the claim');
    expect(coding.fallbackAsk).to.not.contain('visits');
    expect(planCall({ ...knee, category: 'timely_filing' }).ask).to.contain('timely filed');
    expect(barriersFit('coding')).to.equal(false);
    expect(barriersFit('timely_filing')).to.equal(false);
    expect(barriersFit('medical_necessity')).to.equal(true);
  });

  it('when the service has no units, then the fallback is a time-limited approval with a re-evaluation', () => {
    expect(planCall({ ...knee, service: { description: 'Lumbar MRI' }, measures: [] }).fallbackAsk).to.equal(
      'A time-limited approval with a re-evaluation on an agreed date.',
    );
  });
});
