import { expect } from 'chai';
import { pathTo, canTransition, CASE_STATUSES } from '../../server/cases/case-status.js';

describe('the way through the case workflow (pure)', () => {
  it('when a packet is submitted for a case still new, then it passes gathering evidence and drafted', () => {
    expect(pathTo('new', 'submitted')).to.deep.equal(['gathering_evidence', 'appeal_drafted', 'submitted']);
    expect(pathTo('appeal_drafted', 'submitted')).to.deep.equal(['submitted']);
    expect(pathTo('p2p_scheduled', 'submitted')).to.deep.equal(['appeal_drafted', 'submitted']);
  });

  it('when the case is already there, then there is nothing to do', () => {
    expect(pathTo('submitted', 'submitted')).to.deep.equal([]);
  });

  it('when a P2P result comes while the written appeal is pending, then the decision applies, no way back', () => {
    expect(pathTo('awaiting_decision', 'overturned')).to.deep.equal(['overturned']);
    expect(pathTo('awaiting_decision', 'gathering_evidence')).to.equal(null);
    expect(pathTo('awaiting_decision', 'p2p_requested')).to.equal(null);
  });

  it('never implies a decision, a filing, a P2P request, a withdrawal or the next level on the way', () => {
    for (const from of CASE_STATUSES)
      for (const to of CASE_STATUSES) {
        const path = pathTo(from, to);
        if (!path) continue;
        for (const step of path.slice(0, -1)) expect(['gathering_evidence', 'appeal_drafted']).to.include(step);
        let at = from;
        for (const step of path) {
          expect(canTransition(at, step), `${from} → ${to} via ${at} → ${step}`).to.equal(true);
          at = step;
        }
      }
    // An upheld decision is appealed at the next level by its own move, never found as a way.
    expect(pathTo('upheld', 'gathering_evidence')).to.equal(null);
    expect(pathTo('upheld', 'submitted')).to.equal(null);
  });
});
