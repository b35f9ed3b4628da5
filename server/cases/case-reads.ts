/**
 * What other domains read of cases, named for what they need: a case within the user's sight,
 * and the few clinic-wide reads that reminders, the board and the P2P worklists make. Each read
 * selects only the fields its caller uses. Neighbours never query the case model themselves.
 */
import { CaseModel, type CaseRecord } from './case.model.js';
import { mayView, SIGHT_PROJECTION, visibleTo } from './case-query.js';
import { PREPARING_STATUSES } from './case-status.js';
import { loadVisible } from './case-store.js';
import { recordAudit } from '../audit/index.js';
import { notFound } from '../platform/errors.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

/** A case's id and its reference (OVT-2026-00012): nothing about the patient. */
export interface CaseRef {
  id: string;
  reference: string;
}

/**
 * The case if the user may see it, as a plain record, audited as a read of it (`auditAs` names
 * what for, e.g. `packet.submit`). 404 when it does not exist or is outside the user's sight.
 */
export async function findVisibleCase(
  caseId: string,
  actor: AuthenticatedUser,
  auditAs = 'case.read',
): Promise<CaseRecord> {
  const doc = await loadVisible(caseId, actor);
  await recordAudit({ actor, action: auditAs, entityType: 'case', entityId: caseId, caseId });
  return doc.toObject();
}

/**
 * The case's id and reference if the user may see it, else 404. Not audited: it reads no
 * patient data, and the caller audits what it reads of its own (a document, a criterion).
 */
export async function findVisibleCaseRef(caseId: string, actor: AuthenticatedUser): Promise<CaseRef> {
  const found = await visibleRef(caseId, actor);
  if (!found) throw notFound('Case', 'CASE_NOT_FOUND');
  return found;
}

/** Whether the user may see the case (false also when it does not exist). */
export async function isCaseVisible(caseId: string, actor: AuthenticatedUser): Promise<boolean> {
  return Boolean(await visibleRef(caseId, actor));
}

/** The case's reference if it is within the user's sight: read by `_id` alone (`_id_`), the sight checked after. */
async function visibleRef(caseId: string, actor: AuthenticatedUser): Promise<CaseRef | null> {
  const found = await CaseModel.findOne({ _id: caseId })
    .select(`reference ${SIGHT_PROJECTION}`)
    .lean<Pick<CaseRecord, '_id' | 'reference' | 'assigneeId' | 'treatingClinician' | 'createdById'>>();
  return found && mayView(found, actor) ? { id: String(found._id), reference: found.reference } : null;
}

/** The ids of the cases the user may see, or `all` for the roles that see the clinic's. */
export async function visibleCaseIds(actor: AuthenticatedUser): Promise<string[] | 'all'> {
  const scope = visibleTo(actor);
  if (!Object.keys(scope).length) return 'all';
  const cases = await CaseModel.find(scope).select('_id').lean<Pick<CaseRecord, '_id'>[]>();
  return cases.map((c) => String(c._id));
}

/**
 * Whether any case exists at all (the demo seeds only an empty database): one document read,
 * where FerretDB v1 answers `estimatedDocumentCount` by scanning the collection at every start.
 */
export async function hasAnyCase(): Promise<boolean> {
  return Boolean(await CaseModel.exists({}));
}

/** An open case with a deadline, as reminders need it: who to tell and what is due. */
export type DueCase = Pick<CaseRecord, '_id' | 'reference' | 'assigneeId' | 'treatingClinician' | 'deadlines'>;

/** Open cases with a deadline from `from` to `until` (YYYY-MM-DD, inclusive); no patient data. */
export async function casesDueBetween(from: string, until: string): Promise<DueCase[]> {
  // Index statusGroup_1_dueOrder_1__id_1_worklistDue_1 (the range on its keys): open cases due by `until`;
  // those of them with no deadline from `from` on (all long overdue) are dropped here.
  const cases = await CaseModel.find({ statusGroup: 'open', worklistDue: { $lte: `${until}T24:00` } })
    .select('reference assigneeId treatingClinician.userId deadlines')
    .lean<DueCase[]>();
  return cases.filter((c) => c.deadlines.some((d) => d.dueDate >= from && d.dueDate <= until));
}

/** What the board's figures read of a case: status, payer, denial, money (lines too), levels; no patient data. */
export type FigureCaseRecord = Pick<
  CaseRecord,
  'status' | 'payer' | 'denial' | 'amountAtStake' | 'levelHistory' | 'timeline' | 'lines'
>;

/**
 * The cases the user may see, most recent denial first, at most `limit`, reduced to what the
 * board's figures need; `total` says how many there are, so the board can say when it read fewer.
 */
export async function casesForFigures(
  actor: AuthenticatedUser,
  limit: number,
): Promise<{ cases: FigureCaseRecord[]; total: number }> {
  const scope = visibleTo(actor);
  // Index denial.noticeDate_-1__id_-1 (the order; the limit stops the walk).
  const [cases, total] = await Promise.all([
    CaseModel.find(scope)
      .select(
        'status payer.name denial.category denial.reasonCodes denial.noticeDate denial.adherenceCited amountAtStake ' +
          'levelHistory timeline.type timeline.level ' +
          // The lines' money and how each ended, never their procedures or dates of service.
          'lines.deniedCents lines.underAppeal lines.adjustments lines.resolution.kind ' +
          'lines.resolution.amountCents lines.resolution.at',
      )
      .sort({ 'denial.noticeDate': -1, _id: -1 })
      .limit(limit)
      .lean<FigureCaseRecord[]>(),
    CaseModel.countDocuments(scope),
  ]);
  return { cases, total };
}

/** A case whose written appeal is still being prepared, as the P2P window worklist needs it. */
export type PreparingCase = Pick<
  CaseRecord,
  '_id' | 'reference' | 'status' | 'assigneeId' | 'treatingClinician' | 'payer' | 'denial' | 'levelNotice'
>;

/**
 * Cases of these payer profiles whose written appeal is still being prepared (nothing asked of
 * the payer yet): those `within.actor` may see, or every one when no user is given (reminders);
 * only those a given clinician treats when `within.treatingClinicianId` is set.
 */
export function preparingCasesOfPayers(
  payerIds: string[],
  within: { actor?: AuthenticatedUser; treatingClinicianId?: string } = {},
): Promise<PreparingCase[]> {
  // Index payer.profileId_1_status_1; the user's sight and the clinician are residual conditions.
  return CaseModel.find({
    ...(within.actor ? visibleTo(within.actor) : {}),
    ...(within.treatingClinicianId ? { 'treatingClinician.userId': within.treatingClinicianId } : {}),
    'payer.profileId': { $in: payerIds },
    status: { $in: PREPARING_STATUSES },
  })
    .select(
      'reference status assigneeId treatingClinician.userId payer.name payer.profileId ' +
        'denial.noticeDate denial.receivedDate levelNotice',
    )
    .lean<PreparingCase[]>();
}
