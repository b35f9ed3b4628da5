/**
 * The figures above the denial board, computed from a slim projection of every case the user
 * may see. Pure (no I/O, today passed in), so each figure is tested on hand-made cases.
 */
import { isFinished, type CaseStatus } from '../cases/index.js';

/** What the figures need of a case: no patient data at all. */
export interface FigureCase {
  status: CaseStatus;
  payerName: string;
  category: string;
  carcCodes: string[];
  amountAtStake?: number;
  noticeDate: string;
  levelHistory: { level: string; outcome: string; decidedOn: string }[];
  /** Appeal levels at which a peer-to-peer took place (or was at least requested). */
  p2pLevels: string[];
  /** The claim's lines under appeal, their money in cents; none for a case entered without lines. */
  lines?: FigureLine[];
  /** Whether the payer's reason cites the patient's adherence (missed visits, non-adherence). */
  citesAdherence?: boolean;
}

/** A line under appeal as the money figures need it: what was denied, why, and how it ended. */
export interface FigureLine {
  deniedCents: number;
  /** The CARC of its largest denial adjustment; undefined when the line names none. */
  carc?: string;
  resolution: { kind: string; amountCents?: number; at?: Date | string };
}

export interface CountAndAmount {
  key: string;
  cases: number;
  amount: number;
}

export interface Rate {
  key: string;
  decided: number;
  overturned: number;
  partially: number;
  upheld: number;
  /** Overturned in full or in part, as a share of decisions (0–1); null with no decisions. */
  rate: number | null;
}

export interface BoardFigures {
  openCases: number;
  openAmount: number;
  openByStatus: CountAndAmount[];
  openByPayer: CountAndAmount[];
  byCarc: { key: string; cases: number }[];
  /** Months (YYYY-MM) of the denial notice, oldest first, with a count per category. */
  categoryMonths: MonthlyCounts;
  /** The five most frequent CARC codes by month; the rest as `other`. */
  carcMonths: MonthlyCounts;
  overturnByPayer: Rate[];
  overturnByLevel: Rate[];
  overturnByCategory: Rate[];
  writtenVsP2p: Rate[];
  medianDaysToDecision: number | null;
  decisions: number;
  money: MoneyFigures;
  /** Denials whose payer's reason cites the patient's adherence, of all denials. */
  adherence: { cases: number; denials: number };
}

/** Money on lines under appeal, in cents: what was denied, and what became of it. */
export interface MoneyRow {
  key: string;
  lines: number;
  deniedCents: number;
  recoveredCents: number;
  writtenOffCents: number;
  /** Denied on lines still worked. */
  openCents: number;
}

export interface MoneyFigures {
  /** Cases with lines under appeal: the money figures read only those. */
  cases: number;
  total: MoneyRow;
  byPayer: MoneyRow[];
  byCarc: MoneyRow[];
  byCategory: MoneyRow[];
  /** Months (YYYY-MM) of the denial notice, oldest first. */
  byMonth: MoneyRow[];
  /** Recovered as a share of what was denied on the lines that are resolved (0–1); null with none resolved. */
  recoveryRate: number | null;
  /** Median days from the denial notice to the payment, over lines that were paid. */
  medianDaysToRecovery: number | null;
  recoveries: number;
}

const isOpen = (status: CaseStatus) => !isFinished(status);
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

function tally<T>(items: T[], keyOf: (item: T) => string, amountOf: (item: T) => number = () => 0): CountAndAmount[] {
  const map = new Map<string, CountAndAmount>();
  for (const item of items) {
    const key = keyOf(item);
    const row = map.get(key) ?? { key, cases: 0, amount: 0 };
    row.cases += 1;
    row.amount += amountOf(item);
    map.set(key, row);
  }
  return [...map.values()].sort((a, b) => b.amount - a.amount || b.cases - a.cases || a.key.localeCompare(b.key));
}

interface Decision {
  payer: string;
  level: string;
  category: string;
  outcome: string;
  viaP2p: boolean;
  days: number;
}

function decisionsOf(c: FigureCase): Decision[] {
  return c.levelHistory.map((h, i) => ({
    payer: c.payerName,
    level: h.level,
    category: c.category,
    outcome: h.outcome,
    viaP2p: c.p2pLevels.includes(h.level),
    // Each level's clock starts at the notice that opened it: the denial, then each decision.
    days: days(i === 0 ? c.noticeDate : c.levelHistory[i - 1].decidedOn, h.decidedOn),
  }));
}

