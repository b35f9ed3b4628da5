import { expect } from 'chai';
import { computeFastTrackDeadline } from '../../server/deadlines/fast-track.js';
import { errorCodeOf } from './support.js';

const NEW_YORK = 'America/New_York';

describe('deadlines: QIO fast-track appeals (services ending)', () => {
  it('NOMNC received Mon 2026-11-30 14:00 ET: request by noon Tue 2026-12-01, 17:00 UTC', () => {
    const d = computeFastTrackDeadline({
      plan: 'medicare_ab',
      kind: 'services_ending',
      noticeReceived: '2026-11-30T14:00:00-05:00',
      timeZone: NEW_YORK,
    });
    expect(d.dueDate).to.equal('2026-12-01');
    expect(d.dueTime).to.equal('12:00');
    expect(d.timeZone).to.equal(NEW_YORK);
    expect(d.dueAt).to.equal('2026-12-01T17:00:00.000Z');
    expect(d.words).to.equal('by noon, clinic time, Tue 2026-12-01');
    expect(d.citation).to.equal('42 CFR 405.1202(b)(1)');
    expect(d.effectiveFrom).to.equal('2005-07-01');
    expect(d.ruleText).to.contain('noon of the calendar day following receipt');
    expect(d.ifMissed).to.contain('405.1202(b)(4)');
  });

  it(
    'NOMNC received Sat 2026-07-04 23:30 PT (Sun 02:30 ET): noon is read ' + 'on the clinic calendar, Sun 2026-07-05',
    () => {
      const d = computeFastTrackDeadline({
        plan: 'medicare_ab',
        kind: 'services_ending',
        noticeReceived: '2026-07-05T06:30:00Z',
        timeZone: 'America/Los_Angeles',
      });
      expect(d.dueDate).to.equal('2026-07-05');
      expect(d.dueAt).to.equal('2026-07-05T19:00:00.000Z');
    },
  );

  it('a weekend does not move the noon deadline: received Fri 2026-12-04, due noon Sat 2026-12-05', () => {
    const d = computeFastTrackDeadline({
      plan: 'medicare_ab',
      kind: 'services_ending',
      noticeReceived: '2026-12-04',
      timeZone: NEW_YORK,
    });
    expect(d.words).to.equal('by noon, clinic time, Sat 2026-12-05');
  });

  it('QIO asked Tue 2026-12-01 09:30 ET: its decision is due 72 hours later, Fri 2026-12-04 09:30 ET', () => {
    const d = computeFastTrackDeadline({
      plan: 'medicare_ab',
      kind: 'services_ending',
      noticeReceived: '2026-11-30',
      timeZone: NEW_YORK,
      qioRequestedAt: '2026-12-01T09:30:00-05:00',
    });
    expect(d.qioDecisionDue?.dueAt).to.equal('2026-12-04T14:30:00.000Z');
    expect(d.qioDecisionDue?.words).to.equal('by 09:30, clinic time, Fri 2026-12-04');
  });

  it(
    'NOMNC received 2026-11-30 for services ending 2026-12-01: less than 2 ' +
      'days, the provider pays until 2026-12-02',
    () => {
      const d = computeFastTrackDeadline({
        plan: 'medicare_ab',
        kind: 'services_ending',
        noticeReceived: '2026-11-30',
        serviceEnd: '2026-12-01',
        timeZone: NEW_YORK,
      });
      expect(d.notes.join(' ')).to.contain('the provider pays for services until 2026-12-02');
    },
  );

  it('NOMNC received 2026-11-27 for services ending 2026-12-01: 4 days ahead, no late-notice note', () => {
    const d = computeFastTrackDeadline({
      plan: 'medicare_ab',
      kind: 'services_ending',
      noticeReceived: '2026-11-27',
      serviceEnd: '2026-12-01',
      timeZone: NEW_YORK,
    });
    expect(d.notes.join(' ')).not.to.contain('provider pays');
  });

  it('Medicare Advantage, NOMNC received Mon 2026-11-30 14:00 ET: request by noon Tue 2026-12-01 (422.626)', () => {
    const d = computeFastTrackDeadline({
      plan: 'medicare_advantage',
      kind: 'services_ending',
      noticeReceived: '2026-11-30T14:00:00-05:00',
      timeZone: NEW_YORK,
    });
    expect(d.words).to.equal('by noon, clinic time, Tue 2026-12-01');
    expect(d.citation).to.equal('42 CFR 422.626(a)');
    expect(d.effectiveFrom).to.equal('2025-01-01');
    expect(d.ifMissed).to.contain('still goes to the QIO');
  });

  it(
    'Medicare Advantage, NOMNC received 2024-06-10: the pre-2025 rule ' + 'sends a late request to the plan (422.584)',
    () => {
      const d = computeFastTrackDeadline({
        plan: 'medicare_advantage',
        kind: 'services_ending',
        noticeReceived: '2024-06-10',
        timeZone: NEW_YORK,
      });
      expect(d.dueDate).to.equal('2024-06-11');
      expect(d.citation).to.equal('42 CFR 422.626(a)(1)');
      expect(d.ifMissed).to.contain('422.584');
    },
  );

  it('a notice received 2003-05-01, before any fast-track rule, is refused', () => {
    expect(
      errorCodeOf(() =>
        computeFastTrackDeadline({
          plan: 'medicare_ab',
          kind: 'services_ending',
          noticeReceived: '2003-05-01',
          timeZone: NEW_YORK,
        }),
      ),
    ).to.equal('BAD_DATE');
  });

  it('a services-ending deadline without the notice receipt, or in a made-up zone, is refused', () => {
    expect(
      errorCodeOf(() => computeFastTrackDeadline({ plan: 'medicare_ab', kind: 'services_ending', timeZone: NEW_YORK })),
    ).to.equal('BAD_DATE');
    expect(
      errorCodeOf(() =>
        computeFastTrackDeadline({
          plan: 'medicare_ab',
          kind: 'services_ending',
          noticeReceived: '2026-11-30',
          timeZone: 'Mars/Olympus',
        }),
      ),
    ).to.equal('BAD_TIME_ZONE');
  });

  it('a plan with no QIO fast track (ERISA) is refused with UNKNOWN_PLAN', () => {
    expect(
      errorCodeOf(() =>
        computeFastTrackDeadline({
          plan: 'erisa_group' as 'medicare_ab',
          kind: 'services_ending',
          noticeReceived: '2026-11-30',
          timeZone: NEW_YORK,
        }),
      ),
    ).to.equal('UNKNOWN_PLAN');
  });
});

