import { expect } from 'chai';
import { computeFilingDeadline } from '../../server/deadlines/index.js';
import type { AppealLevel, PlanType } from '../../server/deadlines/index.js';
import { errorCodeOf } from './support.js';

describe('deadlines: filing — Medicaid managed care', () => {
  it(
    'when the adverse benefit determination is dated 2026-03-02, then the plan ' +
      'appeal is due 60 days from that date: 2026-05-01',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicaid_managed_care',
        level: 'plan_appeal',
        noticeDate: '2026-03-02',
      });
      expect(deadline.dueDate).to.equal('2026-05-01');
      expect(deadline.countedFrom).to.equal('notice');
      expect(deadline.citation).to.equal('42 CFR 438.402(c)(2)(ii)');
    },
  );

  it(
    'when the resolution notice is dated 2026-03-02 and no state window is given, then the fair hearing is ' +
      'due 120 calendar days later, 2026-06-30 (42 CFR 438.408(f)(2))',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicaid_managed_care',
        level: 'state_fair_hearing',
        noticeDate: '2026-03-02',
      });
      expect(deadline.dueDate).to.equal('2026-06-30');
      expect(deadline.countedFrom).to.equal('notice');
      expect(deadline.citation).to.equal('42 CFR 438.408(f)(2)');
      expect(deadline.basis).to.match(/^120 days from the notice date \(2026-03-02\) → 2026-06-30; /);
      expect(deadline.ruleEffectiveFrom).to.equal('2017-07-01');
      expect(deadline.ruleSource).to.contain('81 FR 27498');
    },
  );

  it('when the state gives 120 days, then the fair hearing is due 2026-06-30 and the basis names the state', () => {
    const deadline = computeFilingDeadline({
      plan: 'medicaid_managed_care',
      level: 'state_fair_hearing',
      noticeDate: '2026-03-02',
      stateFairHearingDays: 120,
    });
    expect(deadline.dueDate).to.equal('2026-06-30');
    expect(deadline.basis).to.contain("the state's 120-day window");
  });

  it(
    'when a state sets 90 or 150 days, then the federal 120 days stand (2026-06-30) and the basis says ' +
      'the setting was not applied',
    () => {
      for (const days of [90, 150]) {
        const deadline = computeFilingDeadline({
          plan: 'medicaid_managed_care',
          level: 'state_fair_hearing',
          noticeDate: '2026-03-02',
          stateFairHearingDays: days,
        });
        expect(deadline.dueDate, String(days)).to.equal('2026-06-30');
        expect(deadline.basis, String(days)).to.contain(
          `the state's ${days}-day setting was not applied: 42 CFR 438.408(f)(2) allows 120 days`,
        );
      }
    },
  );

  it('when a payer window of 100 days is passed for the fair hearing, then it is not applied: 2026-06-30', () => {
    const deadline = computeFilingDeadline({
      plan: 'medicaid_managed_care',
      level: 'state_fair_hearing',
      noticeDate: '2026-03-02',
      payerWindow: { level: 'state_fair_hearing', days: 100, unit: 'calendar', countFrom: 'notice' },
    });
    expect(deadline.dueDate).to.equal('2026-06-30');
    expect(deadline.basis).to.contain('the payer window was not applied: 42 CFR 438.408(f)(2) fixes this window');
  });

  it('when the state window is not a whole number of days, then BAD_WINDOW is thrown', () => {
    for (const days of [100.5, 0]) {
      expect(
        errorCodeOf(() =>
          computeFilingDeadline({
            plan: 'medicaid_managed_care',
            level: 'state_fair_hearing',
            noticeDate: '2026-03-02',
            stateFairHearingDays: days,
          }),
        ),
        String(days),
      ).to.equal('BAD_WINDOW');
    }
  });

  it(
    'when the resolution notice is dated 2017-06-30, before subpart F of the 2016 rule applied, then ' +
      'NO_RULE is thrown rather than a date from a rule not yet in force',
    () => {
      expect(
        errorCodeOf(() =>
          computeFilingDeadline({
            plan: 'medicaid_managed_care',
            level: 'state_fair_hearing',
            noticeDate: '2017-06-30',
          }),
        ),
      ).to.equal('NO_RULE');
    },
  );
});

