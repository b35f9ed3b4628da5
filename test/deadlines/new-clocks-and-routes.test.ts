import { expect } from 'chai';
import { appellantRoute } from '../../server/deadlines/appellant-route.js';
import { computeConcurrentCareWatch } from '../../server/deadlines/concurrent-care.js';
import {
  computeContinuationOfBenefitsDeadline,
  continuationOfBenefits,
} from '../../server/deadlines/continuation-of-benefits.js';
import { STATE_EXTERNAL_REVIEW_RULES, stateExternalReview } from '../../server/deadlines/state-external-review.js';
import { errorCodeOf } from './support.js';

const NEW_YORK = 'America/New_York';

describe('deadlines: external review for state-regulated plans', () => {
  it(
    'New York: 4 months to file, 60 days for a provider, decision in 30 ' + 'days; expedited falls back to 72 hours',
    () => {
      const ny = stateExternalReview('ny');
      expect(ny.inStateTable).to.equal(true);
      expect(ny.filing.window).to.deep.equal({ months: 4 });
      expect(ny.providerFiling?.window).to.deep.equal({ days: 60 });
      expect(ny.decision.days).to.equal(30);
      expect(ny.expedited.hours).to.equal(72);
      expect(ny.basis).to.contain("NY's expedited time was not verified");
    },
  );

  it('California: 6 months to file; decision times fall back to the federal 45 days / 72 hours and say so', () => {
    const ca = stateExternalReview('CA');
    expect(ca.filing.window).to.deep.equal({ months: 6 });
    expect(ca.decision.days).to.equal(45);
    expect(ca.basis).to.contain("CA's decision time was not verified");
  });

  it('a state not in the table (Texas) gets the federal default: 4 months, 45 days, 72 hours', () => {
    const tx = stateExternalReview('TX');
    expect(tx.inStateTable).to.equal(false);
    expect(tx.filing.window).to.deep.equal({ months: 4 });
    expect(tx.decision.days).to.equal(45);
    expect(tx.basis).to.contain('TX is not in the state table: the federal minimum standards apply');
  });

  it('every state row cites its text and where it was read', () => {
    for (const row of STATE_EXTERNAL_REVIEW_RULES) {
      expect(row.filing.citation, row.state).to.not.equal('');
      expect(row.filing.text, row.state).to.not.equal('');
      expect(row.filing.readIn, row.state).to.not.equal('');
    }
  });
});

describe('deadlines: ERISA concurrent care', () => {
  it('course ends Fri 2026-12-04 17:00 ET: ask for an urgent extension by Thu 2026-12-03 17:00 ET', () => {
    const w = computeConcurrentCareWatch({ courseEnds: '2026-12-04T17:00:00-05:00', timeZone: NEW_YORK });
    expect(w.courseEnds.dueAt).to.equal('2026-12-04T22:00:00.000Z');
    expect(w.requestExtensionBy.dueAt).to.equal('2026-12-03T22:00:00.000Z');
    expect(w.requestExtensionBy.words).to.equal('by 17:00, clinic time, Thu 2026-12-03');
    expect(w.citation).to.contain('2560.503-1(f)(2)(ii)');
    expect(w.effectiveFrom).to.equal('2002-07-01');
  });

  it('extension asked Thu 2026-12-03 10:00 ET, 31 hours ahead: the plan answers within 24 hours, Fri 10:00 ET', () => {
    const w = computeConcurrentCareWatch({
      courseEnds: '2026-12-04T17:00:00-05:00',
      timeZone: NEW_YORK,
      extensionRequestedAt: '2026-12-03T10:00:00-05:00',
    });
    expect(w.extensionDecisionDue?.dueAt).to.equal('2026-12-04T15:00:00.000Z');
  });

  it('extension asked Fri 2026-12-04 09:00 ET, 8 hours ahead: the 72-hour urgent clock applies instead', () => {
    const w = computeConcurrentCareWatch({
      courseEnds: '2026-12-04T17:00:00-05:00',
      timeZone: NEW_YORK,
      extensionRequestedAt: '2026-12-04T09:00:00-05:00',
    });
    expect(w.extensionDecisionDue?.dueAt).to.equal('2026-12-07T14:00:00.000Z');
    expect(w.notes.join(' ')).to.contain('2560.503-1(f)(2)(i)');
  });

  it('reduction notice Wed 2026-12-02 for a course ending Fri 2026-12-04 17:00: 65 hours is flagged', () => {
    const w = computeConcurrentCareWatch({
      courseEnds: '2026-12-04T17:00:00-05:00',
      timeZone: NEW_YORK,
      reductionNoticeReceived: '2026-12-02',
    });
    expect(w.warning).to.contain('65 hours');
  });

  it('course ending 2026-12-10 given as a date ends at 00:00 that day; a notice on 2026-12-01 leaves room', () => {
    const w = computeConcurrentCareWatch({
      courseEnds: '2026-12-10',
      timeZone: NEW_YORK,
      reductionNoticeReceived: '2026-12-01',
    });
    expect(w.courseEnds.dueAt).to.equal('2026-12-10T05:00:00.000Z');
    expect(w.requestExtensionBy.dueDate).to.equal('2026-12-09');
    expect(w.warning).to.equal(undefined);
  });

  it('an extension asked after the course ended is refused', () => {
    expect(
      errorCodeOf(() =>
        computeConcurrentCareWatch({
          courseEnds: '2026-12-04T17:00:00-05:00',
          timeZone: NEW_YORK,
          extensionRequestedAt: '2026-12-05T09:00:00-05:00',
        }),
      ),
    ).to.equal('BAD_DATE');
  });
});

