import { expect } from 'chai';
import { correctLegacyPeerToPeer, LEGACY_NEXT_LEVEL_NOTE } from '../../server/cases/p2p-correction.js';
import type { TimelineEntry } from '../../server/cases/case.types.js';

const at = (day: string) => new Date(`${day}T15:00:00Z`);
const entry = (day: string, extra: Partial<TimelineEntry> & Record<string, unknown>) =>
  ({ at: at(day), actorId: 'u1', actorName: 'Dana Billing', type: 'status_changed', ...extra }) as TimelineEntry;

/**
 * An MA case as the old rule left it: organization determination dated 2026-11-20, the
 * reconsideration being drafted, a P2P held and recorded as upheld on 2026-11-27, which closed
 * the reconsideration and sent the case to the independent review entity.
 */
const advancedByCall = () => ({
  status: 'awaiting_decision',
  appealLevel: 'independent_review' as const,
  levelNotice: { noticeDate: '2026-11-27' },
  levelHistory: [
    {
      level: 'reconsideration' as const,
      outcome: 'upheld' as const,
      decidedOn: '2026-11-27',
      recordedAt: at('2026-11-27'),
    },
  ],
  timeline: [
    entry('2026-11-21', { type: 'created' }),
    entry('2026-11-22', { fromStatus: 'new', toStatus: 'gathering_evidence', level: 'reconsideration' }),
    entry('2026-11-23', { fromStatus: 'gathering_evidence', toStatus: 'appeal_drafted', level: 'reconsideration' }),
    entry('2026-11-24', { fromStatus: 'appeal_drafted', toStatus: 'p2p_requested' as never, level: 'reconsideration' }),
    entry('2026-11-25', { fromStatus: 'p2p_requested' as never, toStatus: 'p2p_scheduled' as never }),
    entry('2026-11-27', { fromStatus: 'p2p_scheduled' as never, toStatus: 'upheld', level: 'reconsideration' }),
    entry('2026-11-27', {
      type: 'level_advanced',
      fromStatus: 'upheld',
      toStatus: 'awaiting_decision',
      level: 'independent_review',
      note: LEGACY_NEXT_LEVEL_NOTE,
    }),
  ],
});

describe('putting right what the old P2P statuses did to a case (pure)', () => {
  it(
    'when an upheld call (2026-11-27) had closed an MA reconsideration and opened the IRE, then the case is back ' +
      'at reconsideration, appeal drafted, with no decision and the level counted from the determination again',
    () => {
      const fix = correctLegacyPeerToPeer(advancedByCall())!;
      expect(fix).to.include({ status: 'appeal_drafted', appealLevel: 'reconsideration' });
      expect(fix.levelHistory).to.deep.equal([]);
      expect(fix.levelNotice).to.equal(undefined);
      expect(fix.submittedAt).to.equal(undefined);
      expect(fix.explanation).to.contain('A call is not the decision of an appeal level');
      // The old entries say what they recorded, without the statuses that no longer exist.
      const moves = fix.timeline.slice(3, 5);
      expect(moves.map((e) => e.type)).to.deep.equal(['p2p', 'p2p']);
      expect(moves.map((e) => e.toStatus)).to.deep.equal([undefined, undefined]);
      expect(moves[0].note).to.contain('appeal drafted → p2p requested');
      expect(fix.timeline[5]).to.include({ fromStatus: 'appeal_drafted', toStatus: 'upheld' });
    },
  );

  it('when work was recorded at the new level since, the case stays and the correction asks for a check', () => {
    const c = advancedByCall();
    c.timeline.push(entry('2026-11-28', { fromStatus: 'awaiting_decision', toStatus: 'upheld' }));
    c.status = 'upheld';
    const fix = correctLegacyPeerToPeer(c)!;
    expect(fix).to.include({ status: 'upheld', appealLevel: 'independent_review' });
    expect(fix.levelHistory).to.have.length(1);
    expect(fix.explanation)
      .to.match(/^Check needed/)
      .and.contain('reconsideration filing deadline');
  });

  it('when a case is still p2p_scheduled, then it returns to the status it had before the request', () => {
    const fix = correctLegacyPeerToPeer({
      status: 'p2p_scheduled',
      appealLevel: 'internal_appeal',
      levelHistory: [],
      timeline: [
        entry('2026-11-20', { type: 'created' }),
        entry('2026-11-21', { fromStatus: 'new', toStatus: 'p2p_requested' as never }),
        entry('2026-11-22', { fromStatus: 'p2p_requested' as never, toStatus: 'p2p_scheduled' as never }),
      ],
    })!;
    expect(fix).to.include({ status: 'new', appealLevel: 'internal_appeal' });
    expect(fix.explanation).to.contain('returns to new');
  });

  it('when a pre-decision call overturned a filed appeal, then that decision stands', () => {
    const fix = correctLegacyPeerToPeer({
      status: 'overturned',
      appealLevel: 'internal_appeal',
      levelHistory: [
        { level: 'internal_appeal', outcome: 'overturned', decidedOn: '2026-11-25', recordedAt: at('2026-11-25') },
      ],
      timeline: [
        entry('2026-11-21', { fromStatus: 'appeal_drafted', toStatus: 'submitted' }),
        entry('2026-11-22', { fromStatus: 'submitted', toStatus: 'p2p_requested' as never }),
        entry('2026-11-25', { fromStatus: 'p2p_requested' as never, toStatus: 'overturned' }),
      ],
    })!;
    expect(fix).to.include({ status: 'overturned', explanation: null });
    expect(fix.levelHistory).to.have.length(1);
    expect(fix.timeline[2]).to.include({ fromStatus: 'submitted', toStatus: 'overturned' });
  });

  it('when a case never had a P2P status, then there is nothing to correct', () => {
    expect(
      correctLegacyPeerToPeer({
        status: 'gathering_evidence',
        appealLevel: 'internal_appeal',
        levelHistory: [],
        timeline: [entry('2026-11-21', { fromStatus: 'new', toStatus: 'gathering_evidence' })],
      }),
    ).to.equal(null);
  });
});