describe('deadlines: filing — ERISA and individual-market internal appeals', () => {
  const PLAN_WORDS = { erisa_group: 'an ERISA group plan', aca_individual: 'an individual-market plan' } as const;
  for (const plan of ['erisa_group', 'aca_individual'] as const) {
    it(
      `when ${PLAN_WORDS[plan]} denial arrived on 2026-01-15, then the internal ` +
        `appeal is due 180 days later: 2026-07-14`,
      () => {
        const deadline = computeFilingDeadline({
          plan,
          level: 'internal_appeal',
          noticeDate: '2026-01-10',
          receivedDate: '2026-01-15',
        });
        expect(deadline.dueDate).to.equal('2026-07-14');
        expect(deadline.countedFrom).to.equal('receipt');
      },
    );

    it(
      `when ${PLAN_WORDS[plan]} denial's receipt is unknown, then the 180 days ` +
        `count from the notice date 2026-01-10 (2026-07-09) and the basis says so`,
      () => {
        const deadline = computeFilingDeadline({ plan, level: 'internal_appeal', noticeDate: '2026-01-10' });
        expect(deadline.dueDate).to.equal('2026-07-09');
        expect(deadline.countedFrom).to.equal('notice');
        expect(deadline.basis).to.contain(
          'because the received date is unknown and the rule sets no receipt presumption',
        );
      },
    );
  }

  it('when the ERISA citation is shown, then it is 29 CFR 2560.503-1(h)(3)(i)', () => {
    expect(
      computeFilingDeadline({ plan: 'erisa_group', level: 'internal_appeal', noticeDate: '2026-01-10' }).citation,
    ).to.equal('29 CFR 2560.503-1(h)(3)(i)');
  });

  it('when the plan allows 365 days, then its own window is used: 2027-01-15', () => {
    const deadline = computeFilingDeadline({
      plan: 'erisa_group',
      level: 'internal_appeal',
      noticeDate: '2026-01-10',
      receivedDate: '2026-01-15',
      payerWindow: { days: 365, unit: 'calendar', countFrom: 'receipt', label: 'Acme SPD' },
    });
    expect(deadline.dueDate).to.equal('2027-01-15');
    expect(deadline.basis).to.contain('window from Acme SPD');
  });

  it(
    'when the plan states a window shorter than 180 days, then the shorter date ' +
      'is kept as the safe date and the basis flags it',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'erisa_group',
        level: 'internal_appeal',
        noticeDate: '2026-03-02',
        payerWindow: { days: 30, unit: 'calendar', countFrom: 'notice' },
      });
      expect(deadline.dueDate).to.equal('2026-04-01');
      expect(deadline.basis).to.contain('shorter than the federal minimum of 180 days');
    },
  );
});

