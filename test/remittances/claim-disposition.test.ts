import { expect } from 'chai';
import { claimDisposition, readX12Remittance, type ClaimRecord } from '../../server/remittances/index.js';
import { claimNumbered, fixture, readAll } from './support.js';

describe('which claims of a remittance become cases', () => {
  let claims: ClaimRecord[];
  let pipes: ClaimRecord[];

  before(async () => {
    claims = (await readAll(readX12Remittance(fixture('two-payers-partial-denials.835')))).claims;
    pipes = (await readAll(readX12Remittance(fixture('pipe-caret-newline.835')))).claims;
  });

  const of = (pcn: string, from = claims, nth = 0) => claimDisposition(claimNumbered(from, pcn, nth));

  it('when one line of a paid claim is unnecessary (CO-50), then it is a partial denial to appeal', () => {
    const d = of('OVT-1001');
    if (d.kind !== 'partly_denied') throw new Error(d.kind);
    expect(d.category).to.equal('medical_necessity');
    expect(d.recommendation.route).to.equal('appeal');
    expect(d.recommendation.reason).to.match(/^CO-50: /);
    expect(d.lines.map((l) => l.deniedCents)).to.deep.equal([0, 184050]);
    expect(d.deniedCents).to.equal(184050);
  });

  it('when a claim is denied (4) for no authorization at claim level, then its line carries the denied amount', () => {
    const d = of('OVT-1002');
    if (d.kind !== 'denied') throw new Error(d.kind);
    expect(d.category).to.equal('prior_authorization');
    expect(d.recommendation.route).to.equal('appeal');
    expect(d.lines.map((l) => l.deniedCents)).to.deep.equal([95000]);
  });

  it('when a claim has only contractual and patient-share adjustments, then it makes no case', () => {
    expect(of('OVT-1003')).to.deep.equal({ kind: 'no_denial', why: 'paid' });
    expect(of('OVT-2002')).to.deep.equal({ kind: 'no_denial', why: 'paid' });
  });

  it('when a claim is a reversal (22), then it is recorded as one, and its corrected claim is no denial', () => {
    expect(of('OVT-0950', claims, 0)).to.deep.equal({ kind: 'reversal' });
    expect(of('OVT-0950', claims, 1).kind).to.equal('no_denial');
  });

  it('when a non-covered line sits beside a paid one, then it is a benefit exclusion of that line', () => {
    const d = of('OVT-2001');
    if (d.kind !== 'partly_denied') throw new Error(d.kind);
    expect([d.category, d.recommendation.route, d.deniedCents]).to.deep.equal(['benefit_exclusion', 'appeal', 15000]);
  });

  /** The denied claim OVT-3001 (CO-50 at claim level) with its claim-level denial replaced by `group`-`reason`. */
  function deniedFor(group: 'CO' | 'PR', reason: string) {
    const d = claimDisposition({
      ...claimNumbered(pipes, 'OVT-3001'),
      adjustments: [{ group, reason, amount: 125000 }],
    });
    if (d.kind !== 'denied') throw new Error(d.kind);
    return d;
  }

  it('when a claim is denied for missing information, then the recommendation is to correct and rebill', () => {
    expect(deniedFor('CO', '16').recommendation.route).to.equal('correct_and_rebill');
  });

  it('when every denial is in the PR group, then the recommendation is patient responsibility', () => {
    const d = deniedFor('PR', '204');
    expect([d.recommendation.route, d.category]).to.deep.equal(['patient_responsibility', 'benefit_exclusion']);
  });

  it('when a benefit limit is reached, then the recommendation is a write-off review', () => {
    expect(deniedFor('CO', '119').recommendation.route).to.equal('write_off_review');
  });

  it('when a code is unknown to the table, then it is kept as a denial in the category other, for review', () => {
    const d = deniedFor('CO', 'Z9');
    expect([d.category, d.recommendation.route, d.denials[0].reason]).to.deep.equal([
      'other',
      'write_off_review',
      'Z9',
    ]);
  });

  it('when a claim is denied (4) with no code, then its unpaid charge is at stake, to appeal and ask why', () => {
    const d = claimDisposition({ ...claimNumbered(pipes, 'OVT-3001'), adjustments: [] });
    if (d.kind !== 'denied') throw new Error(d.kind);
    expect([d.category, d.recommendation.route, d.deniedCents]).to.deep.equal(['other', 'appeal', 125000]);
  });
});
