import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { makeWebUser, signedInAgent } from './web-support.js';
import { barChart, stackedColumns } from '../../server/web/svg-charts.js';

describe('web board: the worklist first, P2P windows closing, charts that read whole', () => {
  it(
    'when billing opens the board, then the cases come before the figures, and a case whose payer’s ' +
      'P2P window closes this week is listed under "Peer-to-peer windows closing this week"',
    async () => {
      const { app, http } = testApp();
      const billing = await makeWebUser('billing');
      const payer = await http
        .post('/api/v1/payers')
        .set(billing.auth)
        .send({ name: `Window Payer ${Date.now()}`, p2pWindow: { days: 14, unit: 'calendar', countFrom: 'notice' } });
      expect(payer.status, JSON.stringify(payer.body)).to.equal(201);
      const base = caseBody();
      // Noticed 2026-11-16: the 14-day window's last day is 2026-11-30, within the week of 2026-11-23.
      const created = await http
        .post('/api/v1/cases')
        .set(billing.auth)
        .send(
          caseBody({
            payer: { ...base.payer, name: payer.body.name, profileId: payer.body._id },
            denial: { ...base.denial, noticeDate: '2026-11-16', receivedDate: '2026-11-18' },
          }),
        );
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      const { agent } = await signedInAgent(app, billing);
      const board = (await agent.get('/board')).text;
      expect(board.indexOf('id="cases-heading"')).to.be.lessThan(board.indexOf('id="figures-heading"'));
      const windows = board.slice(board.indexOf('id="p2p-windows"'), board.indexOf('id="figures-heading"'));
      expect(windows).to.contain(created.body.reference).and.contain('30 Nov 2026').and.contain('Not requested');
    },
  );

  it('when a chart has nothing to draw, then it says "No data yet" in one line instead of an empty frame', () => {
    expect(barChart({ title: 't', description: 'd', bars: [] })).to.equal(
      '<p class="chart-empty muted">No data yet</p>',
    );
    const none = stackedColumns({
      title: 't',
      description: 'd',
      periods: ['Oct', 'Nov'],
      series: [{ name: 'Upheld', colour: '#000', values: [0, 0] }],
    });
    expect(none).to.equal('<p class="chart-empty muted">No data yet</p>');
  });

  it('when a bar is labelled "Employer group (ERISA)", then the label is drawn whole, not cut off', () => {
    const svg = barChart({
      title: 't',
      description: 'd',
      bars: [{ label: 'Employer group (ERISA)', value: 1_250_000, valueText: '$1,250,000 · 120 cases' }],
    });
    expect(svg).to.contain('>Employer group (ERISA)</text>').and.contain('$1,250,000 · 120 cases');
  });
});