describe('deadlines: Medicaid continuation of benefits by action', () => {
  it('authorized service reduced, notice 2026-03-02, effective 2026-03-20: continue if filed by 2026-03-20', () => {
    const c = continuationOfBenefits({
      noticeDate: '2026-03-02',
      intendedEffectiveDate: '2026-03-20',
      action: 'authorized_service_reduced',
    });
    expect(c.applies).to.equal(true);
    expect(c.deadline?.dueDate).to.equal('2026-03-20');
  });

  it('authorized service terminated or suspended, notice 2026-03-02: continue if filed by 2026-03-12', () => {
    for (const action of ['authorized_service_terminated', 'authorized_service_suspended'] as const) {
      expect(continuationOfBenefits({ noticeDate: '2026-03-02', action }).deadline?.dueDate, action).to.equal(
        '2026-03-12',
      );
    }
  });

  it('a new service denied, notice 2026-03-02: no continuation date, with the reason', () => {
    const c = continuationOfBenefits({ noticeDate: '2026-03-02', action: 'new_service_denied' });
    expect(c.applies).to.equal(false);
    expect(c.deadline).to.equal(null);
    if (!c.applies) expect(c.reason).to.contain('previously authorized');
  });

  it('a payment denied: no continuation date', () => {
    expect(continuationOfBenefits({ noticeDate: '2026-03-02', action: 'payment_denied' }).deadline).to.equal(null);
  });

  it(
    'an authorization that ended 2026-02-28, before the notice of ' + '2026-03-02: nothing to continue (438.420(b)(4))',
    () => {
      const c = continuationOfBenefits({
        noticeDate: '2026-03-02',
        action: 'authorized_service_reduced',
        authorizationEnds: '2026-02-28',
      });
      expect(c.applies).to.equal(false);
      expect(c.deadline).to.equal(null);
    },
  );

  it('an unknown action is refused; the legacy export still answers without one', () => {
    expect(
      errorCodeOf(() => continuationOfBenefits({ noticeDate: '2026-03-02', action: 'denied' as 'payment_denied' })),
    ).to.equal('BAD_DECISION_KIND');
    expect(computeContinuationOfBenefitsDeadline({ noticeDate: '2026-03-02' }).dueDate).to.equal('2026-03-12');
  });
});

