import { expect } from 'chai';
import {
  APPEAL_RULES,
  appealLevels,
  findAppealRule,
  isAutomaticLevel,
  nextAppealLevel,
  PLAN_TYPES,
} from '../../server/deadlines/index.js';
import { errorCodeOf } from './support.js';
import type { AppealLevel, PlanType } from '../../server/deadlines/index.js';

describe('deadlines: appeal levels', () => {
  it('when each plan type is asked for its levels, then they come in the order of the reference table', () => {
    expect(appealLevels('medicare_ab')).to.deep.equal([
      'redetermination',
      'reconsideration',
      'alj_hearing',
      'council_review',
      'judicial_review',
    ]);
    expect(appealLevels('medicare_advantage')).to.deep.equal([
      'reconsideration',
      'independent_review',
      'alj_hearing',
      'council_review',
      'judicial_review',
    ]);
    expect(appealLevels('medicare_part_d')).to.deep.equal([
      'redetermination',
      'reconsideration',
      'alj_hearing',
      'council_review',
      'judicial_review',
    ]);
    expect(appealLevels('medicaid_managed_care')).to.deep.equal(['plan_appeal', 'state_fair_hearing']);
    expect(appealLevels('erisa_group')).to.deep.equal(['internal_appeal', 'external_review']);
    expect(appealLevels('aca_individual')).to.deep.equal(['internal_appeal', 'external_review']);
    expect(appealLevels('other')).to.deep.equal(['payer_appeal']);
  });

  it('when the caller changes the returned list, then the table is not changed', () => {
    appealLevels('erisa_group').pop();
    expect(appealLevels('erisa_group')).to.have.length(2);
  });

  it(
    'when an MA reconsideration is adverse, then the next level is the automatic ' +
      'independent review, then the ALJ hearing',
    () => {
      expect(nextAppealLevel('medicare_advantage', 'reconsideration')).to.equal('independent_review');
      expect(nextAppealLevel('medicare_advantage', 'independent_review')).to.equal('alj_hearing');
      expect(nextAppealLevel('medicare_advantage', 'alj_hearing')).to.equal('council_review');
    },
  );

  it('when the level is the last one, then there is no next level', () => {
    expect(nextAppealLevel('medicare_ab', 'judicial_review')).to.equal(null);
    expect(nextAppealLevel('medicaid_managed_care', 'state_fair_hearing')).to.equal(null);
    expect(nextAppealLevel('other', 'payer_appeal')).to.equal(null);
  });

  it('when an individual-market plan has its one internal appeal, then the next level is external review', () => {
    expect(nextAppealLevel('aca_individual', 'internal_appeal')).to.equal('external_review');
  });

  it('when the level is MA independent review, then it is automatic; no other level is', () => {
    expect(isAutomaticLevel('medicare_advantage', 'independent_review')).to.equal(true);
    expect(isAutomaticLevel('medicare_advantage', 'reconsideration')).to.equal(false);
    expect(isAutomaticLevel('medicare_part_d', 'reconsideration')).to.equal(false);
  });

  it('when the plan type or level is unknown, then UNKNOWN_PLAN or UNKNOWN_LEVEL is thrown', () => {
    expect(errorCodeOf(() => appealLevels('tricare' as PlanType))).to.equal('UNKNOWN_PLAN');
    expect(errorCodeOf(() => nextAppealLevel('medicare_ab', 'plan_appeal'))).to.equal('UNKNOWN_LEVEL');
    expect(errorCodeOf(() => nextAppealLevel('medicare_ab', 'appeal' as AppealLevel))).to.equal('UNKNOWN_LEVEL');
    expect(errorCodeOf(() => isAutomaticLevel('erisa_group', 'independent_review'))).to.equal('UNKNOWN_LEVEL');
  });
});

describe('deadlines: the rule table', () => {
  it(
    'when every plan type and level is looked up, then each has a rule row with ' +
      'a citation and a stated rollover reason',
    () => {
      for (const plan of PLAN_TYPES) {
        for (const level of appealLevels(plan)) {
          const rule = findAppealRule(plan, level);
          if (rule.filing !== null) {
            expect(rule.filing.citation, `${plan} ${level}`).to.not.equal('');
            expect(rule.filing.rolloverWhy, `${plan} ${level}`).to.not.equal('');
          } else {
            expect(rule.automatic, `${plan} ${level}`).to.equal(true);
          }
          expect(rule.decision !== null || rule.decisionNote !== undefined, `${plan} ${level}`).to.equal(true);
          if (rule.decision !== null)
            expect(rule.decision.days[rule.decision.defaultKind], `${plan} ${level} default kind`).to.be.a('number');
        }
      }
    },
  );

  it('when the rows are listed, then every Original Medicare level rolls over and plan-level filings do not', () => {
    const rollover = (plan: PlanType, level: AppealLevel) => findAppealRule(plan, level).filing?.rollover;
    for (const level of appealLevels('medicare_ab'))
      expect(rollover('medicare_ab', level), level).to.equal('next_working_day');
    expect(rollover('erisa_group', 'external_review')).to.equal('next_working_day');
    expect(rollover('medicare_advantage', 'alj_hearing')).to.equal('next_working_day');
    expect(rollover('medicare_advantage', 'reconsideration')).to.equal('none');
    expect(rollover('medicare_part_d', 'redetermination')).to.equal('none');
    expect(rollover('medicaid_managed_care', 'plan_appeal')).to.equal('none');
    expect(rollover('erisa_group', 'internal_appeal')).to.equal('none');
  });

  it(
    'when the MA reconsideration rule is looked up by notice date, then 2024 notices get 60 days from ' +
      'the notice date, and 2025 notices 60 days from receipt, presumed 5 days after the notice',
    () => {
      const before = findAppealRule('medicare_advantage', 'reconsideration', '2024-12-31').filing;
      expect(before).to.include({ windowDays: 60, countFrom: 'notice' });
      expect(before?.presumedReceiptDays).to.equal(undefined);
      const after = findAppealRule('medicare_advantage', 'reconsideration', '2025-01-01').filing;
      expect(after).to.include({ windowDays: 60, countFrom: 'receipt', presumedReceiptDays: 5 });
    },
  );

  it('when the table is exported, then it is frozen', () => {
    expect(Object.isFrozen(APPEAL_RULES)).to.equal(true);
  });
});
