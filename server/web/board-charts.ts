/**
 * Turns the board's figures into what the page shows: a few headline numbers, and for each
 * figure an SVG chart with its numbers as a table (the text alternative). Pure.
 */
import type { BoardFigures, MonthlyCounts, Rate } from './board-figures.js';
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
  return { kpis, figures };
}

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
      periods: m.months.map((month, i) =>
        i === 0 || month.endsWith('-01') ? displayMonth(month).replace(' ', '\n') : displayMonth(month).slice(0, 3),
      ),
      series,
    }),
    legend: series.map(({ name: n, colour }) => ({ name: n, colour })),
    table: {
      headers: ['Month', ...series.map((s) => s.name)],
      rows: m.months.map((month, i) => [displayMonth(month), ...series.map((s) => String(s.values[i]))]),
    },
  };
}