describe('deadlines: filing — external review (4-month rule)', () => {
  const external = (
    receivedDate: string,
    plan: PlanType = 'erisa_group',
    extra: { externalReviewMonths?: number } = {},
  ) =>
    computeFilingDeadline({
      plan,
      level: 'external_review' as AppealLevel,
      noticeDate: receivedDate,
      receivedDate,
      ...extra,
    });

  it(
    'when the final denial arrived on 30 October 2026, then there is no 30 February ' +
      'and the request is due 1 March 2027',
    () => {
      const deadline = external('2026-10-30');
      expect(deadline.dueDate).to.equal('2027-03-01');
      expect(deadline.basis).to.contain('there is no 30 February 2027, so the first day of the next month');
    },
  );

  it('when the final denial arrived on 31 October 2026, then the request is due 1 March 2027', () => {
    expect(external('2026-10-31').dueDate).to.equal('2027-03-01');
  });

  it(
    'when the final denial arrived on 29 October 2026, then 29 February 2027 ' +
      'does not exist and the request is due 1 March 2027',
    () => {
      expect(external('2026-10-29').dueDate).to.equal('2027-03-01');
    },
  );

  it('when the final denial arrived on 29 October 2027, then the leap day 29 February 2028 is the deadline', () => {
    expect(external('2027-10-29').dueDate).to.equal('2028-02-29');
  });

  it(
    'when the final denial arrived on 30 October 2027, then even in a leap year ' +
      'there is no 30 February: 1 March 2028',
    () => {
      expect(external('2027-10-30').dueDate).to.equal('2028-03-01');
    },
  );

  it(
    'when the final denial arrived on 31 January 2026, then 31 May 2026 is a ' +
      'Sunday and the deadline rolls to Monday 1 June',
    () => {
      const deadline = external('2026-01-31');
      expect(deadline.dueDate).to.equal('2026-06-01');
      expect(deadline.rolledOver).to.deep.equal({ from: '2026-05-31', reason: 'Sunday' });
    },
  );

  it('when the first of the fifth month is Sunday 1 March 2026, then the deadline rolls to Monday 2 March', () => {
    expect(external('2025-10-30').dueDate).to.equal('2026-03-02');
  });

  it('when the fourth month ends on Columbus Day 2026, then the deadline moves to Tuesday 13 October', () => {
    const deadline = external('2026-06-12', 'aca_individual');
    expect(deadline.dueDate).to.equal('2026-10-13');
    expect(deadline.citation).to.contain('45 CFR 147.136(d)(2)(i)');
  });

  it('when the receipt is unknown, then the 4 months count from the notice date and the basis says so', () => {
    const deadline = computeFilingDeadline({
      plan: 'aca_individual',
      level: 'external_review',
      noticeDate: '2026-03-10',
    });
    expect(deadline.dueDate).to.equal('2026-07-10');
    expect(deadline.countedFrom).to.equal('notice');
  });

  it('when the state allows 6 months, then a denial received 2026-03-10 may be reviewed until 2026-09-10', () => {
    const deadline = external('2026-03-10', 'erisa_group', { externalReviewMonths: 6 });
    expect(deadline.dueDate).to.equal('2026-09-10');
    expect(deadline.basis).to.contain("the state's 6-month window");
  });

  it(
    'when the state allows 6 months from 31 August 2026, then there is no 31 ' +
      'February and the deadline is 1 March 2027',
    () => {
      expect(external('2026-08-31', 'erisa_group', { externalReviewMonths: 6 }).dueDate).to.equal('2027-03-01');
    },
  );

  it('when a state window of fewer than 4 months is configured, then BAD_WINDOW is thrown', () => {
    expect(errorCodeOf(() => external('2026-03-10', 'erisa_group', { externalReviewMonths: 3 }))).to.equal(
      'BAD_WINDOW',
    );
  });
});

describe('deadlines: filing — other payers (payer-configured windows)', () => {
  it('when plan type other has no payer window, then NO_PAYER_WINDOW is thrown', () => {
    expect(
      errorCodeOf(() => computeFilingDeadline({ plan: 'other', level: 'payer_appeal', noticeDate: '2026-03-02' })),
    ).to.equal('NO_PAYER_WINDOW');
  });

  it('when the payer window is for another level, then NO_PAYER_WINDOW is thrown', () => {
    expect(
      errorCodeOf(() =>
        computeFilingDeadline({
          plan: 'other',
          level: 'payer_appeal',
          noticeDate: '2026-03-02',
          payerWindow: { level: 'internal_appeal', days: 30, unit: 'calendar', countFrom: 'notice' },
        }),
      ),
    ).to.equal('NO_PAYER_WINDOW');
  });

  it(
    'when the payer allows 5 business days from Friday 2026-11-20, then Thanksgiving ' +
      'is skipped and the appeal is due Monday 2026-11-30',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'other',
        level: 'payer_appeal',
        noticeDate: '2026-11-20',
        payerWindow: { days: 5, unit: 'business', countFrom: 'notice', label: 'Acme manual §7' },
      });
      expect(deadline.dueDate).to.equal('2026-11-30');
      expect(deadline.citation).to.equal('Acme manual §7');
      expect(deadline.basis).to.equal(
        '5 business days (weekends and federal holidays not counted) from the notice ' +
          'date (2026-11-20) → 2026-11-30; Acme manual §7',
      );
    },
  );

  it(
    'when the payer allows 5 business days from Tuesday 2026-12-22, then Christmas ' +
      'is skipped and the appeal is due Wednesday 2026-12-30',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'other',
        level: 'payer_appeal',
        noticeDate: '2026-12-22',
        payerWindow: { days: 5, unit: 'business', countFrom: 'notice' },
      });
      expect(deadline.dueDate).to.equal('2026-12-30');
    },
  );

  it(
    'when the payer allows 12 calendar days from 2026-03-02, then Saturday 2026-03-14 ' +
      'stands (payer windows are not rolled)',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'other',
        level: 'payer_appeal',
        noticeDate: '2026-03-02',
        payerWindow: { days: 12, unit: 'calendar', countFrom: 'notice' },
      });
      expect(deadline.dueDate).to.equal('2026-03-14');
      expect(deadline.rolledOver).to.equal(undefined);
    },
  );

  it('when the payer counts from receipt and the denial arrived 2026-03-10, then 30 days run to 2026-04-09', () => {
    const deadline = computeFilingDeadline({
      plan: 'other',
      level: 'payer_appeal',
      noticeDate: '2026-03-02',
      receivedDate: '2026-03-10',
      payerWindow: { days: 30, unit: 'calendar', countFrom: 'receipt' },
    });
    expect(deadline.dueDate).to.equal('2026-04-09');
    expect(deadline.countedFrom).to.equal('receipt');
  });

  it('when the payer window has 0 days or an unknown unit, then BAD_WINDOW is thrown', () => {
    expect(
      errorCodeOf(() =>
        computeFilingDeadline({
          plan: 'other',
          level: 'payer_appeal',
          noticeDate: '2026-03-02',
          payerWindow: { days: 0, unit: 'calendar', countFrom: 'notice' },
        }),
      ),
    ).to.equal('BAD_WINDOW');
    expect(
      errorCodeOf(() =>
        computeFilingDeadline({
          plan: 'other',
          level: 'payer_appeal',
          noticeDate: '2026-03-02',
          payerWindow: { days: 5, unit: 'weeks' as 'calendar', countFrom: 'notice' },
        }),
      ),
    ).to.equal('BAD_WINDOW');
  });
});

