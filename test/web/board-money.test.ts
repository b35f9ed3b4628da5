import { expect } from 'chai';
import { computeBoardFigures, type FigureCase, type FigureLine } from '../../server/web/board-figures.js';
import { boardFigureViews } from '../../server/web/board-charts.js';
import { loadBoardFigures } from '../../server/web/board.service.js';
import { openImportedCase, recordClaimPayment } from '../../server/cases/index.js';
import { deniedLine, importedClaim } from '../support/imported-claims.js';
import { makeWebUser, signedInAgent } from './web-support.js';
import { testApp } from '../support/app.js';

const base: FigureCase = {
  status: 'new',
  payerName: 'Acme',
  category: 'medical_necessity',
  carcCodes: ['50'],
  noticeDate: '2026-10-05',
  levelHistory: [],
  p2pLevels: [],
};
const line = (deniedCents: number, carc: string, resolution: FigureLine['resolution']): FigureLine => ({
  deniedCents,
  carc,
  resolution,
});

/** A quarter of a small clinic's denials with money on their lines: paid, written off, upheld, open, part paid. */
const quarter: FigureCase[] = [
  {
    ...base,
    status: 'overturned',
    noticeDate: '2026-09-10',
    lines: [line(184050, '50', { kind: 'overturned_paid', amountCents: 150000, at: '2026-10-20T15:00:00Z' })],
  },
  {
    ...base,
    status: 'closed',
    category: 'prior_authorization',
    carcCodes: ['197'],
    noticeDate: '2026-10-02',
    lines: [line(90000, '197', { kind: 'written_off', at: '2026-10-30T15:00:00Z' })],
  },
  {
    ...base,
    status: 'submitted',
    payerName: 'Blue Shield',
    noticeDate: '2026-11-03',
    lines: [line(30000, '50', { kind: 'open' }), line(20000, '50', { kind: 'upheld' })],
  },
  {
    ...base,
    status: 'awaiting_decision',
    payerName: 'Blue Shield',
    category: 'coding',
    carcCodes: ['16'],
    noticeDate: '2026-10-15',
    lines: [line(100000, '16', { kind: 'partially_paid', amountCents: 40000, at: '2026-11-14T15:00:00Z' })],
  },
  // Entered by hand with no lines: its dollars at stake are no money on lines.
  { ...base, amountAtStake: 5000 },
];

