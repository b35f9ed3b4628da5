import { expect } from 'chai';
import { appealLevels, computeFilingDeadline } from '../../server/deadlines/index.js';
import { errorCodeOf } from './support.js';

describe('deadlines: filing — Original Medicare (Parts A/B)', () => {
  it(
    'when the notice is dated 2020-05-15, then the redetermination must be received ' +
      'by 2020-09-17 (Palmetto GBA example)',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_ab',
        level: 'redetermination',
        noticeDate: '2020-05-15',
      });
      expect(deadline.dueDate).to.equal('2020-09-17');
      expect(deadline.countedFrom).to.equal('presumed_receipt');
      expect(deadline.rolledOver).to.equal(undefined);
      expect(deadline.citation).to.equal('42 CFR 405.942');
      expect(deadline.basis).to.equal(
        '120 days from presumed receipt (notice 2020-05-15 + 5 days = 2020-05-20) → 2020-09-17; 42 CFR 405.942',
      );
    },
  );

  it(
    'when the notice is dated 2020-08-14, then the redetermination must be received ' +
      'by 2020-12-17 (Palmetto GBA example)',
    () => {
      expect(
        computeFilingDeadline({ plan: 'medicare_ab', level: 'redetermination', noticeDate: '2020-08-14' }).dueDate,
      ).to.equal('2020-12-17');
    },
  );

  it(
    'when the notice arrived on 2020-05-22, then the count starts at receipt ' +
      'and Saturday 2020-09-19 rolls to Monday 2020-09-21',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_ab',
        level: 'redetermination',
        noticeDate: '2020-05-15',
        receivedDate: '2020-05-22',
      });
      expect(deadline.dueDate).to.equal('2020-09-21');
      expect(deadline.countedFrom).to.equal('receipt');
      expect(deadline.rolledOver).to.deep.equal({ from: '2020-09-19', reason: 'Saturday' });
      expect(deadline.basis).to.contain('falls on Saturday 2020-09-19, rolled to Monday 2020-09-21');
      expect(deadline.basis).to.contain('CMS Pub. 100-04, ch. 29');
    },
  );

  it(
    'when the received date is known to be earlier than the presumption, then ' +
      'the count starts at that date (2026-03-03 → 2026-07-01)',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_ab',
        level: 'redetermination',
        noticeDate: '2026-03-02',
        receivedDate: '2026-03-03',
      });
      expect(deadline.dueDate).to.equal('2026-07-01');
      expect(deadline.countedFrom).to.equal('receipt');
    },
  );

  it(
    'when the notice is dated 2026-03-02 with no received date, then 120 days ' +
      'from 2026-03-07 is Sunday 2026-07-05, rolled to Monday 2026-07-06',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_ab',
        level: 'redetermination',
        noticeDate: '2026-03-02',
      });
      expect(deadline.dueDate).to.equal('2026-07-06');
      expect(deadline.rolledOver).to.deep.equal({ from: '2026-07-05', reason: 'Sunday' });
    },
  );

  it(
    'when the reconsideration window ends on the observed Independence Day (Friday ' +
      '2026-07-03), then it rolls to Monday 2026-07-06',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_ab',
        level: 'reconsideration',
        noticeDate: '2025-12-30',
      });
      expect(deadline.dueDate).to.equal('2026-07-06');
      expect(deadline.rolledOver).to.deep.equal({
        from: '2026-07-03',
        reason: 'a federal holiday (Independence Day, observed)',
      });
      expect(deadline.basis).to.contain(
        '180 days from presumed receipt (notice 2025-12-30 + 5 days = 2026-01-04) → 2026-07-03',
      );
      expect(deadline.citation).to.equal('42 CFR 405.962');
    },
  );

  it(
    'when the reconsideration window ends on Christmas (Friday 2026-12-25), then ' + 'it rolls to Monday 2026-12-28',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_ab',
        level: 'reconsideration',
        noticeDate: '2026-06-20',
        receivedDate: '2026-06-28',
      });
      expect(deadline.dueDate).to.equal('2026-12-28');
    },
  );

  it(
    'when the redetermination window ends on the observed New Year (Friday 2021-12-31), ' +
      'then it rolls over the weekend to Monday 2022-01-03',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_ab',
        level: 'redetermination',
        noticeDate: '2021-09-01',
        receivedDate: '2021-09-02',
      });
      expect(deadline.dueDate).to.equal('2022-01-03');
      expect(deadline.rolledOver?.from).to.equal('2021-12-31');
    },
  );

  it(
    'when the ALJ request window ends on Columbus Day (Monday 2026-10-12), then ' + 'it rolls to Tuesday 2026-10-13',
    () => {
      const deadline = computeFilingDeadline({ plan: 'medicare_ab', level: 'alj_hearing', noticeDate: '2026-08-08' });
      expect(deadline.dueDate).to.equal('2026-10-13');
      expect(deadline.citation).to.equal('42 CFR 405.1002');
      expect(deadline.basis).to.contain(
        'Monday 2026-10-12, a federal holiday (Columbus Day), rolled to Tuesday 2026-10-13',
      );
    },
  );

  it('when the ALJ request window ends on Juneteenth (Friday 2026-06-19), then it rolls to Monday 2026-06-22', () => {
    const deadline = computeFilingDeadline({
      plan: 'medicare_ab',
      level: 'alj_hearing',
      noticeDate: '2026-04-15',
      receivedDate: '2026-04-20',
    });
    expect(deadline.dueDate).to.equal('2026-06-22');
  });

  it('when the Council review window ends on Thanksgiving (2026-11-26), then it rolls to Friday 2026-11-27', () => {
    const deadline = computeFilingDeadline({ plan: 'medicare_ab', level: 'council_review', noticeDate: '2026-09-22' });
    expect(deadline.dueDate).to.equal('2026-11-27');
    expect(deadline.citation).to.equal('42 CFR 405.1102');
  });

  it(
    'when the court filing window ends on Veterans Day (Wednesday 2026-11-11), ' +
      'then it rolls to Thursday 2026-11-12',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_ab',
        level: 'judicial_review',
        noticeDate: '2026-09-07',
      });
      expect(deadline.dueDate).to.equal('2026-11-12');
      expect(deadline.citation).to.equal('42 CFR 405.1136');
    },
  );

  it(
    'when a redetermination of a 2020-05-15 notice is asked for as expedited, then NO_EXPEDITED is thrown ' +
      'and the message names the QIO fast-track appeals that exist instead',
    () => {
      for (const level of appealLevels('medicare_ab')) {
        expect(
          errorCodeOf(() =>
            computeFilingDeadline({ plan: 'medicare_ab', level, noticeDate: '2020-05-15', expedited: true }),
          ),
          level,
        ).to.equal('NO_EXPEDITED');
      }
      try {
        computeFilingDeadline({
          plan: 'medicare_ab',
          level: 'redetermination',
          noticeDate: '2020-05-15',
          expedited: true,
        });
      } catch (error) {
        expect((error as Error).message).to.contain('no expedited redetermination');
        expect((error as Error).message).to.contain('42 CFR 405.1206');
        expect((error as Error).message).to.contain('42 CFR 405.1202');
      }
    },
  );

  it('when the redetermination of a 2020-05-15 notice is computed, then the rule took effect 2005-05-01', () => {
    const deadline = computeFilingDeadline({ plan: 'medicare_ab', level: 'redetermination', noticeDate: '2020-05-15' });
    expect(deadline.ruleEffectiveFrom).to.equal('2005-05-01');
    expect(deadline.ruleSource).to.contain('70 FR 11420');
    expect(deadline.lastBusinessDay).to.equal(undefined);
  });

  it('when a payer window is passed for a Medicare level, then it is not applied and the basis says why', () => {
    const deadline = computeFilingDeadline({
      plan: 'medicare_ab',
      level: 'redetermination',
      noticeDate: '2020-05-15',
      payerWindow: { days: 30, unit: 'calendar', countFrom: 'notice' },
    });
    expect(deadline.dueDate).to.equal('2020-09-17');
    expect(deadline.basis).to.contain('the payer window was not applied: 42 CFR 405.942 fixes this window');
  });

  it('when the received date is before the notice date, then BAD_DATE is thrown', () => {
    expect(
      errorCodeOf(() =>
        computeFilingDeadline({
          plan: 'medicare_ab',
          level: 'redetermination',
          noticeDate: '2026-03-02',
          receivedDate: '2026-03-01',
        }),
      ),
    ).to.equal('BAD_DATE');
  });
});

