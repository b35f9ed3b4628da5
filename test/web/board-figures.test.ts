import { expect } from 'chai';
import { computeBoardFigures, lastMonths, median, type FigureCase } from '../../server/web/board-figures.js';
import { urgencyOf } from '../../server/web/board.service.js';
import { barChart, stackedColumns } from '../../server/web/svg-charts.js';
import { formField } from '../../server/web/intake-form.js';

const base: FigureCase = {
  status: 'new',
  payerName: 'Acme',
  category: 'medical_necessity',
  carcCodes: ['50'],
  amountAtStake: 1000,
  noticeDate: '2026-10-05',
  levelHistory: [],
  p2pLevels: [],
};

describe('board figures (pure)', () => {
  it(
    'when cases are open or finished, then only open ones count towards cases ' +
      'and dollars at stake, by status and by payer',
    () => {
      const f = computeBoardFigures(
        [
          { ...base },
          { ...base, status: 'submitted', payerName: 'Blue', amountAtStake: 500 },
          {
            ...base,
            status: 'overturned',
            amountAtStake: 9999,
            levelHistory: [{ level: 'internal_appeal', outcome: 'overturned', decidedOn: '2026-11-04' }],
          },
        ],
        '2026-11-23',
      );
      expect(f.openCases).to.equal(2);
      expect(f.openAmount).to.equal(1500);
      expect(f.openByStatus).to.deep.equal([
        { key: 'new', cases: 1, amount: 1000 },
        { key: 'submitted', cases: 1, amount: 500 },
      ]);
      expect(f.openByPayer.map((r) => r.key)).to.deep.equal(['Acme', 'Blue']);
    },
  );

  it(
    'when decisions went through a peer-to-peer or not, then overturn rates are ' +
      'split that way, and partial wins count as overturned',
    () => {
      const f = computeBoardFigures(
        [
          {
            ...base,
            levelHistory: [{ level: 'internal_appeal', outcome: 'overturned', decidedOn: '2026-10-25' }],
            p2pLevels: ['internal_appeal'],
          },
          { ...base, levelHistory: [{ level: 'internal_appeal', outcome: 'upheld', decidedOn: '2026-11-04' }] },
          {
            ...base,
            levelHistory: [{ level: 'internal_appeal', outcome: 'partially_overturned', decidedOn: '2026-11-15' }],
          },
        ],
        '2026-11-23',
      );
      expect(f.writtenVsP2p).to.deep.equal([
        { key: 'written_appeal', decided: 2, overturned: 0, partially: 1, upheld: 1, rate: 0.5 },
        { key: 'peer_to_peer', decided: 1, overturned: 1, partially: 0, upheld: 0, rate: 1 },
      ]);
      expect(f.overturnByPayer[0]).to.include({ key: 'Acme', decided: 3 });
      // 20, 30 and 41 days from the 5 Oct notice.
      expect(f.medianDaysToDecision).to.equal(30);
    },
  );

  it(
    'when a case was decided at two levels, then the second level counts from ' +
      'the first decision, not from the denial',
    () => {
      const f = computeBoardFigures(
        [
          {
            ...base,
            levelHistory: [
              { level: 'internal_appeal', outcome: 'upheld', decidedOn: '2026-10-15' },
              { level: 'external_review', outcome: 'overturned', decidedOn: '2026-11-14' },
            ],
          },
        ],
        '2026-11-23',
      );
      expect(f.overturnByLevel.map((r) => [r.key, r.rate])).to.deep.equal([
        ['external_review', 1],
        ['internal_appeal', 0],
      ]);
      expect(median([10, 30])).to.equal(20);
      expect(f.medianDaysToDecision).to.equal(20);
    },
  );

  it(
    'when denials are counted by month, then the last twelve months up to today ' +
      'are shown, oldest first, per category',
    () => {
      expect(lastMonths('2026-02-10', 3)).to.deep.equal(['2025-12', '2026-01', '2026-02']);
      const f = computeBoardFigures(
        [
          { ...base, noticeDate: '2026-11-02' },
          { ...base, category: 'coding', noticeDate: '2026-11-20' },
          { ...base, noticeDate: '2024-01-01' },
        ],
        '2026-11-23',
      );
      expect(f.categoryMonths.months[11]).to.equal('2026-11');
      expect(f.categoryMonths.counts.medical_necessity[11]).to.equal(1);
      expect(f.categoryMonths.counts.coding[11]).to.equal(1);
      expect(f.byCarc).to.deep.equal([{ key: '50', cases: 3 }]);
    },
  );

  it(
    'when denials carry many reason codes, then the CARC chart shows the five ' +
      'most frequent by month and the rest as other',
    () => {
      const codes = ['50', '50', '50', '197', '197', '16', '11', '96', '4'];
      const cases = codes.map((code, i) => ({
        ...base,
        carcCodes: [code],
        noticeDate: i % 2 ? '2026-10-10' : '2026-11-10',
      }));
      const f = computeBoardFigures(cases, '2026-11-23');
      expect(f.carcMonths.categories).to.deep.equal(['11', '16', '197', '4', '50', 'other'].sort());
      // 50: three (Nov, Oct, Nov); 197: Oct and Nov; 96 is the sixth code (after 11, 16 and 4 by name),
      // counted as other (Oct).
      expect(f.carcMonths.counts['50'].slice(10)).to.deep.equal([1, 2]);
      expect(f.carcMonths.counts['197'].slice(10)).to.deep.equal([1, 1]);
      expect(f.carcMonths.counts.other.slice(10)).to.deep.equal([1, 0]);
    },
  );

  it('when a deadline is past, today, within 3 days, within 7 or later, then the urgency says so in words', () => {
    const today = '2026-11-23';
    expect(urgencyOf('2026-11-20', today)).to.include({ key: 'overdue', text: 'Overdue 3 days' });
    expect(urgencyOf('2026-11-23', today)).to.include({ key: 'due3', text: 'Due today' });
    expect(urgencyOf('2026-11-26', today)).to.include({ key: 'due3', text: 'Due in 3 days' });
    expect(urgencyOf('2026-11-30', today)).to.include({ key: 'due7', text: 'Due in 7 days' });
    expect(urgencyOf('2026-12-01', today)).to.include({ key: 'later' });
    expect(urgencyOf(undefined, today)).to.include({ key: 'none', text: 'No deadline' });
  });
});

describe('SVG charts and form mapping (pure)', () => {
  it('when a label holds markup, then the chart escapes it and still names itself for screen readers', () => {
    const svg = barChart({
      title: 'By payer',
      description: 'd',
      bars: [{ label: '<script>alert(1)</script>', value: 3, valueText: '3 & more' }],
    });
    expect(svg).not.to.contain('<script>');
    expect(svg).to.contain('&#60;script&#62;').and.contain('3 &#38; more');
    expect(svg).to.match(/role="img" aria-labelledby="chart-\d+-t chart-\d+-d"/);
    expect(
      stackedColumns({
        title: 't',
        description: 'd',
        periods: ['Nov\n2026'],
        series: [{ name: 'a', colour: '#000', values: [2] }],
      }),
    ).to.contain('>2026</text>');
  });

  it('when joi names a list item, then the error goes to the input the list was typed in', () => {
    expect(formField('service.cptCodes.1', 0)).to.equal('service.cptCodes');
    expect(formField('denial.reasonCodes.0.code', 1)).to.equal('denial.carc');
    expect(formField('denial.reasonCodes.1.code', 1)).to.equal('denial.rarc');
    expect(formField('patient.mrn', 0)).to.equal('patient.mrn');
  });
});