describe('deadlines: QIO fast-track appeals (hospital discharge)', () => {
  it(
    'planned discharge Tue 2026-12-01, Original Medicare: request by the ' + 'end of that day; late until 2026-12-31',
    () => {
      const d = computeFastTrackDeadline({
        plan: 'medicare_ab',
        kind: 'hospital_discharge',
        serviceEnd: '2026-12-01',
        timeZone: NEW_YORK,
      });
      expect(d.dueDate).to.equal('2026-12-01');
      expect(d.dueTime).to.equal('23:59');
      expect(d.dueAt).to.equal('2026-12-02T04:59:59.999Z');
      expect(d.words).to.equal('by the end of the day, clinic time, Tue 2026-12-01');
      expect(d.citation).to.equal('42 CFR 405.1206(b)(1)');
      expect(d.effectiveFrom).to.equal('2007-07-01');
      expect(d.lateRequestLastDay).to.equal('2026-12-31');
      expect(d.notes[0]).to.contain('405.1206(f)(2)');
    },
  );

  it(
    'planned discharge Tue 2026-12-01, Medicare Advantage: same day; a ' +
      'late request goes to the plan (422.622(b)(5))',
    () => {
      const d = computeFastTrackDeadline({
        plan: 'medicare_advantage',
        kind: 'hospital_discharge',
        serviceEnd: '2026-12-01',
        timeZone: 'America/Chicago',
      });
      expect(d.dueAt).to.equal('2026-12-02T05:59:59.999Z');
      expect(d.citation).to.equal('42 CFR 422.622(b)(1)');
      expect(d.ifMissed).to.contain('422.584');
      expect(d.lateRequestLastDay).to.equal(undefined);
    },
  );

  it('a discharge deadline without the discharge date is refused', () => {
    expect(
      errorCodeOf(() =>
        computeFastTrackDeadline({ plan: 'medicare_ab', kind: 'hospital_discharge', timeZone: NEW_YORK }),
      ),
    ).to.equal('BAD_DATE');
  });
});