describe('deadlines: filing — Medicare Advantage (Part C)', () => {
  it(
    'MA reconsideration, notice 2026-03-02 (current rule): 60 days from presumed receipt 2026-03-07 → ' +
      '2026-05-06 (42 CFR 422.582(b))',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        noticeDate: '2026-03-02',
      });
      expect(deadline.dueDate).to.equal('2026-05-06');
      expect(deadline.countedFrom).to.equal('presumed_receipt');
      expect(deadline.citation).to.equal('42 CFR 422.582(b)');
      expect(deadline.basis).to.match(
        /^60 days from presumed receipt \(notice 2026-03-02 \+ 5 days = 2026-03-07\) → 2026-05-06; /,
      );
      expect(deadline.basis).to.contain('the rule for notices dated from 2025-01-01');
      expect(deadline.ruleEffectiveFrom).to.equal('2025-01-01');
    },
  );

  it(
    'MA reconsideration, notice 2026-03-02 received 2026-03-20: the received date rebuts the presumption, ' +
      '60 days → 2026-05-19',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        noticeDate: '2026-03-02',
        receivedDate: '2026-03-20',
      });
      expect(deadline.dueDate).to.equal('2026-05-19');
      expect(deadline.countedFrom).to.equal('receipt');
    },
  );

  it(
    'MA reconsideration, notice 2026-04-30: 60 days from 2026-05-05 → Saturday 2026-07-04, not rolled; ' +
      'last business day Thu 2026-07-02',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        noticeDate: '2026-04-30',
      });
      expect(deadline.dueDate).to.equal('2026-07-04');
      expect(deadline.rolledOver).to.equal(undefined);
      expect(deadline.lastBusinessDay).to.equal('Thu 2026-07-02');
      expect(deadline.lastBusinessDate).to.equal('2026-07-02');
      expect(deadline.basis).to.contain('last business day before it Thu 2026-07-02');
    },
  );

  it(
    'MA reconsideration, notice 2024-11-20 (old rule): 60 days from the notice date → Sunday 2025-01-19, ' +
      'last business day Fri 2025-01-17',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        noticeDate: '2024-11-20',
      });
      expect(deadline.dueDate).to.equal('2025-01-19');
      expect(deadline.countedFrom).to.equal('notice');
      expect(deadline.lastBusinessDay).to.equal('Fri 2025-01-17');
      expect(deadline.basis).to.match(/^60 days from the notice date \(2024-11-20\) → 2025-01-19; /);
      expect(deadline.basis).to.contain('the rule for notices dated 2009-01-12 to 2024-12-31');
      expect(deadline.citation).to.equal('42 CFR 422.582(b) (text before 2025-01-01)');
      expect(deadline.ruleEffectiveFrom).to.equal('2009-01-12');
      expect(deadline.ruleSource).to.equal('74 FR 1542 (2009-01-12)');
    },
  );

  it(
    'MA reconsideration, notice 2024-11-01 (old rule) received 2024-11-10: the receipt does not move it, ' +
      '60 days from the notice → 2024-12-31',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        noticeDate: '2024-11-01',
        receivedDate: '2024-11-10',
      });
      expect(deadline.dueDate).to.equal('2024-12-31');
      expect(deadline.basis).to.contain('the received date does not move this window');
    },
  );

  it(
    'MA reconsideration either side of 2025-01-01: notice 2024-12-31 → Saturday 2025-03-01 (old rule), ' +
      'notice 2025-01-01 → 2025-03-07 (current rule)',
    () => {
      const old = computeFilingDeadline({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        noticeDate: '2024-12-31',
      });
      expect(old.dueDate).to.equal('2025-03-01');
      expect(old.lastBusinessDay).to.equal('Fri 2025-02-28');
      expect(
        computeFilingDeadline({ plan: 'medicare_advantage', level: 'reconsideration', noticeDate: '2025-01-01' })
          .dueDate,
      ).to.equal('2025-03-07');
    },
  );

  it('when the level is the independent review entity, then there is nothing to file: NOT_FILEABLE', () => {
    expect(
      errorCodeOf(() =>
        computeFilingDeadline({ plan: 'medicare_advantage', level: 'independent_review', noticeDate: '2026-03-02' }),
      ),
    ).to.equal('NOT_FILEABLE');
  });

  it('when the ALJ request window ends on Columbus Day 2026, then it rolls over as in Original Medicare', () => {
    const deadline = computeFilingDeadline({
      plan: 'medicare_advantage',
      level: 'alj_hearing',
      noticeDate: '2026-08-08',
    });
    expect(deadline.dueDate).to.equal('2026-10-13');
    expect(deadline.citation).to.contain('42 CFR 422.602');
    expect(deadline.lastBusinessDay).to.equal(undefined);
  });

  it(
    'when the Council and court windows run from notices dated 2026-03-02, then ' +
      'each ends 60 days after presumed receipt, 2026-05-06',
    () => {
      expect(
        computeFilingDeadline({ plan: 'medicare_advantage', level: 'council_review', noticeDate: '2026-03-02' })
          .dueDate,
      ).to.equal('2026-05-06');
      expect(
        computeFilingDeadline({ plan: 'medicare_advantage', level: 'judicial_review', noticeDate: '2026-03-02' })
          .dueDate,
      ).to.equal('2026-05-06');
    },
  );
});

