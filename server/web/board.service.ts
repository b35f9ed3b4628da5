/**
 * View models for the denial board (billing's worklist) and the clinician's case list: the
 * filtered, sorted page of cases with urgency, and the figures above it. Reads go through the
 * cases domain's `listCases` (which audits them); the figures read no patient data.
 */
import {
  listCasesQuery,
  searchCasesBody,
  listCases,
  casesForFigures,
  isFinished,
  type CaseFilters,
  type CaseView,
  type ClaimLineRecord,
} from '../cases/index.js';
import { isDenialAdjustment } from '../remittances/index.js';
import { type Clock } from '../platform/clock.js';
import { userNames, type AuthenticatedUser } from '../auth/index.js';
import { computeBoardFigures, type FigureCase } from './board-figures.js';
import { attendanceFigures } from '../attendance/index.js';
import { fieldErrors, fieldsWithoutBlanks } from './form-errors.js';
import { deadlineShort, dueTimeOf, peerToPeerText, timeOfDay } from './web-labels.js';

export type Urgency = 'overdue' | 'due3' | 'due7' | 'later' | 'none' | 'unknown';

const HOUR = 3_600_000;
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * Overdue, due within 3 days, within 7, later, or no open deadline; with words, not colour alone.
 * A deadline counted in hours (`dueAt`, e.g. a QIO fast-track request due by noon) is overdue at
 * its hour and counted in hours while under two days away: "due today" would hide that noon passed.
 * @param hourly - the deadline's instant, when it has one, and the clock's now
 */
export function urgencyOf(
  nextDueDate: string | undefined | null,
  today: string,
  hourly?: { dueAt?: Date | string; now: Date },
): { key: Urgency; text: string; daysLeft: number | null } {
  if (!nextDueDate) return { key: 'none', text: 'No deadline', daysLeft: null };
  const daysLeft = Math.round((Date.parse(nextDueDate) - Date.parse(today)) / 86_400_000);
  if (hourly?.dueAt) return { ...byTheHour(new Date(hourly.dueAt).getTime() - hourly.now.getTime()), daysLeft };
  if (daysLeft < 0) return { key: 'overdue', text: `Overdue ${plural(-daysLeft, 'day')}`, daysLeft };
  const due = daysLeft === 0 ? 'Due today' : `Due in ${plural(daysLeft, 'day')}`;
  if (daysLeft <= 3) return { key: 'due3', text: due, daysLeft };
  if (daysLeft <= 7) return { key: 'due7', text: due, daysLeft };
  return { key: 'later', text: due, daysLeft };
}

/** Whole hours (or, from two days on, whole days) before or past the deadline's instant. */
function byTheHour(msLeft: number): { key: Urgency; text: string } {
  const hours = Math.floor(Math.abs(msLeft) / HOUR);
  const span = hours < 48 ? plural(hours, 'hour') : plural(Math.floor(hours / 24), 'day');
  if (msLeft < 0) return { key: 'overdue', text: hours < 1 ? 'Overdue by minutes' : `Overdue ${span}` };
  const text = hours < 1 ? 'Due within the hour' : `Due in ${span}`;
  return { key: hours < 72 ? 'due3' : hours < 168 ? 'due7' : 'later', text };
}

export interface BoardRow {
  id: string;
  reference: string;
  patient: string;
  status: string;
  /** The open peer-to-peer call beside the level, in words; empty when there is none. */
  p2p: string;
  payer: string;
  planType: string;
  category: string;
  carc: string;
  amountAtStake?: number;
  ageDays: number;
  nextDueDate?: string;
  /** "noon", "3:30 PM": set only for a deadline counted in hours. */
  nextDueTime?: string;
  nextDeadlineKind?: string;
  urgency: ReturnType<typeof urgencyOf>;
  /** Names, never ids: the assignee ("Unassigned" when none) and the treating clinician. */
  assignee: string;
  clinician: string;
}

