import { expect } from 'chai';
import { computeDecisionDue, describeDecisionTimeframes } from '../../server/deadlines/index.js';
import type { DecisionKind } from '../../server/deadlines/index.js';
import { errorCodeOf } from './support.js';

describe('deadlines: decision due — Medicare', () => {
  it(
    'when a redetermination request was received 2026-03-02, then the contractor ' +
      'must decide within 60 days: 2026-05-01',
    () => {
      const due = computeDecisionDue({ plan: 'medicare_ab', level: 'redetermination', submittedAt: '2026-03-02' });
      expect(due?.dueDate).to.equal('2026-05-01');
      expect(due?.countedFrom).to.equal('submission');
      expect(due?.citation).to.equal('42 CFR 405.950');
    },
  );

  it(
    'when a QIC reconsideration request was received 2026-03-02, then the decision ' +
      'is due 2026-05-01 (42 CFR 405.970)',
    () => {
      expect(
        computeDecisionDue({ plan: 'medicare_ab', level: 'reconsideration', submittedAt: '2026-03-02' })?.dueDate,
      ).to.equal('2026-05-01');
    },
  );

  it(
    'when an ALJ hearing request was received 2026-03-02, then the decision is ' +
      'due 90 days later on Sunday 2026-05-31, not rolled',
    () => {
      const due = computeDecisionDue({ plan: 'medicare_ab', level: 'alj_hearing', submittedAt: '2026-03-02' });
      expect(due?.dueDate).to.equal('2026-05-31');
      expect(due?.rolledOver).to.equal(undefined);
    },
  );

  it('when a Council review request was received 2026-03-02, then the decision is due 2026-05-31', () => {
    expect(
      computeDecisionDue({ plan: 'medicare_ab', level: 'council_review', submittedAt: '2026-03-02' })?.dueDate,
    ).to.equal('2026-05-31');
  });

  it('when the level is federal court, then there is no decision deadline: null', () => {
    expect(computeDecisionDue({ plan: 'medicare_ab', level: 'judicial_review', submittedAt: '2026-03-02' })).to.equal(
      null,
    );
  });

  it(
    'when an Original Medicare redetermination received 2026-03-02 is marked expedited, then NO_EXPEDITED ' +
      'is thrown: Parts A/B have no expedited redetermination',
    () => {
      expect(
        errorCodeOf(() =>
          computeDecisionDue({
            plan: 'medicare_ab',
            level: 'redetermination',
            submittedAt: '2026-03-02',
            expedited: true,
          }),
        ),
      ).to.equal('NO_EXPEDITED');
    },
  );

  it('when an MA pre-service reconsideration was received 2026-03-02, then the plan must decide by 2026-04-01', () => {
    const due = computeDecisionDue({ plan: 'medicare_advantage', level: 'reconsideration', submittedAt: '2026-03-02' });
    expect(due?.dueDate).to.equal('2026-04-01');
    expect(due?.basis).to.equal(
      'pre-service: 30 days after the request was received (2026-03-02) → 2026-04-01; the plan may extend ' +
        'a request for a service by up to 14 days with written notice; payment and Part B drug requests ' +
        'may not be extended (42 CFR 422.590(f)); 42 CFR 422.590',
    );
  });

  it('when an MA payment reconsideration was received 2026-03-02, then the plan must decide by 2026-05-01', () => {
    expect(
      computeDecisionDue({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        submittedAt: '2026-03-02',
        decisionKind: 'payment',
      })?.dueDate,
    ).to.equal('2026-05-01');
  });

  it(
    'when an MA Part B drug reconsideration was received 2026-03-02, then the ' +
      'plan must decide within 7 days: 2026-03-09',
    () => {
      expect(
        computeDecisionDue({
          plan: 'medicare_advantage',
          level: 'reconsideration',
          submittedAt: '2026-03-02',
          decisionKind: 'part_b_drug',
        })?.dueDate,
      ).to.equal('2026-03-09');
    },
  );

  it(
    'when an expedited MA reconsideration was received at 2026-03-02T15:00Z, ' +
      'then the decision is due exactly 72 hours later',
    () => {
      const due = computeDecisionDue({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        submittedAt: '2026-03-02T15:00:00Z',
        expedited: true,
      });
      expect(due?.dueAt).to.equal('2026-03-05T15:00:00.000Z');
      expect(due?.dueDate).to.equal('2026-03-05');
    },
  );

  it(
    'when an expedited request arrives at 22:30 US Eastern on 2026-03-02, then ' +
      'dueAt is 72 hours later and dueDate is its UTC date 2026-03-06',
    () => {
      const due = computeDecisionDue({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        submittedAt: '2026-03-02T22:30:00-05:00',
        expedited: true,
      });
      expect(due?.dueAt).to.equal('2026-03-06T03:30:00.000Z');
      expect(due?.dueDate).to.equal('2026-03-06');
    },
  );

  it('when the 72 hours span the start of US daylight time (2026-03-08), then they are still 72 real hours', () => {
    const due = computeDecisionDue({
      plan: 'medicare_advantage',
      level: 'reconsideration',
      submittedAt: '2026-03-07T12:00:00-05:00',
      expedited: true,
    });
    expect(due?.dueAt).to.equal('2026-03-10T17:00:00.000Z');
  });

  it('when the level is the MA independent review entity, then no decision date is computed: null', () => {
    expect(
      computeDecisionDue({ plan: 'medicare_advantage', level: 'independent_review', submittedAt: '2026-03-02' }),
    ).to.equal(null);
  });

  it(
    'when a Part D redetermination was received 2026-03-02, then the standard ' +
      'decision is due in 7 days (2026-03-09) and a payment one in 14 (2026-03-16)',
    () => {
      expect(
        computeDecisionDue({ plan: 'medicare_part_d', level: 'redetermination', submittedAt: '2026-03-02' })?.dueDate,
      ).to.equal('2026-03-09');
      expect(
        computeDecisionDue({
          plan: 'medicare_part_d',
          level: 'redetermination',
          submittedAt: '2026-03-02',
          decisionKind: 'payment',
        })?.dueDate,
      ).to.equal('2026-03-16');
    },
  );

  it(
    'when an expedited Part D redetermination was received 2026-03-02T09:15Z, ' + 'then it is due 2026-03-05T09:15Z',
    () => {
      expect(
        computeDecisionDue({
          plan: 'medicare_part_d',
          level: 'redetermination',
          submittedAt: '2026-03-02T09:15:00Z',
          expedited: true,
        })?.dueAt,
      ).to.equal('2026-03-05T09:15:00.000Z');
    },
  );

  it(
    'when a Part D request is marked Part B drug, then the level has no such ' +
      'timeframe and the standard 7 days apply with a note',
    () => {
      const due = computeDecisionDue({
        plan: 'medicare_part_d',
        level: 'redetermination',
        submittedAt: '2026-03-02',
        decisionKind: 'part_b_drug',
      });
      expect(due?.dueDate).to.equal('2026-03-09');
      expect(due?.basis).to.contain('no separate Part B drug timeframe, so the standard coverage one applies');
    },
  );

  it('when the decision kind is not a kind at all, then BAD_DECISION_KIND is thrown', () => {
    expect(
      errorCodeOf(() =>
        computeDecisionDue({
          plan: 'erisa_group',
          level: 'internal_appeal',
          submittedAt: '2026-03-02',
          decisionKind: 'claim' as DecisionKind,
        }),
      ),
    ).to.equal('BAD_DECISION_KIND');
  });
});

