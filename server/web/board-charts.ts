/**
 * Turns the board's figures into what the page shows: a few headline numbers, and for each
 * figure an SVG chart with its numbers as a table (the text alternative). Pure.
 */
import type { BoardFigures, MoneyFigures, MoneyRow, MonthlyCounts, Rate } from './board-figures.js';
import { findReasonCode } from '../reason-codes/index.js';
import { barChart, stackedColumns, PALETTE } from './svg-charts.js';
import { displayMonth, label, money, wholeDollars } from './web-labels.js';

export interface FigureView {
  id: string;
  caption: string;
  svg: string;
  legend?: { name: string; colour: string }[];
  table: { headers: string[]; rows: string[][] };
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function rateFigure(id: string, caption: string, rates: Rate[], keyLabel: string): FigureView {
  return {
    id,
    caption,
    svg: barChart({
      title: caption,
      description: rates.map((r) => `${label(r.key)}: ${pct(r.rate)} of ${r.decided}`).join('; ') || 'No decisions yet',
      bars: rates.map((r) => ({
        label: label(r.key),
        value: r.rate ?? 0,
        valueText: `${pct(r.rate)} of ${plural(r.decided, 'decision')}`,
      })),
      max: 1,
      colour: PALETTE[2],
    }),
    table: {
      headers: [keyLabel, 'Decisions', 'Overturned', 'Partially', 'Upheld', 'Overturn rate'],
      rows: rates.map((r) => [
        label(r.key),
        String(r.decided),
        String(r.overturned),
        String(r.partially),
        String(r.upheld),
        pct(r.rate),
      ]),
    },
  };
}

export function boardFigureViews(f: BoardFigures) {
  const kpis = [
    { value: String(f.openCases), what: 'open cases' },
    { value: money(f.openAmount), what: 'at stake in open cases' },
    {
      value: f.decisions
        ? pct(f.overturnByPayer.reduce((s, r) => s + r.overturned + r.partially, 0) / f.decisions)
        : '—',
      what: `overturned (of ${plural(f.decisions, 'decision')})`,
    },
    {
      value: f.medianDaysToDecision === null ? '—' : `${f.medianDaysToDecision} days`,
      what: 'median from denial notice to decision',
    },
  ];
  const figures: FigureView[] = [
    {
      id: 'open-by-status',
      caption: 'Open cases and dollars at stake by status',
      svg: barChart({
        title: 'Dollars at stake in open cases by status',
        description:
          f.openByStatus.map((r) => `${label(r.key)}: ${money(r.amount)} in ${plural(r.cases, 'case')}`).join('; ') ||
          'No open cases',
        bars: f.openByStatus.map((r) => ({
          label: label(r.key),
          value: r.amount,
          valueText: `${wholeDollars(r.amount)} · ${plural(r.cases, 'case')}`,
        })),
      }),
      table: {
        headers: ['Status', 'Cases', 'At stake'],
        rows: f.openByStatus.map((r) => [label(r.key), String(r.cases), money(r.amount)]),
      },
    },
    {
      id: 'open-by-payer',
      caption: 'Open cases and dollars at stake by payer',
      svg: barChart({
        title: 'Dollars at stake in open cases by payer',
        description:
          f.openByPayer.map((r) => `${r.key}: ${money(r.amount)} in ${plural(r.cases, 'case')}`).join('; ') ||
          'No open cases',
        bars: f.openByPayer.map((r) => ({
          label: r.key,
          value: r.amount,
          valueText: `${wholeDollars(r.amount)} · ${plural(r.cases, 'case')}`,
        })),
        colour: PALETTE[5],
      }),
      table: {
        headers: ['Payer', 'Cases', 'At stake'],
        rows: f.openByPayer.map((r) => [r.key, String(r.cases), money(r.amount)]),
      },
    },
    monthlyFigure(
      'denials-by-carc',
      'Denials by reason (CARC), by month of the denial notice',
      'CARC code (the five most frequent)',
      f.carcMonths,
      (code) => (code === 'other' ? 'Other codes' : `CARC ${code}`),
    ),
    monthlyFigure(
      'denials-by-category',
      'Denials by category, by month of the denial notice',
      'category',
      f.categoryMonths,
      label,
    ),
    rateFigure('overturn-by-payer', 'Overturn rate by payer', f.overturnByPayer, 'Payer'),
    rateFigure('overturn-by-level', 'Overturn rate by appeal level', f.overturnByLevel, 'Level'),
    rateFigure('overturn-by-category', 'Overturn rate by denial category', f.overturnByCategory, 'Category'),
    rateFigure('written-vs-p2p', 'Written appeal vs peer-to-peer', f.writtenVsP2p, 'Route'),
  ];
  return { kpis, figures, money: moneyFigureViews(f.money) };
}

/** A chart's month labels: the year under the first month and each January, "Feb" alone otherwise. */
const monthPeriods = (months: string[]) =>
  months.map((month, i) =>
    i === 0 || month.endsWith('-01') ? displayMonth(month).replace(' ', '\n') : displayMonth(month).slice(0, 3),
  );

/** Denials per month as stacked columns, with a legend and the table of the same numbers. */
function monthlyFigure(
  id: string,
  caption: string,
  stackedBy: string,
  m: MonthlyCounts,
  name: (key: string) => string,
): FigureView {
  const series = m.categories.map((c, i) => ({
    name: name(c),
    colour: PALETTE[i % PALETTE.length],
    values: m.counts[c],
  }));
  return {
    id,
    caption,
    svg: stackedColumns({
      title: caption,
      description:
        `Monthly denials from ${displayMonth(m.months[0])} to ${displayMonth(m.months[m.months.length - 1])}, ` +
        `stacked by ${stackedBy}`,
      periods: monthPeriods(m.months),
      series,
    }),
    legend: series.map(({ name: n, colour }) => ({ name: n, colour })),
    table: {
      headers: ['Month', ...series.map((s) => s.name)],
      rows: m.months.map((month, i) => [displayMonth(month), ...series.map((s) => String(s.values[i]))]),
    },
  };
}

const cents = (c: number) => money(c / 100);
/** Denied and neither recovered, written off nor open: upheld, rebilled, the patient's, a partial payment's rest. */
const otherCents = (r: MoneyRow) => Math.max(0, r.deniedCents - r.recoveredCents - r.writtenOffCents - r.openCents);
const rowRate = (r: MoneyRow) => {
  const resolved = r.deniedCents - r.openCents;
  return resolved > 0 ? r.recoveredCents / resolved : null;
};
const MONEY_HEADERS = [
  'Lines',
  'Denied',
  'Recovered',
  'Written off',
  'Still open',
  'Closed otherwise',
  'Recovery rate',
];
const moneyCells = (r: MoneyRow) => [
  String(r.lines),
  cents(r.deniedCents),
  cents(r.recoveredCents),
  cents(r.writtenOffCents),
  cents(r.openCents),
  cents(otherCents(r)),
  pct(rowRate(r)),
];

/** "CARC 50: Payer finds the service not medically necessary", in the reason-code table's words. */
function carcName(code: string): string {
  if (code === 'none') return 'No reason code on the line';
  return `CARC ${code}: ${findReasonCode(code)?.description ?? 'Unknown code'}`;
}

function moneyFigure(id: string, caption: string, rows: MoneyRow[], keyLabel: string, name: (key: string) => string) {
  return {
    id,
    caption,
    svg: barChart({
      title: caption,
      description:
        rows
          .map((r) => `${name(r.key)}: ${cents(r.deniedCents)} denied, ${cents(r.recoveredCents)} recovered`)
          .join('; ') || 'No lines under appeal',
      bars: rows.map((r) => ({
        label: id === 'money-by-carc' ? (r.key === 'none' ? 'No code' : `CARC ${r.key}`) : name(r.key),
        value: r.deniedCents,
        valueText: `${wholeDollars(r.deniedCents / 100)} · ${pct(rowRate(r))} recovered`,
      })),
      colour: PALETTE[0],
    }),
    table: { headers: [keyLabel, ...MONEY_HEADERS], rows: rows.map((r) => [name(r.key), ...moneyCells(r)]) },
  };
}

/**
 * The board's money: headline numbers and, by payer, CARC, category and month, what was denied on
 * lines under appeal and what became of it, each chart with its table.
 */
export function moneyFigureViews(m: MoneyFigures) {
  const t = m.total;
  const kpis = [
    { value: cents(t.deniedCents), what: 'denied on lines under appeal' },
    { value: cents(t.recoveredCents), what: 'recovered' },
    { value: cents(t.writtenOffCents), what: 'written off' },
    { value: cents(t.openCents), what: 'still open' },
    { value: pct(m.recoveryRate), what: 'recovered of what was denied on resolved lines' },
    {
      value: m.medianDaysToRecovery === null ? '—' : `${m.medianDaysToRecovery} days`,
      what: `median from denial notice to payment (${plural(m.recoveries, 'line')} paid)`,
    },
  ];
  const series = [
    { name: 'Recovered', colour: PALETTE[2], of: (r: MoneyRow) => r.recoveredCents },
    { name: 'Written off', colour: PALETTE[5], of: (r: MoneyRow) => r.writtenOffCents },
    { name: 'Still open', colour: PALETTE[0], of: (r: MoneyRow) => r.openCents },
    { name: 'Closed otherwise', colour: PALETTE[6], of: otherCents },
  ];
  const months = m.byMonth.map((r) => r.key);
  const byMonth: FigureView = {
    id: 'money-by-month',
    caption: 'Dollars denied on lines under appeal, by month of the denial notice, and what became of them',
    svg: stackedColumns({
      title: 'Dollars denied by month of the denial notice',
      description:
        `Whole dollars denied each month from ${displayMonth(months[0])} to ` +
        `${displayMonth(months[months.length - 1])}, stacked by recovered, written off, still open, closed otherwise`,
      periods: monthPeriods(months),
      series: series.map((s) => ({
        name: s.name,
        colour: s.colour,
        values: m.byMonth.map((r) => Math.round(s.of(r) / 100)),
      })),
    }),
    legend: series.map(({ name, colour }) => ({ name, colour })),
    table: {
      headers: ['Month', ...MONEY_HEADERS],
      rows: m.byMonth.map((r) => [displayMonth(r.key), ...moneyCells(r)]),
    },
  };
  const scope = m.cases
    ? `Money figures cover the ${plural(m.cases, 'case')} with claim lines under appeal. ` +
      '“Closed otherwise” is what was upheld, rebilled, moved to the patient or left unpaid by a partial payment.'
    : 'Money figures appear once cases have claim lines under appeal (imported from a remittance, or added by hand).';
  return {
    kpis,
    scope,
    figures: [
      moneyFigure('money-by-payer', 'Dollars denied and recovered by payer', m.byPayer, 'Payer', (k) => k),
      moneyFigure('money-by-carc', 'Dollars denied and recovered by reason (CARC)', m.byCarc, 'Reason', carcName),
      moneyFigure(
        'money-by-category',
        'Dollars denied and recovered by denial category',
        m.byCategory,
        'Category',
        label,
      ),
      byMonth,
    ],
  };
}
