import { expect } from 'chai';
import {
  computeDecisionDue,
  computeDecisionTimeframe,
  describeDecisionTimeframes,
} from '../../server/deadlines/index.js';
import { errorCodeOf } from './support.js';

describe('deadlines: decision timeframes the regulations set, or do not', () => {
  it(
    'MA ALJ hearing and Council review, requests received 2026-03-02: no regulatory decision deadline ' +
      '(42 CFR 422.562(d)(2)), so no date and never overdue',
    () => {
      for (const level of ['alj_hearing', 'council_review'] as const) {
        const result = computeDecisionTimeframe({ plan: 'medicare_advantage', level, submittedAt: '2026-03-02' });
        expect(result.kind, level).to.equal('no_regulatory_deadline');
        expect(result.basis, level).to.match(/^no regulatory decision deadline: /);
        expect(result.basis, level).to.contain('422.562(d)(2)');
        expect(result, level).to.not.have.property('dueDate');
        expect(computeDecisionDue({ plan: 'medicare_advantage', level, submittedAt: '2026-03-02' }), level).to.equal(
          null,
        );
      }
      expect(describeDecisionTimeframes({ plan: 'medicare_advantage', level: 'alj_hearing' })).to.match(
        /^no regulatory decision deadline: /,
      );
    },
  );

  it('Original Medicare ALJ hearing, request received 2026-03-02: 90 days → 2026-05-31 (42 CFR 405.1016)', () => {
    const result = computeDecisionTimeframe({ plan: 'medicare_ab', level: 'alj_hearing', submittedAt: '2026-03-02' });
    expect(result.kind).to.equal('due');
    if (result.kind === 'due') expect(result.dueDate).to.equal('2026-05-31');
  });

  it('federal court: no regulatory decision deadline; MA independent review entity: not computed', () => {
    expect(
      computeDecisionTimeframe({ plan: 'medicare_ab', level: 'judicial_review', submittedAt: '2026-03-02' }).kind,
    ).to.equal('no_regulatory_deadline');
    expect(
      computeDecisionTimeframe({ plan: 'medicare_advantage', level: 'independent_review', submittedAt: '2026-03-02' })
        .kind,
    ).to.equal('not_computed');
  });

  it(
    'Part D IRE reconsideration received 2026-03-02: standard 7 days → 2026-03-09, payment 14 days → 2026-03-16 ' +
      '(42 CFR 423.600(d), 423.590)',
    () => {
      const standard = computeDecisionDue({
        plan: 'medicare_part_d',
        level: 'reconsideration',
        submittedAt: '2026-03-02',
      });
      expect(standard?.dueDate).to.equal('2026-03-09');
      expect(standard?.citation).to.equal('42 CFR 423.600(d); 42 CFR 423.590');
      expect(
        computeDecisionDue({
          plan: 'medicare_part_d',
          level: 'reconsideration',
          submittedAt: '2026-03-02',
          decisionKind: 'payment',
        })?.dueDate,
      ).to.equal('2026-03-16');
    },
  );

  it('Part D IRE reconsideration expedited, received 2026-03-02T15:00Z: 72 hours → 2026-03-05T15:00Z', () => {
    const due = computeDecisionDue({
      plan: 'medicare_part_d',
      level: 'reconsideration',
      submittedAt: '2026-03-02T15:00:00Z',
      expedited: true,
    });
    expect(due?.dueAt).to.equal('2026-03-05T15:00:00.000Z');
  });

  it(
    'Part D ALJ and Council, expedited requests received 2026-03-02: 10 days → 2026-03-12 (42 CFR 423.2016(b), ' +
      '423.2116); standard 90 days → 2026-05-31',
    () => {
      for (const level of ['alj_hearing', 'council_review'] as const) {
        const expedited = computeDecisionDue({
          plan: 'medicare_part_d',
          level,
          submittedAt: '2026-03-02',
          expedited: true,
        });
        expect(expedited?.dueDate, level).to.equal('2026-03-12');
        expect(expedited?.dueAt, level).to.equal(undefined);
        expect(
          computeDecisionDue({ plan: 'medicare_part_d', level, submittedAt: '2026-03-02' })?.dueDate,
          level,
        ).to.equal('2026-05-31');
      }
      expect(
        computeDecisionDue({
          plan: 'medicare_part_d',
          level: 'council_review',
          submittedAt: '2026-03-02',
          expedited: true,
        })?.citation,
      ).to.equal('42 CFR 423.2100(c); 42 CFR 423.2116');
    },
  );

  it(
    'MA pre-service reconsideration received 2026-03-02, extended by 14 days with notice: 2026-04-01 → ' +
      '2026-04-15 (42 CFR 422.590(f)); expedited 72 hours may be extended too',
    () => {
      const due = computeDecisionDue({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        submittedAt: '2026-03-02',
        extensionDays: 14,
      });
      expect(due?.dueDate).to.equal('2026-04-15');
      expect(due?.basis).to.contain('extended by 14 days with written notice (42 CFR 422.590(f))');
      const expedited = computeDecisionDue({
        plan: 'medicare_advantage',
        level: 'reconsideration',
        submittedAt: '2026-03-02T15:00:00Z',
        expedited: true,
        extensionDays: 14,
      });
      expect(expedited?.dueAt).to.equal('2026-03-19T15:00:00.000Z');
    },
  );

  it('MA payment and Part B drug reconsiderations received 2026-03-02 may not be extended: NO_EXTENSION', () => {
    for (const decisionKind of ['payment', 'post_service', 'part_b_drug'] as const) {
      expect(
        errorCodeOf(() =>
          computeDecisionDue({
            plan: 'medicare_advantage',
            level: 'reconsideration',
            submittedAt: '2026-03-02',
            decisionKind,
            extensionDays: 7,
          }),
        ),
        decisionKind,
      ).to.equal('NO_EXTENSION');
    }
  });

  it('Original Medicare expedited decisions at every level are refused: NO_EXPEDITED', () => {
    for (const level of ['redetermination', 'reconsideration', 'alj_hearing', 'council_review'] as const) {
      expect(
        errorCodeOf(() =>
          computeDecisionTimeframe({ plan: 'medicare_ab', level, submittedAt: '2026-03-02', expedited: true }),
        ),
        level,
      ).to.equal('NO_EXPEDITED');
    }
  });
});