describe('deadlines: decision due — Medicaid, ERISA, ACA, external review, other', () => {
  it(
    'when a Medicaid plan appeal was received 2026-03-02, then it must be resolved ' +
      'in 30 days (2026-04-01), extendable by 14',
    () => {
      const due = computeDecisionDue({
        plan: 'medicaid_managed_care',
        level: 'plan_appeal',
        submittedAt: '2026-03-02',
      });
      expect(due?.dueDate).to.equal('2026-04-01');
      expect(due?.basis).to.contain('extend by up to 14 days');
    },
  );

  it(
    'when an expedited Medicaid plan appeal is dated only 2026-03-02, then the ' +
      '72 hours run from the start of that UTC day',
    () => {
      const due = computeDecisionDue({
        plan: 'medicaid_managed_care',
        level: 'plan_appeal',
        submittedAt: '2026-03-02',
        expedited: true,
      });
      expect(due?.dueAt).to.equal('2026-03-05T00:00:00.000Z');
      expect(due?.dueDate).to.equal('2026-03-05');
    },
  );

  it('when the level is the state fair hearing, then no date is computed: null', () => {
    expect(
      computeDecisionDue({ plan: 'medicaid_managed_care', level: 'state_fair_hearing', submittedAt: '2026-03-02' }),
    ).to.equal(null);
  });

  const PLAN_WORDS = { erisa_group: 'an ERISA group plan', aca_individual: 'an individual-market plan' } as const;
  for (const plan of ['erisa_group', 'aca_individual'] as const) {
    it(
      `when ${PLAN_WORDS[plan]} internal appeal was received 2026-03-02, then pre-service ` +
        `is due 2026-04-01 and post-service 2026-05-01`,
      () => {
        expect(
          computeDecisionDue({ plan, level: 'internal_appeal', submittedAt: '2026-03-02', decisionKind: 'pre_service' })
            ?.dueDate,
        ).to.equal('2026-04-01');
        expect(
          computeDecisionDue({
            plan,
            level: 'internal_appeal',
            submittedAt: '2026-03-02',
            decisionKind: 'post_service',
          })?.dueDate,
        ).to.equal('2026-05-01');
      },
    );

    it(
      `when an urgent internal appeal to ${PLAN_WORDS[plan]} was received 2026-03-02T15:00Z, ` +
        `then it is due 72 hours later`,
      () => {
        expect(
          computeDecisionDue({ plan, level: 'internal_appeal', submittedAt: '2026-03-02T15:00:00Z', expedited: true })
            ?.dueAt,
        ).to.equal('2026-03-05T15:00:00.000Z');
      },
    );

    it(
      `when an external review under ${PLAN_WORDS[plan]} was received 2026-03-02, ` +
        `then the reviewer decides within 45 days: 2026-04-16`,
      () => {
        expect(computeDecisionDue({ plan, level: 'external_review', submittedAt: '2026-03-02' })?.dueDate).to.equal(
          '2026-04-16',
        );
      },
    );
  }

  it('when an ERISA internal appeal is a "coverage" request, then the pre-service 30 days apply (2026-04-01)', () => {
    expect(
      computeDecisionDue({
        plan: 'erisa_group',
        level: 'internal_appeal',
        submittedAt: '2026-03-02',
        decisionKind: 'coverage',
      })?.dueDate,
    ).to.equal('2026-04-01');
  });

  it('when an expedited external review was received 2026-03-02T15:00Z, then it is due 2026-03-05T15:00Z', () => {
    expect(
      computeDecisionDue({
        plan: 'erisa_group',
        level: 'external_review',
        submittedAt: '2026-03-02T15:00:00Z',
        expedited: true,
      })?.dueAt,
    ).to.equal('2026-03-05T15:00:00.000Z');
  });

  it('when the payer is of plan type other, then no decision date is computed: null', () => {
    expect(computeDecisionDue({ plan: 'other', level: 'payer_appeal', submittedAt: '2026-03-02' })).to.equal(null);
  });

  it('when submittedAt has no offset or is impossible, then BAD_DATE is thrown', () => {
    for (const submittedAt of ['2026-03-02T15:00:00', '2026-02-30', '2026-02-30T10:00:00Z', 'yesterday']) {
      expect(
        errorCodeOf(() => computeDecisionDue({ plan: 'erisa_group', level: 'internal_appeal', submittedAt })),
        submittedAt,
      ).to.equal('BAD_DATE');
    }
  });

  it('when the timeframes of MA reconsideration are described, then all kinds and the expedited rule are named', () => {
    expect(describeDecisionTimeframes({ plan: 'medicare_advantage', level: 'reconsideration' })).to.equal(
      'pre-service/standard coverage 30 days; payment/post-service 60 days; Part ' +
        'B drug 7 days; expedited 72 hours; the plan may extend a request for a service by up to 14 days ' +
        'with written notice; payment and Part B drug requests may not be extended (42 CFR 422.590(f)) ' +
        '(42 CFR 422.590)',
    );
  });
});

