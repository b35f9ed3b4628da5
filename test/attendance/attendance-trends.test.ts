import { expect } from 'chai';
import { byBarrier, ruleBroken, totalsOf, weekOf, weeklyTrend } from '../../server/attendance/attendance-trends.js';
import { citesAdherence } from '../../server/cases/index.js';
import type { SessionOutcome } from '../../server/attendance/index.js';

const s = (id: string, date: string, outcome: SessionOutcome) => ({ id, date, outcome });
const rule = { count: 3, days: 14 };

describe('attendance figures and the rule (pure)', () => {
  it('when 12 visits were authorized and 4 missed, then the rate is 8 of 12, a partial visit counted as held', () => {
    const sessions = [
      ...Array.from({ length: 7 }, (_, i) => s(`a${i}`, '2026-10-01', 'attended')),
      s('p', '2026-10-02', 'partial'),
      s('n1', '2026-10-03', 'no_show'),
      s('n2', '2026-10-04', 'no_show'),
      s('r', '2026-10-05', 'refused'),
      s('l', '2026-10-06', 'late_cancel'),
    ];
    expect(totalsOf(sessions)).to.deep.equal({
      scheduled: 12,
      attended: 7,
      partial: 1,
      refused: 1,
      no_show: 2,
      late_cancel: 1,
      held: 8,
      rate: 8 / 12,
    });
    expect(totalsOf([]).rate).to.equal(null);
  });

  it('when sessions fall in the weeks of 2 and 16 November, then the trend has three weeks, the middle empty', () => {
    expect(weekOf('2026-11-08')).to.equal('2026-11-02');
    expect(weekOf('2026-11-09')).to.equal('2026-11-09');
    const weeks = weeklyTrend([s('1', '2026-11-03', 'attended'), s('2', '2026-11-18', 'refused')]);
    expect(weeks.map((w) => [w.weekStart, w.scheduled, w.refused, w.rate])).to.deep.equal([
      ['2026-11-02', 1, 0, 1],
      ['2026-11-09', 0, 0, null],
      ['2026-11-16', 1, 1, 0],
    ]);
  });

  it('when missed sessions name transport twice and one nothing, then they are counted by barrier', () => {
    const counts = byBarrier([
      { outcome: 'no_show', barrier: 'transport' },
      { outcome: 'late_cancel', barrier: 'transport' },
      { outcome: 'refused', barrier: 'pain' },
      { outcome: 'partial' },
      { outcome: 'attended' },
    ]);
    expect(counts.map((c) => [c.barrier, c.missed])).to.deep.equal([
      ['pain', 1],
      ['transport', 2],
      ['unrecorded', 1],
    ]);
    expect(counts[1].byOutcome).to.deep.equal({ partial: 0, refused: 0, no_show: 1, late_cancel: 1 });
  });

  it('when a back-dated no-show completes a window with two later ones, then the rule is broken by it', () => {
    const sessions = [
      s('b', '2026-11-18', 'no_show'),
      s('c', '2026-11-20', 'refused'),
      s('a', '2026-11-08', 'no_show'),
    ];
    expect(ruleBroken(sessions, ['a'], rule, '2026-11-23')?.map((e) => e.id)).to.deep.equal(['a', 'b', 'c']);
    expect(ruleBroken(sessions, ['x'], rule, '2026-11-23'), 'nothing just recorded in the window').to.equal(undefined);
  });

  it('when the window is exactly 14 days (day 1 to day 14), then it counts; 15 days do not', () => {
    const within = [s('a', '2026-11-07', 'no_show'), s('b', '2026-11-12', 'no_show'), s('c', '2026-11-20', 'no_show')];
    expect(ruleBroken(within, ['c'], rule, '2026-11-20')).to.have.length(3);
    const spread = [s('a', '2026-11-06', 'no_show'), ...within.slice(1)];
    expect(ruleBroken(spread, ['c'], rule, '2026-11-20')).to.equal(undefined);
  });

  it('when the payer’s reason names missed visits or non-adherence, then it cites adherence; a plateau not', () => {
    expect(citesAdherence('The member missed 4 of 12 authorized visits and has reached a plateau.')).to.equal(true);
    expect(citesAdherence('Non-compliance with the plan of care.')).to.equal(true);
    expect(citesAdherence('Poor attendance at scheduled therapy.')).to.equal(true);
    expect(citesAdherence('Three no-shows documented.')).to.equal(true);
    expect(citesAdherence('The member has reached a plateau; a home exercise program is appropriate.')).to.equal(false);
    expect(citesAdherence('Imaging is not medically necessary without six weeks of conservative therapy.')).to.equal(
      false,
    );
    expect(citesAdherence(undefined)).to.equal(false);
  });
});
