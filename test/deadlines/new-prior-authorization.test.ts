import { expect } from 'chai';
import { computePriorAuthorizationDue } from '../../server/deadlines/prior-authorization.js';
import { errorCodeOf } from './support.js';

const NEW_YORK = 'America/New_York';

describe('deadlines: prior-authorization decision clocks', () => {
  it('Medicare Advantage, standard request received Mon 2026-03-02: answer owed by the end of Mon 2026-03-09', () => {
    const d = computePriorAuthorizationDue({
      payer: 'medicare_advantage',
      requestedAt: '2026-03-02T15:00:00Z',
      timeZone: NEW_YORK,
    });
    expect(d.dueDate).to.equal('2026-03-09');
    expect(d.dueTime).to.equal('23:59');
    expect(d.effectiveFrom).to.equal('2026-01-01');
    expect(d.citation).to.contain('CMS-0057-F');
    expect(d.extendedUntil?.dueDate).to.equal('2026-03-23');
  });

  it('Medicare Advantage, standard request received 2025-12-15, before 2026: 14 days, owed by 2025-12-29', () => {
    const d = computePriorAuthorizationDue({
      payer: 'medicare_advantage',
      requestedAt: '2025-12-15',
      timeZone: NEW_YORK,
    });
    expect(d.dueDate).to.equal('2025-12-29');
    expect(d.citation).to.equal('42 CFR 422.568(b)(1)');
  });

  it(
    'Medicare Advantage, expedited request Mon 2026-03-02 10:00 ET: answer ' +
      'owed 72 hours later, Thu 2026-03-05 10:00 ET',
    () => {
      const d = computePriorAuthorizationDue({
        payer: 'medicare_advantage',
        requestedAt: '2026-03-02T10:00:00-05:00',
        expedited: true,
        timeZone: NEW_YORK,
      });
      expect(d.dueAt).to.equal('2026-03-05T15:00:00.000Z');
      expect(d.words).to.equal('by 10:00, clinic time, Thu 2026-03-05');
      expect(d.citation).to.equal('42 CFR 422.572(a), (b)');
    },
  );

  it('expedited request Fri 2026-03-06 10:00 ET across the DST change: 72 hours is Mon 2026-03-09 11:00 EDT', () => {
    const d = computePriorAuthorizationDue({
      payer: 'medicaid_managed_care',
      requestedAt: '2026-03-06T10:00:00-05:00',
      expedited: true,
      timeZone: NEW_YORK,
    });
    expect(d.dueAt).to.equal('2026-03-09T15:00:00.000Z');
    expect(d.dueTime).to.equal('11:00');
  });

  it('Medicare Advantage Part B drug, standard request 2026-03-02 09:00 ET: 72 hours, Thu 2026-03-05 09:00 ET', () => {
    const d = computePriorAuthorizationDue({
      payer: 'medicare_advantage',
      requestedAt: '2026-03-02T09:00:00-05:00',
      partBDrug: true,
      timeZone: NEW_YORK,
    });
    expect(d.dueAt).to.equal('2026-03-05T14:00:00.000Z');
    expect(d.extendedUntil).to.equal(undefined);
  });

  it(
    'Medicaid managed care, request 2026-03-02, calendar-year rating ' +
      'period: 7 days, owed by 2026-03-09, assumption noted',
    () => {
      const d = computePriorAuthorizationDue({
        payer: 'medicaid_managed_care',
        requestedAt: '2026-03-02',
        timeZone: NEW_YORK,
      });
      expect(d.dueDate).to.equal('2026-03-09');
      expect(d.notes.join(' ')).to.contain('calendar year');
    },
  );

  it(
    'Medicaid managed care, request 2026-03-02 in a rating period that ' +
      'began 2025-07-01: still 14 days, 2026-03-16',
    () => {
      const d = computePriorAuthorizationDue({
        payer: 'medicaid_managed_care',
        requestedAt: '2026-03-02',
        ratingPeriodStart: '2025-07-01',
        timeZone: NEW_YORK,
      });
      expect(d.dueDate).to.equal('2026-03-16');
      expect(d.citation).to.equal('42 CFR 438.210(d)(1)');
    },
  );

  it('CHIP managed care, request 2026-03-02: 7 days under 457.1230(d), owed by 2026-03-09', () => {
    const d = computePriorAuthorizationDue({
      payer: 'chip_managed_care',
      requestedAt: '2026-03-02',
      timeZone: NEW_YORK,
    });
    expect(d.dueDate).to.equal('2026-03-09');
    expect(d.citation).to.contain('457.1230(d)');
  });

  it('Medicaid fee-for-service, request 2026-03-02: 7 days under 440.230(e); a 2025 request has no rule here', () => {
    expect(
      computePriorAuthorizationDue({ payer: 'medicaid_fee_for_service', requestedAt: '2026-03-02', timeZone: NEW_YORK })
        .dueDate,
    ).to.equal('2026-03-09');
    expect(
      errorCodeOf(() =>
        computePriorAuthorizationDue({
          payer: 'medicaid_fee_for_service',
          requestedAt: '2025-11-02',
          timeZone: NEW_YORK,
        }),
      ),
    ).to.equal('BAD_DATE');
  });

  it(
    'marketplace plan, pre-service request 2026-03-02: not a CMS-0057-F ' +
      'clock, 15 days under the claims rule, 2026-03-17',
    () => {
      const d = computePriorAuthorizationDue({
        payer: 'marketplace_qhp',
        requestedAt: '2026-03-02',
        timeZone: NEW_YORK,
      });
      expect(d.dueDate).to.equal('2026-03-17');
      expect(d.citation).to.contain('2560.503-1(f)(2)(iii)(A)');
    },
  );

  it('an expedited request given only as a date starts at 00:00 clinic time, and says so', () => {
    const d = computePriorAuthorizationDue({
      payer: 'medicare_advantage',
      requestedAt: '2026-03-02',
      expedited: true,
      timeZone: NEW_YORK,
    });
    expect(d.dueAt).to.equal('2026-03-05T05:00:00.000Z');
    expect(d.notes.join(' ')).to.contain('00:00 clinic time');
  });

  it('an unknown payer is refused', () => {
    expect(
      errorCodeOf(() =>
        computePriorAuthorizationDue({
          payer: 'tricare' as 'medicare_advantage',
          requestedAt: '2026-03-02',
          timeZone: NEW_YORK,
        }),
      ),
    ).to.equal('UNKNOWN_PLAN');
  });
});