describe('deadlines: decision due — dated on the clinic’s calendar', () => {
  const ny = 'America/New_York';

  it(
    'when an ERISA post-service appeal is faxed at 22:30 in New York on 2026-11-23 ' +
      '(03:30 UTC the next day), then the 60 days count from the 23rd: 2027-01-22',
    () => {
      const input = {
        plan: 'erisa_group',
        level: 'internal_appeal',
        submittedAt: '2026-11-24T03:30:00Z',
        decisionKind: 'post_service',
      } as const;
      const due = computeDecisionDue({ ...input, timeZone: ny });
      expect(due?.dueDate).to.equal('2027-01-22');
      expect(due?.basis).to.contain('received (23 Nov 2026, 22:30 EST)');
      // Read on the UTC calendar the same fax would be a day later, giving the payer a day more.
      expect(computeDecisionDue(input)?.dueDate).to.equal('2027-01-23');
    },
  );

  it(
    'when an expedited request is received at 15:00 UTC on 17 November, then the basis reads ' +
      '"received (17 Nov 2026, 10:00 EST) → 20 Nov 2026, 10:00 EST" on the clinic’s clock, never a raw timestamp',
    () => {
      const due = computeDecisionDue({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        submittedAt: '2026-11-17T15:00:00.000Z',
        expedited: true,
        timeZone: ny,
      });
      expect(due?.basis).to.contain('received (17 Nov 2026, 10:00 EST) → 20 Nov 2026, 10:00 EST');
      expect(due?.basis).not.to.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    },
  );

  it(
    'when an expedited MA reconsideration arrives at 21:00 New York time, then ' +
      'dueAt is 72 hours later and dueDate is the New York date of that moment',
    () => {
      const due = computeDecisionDue({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        submittedAt: '2026-11-24T02:00:00Z',
        expedited: true,
        timeZone: ny,
      });
      expect(due?.dueAt).to.equal('2026-11-27T02:00:00.000Z');
      expect(due?.dueDate).to.equal('2026-11-26');
    },
  );

  it(
    'when a Medicaid plan appeal arrives at 21:00 in New York on leap day 2028-02-29, ' +
      'then the 30 days count from Feb 29: 2028-03-30',
    () => {
      const due = computeDecisionDue({
        plan: 'medicaid_managed_care',
        level: 'plan_appeal',
        submittedAt: '2028-03-01T02:00:00Z',
        timeZone: ny,
      });
      expect(due?.dueDate).to.equal('2028-03-30');
    },
  );

  it(
    'when a Medicare redetermination arrives at 23:00 in Los Angeles on New Year’s ' +
      'Eve, then it counts from 2026-12-31: 2027-03-01',
    () => {
      const due = computeDecisionDue({
        plan: 'medicare_ab',
        level: 'redetermination',
        submittedAt: '2027-01-01T07:00:00Z',
        timeZone: 'America/Los_Angeles',
      });
      expect(due?.dueDate).to.equal('2027-03-01');
    },
  );

  it('when the time zone is not an IANA name, then BAD_TIME_ZONE is thrown, also for a bare date', () => {
    for (const submittedAt of ['2026-11-24T03:30:00Z', '2026-11-24']) {
      expect(
        errorCodeOf(() =>
          computeDecisionDue({ plan: 'erisa_group', level: 'internal_appeal', submittedAt, timeZone: 'Eastern' }),
        ),
        submittedAt,
      ).to.equal('BAD_TIME_ZONE');
    }
  });
});

