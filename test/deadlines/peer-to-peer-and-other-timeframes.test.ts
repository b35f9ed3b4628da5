import { expect } from 'chai';
import {
  computeContinuationOfBenefitsDeadline,
  computeInitialDecisionDue,
  computePeerToPeerWindow,
} from '../../server/deadlines/index.js';
import { errorCodeOf } from './support.js';

describe('deadlines: peer-to-peer windows', () => {
  it(
    'when the payer allows 7 business days from Friday 2026-11-20, then Thanksgiving ' +
      'is skipped and the P2P window ends Wednesday 2026-12-02',
    () => {
      const window = computePeerToPeerWindow({
        from: '2026-11-20',
        window: { days: 7, unit: 'business', countFrom: 'notice', label: 'Acme P2P policy' },
      });
      expect(window.dueDate).to.equal('2026-12-02');
      expect(window.citation).to.equal('Acme P2P policy');
      expect(window.countedFrom).to.equal('notice');
    },
  );

  it('when the payer allows 14 calendar days from 2026-03-02, then the window ends Monday 2026-03-16', () => {
    const window = computePeerToPeerWindow({
      from: '2026-03-02',
      window: { days: 14, unit: 'calendar', countFrom: 'receipt' },
    });
    expect(window.dueDate).to.equal('2026-03-16');
    expect(window.rolledOver).to.equal(undefined);
    expect(window.countedFrom).to.equal('receipt');
  });

  it(
    'when a 12-calendar-day window ends Saturday 2026-03-14, then it moves back ' +
      'to Friday 2026-03-13, the last day the payer answers',
    () => {
      const window = computePeerToPeerWindow({
        from: '2026-03-02',
        window: { days: 12, unit: 'calendar', countFrom: 'notice' },
      });
      expect(window.dueDate).to.equal('2026-03-13');
      expect(window.rolledOver).to.deep.equal({ from: '2026-03-14', reason: 'Saturday' });
    },
  );

  it(
    'when a 10-calendar-day window ends on Columbus Day 2026-10-12, then it moves ' +
      'back over the weekend to Friday 2026-10-09',
    () => {
      expect(
        computePeerToPeerWindow({ from: '2026-10-02', window: { days: 10, unit: 'calendar', countFrom: 'notice' } })
          .dueDate,
      ).to.equal('2026-10-09');
    },
  );

  it('when the window or the date is bad, then BAD_WINDOW or BAD_DATE is thrown', () => {
    expect(
      errorCodeOf(() =>
        computePeerToPeerWindow({ from: '2026-03-02', window: { days: 0, unit: 'business', countFrom: 'notice' } }),
      ),
    ).to.equal('BAD_WINDOW');
    expect(
      errorCodeOf(() =>
        computePeerToPeerWindow({ from: '2026-02-30', window: { days: 5, unit: 'business', countFrom: 'notice' } }),
      ),
    ).to.equal('BAD_DATE');
  });
});

describe('deadlines: initial decisions and continuation of benefits', () => {
  it(
    'when an MA prior authorization was requested 2026-03-02, then the standard ' +
      'decision is due in 7 days: 2026-03-09',
    () => {
      expect(computeInitialDecisionDue({ plan: 'medicare_advantage', submittedAt: '2026-03-02' })?.dueDate).to.equal(
        '2026-03-09',
      );
    },
  );

  it(
    'when an MA prior authorization was requested 2025-12-15 (before CMS-0057-F ' +
      'took effect), then 14 days apply: 2025-12-29',
    () => {
      expect(computeInitialDecisionDue({ plan: 'medicare_advantage', submittedAt: '2025-12-15' })?.dueDate).to.equal(
        '2025-12-29',
      );
    },
  );

  it('when an expedited MA prior authorization was requested 2026-03-02T15:00Z, then it is due 72 hours later', () => {
    expect(
      computeInitialDecisionDue({ plan: 'medicare_advantage', submittedAt: '2026-03-02T15:00:00Z', expedited: true })
        ?.dueAt,
    ).to.equal('2026-03-05T15:00:00.000Z');
  });

  it(
    'when an ERISA claim was filed 2026-03-02, then a pre-service decision is ' +
      'due 2026-03-17 and a post-service one 2026-04-01',
    () => {
      expect(computeInitialDecisionDue({ plan: 'erisa_group', submittedAt: '2026-03-02' })?.dueDate).to.equal(
        '2026-03-17',
      );
      expect(
        computeInitialDecisionDue({ plan: 'erisa_group', submittedAt: '2026-03-02', decisionKind: 'post_service' })
          ?.dueDate,
      ).to.equal('2026-04-01');
    },
  );

  it('when the plan type has no initial-decision rule in the reference (Original Medicare), then null', () => {
    expect(computeInitialDecisionDue({ plan: 'medicare_ab', submittedAt: '2026-03-02' })).to.equal(null);
  });

  it(
    'when a Medicaid notice is dated 2026-03-02 with no effective date, then ' +
      'benefits continue if the appeal is filed by 2026-03-12',
    () => {
      expect(computeContinuationOfBenefitsDeadline({ noticeDate: '2026-03-02' }).dueDate).to.equal('2026-03-12');
    },
  );

  it(
    'when the intended effective date 2026-03-20 is later than 10 days after ' + 'the notice, then it is the deadline',
    () => {
      expect(
        computeContinuationOfBenefitsDeadline({ noticeDate: '2026-03-02', intendedEffectiveDate: '2026-03-20' })
          .dueDate,
      ).to.equal('2026-03-20');
    },
  );

  it(
    'when the intended effective date 2026-03-05 is earlier, then 10 days after ' +
      'the notice (2026-03-12) is the deadline',
    () => {
      expect(
        computeContinuationOfBenefitsDeadline({ noticeDate: '2026-03-02', intendedEffectiveDate: '2026-03-05' })
          .dueDate,
      ).to.equal('2026-03-12');
    },
  );
});
