/**
 * Criteria: guidelines attached to a case, each judged met / not met / not applicable with the
 * evidence that shows it. Each change is one version-checked write of the criterion.
 */
import { CaseCriterionModel, type CaseCriterionRecord } from './case-criterion.model.js';
import { findGuideline, toReference } from './guideline.service.js';
import { checkEvidence, type EvidenceInput } from './criterion-evidence.js';
import { citationOf } from './citation.js';
import type { GuidelineRecord } from './guideline.model.js';
import type { CaseCriterion, CriterionStatus } from './guideline.types.js';
import { findVisibleCaseRef } from '../cases/index.js';
import { recordAudit } from '../audit/index.js';
import { conflict, invalid, notFound } from '../platform/errors.js';
import { isDuplicateKey, versionedWrites } from '../platform/db/versioned-write.js';
import type { Clock } from '../platform/clock.js';
import type { AuthenticatedUser } from '../auth/index.js';

export interface NewCriterion {
  guidelineId: string;
  status: CriterionStatus;
  evidence: EvidenceInput[];
}

export interface CriterionChanges {
  version: number;
  status?: CriterionStatus;
  evidence?: EvidenceInput[];
  refreshGuideline?: boolean;
}

type Deps = { clock: Clock };

const criterionWrites = versionedWrites(CaseCriterionModel, {
  entity: 'criterion',
  label: 'criterion',
  versionField: '__v',
});

/** A stored criterion as the API shows it. */
export function toCriterion(r: CaseCriterionRecord): CaseCriterion {
  const { id, revision, ...rest } = r.guideline;
  const guideline = { ...toReference({ ...rest, _id: id }), revision };
  return {
    id: String(r._id),
    caseId: String(r.caseId),
    guideline,
    citation: citationOf(guideline),
    status: r.status,
    evidence: r.evidence.map(({ documentId, ...e }) => (documentId ? { ...e, documentId: String(documentId) } : e)),
    addedById: r.addedById,
    addedByName: r.addedByName,
    addedAt: r.addedAt,
    ...(r.updatedAt ? { updatedById: r.updatedById, updatedByName: r.updatedByName, updatedAt: r.updatedAt } : {}),
    version: r.__v,
  };
}

/** The library entry as it is now, copied onto the criterion. */
function snapshotOf(g: GuidelineRecord) {
  const { id: _id, ...reference } = toReference(g);
  return { id: g._id, revision: g.__v, ...reference };
}

const alreadyAttached = (criterionId?: string) =>
  conflict(
    'CRITERION_ALREADY_ATTACHED',
    'This guideline is already a criterion of the case; change that criterion instead',
    criterionId ? { criterionId } : {},
  );

/** Attaches a library guideline to a case as a criterion, with its status and checked evidence. */
export async function attachCriterion(
  caseId: string,
  input: NewCriterion,
  actor: AuthenticatedUser,
  { clock }: Deps,
): Promise<CaseCriterion> {
  await findVisibleCaseRef(caseId, actor);
  const guideline = await findGuideline(input.guidelineId);
  const existing = await CaseCriterionModel.findOne({ caseId, 'guideline.id': guideline._id }).select('_id').lean();
  if (existing) throw alreadyAttached(String(existing._id));
  const evidence = await checkEvidence(caseId, input.evidence);
  const now = clock.now();
  let record: CaseCriterionRecord;
  try {
    record = (
      await CaseCriterionModel.create({
        caseId,
        guideline: snapshotOf(guideline),
        status: input.status,
        evidence,
        addedById: actor.id,
        addedByName: actor.name,
        addedAt: now,
      })
    ).toObject();
  } catch (err) {
    if (isDuplicateKey(err)) throw alreadyAttached();
    throw err;
  }
  await recordAudit({
    actor,
    action: 'criterion.attach',
    entityType: 'criterion',
    entityId: String(record._id),
    caseId,
    at: now,
  });
  return toCriterion(record);
}

/**
 * The criteria of a case in the order they were attached, for other domains (letters,
 * packets, peer-to-peer prep) that have already checked the user may see the case.
 */
export async function listCaseCriteria(caseId: string): Promise<CaseCriterion[]> {
  const records = await CaseCriterionModel.find({ caseId }).sort({ addedAt: 1, _id: 1 }).lean<CaseCriterionRecord[]>();
  return records.map(toCriterion);
}

/** The criteria of a case the user may see, audited as one read of the case. */
export async function listCriteriaFor(caseId: string, actor: AuthenticatedUser): Promise<CaseCriterion[]> {
  await findVisibleCaseRef(caseId, actor);
  const criteria = await listCaseCriteria(caseId);
  await recordAudit({ actor, action: 'criterion.list', entityType: 'case', entityId: caseId, caseId });
  return criteria;
}

async function loadCriterion(
  caseId: string,
  criterionId: string,
  actor: AuthenticatedUser,
  version: number,
): Promise<CaseCriterionRecord> {
  await findVisibleCaseRef(caseId, actor);
  const current = await CaseCriterionModel.findOne({ _id: criterionId, caseId }).lean<CaseCriterionRecord>();
  if (!current) throw notFound('Criterion', 'CRITERION_NOT_FOUND');
  criterionWrites.expect(current.__v, version);
  return current;
}

/** Changes a criterion's status or evidence, or takes the library's current text (version-checked). */
export async function updateCriterion(
  caseId: string,
  criterionId: string,
  changes: CriterionChanges,
  actor: AuthenticatedUser,
  { clock }: Deps,
): Promise<CaseCriterion> {
  const current = await loadCriterion(caseId, criterionId, actor, changes.version);
  const status = changes.status ?? current.status;
  const evidence = changes.evidence ? await checkEvidence(caseId, changes.evidence) : current.evidence;
  if (status === 'met' && !evidence.length)
    throw invalid('A criterion marked met needs evidence', [
      { field: 'body.evidence', message: 'a criterion marked met needs at least one piece of evidence' },
    ]);
  const now = clock.now();
  const $set: Record<string, unknown> = {
    status,
    evidence,
    updatedById: actor.id,
    updatedByName: actor.name,
    updatedAt: now,
  };
  if (changes.refreshGuideline) $set.guideline = snapshotOf(await findGuideline(String(current.guideline.id)));
  const record = await criterionWrites.update<CaseCriterionRecord>(
    { id: criterionId, version: changes.version, filter: { _id: criterionId, caseId } },
    { $set },
    { runValidators: true },
  );
  const fields = (['status', 'evidence', 'refreshGuideline'] as const)
    .filter((k) => changes[k] !== undefined)
    .map((k) => (k === 'refreshGuideline' ? 'guideline' : k));
  await recordAudit({
    actor,
    action: 'criterion.update',
    entityType: 'criterion',
    entityId: criterionId,
    caseId,
    fields,
    at: now,
  });
  return toCriterion(record);
}

/** Detaches a criterion attached by mistake (version-checked). Packets already made keep their copy. */
export async function removeCriterion(
  caseId: string,
  criterionId: string,
  version: number,
  actor: AuthenticatedUser,
  { clock }: Deps,
): Promise<void> {
  await loadCriterion(caseId, criterionId, actor, version);
  await criterionWrites.remove({ id: criterionId, version, filter: { _id: criterionId, caseId } });
  await recordAudit({
    actor,
    action: 'criterion.remove',
    entityType: 'criterion',
    entityId: criterionId,
    caseId,
    at: clock.now(),
  });
}
