import { CaseModel, type CaseRecord } from './case.model.js';
import { visibleTo } from './case-query.js';
import { addDays, type Clock } from '../platform/clock.js';
import { recordBulkRead } from '../audit/index.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

export interface WorklistItem {
  caseId: string;
  reference: string;
  status: string;
  appealLevel: string;
  assigneeId?: string | null;
  payerName: string;
  kind: string;
  /** The level the deadline belongs to: after an adverse decision, the next one's filing. */
  level: string;
  dueDate: string;
  /** Deadlines counted in hours: the time on the clinic's clock, its zone, the instant and the hours left. */
  dueTime?: string;
  timeZone?: string;
  dueAt?: Date;
  hoursLeft?: number;
  /** A last day on a weekend or holiday that does not roll over: the working day before it. */
  lastBusinessDay?: string;
  basis: string;
  citation: string;
  overdue: boolean;
  daysLeft: number;
}

/**
 * The order of the list: by day, within a day by the hour (a whole-day deadline last), then by
 * case reference. Day and hour have a fixed width, so one string holds the whole order; keys are
 * ASCII, so they are made once per item and compared by code unit, not rebuilt twice per
 * comparison and collated with `localeCompare` (thousands of items at a thousand cases shown).
 */
const orderKey = (d: WorklistItem) => `${d.dueDate}T${d.dueTime ?? '24:00'} ${d.reference}`;

function soonestFirst(items: WorklistItem[]): WorklistItem[] {
  const keyed = items.map((item) => ({ item, key: orderKey(item) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ item }) => item);
}

/** The worklist shows the deadlines of at most this many cases, the soonest due first. */
export const WORKLIST_CASE_LIMIT = 1000;

/**
 * Deadlines due within `withinDays` (and every overdue one), soonest first, for the clinic or
 * one assignee: the open cases whose soonest deadline of any kind (`worklistDue`) is due by then.
 */
export async function deadlineWorklist(
  options: { withinDays: number; assigneeId?: string },
  actor: AuthenticatedUser,
  clock: Clock,
  limit = WORKLIST_CASE_LIMIT,
): Promise<{ deadlines: WorklistItem[]; cases: number; casesShown: number }> {
  const today = clock.today();
  const now = clock.now();
  const until = addDays(today, options.withinDays);
  // Index statusGroup_1_dueOrder_1__id_1_worklistDue_1 (for one assignee, assigneeId_1_ first): equality on the
  // prefix, the order on the next field, the range on the last key. A clinician's sight is a residual $or.
  const filter = {
    ...visibleTo(actor),
    ...(options.assigneeId ? { assigneeId: options.assigneeId } : {}),
    statusGroup: 'open' as const,
    worklistDue: { $lte: `${until}T24:00` },
  };
  const docs = await CaseModel.find(filter)
    .select('reference status appealLevel assigneeId payer.name deadlines')
    .sort({ dueOrder: 1, _id: 1 })
    .limit(limit)
    .lean<CaseRecord[]>();
  // Counted only when the list stopped at its limit: below it, the cases shown are all there are.
  const cases = docs.length < limit ? docs.length : await CaseModel.countDocuments(filter);
  await recordBulkRead(
    actor,
    'case.worklist',
    docs.map((d) => String(d._id)),
  );
  const items = docs.flatMap((doc) =>
    doc.deadlines
      // A passed continuation-of-benefits date is no longer actionable: the appeal itself goes on.
      .filter((d) => d.dueDate <= until && !(d.kind === 'continuation_of_benefits' && d.dueDate < today))
      .map((d) => ({
        caseId: String(doc._id),
        reference: doc.reference,
        status: doc.status,
        appealLevel: doc.appealLevel,
        assigneeId: doc.assigneeId,
        payerName: doc.payer.name,
        kind: d.kind,
        level: d.level,
        dueDate: d.dueDate,
        ...(d.dueTime && d.dueAt
          ? {
              dueTime: d.dueTime,
              timeZone: d.timeZone,
              dueAt: d.dueAt,
              hoursLeft: Math.floor((new Date(d.dueAt).getTime() - now.getTime()) / 3_600_000),
            }
          : {}),
        ...(d.lastBusinessDay ? { lastBusinessDay: d.lastBusinessDay } : {}),
        basis: d.basis,
        citation: d.citation,
        // A deadline counted in hours is overdue at its hour, not at the end of its day.
        overdue: d.dueTime && d.dueAt ? new Date(d.dueAt) < now : d.dueDate < today,
        daysLeft: Math.round((Date.parse(d.dueDate) - Date.parse(today)) / 86_400_000),
      })),
  );
  // `cases` above `casesShown` says the list stops at the soonest `limit` cases, never silently.
  return {
    deadlines: soonestFirst(items),
    cases,
    casesShown: docs.length,
  };
}