describe('deadlines: who appeals decides the route', () => {
  it('a patient files the member appeal with no document', () => {
    const r = appellantRoute({ plan: 'medicare_ab', level: 'redetermination', appellant: 'patient' });
    expect(r.allowed && r.route).to.equal('member_appeal');
    expect(r.allowed && r.requiredDocument).to.equal(null);
  });

  it('a Medicare representative needs an Appointment of Representative (CMS-1696) on file', () => {
    const r = appellantRoute({ plan: 'medicare_advantage', level: 'reconsideration', appellant: 'representative' });
    expect(r.allowed && r.requiredDocument?.kind).to.equal('appointment_of_representative');
    expect(r.allowed && r.requiredDocument?.name).to.contain('CMS-1696');
  });

  it('a treating physician asks for an MA pre-service reconsideration without an appointment (42 CFR 422.578)', () => {
    const r = appellantRoute({
      plan: 'medicare_advantage',
      level: 'reconsideration',
      appellant: 'treating_physician',
      requestKind: 'pre_service',
    });
    expect(r.allowed && r.requiredDocument).to.equal(null);
    expect(r.allowed && r.citation).to.equal('42 CFR 422.578');
  });

  it('a treating physician on an MA payment reconsideration, or at the ALJ, needs an appointment', () => {
    for (const [level, requestKind] of [
      ['reconsideration', 'payment'],
      ['alj_hearing', 'pre_service'],
    ] as const) {
      const r = appellantRoute({ plan: 'medicare_advantage', level, appellant: 'treating_physician', requestKind });
      expect(r.allowed && r.requiredDocument?.kind, level).to.equal('appointment_of_representative');
    }
  });

  it(
    'a non-contracted provider disputing MA payment appeals as a party ' + 'with a waiver of liability (422.574(b))',
    () => {
      const r = appellantRoute({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        appellant: 'non_contracted_provider',
      });
      expect(r.allowed && r.route).to.equal('provider_party_appeal');
      expect(r.allowed && r.requiredDocument?.kind).to.equal('waiver_of_liability');
    },
  );

  it('a contracted provider disputing payment uses the contract dispute process, not the member appeal', () => {
    for (const plan of ['medicare_advantage', 'erisa_group', 'medicaid_managed_care'] as const) {
      const level =
        plan === 'medicare_advantage' ? 'reconsideration' : plan === 'erisa_group' ? 'internal_appeal' : 'plan_appeal';
      const r = appellantRoute({ plan, level, appellant: 'contracted_provider' });
      expect(r.allowed && r.route, plan).to.equal('provider_dispute');
    }
  });

  it("a Medicaid provider files with the enrollee's written consent and cannot ask for continuation", () => {
    const r = appellantRoute({
      plan: 'medicaid_managed_care',
      level: 'plan_appeal',
      appellant: 'medicaid_provider_with_consent',
    });
    expect(r.allowed && r.requiredDocument?.kind).to.equal('enrollee_written_consent');
    expect(r.allowed && r.notes.join(' ')).to.contain('438.420(b)(5)');
  });

  it('refusals: consent route outside Medicaid, a non-contracted Medicaid provider, the automatic MA level', () => {
    const outside = appellantRoute({
      plan: 'erisa_group',
      level: 'internal_appeal',
      appellant: 'medicaid_provider_with_consent',
    });
    expect(outside.allowed).to.equal(false);
    const medicaid = appellantRoute({
      plan: 'medicaid_managed_care',
      level: 'plan_appeal',
      appellant: 'non_contracted_provider',
    });
    expect(!medicaid.allowed && medicaid.instead).to.equal('medicaid_provider_with_consent');
    const automatic = appellantRoute({ plan: 'medicare_advantage', level: 'independent_review', appellant: 'patient' });
    expect(automatic.allowed).to.equal(false);
  });

  it('an urgent ERISA appeal by the treating physician needs no designation; a routine one does', () => {
    const urgent = appellantRoute({
      plan: 'erisa_group',
      level: 'internal_appeal',
      appellant: 'treating_physician',
      expedited: true,
    });
    expect(urgent.allowed && urgent.requiredDocument).to.equal(null);
    const routine = appellantRoute({ plan: 'erisa_group', level: 'internal_appeal', appellant: 'treating_physician' });
    expect(routine.allowed && routine.requiredDocument?.kind).to.equal('authorized_representative_designation');
  });

  it('an unknown appellant or a level of another plan is refused with an error', () => {
    expect(
      errorCodeOf(() =>
        appellantRoute({ plan: 'medicare_ab', level: 'redetermination', appellant: 'cousin' as 'patient' }),
      ),
    ).to.equal('BAD_DECISION_KIND');
    expect(
      errorCodeOf(() => appellantRoute({ plan: 'medicare_ab', level: 'plan_appeal', appellant: 'patient' })),
    ).to.equal('UNKNOWN_LEVEL');
  });
});