/** The deadline that comes first: by day and, within a day, by the hour (a whole-day deadline last). */
function soonest(deadlines: CaseView['deadlines']) {
  const order = (d: CaseView['deadlines'][number]) => `${d.dueDate}T${d.dueTime ?? '24:00'}`;
  return deadlines
    .filter((d) => d.kind !== 'continuation_of_benefits')
    .reduce<CaseView['deadlines'][number] | undefined>(
      (best, d) => (!best || order(d) < order(best) ? d : best),
      undefined,
    );
}

/**
 * One row of the board: the case with its age, its next deadline and how urgent that is now.
 * @param clock - the clinic's clock: today, now, and the zone a deadline's hour is shown in
 * @param names - users' names by id, for the assignee
 */
export function toBoardRow(c: CaseView, clock: Clock, names: Map<string, string> = new Map()): BoardRow {
  const today = clock.today();
  const next = soonest(c.deadlines);
  const time = next && dueTimeOf(next, clock.timeZone);
  return {
    id: c.id,
    reference: c.reference,
    patient: `${c.patient.lastName}, ${c.patient.firstName}`,
    status: c.status,
    p2p: peerToPeerText(c.peerToPeer),
    payer: c.payer.name,
    planType: c.payer.planType,
    category: c.denial.category,
    carc: c.denial.reasonCodes
      .filter((r) => r.kind === 'CARC')
      .map((r) => `${r.group ? `${r.group}-` : ''}${r.code}`)
      .join(', '),
    amountAtStake: c.amountAtStake,
    ageDays: Math.max(0, Math.round((Date.parse(today) - Date.parse(c.denial.noticeDate)) / 86_400_000)),
    nextDueDate: next?.dueDate,
    nextDueTime: time && timeOfDay(time),
    nextDeadlineKind: next && deadlineShort(next.kind),
    assignee: (c.assigneeId && names.get(c.assigneeId)) || 'Unassigned',
    clinician: c.treatingClinician.name,
    urgency: isFinished(c.status)
      ? { key: 'none', text: 'Finished', daysLeft: null }
      : // A filing window no rule gives is a risk, not a case with nothing due.
        !next && c.filingDeadlineMissing
        ? { key: 'unknown', text: 'Filing deadline unknown', daysLeft: null }
        : urgencyOf(next?.dueDate, today, { dueAt: next?.dueAt, now: clock.now() }),
  };
}

type ListQuery = CaseFilters & { page: number; limit: number };

/**
 * Reads the board's filters with the API's own schemas (blank form fields dropped), so the board
 * filters exactly as the API does: from the query string, or from a posted search form, which
 * alone may carry search text. Open cases only unless the user asks for all.
 */
export function readBoardQuery(
  raw: Record<string, unknown>,
  from: 'url' | 'search-form' = 'url',
): { query: ListQuery; errors: Record<string, string> } {
  const schema = from === 'url' ? listCasesQuery : searchCasesBody;
  const { _csrf: _token, ...fields } = raw;
  const input = fieldsWithoutBlanks(fields);
  if (input.open === undefined) input.open = 'true';
  const { value, error } = schema.validate(input, { abortEarly: false, convert: true });
  if (!error) return { query: value, errors: {} };
  const errors = fieldErrors(error);
  // Drop only the offending filters and keep the rest.
  for (const key of Object.keys(errors)) delete input[key.split('.')[0]];
  const kept = (from === 'search-form' && input.q === undefined ? listCasesQuery : schema).validate(input, {
    convert: true,
  });
  return { query: kept.value, errors };
}

/**
 * The query string of the same filters, for sort links, pages and the CSV export. Search text is
 * left out: a URL must never carry what may be a patient's name.
 */