describe('deadlines: filing — bad input', () => {
  it('when the plan type is unknown, then UNKNOWN_PLAN is thrown', () => {
    expect(
      errorCodeOf(() =>
        computeFilingDeadline({ plan: 'tricare' as PlanType, level: 'redetermination', noticeDate: '2026-03-02' }),
      ),
    ).to.equal('UNKNOWN_PLAN');
  });

  it('when the level does not exist, or belongs to another plan type, then UNKNOWN_LEVEL is thrown', () => {
    expect(
      errorCodeOf(() =>
        computeFilingDeadline({ plan: 'medicare_ab', level: 'second_level' as AppealLevel, noticeDate: '2026-03-02' }),
      ),
    ).to.equal('UNKNOWN_LEVEL');
    expect(
      errorCodeOf(() => computeFilingDeadline({ plan: 'medicare_ab', level: 'plan_appeal', noticeDate: '2026-03-02' })),
    ).to.equal('UNKNOWN_LEVEL');
    expect(
      errorCodeOf(() =>
        computeFilingDeadline({ plan: 'aca_individual', level: 'redetermination', noticeDate: '2026-03-02' }),
      ),
    ).to.equal('UNKNOWN_LEVEL');
  });

  it(
    'when the notice or received date is impossible (2026-02-30, 2027-02-29) ' +
      'or malformed, then BAD_DATE is thrown',
    () => {
      for (const noticeDate of ['2026-02-30', '2027-02-29', '03/02/2026']) {
        expect(
          errorCodeOf(() => computeFilingDeadline({ plan: 'medicare_ab', level: 'redetermination', noticeDate })),
          noticeDate,
        ).to.equal('BAD_DATE');
      }
      expect(
        errorCodeOf(() =>
          computeFilingDeadline({
            plan: 'medicare_ab',
            level: 'redetermination',
            noticeDate: '2026-03-02',
            receivedDate: '2026-02-30',
          }),
        ),
      ).to.equal('BAD_DATE');
    },
  );

  it(
    'when the notice is dated 29 February 2028, then it is accepted: 120 days ' +
      'from presumed receipt 2028-03-05 is 2028-07-03',
    () => {
      expect(
        computeFilingDeadline({ plan: 'medicare_ab', level: 'redetermination', noticeDate: '2028-02-29' }).dueDate,
      ).to.equal('2028-07-03');
    },
  );
});