describe('deadlines: decision due — the Medicaid plan’s extension (42 CFR 438.408(c))', () => {
  const plan = 'medicaid_managed_care';
  const level = 'plan_appeal';

  it(
    'when the plan extends a plan appeal received 2026-03-02 by 14 days in writing, ' +
      'then it must decide by 2026-04-15 and the basis says why',
    () => {
      const due = computeDecisionDue({ plan, level, submittedAt: '2026-03-02', extensionDays: 14 });
      expect(due?.dueDate).to.equal('2026-04-15');
      expect(due?.basis).to.contain(
        '30 days after the request was received (2026-03-02) → 2026-04-01, extended ' +
          'by 14 days with written notice (42 CFR 438.408(c)) → 2026-04-15',
      );
    },
  );

  it(
    'when the 30 days end in a leap-year March (received 2028-02-01 → 2028-03-02), ' +
      'then a 10-day extension ends 2028-03-12',
    () => {
      expect(computeDecisionDue({ plan, level, submittedAt: '2028-02-01' })?.dueDate).to.equal('2028-03-02');
      expect(computeDecisionDue({ plan, level, submittedAt: '2028-02-01', extensionDays: 10 })?.dueDate).to.equal(
        '2028-03-12',
      );
    },
  );

  it(
    'when an expedited plan appeal received 2026-11-23T15:00Z is extended by ' +
      '14 days, then it is due 72 hours plus 14 days later',
    () => {
      const due = computeDecisionDue({
        plan,
        level,
        submittedAt: '2026-11-23T15:00:00Z',
        expedited: true,
        extensionDays: 14,
      });
      expect(due?.dueAt).to.equal('2026-12-10T15:00:00.000Z');
      expect(due?.dueDate).to.equal('2026-12-10');
    },
  );

  it('when an extension is longer than 14 days, or not a whole number of days, then BAD_EXTENSION is thrown', () => {
    for (const extensionDays of [15, 0, 2.5]) {
      expect(
        errorCodeOf(() => computeDecisionDue({ plan, level, submittedAt: '2026-03-02', extensionDays })),
        String(extensionDays),
      ).to.equal('BAD_EXTENSION');
    }
  });

  it('when an extension is given where the rules have none (an ERISA appeal), then NO_EXTENSION is thrown', () => {
    expect(
      errorCodeOf(() =>
        computeDecisionDue({
          plan: 'erisa_group',
          level: 'internal_appeal',
          submittedAt: '2026-03-02',
          extensionDays: 14,
        }),
      ),
    ).to.equal('NO_EXTENSION');
  });
});
