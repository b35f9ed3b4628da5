import type { QueryFilter as FilterQuery } from 'mongoose';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';
import type { CaseRecord } from './case.model.js';
import type { CaseStatus } from './case-status.js';
import { addDays, type Clock } from '../platform/clock.js';
import type { PlanType } from '../deadlines/index.js';
import type { DenialCategory } from '../reason-codes/index.js';
import { escapeRegex } from '../platform/escape-regex.js';

export interface CaseFilters {
  status?: CaseStatus[];
  open?: boolean;
  planType?: PlanType[];
  payer?: string;
  assignee?: string;
  category?: DenialCategory[];
  carc?: string;
  dueWithinDays?: number;
  overdue?: boolean;
  importId?: string;
  deadlineUnknown?: boolean;
  q?: string;
  sort?: string;
}

/** The fields that say whose a case is: a clinician sees the cases naming them in one of these. */
const SIGHT_FIELDS = ['assigneeId', 'treatingClinician.userId', 'createdById'] as const;

/** What a read by id selects so that `mayView` can be decided on it. */
export const SIGHT_PROJECTION = SIGHT_FIELDS.join(' ');

/**
 * Which cases a user may see at all. Clinicians work their own patients' appeals: the cases
 * they treat, are assigned to, or opened. Billing, medical directors and admins see the clinic.
 */
export function visibleTo(user: AuthenticatedUser): FilterQuery<CaseRecord> {
  if (user.role !== 'clinician') return {};
  return { $or: SIGHT_FIELDS.map((field) => ({ [field]: user.id })) };
}

/**
 * The same rule as `visibleTo`, decided in code on a case already read by its id: a read by `_id`
 * alone is the one filter FerretDB v1 pushes down, where an `$and` with `visibleTo` scans.
 */
export function mayView(
  doc: Pick<CaseRecord, 'assigneeId' | 'treatingClinician' | 'createdById'>,
  user: AuthenticatedUser,
) {
  if (user.role !== 'clinician') return true;
  return [doc.assigneeId, doc.treatingClinician?.userId, doc.createdById].includes(user.id);
}

/** Builds the MongoDB filter for the list and the export; every value is typed by joi first. */
export function caseFilter(filters: CaseFilters, user: AuthenticatedUser, clock: Clock): FilterQuery<CaseRecord> {
  const and: FilterQuery<CaseRecord>[] = [visibleTo(user)];
  const today = clock.today();
  if (filters.status?.length) and.push({ status: { $in: filters.status } });
  // An equality on an index prefix (statusGroup_1_dueOrder_1__id_1), where a $nin of statuses is a range scan.
  if (filters.open) and.push({ statusGroup: 'open' });
  if (filters.planType?.length) and.push({ 'payer.planType': { $in: filters.planType } });
  if (filters.payer) and.push({ 'payer.name': { $regex: `^${escapeRegex(filters.payer)}`, $options: 'i' } });
  if (filters.assignee === 'me') and.push({ assigneeId: user.id });
  else if (filters.assignee === 'none') and.push({ assigneeId: { $in: [null, ''] } });
  else if (filters.assignee) and.push({ assigneeId: filters.assignee });
  if (filters.category?.length) and.push({ 'denial.category': { $in: filters.category } });
  if (filters.carc) and.push({ 'denial.reasonCodes.code': filters.carc });
  if (filters.overdue) and.push({ nextDueDate: { $lt: today } });
  // The cases an import opened: an equality on the sparse index claim.importId_1, which MongoDB uses;
  // FerretDB v1 scans here as for every secondary index (README, capacity of the local default).
  if (filters.importId) and.push({ 'claim.importId': filters.importId });
  if (filters.deadlineUnknown) and.push({ filingDeadlineMissing: { $type: 'string' } });
  // "Due within 7 days" includes what is already overdue: a deadline missed is the most due of all.
  if (filters.dueWithinDays !== undefined)
    and.push({ nextDueDate: { $ne: null, $lte: addDays(today, filters.dueWithinDays) } });
  if (filters.q) and.push({ searchTerms: { $regex: `^${escapeRegex(filters.q.toLowerCase())}` } });
  const nonEmpty = and.filter((f) => Object.keys(f).length);
  return nonEmpty.length ? { $and: nonEmpty } : {};
}

const SORT_FIELDS: Record<string, string> = {
  nextDueDate: 'dueOrder',
  amountAtStake: 'amountAtStake',
  createdAt: 'createdAt',
  noticeDate: 'denial.noticeDate',
};

export function caseSort(sort = 'nextDueDate'): Record<string, 1 | -1> {
  const desc = sort.startsWith('-');
  const field = SORT_FIELDS[desc ? sort.slice(1) : sort] ?? 'dueOrder';
  // _id breaks ties so that pages never repeat or skip a case.
  return { [field]: desc ? -1 : 1, _id: 1 };
}