export function queryString(
  query: Partial<ListQuery>,
  changes: Record<string, unknown> = {},
  omit: string[] = [],
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (value === undefined || value === null || value === '' || key === 'q' || omit.includes(key)) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** A page of the case list with the links to the pages around it; read through `listCases`, so audited. */
export async function loadCaseList(query: ListQuery, user: AuthenticatedUser, clock: Clock) {
  const today = clock.today();
  const result = await listCases(query, user, { clock });
  const names = await userNames(result.cases.map((c) => c.assigneeId));
  const pages = Math.max(1, Math.ceil(result.total / query.limit));
  return {
    today,
    total: result.total,
    rows: result.cases.map((c) => toBoardRow(c, clock, names)),
    page: query.page,
    pages,
    previous: query.page > 1 ? queryString(query, { page: query.page - 1 }) : null,
    next: query.page < pages ? queryString(query, { page: query.page + 1 }) : null,
    previousPage: query.page > 1 ? query.page - 1 : null,
    nextPage: query.page < pages ? query.page + 1 : null,
  };
}

/**
 * A search result's filters, search text included, as hidden fields of a form that posts them
 * again: its sort and page controls must keep the search, which no URL may carry.
 */
export function carriedFields(query: Partial<ListQuery>, omit: string[]): { name: string; value: string }[] {
  return Object.entries(query).flatMap(([name, value]) =>
    value === undefined || value === null || value === '' || omit.includes(name)
      ? []
      : (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: String(v) })),
  );
}

/** The CARC a line was denied for: its largest denial adjustment (contractual and patient-share ones are no denial). */
function mainDenialCode(line: ClaimLineRecord): string | undefined {
  const denials = line.adjustments.filter((a) =>
    isDenialAdjustment({ group: a.group, reason: a.reason, amount: a.amountCents }),
  );
  return denials.sort((a, b) => b.amountCents - a.amountCents)[0]?.reason;
}

/** The figures are computed in code (see board-figures.ts) from at most this many cases. */
export const FIGURE_CASE_LIMIT = 20_000;

/**
 * The cases the user may see, most recent denial first, reduced to what the figures need (no
 * patient data); `total` says how many there are, so the board can say when it read fewer.
 */
export async function loadFigureCases(
  user: AuthenticatedUser,
  limit = FIGURE_CASE_LIMIT,
): Promise<{ cases: FigureCase[]; total: number }> {
  const { cases: docs, total } = await casesForFigures(user, limit);
  return {
    total,
    cases: docs.map((d) => ({
      status: d.status,
      payerName: d.payer.name,
      category: d.denial.category,
      carcCodes: [...new Set((d.denial.reasonCodes ?? []).filter((r) => r.kind === 'CARC').map((r) => r.code))],
      amountAtStake: d.amountAtStake,
      noticeDate: d.denial.noticeDate,
      levelHistory: (d.levelHistory ?? []).map((h) => ({ level: h.level, outcome: h.outcome, decidedOn: h.decidedOn })),
      p2pLevels: [...new Set((d.timeline ?? []).filter((t) => t.type === 'p2p').map((t) => t.level ?? ''))],
      lines: (d.lines ?? [])
        .filter((l) => l.underAppeal)
        .map((l) => ({ deniedCents: l.deniedCents, carc: mainDenialCode(l), resolution: l.resolution })),
      citesAdherence: d.denial.adherenceCited === true,
    })),
  };
}

/** The board's figures, and a sentence saying which cases they cover when not all of them. */
export async function loadBoardFigures(user: AuthenticatedUser, clock: Clock, limit = FIGURE_CASE_LIMIT) {
  const { cases, total } = await loadFigureCases(user, limit);
  const scope =
    cases.length < total
      ? `Figures cover the ${cases.length.toLocaleString('en-US')} most recent denials ` +
        `of the ${total.toLocaleString('en-US')} cases you can see.`
      : total
        ? `Figures cover all ${total.toLocaleString('en-US')} cases you can see.`
        : 'Figures appear once there are cases.';
  return { ...computeBoardFigures(cases, clock.today()), scope, attendance: await attendanceFigures(user) };
}