describe('deadlines: filing — Medicare Part D', () => {
  it(
    'Part D redetermination, coverage determination 2026-03-02: 60 days from presumed receipt 2026-03-07 → ' +
      '2026-05-06 (42 CFR 423.582(b))',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_part_d',
        level: 'redetermination',
        noticeDate: '2026-03-02',
      });
      expect(deadline.dueDate).to.equal('2026-05-06');
      expect(deadline.countedFrom).to.equal('presumed_receipt');
      expect(deadline.citation).to.equal('42 CFR 423.582(b)');
    },
  );

  it(
    'Part D redetermination, notice 2026-03-02 received 2026-03-04: 60 days → Sunday 2026-05-03, not rolled; ' +
      'last business day Fri 2026-05-01',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_part_d',
        level: 'redetermination',
        noticeDate: '2026-03-02',
        receivedDate: '2026-03-04',
      });
      expect(deadline.dueDate).to.equal('2026-05-03');
      expect(deadline.rolledOver).to.equal(undefined);
      expect(deadline.lastBusinessDay).to.equal('Fri 2026-05-01');
    },
  );

  it('Part D redetermination, notice 2024-06-03 (old rule): 60 days from the notice date → 2024-08-02', () => {
    const deadline = computeFilingDeadline({
      plan: 'medicare_part_d',
      level: 'redetermination',
      noticeDate: '2024-06-03',
    });
    expect(deadline.dueDate).to.equal('2024-08-02');
    expect(deadline.countedFrom).to.equal('notice');
    expect(deadline.ruleSource).to.equal('74 FR 1547 (2009-01-12)');
  });

  it(
    'Part D IRE reconsideration, redetermination notice 2026-03-02, receipt unknown: 60 days from presumed ' +
      'receipt 2026-03-07 → 2026-05-06 (42 CFR 423.600(a); CMS: 65 days from the notice)',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_part_d',
        level: 'reconsideration',
        noticeDate: '2026-03-02',
      });
      expect(deadline.dueDate).to.equal('2026-05-06');
      expect(deadline.countedFrom).to.equal('presumed_receipt');
      expect(deadline.citation).to.equal('42 CFR 423.600(a)');
    },
  );

  it(
    'Part D IRE reconsideration, notice 2026-03-02 received 2026-03-10: 60 days → Saturday 2026-05-09, ' +
      'last business day Fri 2026-05-08',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_part_d',
        level: 'reconsideration',
        noticeDate: '2026-03-02',
        receivedDate: '2026-03-10',
      });
      expect(deadline.dueDate).to.equal('2026-05-09');
      expect(deadline.lastBusinessDay).to.equal('Fri 2026-05-08');
    },
  );

  it(
    'Part D IRE reconsideration, notice 2024-03-01 (old rule): 60 days "of the date of the redetermination" ' +
      '→ 2024-04-30, receipt not counted',
    () => {
      const deadline = computeFilingDeadline({
        plan: 'medicare_part_d',
        level: 'reconsideration',
        noticeDate: '2024-03-01',
        receivedDate: '2024-03-08',
      });
      expect(deadline.dueDate).to.equal('2024-04-30');
      expect(deadline.countedFrom).to.equal('notice');
      expect(deadline.citation).to.equal('42 CFR 423.600(a) (text before 2025-01-01)');
    },
  );

  it(
    'when the ALJ, Council and court windows run from 2026-08-08 notices, then ' +
      'each ends Columbus Day and rolls to 2026-10-13',
    () => {
      for (const level of ['alj_hearing', 'council_review', 'judicial_review'] as const) {
        expect(
          computeFilingDeadline({ plan: 'medicare_part_d', level, noticeDate: '2026-08-08' }).dueDate,
          level,
        ).to.equal('2026-10-13');
      }
    },
  );
});