function rates(decisions: Decision[], keyOf: (d: Decision) => string): Rate[] {
  const map = new Map<string, Rate>();
  for (const d of decisions) {
    const key = keyOf(d);
    const row = map.get(key) ?? { key, decided: 0, overturned: 0, partially: 0, upheld: 0, rate: null };
    row.decided += 1;
    if (d.outcome === 'overturned') row.overturned += 1;
    else if (d.outcome === 'partially_overturned') row.partially += 1;
    else row.upheld += 1;
    row.rate = (row.overturned + row.partially) / row.decided;
    map.set(key, row);
  }
  return [...map.values()].sort((a, b) => b.decided - a.decided || a.key.localeCompare(b.key));
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface MonthlyCounts {
  months: string[];
  categories: string[];
  counts: Record<string, number[]>;
}

/** Denials per month of their notice, by each key a case has (its category, its CARC codes). */
function monthlyCounts(cases: FigureCase[], months: string[], keysOf: (c: FigureCase) => string[]): MonthlyCounts {
  const categories = [...new Set(cases.flatMap(keysOf))].sort();
  const counts: Record<string, number[]> = Object.fromEntries(categories.map((k) => [k, months.map(() => 0)]));
  for (const c of cases) {
    const at = months.indexOf(c.noticeDate.slice(0, 7));
    if (at >= 0) for (const key of new Set(keysOf(c))) counts[key][at] += 1;
  }
  return { months, categories, counts };
}

const TOP_CARC_CODES = 5;

/** The last `count` calendar months up to and including today's, as YYYY-MM. */
export function lastMonths(today: string, count: number): string[] {
  const [y, m] = today.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const total = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

const PAID = ['overturned_paid', 'partially_paid'];
const emptyRow = (key: string): MoneyRow => ({
  key,
  lines: 0,
  deniedCents: 0,
  recoveredCents: 0,
  writtenOffCents: 0,
  openCents: 0,
});

function addLine(row: MoneyRow, line: FigureLine): MoneyRow {
  const { kind, amountCents = 0 } = line.resolution;
  row.lines += 1;
  row.deniedCents += line.deniedCents;
  if (PAID.includes(kind)) row.recoveredCents += amountCents;
  else if (kind === 'written_off') row.writtenOffCents += line.deniedCents;
  else if (kind === 'open') row.openCents += line.deniedCents;
  return row;
}

/** Each line under appeal with its case, grouped by `keyOf`, most denied first. */
function moneyBy(items: { c: FigureCase; line: FigureLine }[], keyOf: (c: FigureCase, l: FigureLine) => string) {
  const map = new Map<string, MoneyRow>();
  for (const { c, line } of items) {
    const key = keyOf(c, line);
    map.set(key, addLine(map.get(key) ?? emptyRow(key), line));
  }
  return [...map.values()].sort((a, b) => b.deniedCents - a.deniedCents || a.key.localeCompare(b.key));
}

/**
 * Denied, recovered, written off and still open, from the lines under appeal of the cases that have
 * them: in all, by payer, CARC, category and month of the denial notice; the recovery rate over the
 * resolved lines (open ones have not had their chance yet), and the median days from the denial
 * notice to the payment.
 */
export function computeMoneyFigures(cases: FigureCase[], months: string[]): MoneyFigures {
  const items = cases.flatMap((c) => (c.lines ?? []).map((line) => ({ c, line })));
  const total = items.reduce((row, { line }) => addLine(row, line), emptyRow('all'));
  const resolvedDenied = total.deniedCents - total.openCents;
  const recoveryDays = items
    .filter(({ line }) => PAID.includes(line.resolution.kind) && line.resolution.at)
    .map(({ c, line }) => days(c.noticeDate, new Date(line.resolution.at!).toISOString().slice(0, 10)));
  const monthly = moneyBy(items, (c) => c.noticeDate.slice(0, 7));
  return {
    cases: new Set(items.map(({ c }) => c)).size,
    total,
    byPayer: moneyBy(items, (c) => c.payerName),
    byCarc: moneyBy(items, (_c, l) => l.carc ?? 'none'),
    byCategory: moneyBy(items, (c) => c.category),
    byMonth: months.map((m) => monthly.find((r) => r.key === m) ?? emptyRow(m)),
    recoveryRate: resolvedDenied > 0 ? total.recoveredCents / resolvedDenied : null,
    medianDaysToRecovery: median(recoveryDays),
    recoveries: recoveryDays.length,
  };
}

export function computeBoardFigures(cases: FigureCase[], today: string, monthsShown = 12): BoardFigures {
  const open = cases.filter((c) => isOpen(c.status));
  const amount = (c: FigureCase) => c.amountAtStake ?? 0;
  const decisions = cases.flatMap(decisionsOf);
  const months = lastMonths(today, monthsShown);
  const byCarc = tally(
    cases.flatMap((c) => c.carcCodes.map((code) => ({ code }))),
    (x) => x.code,
  )
    .sort((a, b) => b.cases - a.cases || a.key.localeCompare(b.key))
    .map(({ key, cases: n }) => ({ key, cases: n }));
  const topCarc = new Set(byCarc.slice(0, TOP_CARC_CODES).map((r) => r.key));
  return {
    openCases: open.length,
    openAmount: open.reduce((sum, c) => sum + amount(c), 0),
    openByStatus: tally(open, (c) => c.status, amount),
    openByPayer: tally(open, (c) => c.payerName, amount),
    byCarc,
    categoryMonths: monthlyCounts(cases, months, (c) => [c.category]),
    carcMonths: monthlyCounts(cases, months, (c) => c.carcCodes.map((code) => (topCarc.has(code) ? code : 'other'))),
    overturnByPayer: rates(decisions, (d) => d.payer),
    overturnByLevel: rates(decisions, (d) => d.level),
    overturnByCategory: rates(decisions, (d) => d.category),
    writtenVsP2p: rates(decisions, (d) => (d.viaP2p ? 'peer_to_peer' : 'written_appeal')),
    medianDaysToDecision: median(decisions.map((d) => d.days)),
    decisions: decisions.length,
    money: computeMoneyFigures(cases, months),
    adherence: { cases: cases.filter((c) => c.citesAdherence).length, denials: cases.length },
  };
}
