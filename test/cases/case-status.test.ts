import { expect } from 'chai';
import { pathTo, canTransition, revisedDecisionEffect, CASE_STATUSES } from '../../server/cases/case-status.js';

describe('the way through the case workflow (pure)', () => {
  it('when a packet is submitted for a case still new, then it passes gathering evidence and drafted', () => {
    expect(pathTo('new', 'submitted')).to.deep.equal(['gathering_evidence', 'appeal_drafted', 'submitted']);
    expect(pathTo('appeal_drafted', 'submitted')).to.deep.equal(['submitted']);
    expect(pathTo('gathering_evidence', 'submitted')).to.deep.equal(['appeal_drafted', 'submitted']);
  });

  it('when the case is already there, then there is nothing to do', () => {
    expect(pathTo('submitted', 'submitted')).to.deep.equal([]);
  });

  it('when a decision comes while the written appeal is pending, then the decision applies, no way back', () => {
    expect(pathTo('awaiting_decision', 'overturned')).to.deep.equal(['overturned']);
    expect(pathTo('awaiting_decision', 'gathering_evidence')).to.equal(null);
  });

  it('has no peer-to-peer status: a call is its own track beside the level', () => {
    expect(CASE_STATUSES.filter((s) => s.includes('p2p'))).to.deep.equal([]);
  });

  it('never implies a decision, a filing, a withdrawal or the next level on the way', () => {
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

describe('what a decision the payer revises on a peer-to-peer call does to the level (pure)', () => {
  it('when the payer overturns, then the level is resolved in the patient’s favour from any open status', () => {
    for (const status of ['new', 'gathering_evidence', 'appeal_drafted', 'submitted', 'awaiting_decision', 'upheld'])
      expect(revisedDecisionEffect(status as never, 'overturned'), status).to.deep.equal({
        status: 'overturned',
        levelDecision: true,
      });
  });

  it('when the payer approves part while it owes the decision, then that is the level’s partial decision', () => {
    expect(revisedDecisionEffect('awaiting_decision', 'partially_overturned')).to.deep.equal({
      status: 'partially_overturned',
      levelDecision: true,
    });
  });

  it('when the payer approves part while the appeal is still drafted, then the level stays open for the rest', () => {
    expect(revisedDecisionEffect('appeal_drafted', 'partially_overturned')).to.deep.equal({
      status: 'appeal_drafted',
      levelDecision: false,
    });
  });

  it('when the case is finished, then there is nothing left to revise', () => {
    for (const status of ['overturned', 'withdrawn', 'closed'] as const)
      expect(revisedDecisionEffect(status, 'overturned'), status).to.equal(null);
  });
});