describe('board money: denied, recovered, written off and still open', () => {
  it(
    'when a quarter’s lines were paid, part paid, written off, upheld or are open, ' +
      'then the totals, the recovery rate over resolved lines and the median days to payment follow them',
    () => {
      const { money } = computeBoardFigures(quarter, '2026-11-23');
      expect(money.cases).to.equal(4);
      expect(money.total).to.deep.equal({
        key: 'all',
        lines: 5,
        deniedCents: 424050,
        recoveredCents: 190000,
        writtenOffCents: 90000,
        openCents: 30000,
      });
      // 1,900.00 recovered of 3,940.50 denied on resolved lines; the open $300 has had no chance yet.
      expect(money.recoveryRate).to.be.closeTo(190000 / 394050, 1e-9);
      // 40 days (10 Sep → 20 Oct) and 30 days (15 Oct → 14 Nov).
      expect([money.medianDaysToRecovery, money.recoveries]).to.deep.equal([35, 2]);
    },
  );

  it('when the same lines are grouped, then payer, CARC, category and month each add up to the total', () => {
    const { money } = computeBoardFigures(quarter, '2026-11-23');
    expect(money.byPayer.map((r) => [r.key, r.deniedCents, r.recoveredCents, r.openCents])).to.deep.equal([
      ['Acme', 274050, 150000, 0],
      ['Blue Shield', 150000, 40000, 30000],
    ]);
    expect(money.byCarc.map((r) => [r.key, r.deniedCents])).to.deep.equal([
      ['50', 234050],
      ['16', 100000],
      ['197', 90000],
    ]);
    expect(money.byCategory.map((r) => r.key)).to.deep.equal(['medical_necessity', 'coding', 'prior_authorization']);
    expect(money.byMonth).to.have.length(12);
    expect(money.byMonth.slice(-3).map((r) => [r.key, r.deniedCents])).to.deep.equal([
      ['2026-09', 184050],
      ['2026-10', 190000],
      ['2026-11', 50000],
    ]);
    for (const rows of [money.byPayer, money.byCarc, money.byCategory, money.byMonth])
      expect(rows.reduce((s, r) => s + r.deniedCents, 0)).to.equal(money.total.deniedCents);
  });

  it('when the money is shown, then it reads in dollars and words, the CARC with the table’s description', () => {
    const { money } = boardFigureViews(computeBoardFigures(quarter, '2026-11-23'));
    expect(money.kpis.map((k) => `${k.value} ${k.what}`)).to.deep.equal([
      '$4,240.50 denied on lines under appeal',
      '$1,900.00 recovered',
      '$900.00 written off',
      '$300.00 still open',
      '48% recovered of what was denied on resolved lines',
      '35 days median from denial notice to payment (2 lines paid)',
    ]);
    const carc = money.figures.find((f) => f.id === 'money-by-carc')!;
    expect(carc.table.rows[0]).to.deep.equal([
      'CARC 50: Payer finds the service not medically necessary',
      '3',
      '$2,340.50',
      '$1,500.00',
      '$0.00',
      '$300.00',
      // The upheld line and the unpaid rest of the paid one.
      '$540.50',
      '74%',
    ]);
    expect(money.scope).to.equal(
      'Money figures cover the 4 cases with claim lines under appeal. ' +
        '“Closed otherwise” is what was upheld, rebilled, moved to the patient or left unpaid by a partial payment.',
    );
  });

  it('when an imported case is paid by a later remittance, then the board shows its lines’ money', async () => {
    const { app, clock } = testApp();
    const billing = await makeWebUser('billing');
    // A contractual reduction beside each denial: the line's CARC is the denial's, not CO-45.
    const denied = (code: string, cents: number, reason: string) =>
      deniedLine(code, cents, {
        chargeCents: cents + 2000,
        adjustments: [
          { group: 'CO', reason: '45', amountCents: 2000 },
          { group: 'CO', reason, amountCents: cents },
        ],
      });
    const claim = importedClaim('MONEY-1', [denied('72148', 50000, '50'), denied('97110', 20000, '197')], {
      patient: { firstName: 'Ada', lastName: 'Byrne' },
      payer: { name: 'Cigna', planType: 'erisa_group' },
      denial: { noticeDate: '2026-11-02', category: 'medical_necessity', reasonCodes: [], payerReason: 'CO-50' },
    });
    await openImportedCase(claim, billing, { clock });
    await recordClaimPayment(
      claim.claimKey,
      [{ procedureCode: '72148', serviceDate: '2026-10-20', paidCents: 50000, deniedCents: 0 }],
      'EFT-88',
      billing,
      { clock },
    );
    const { money } = await loadBoardFigures(billing, clock);
    expect(money.total).to.include({ deniedCents: 70000, recoveredCents: 50000, openCents: 20000 });
    expect(money.byCarc.map((r) => r.key)).to.deep.equal(['50', '197']);
    expect(money.medianDaysToRecovery).to.equal(21);
    const { agent } = await signedInAgent(app, billing);
    const board = await agent.get('/board');
    const section = /<section aria-labelledby="money-heading">[\s\S]*?<\/section>/.exec(board.text)![0];
    const text = section.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).to.contain('Money Money figures cover the 1 case with claim lines under appeal.');
    expect(text).to.contain('$500.00 recovered').and.contain('$200.00 still open');
    expect(text).to.contain('CARC 197: Required authorization, precertification or notification absent');
    // The money names no patient: the case list above it does.
    expect(text).not.to.contain('Byrne').and.not.to.contain('MONEY-1');
    expect(board.text).to.contain('Byrne');
  });
});
