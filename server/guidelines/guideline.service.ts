/**
 * The guideline library shared by every case: adding and correcting references, finding them
 * by words or codes, and suggesting the ones that apply to a case's codes.
 */
import type { QueryFilter, Types } from 'mongoose';
import { GuidelineModel, type GuidelineRecord, type StoredReference } from './guideline.model.js';
import { CaseCriterionModel } from './case-criterion.model.js';
import { citationOf } from './citation.js';
import {
  codeMatches,
  diagnosisAncestors,
  normaliseDiagnosisCode,
  whyNoneSuggested,
  whySuggested,
  DIAGNOSIS_CODE,
} from './code-match.js';
import type { GuidelineReference, GuidelineSource, GuidelineView } from './guideline.types.js';
import { findVisibleCase } from '../cases/index.js';
import { recordAudit } from '../audit/index.js';
import { notFound } from '../platform/errors.js';
import { versionedWrites } from '../platform/db/versioned-write.js';
import type { Clock } from '../platform/clock.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { escapeRegex } from '../platform/escape-regex.js';

/** The library calls a reference's version its revision. */
const guidelineWrites = versionedWrites(GuidelineModel, {
  entity: 'guideline',
  label: 'guideline',
  versionField: '__v',
  versionName: 'revision',
});

export type GuidelineInput = Omit<GuidelineReference, 'id' | 'procedureCodes' | 'diagnosisCodes'> & {
  procedureCodes?: string[];
  diagnosisCodes?: string[];
};
export type GuidelineChanges = { [K in keyof GuidelineInput]?: GuidelineInput[K] | null };

/** The reference itself, without the library's bookkeeping. */
export function toReference(r: StoredReference & { _id: Types.ObjectId }): GuidelineReference {
  return {
    id: String(r._id),
    source: r.source,
    title: r.title,
    issuingBody: r.issuingBody,
    ...(r.version ? { version: r.version } : {}),
    ...(r.publishedDate ? { publishedDate: r.publishedDate } : {}),
    ...(r.section ? { section: r.section } : {}),
    ...(r.url ? { url: r.url } : {}),
    criterionText: r.criterionText,
    procedureCodes: r.procedureCodes ?? [],
    diagnosisCodes: r.diagnosisCodes ?? [],
  };
}

/** A stored guideline as the API shows it: `id` and `revision` instead of Mongo's fields. */
export function toGuidelineView(r: GuidelineRecord): GuidelineView {
  const reference = toReference(r);
  return {
    ...reference,
    citation: citationOf(reference),
    revision: r.__v,
    createdById: r.createdById,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Adds a reference to the library. */
export async function createGuideline(
  input: GuidelineInput,
  actor: AuthenticatedUser,
  { clock }: { clock: Clock },
): Promise<GuidelineView> {
  const now = clock.now();
  const doc = await GuidelineModel.create({ ...input, createdById: actor.id, createdAt: now, updatedAt: now });
  await recordAudit({ actor, action: 'guideline.create', entityType: 'guideline', entityId: String(doc._id), at: now });
  return toGuidelineView(doc.toObject());
}

/** A guideline of the library as stored; 404 when there is none with this id. */
export async function findGuideline(id: string): Promise<GuidelineRecord> {
  const doc = await GuidelineModel.findById(id).lean<GuidelineRecord>();
  if (!doc) throw notFound('Guideline', 'GUIDELINE_NOT_FOUND');
  return doc;
}

/** A guideline of the library as the API shows it; 404 when there is none with this id. */
export async function getGuideline(id: string): Promise<GuidelineView> {
  return toGuidelineView(await findGuideline(id));
}

/**
 * Corrects a reference (version-checked; a stale revision is 409). Criteria already attached
 * keep the text they were judged against.
 */
export async function updateGuideline(
  id: string,
  revision: number,
  changes: GuidelineChanges,
  actor: AuthenticatedUser,
  { clock }: { clock: Clock },
): Promise<GuidelineView> {
  guidelineWrites.expect((await findGuideline(id)).__v, revision);
  const now = clock.now();
  const $set: Record<string, unknown> = { updatedAt: now };
  const $unset: Record<string, ''> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) $unset[key] = '';
    else if (value !== undefined) $set[key] = value;
  }
  const doc = await guidelineWrites.update<GuidelineRecord>(
    { id, version: revision },
    { $set, ...(Object.keys($unset).length ? { $unset } : {}) },
    { runValidators: true },
  );
  await recordAudit({
    actor,
    action: 'guideline.update',
    entityType: 'guideline',
    entityId: id,
    fields: Object.keys(changes),
    at: now,
  });
  return toGuidelineView(doc);
}

/** Which references a code finds: the procedure code itself, or diagnosis codes above or below it. */
function codeFilter(code: string): QueryFilter<GuidelineRecord> {
  const upper = code.toUpperCase();
  const or: QueryFilter<GuidelineRecord>[] = [{ procedureCodes: upper }];
  // A HCPCS code such as E0601 also reads as a diagnosis code (E06.01); looking on both sides is harmless.
  if (DIAGNOSIS_CODE.test(upper)) {
    const dx = normaliseDiagnosisCode(upper);
    or.push({ diagnosisCodes: { $in: diagnosisAncestors(dx) } }, { diagnosisCodes: { $regex: `^${escapeRegex(dx)}` } });
  }
  return { $or: or };
}

export interface GuidelineSearch {
  q?: string;
  code?: string;
  source?: GuidelineSource[];
  page: number;
  limit: number;
}

/** Library search by words (case-insensitive, in title, criterion or issuing body) and by code. */
export async function listGuidelines(search: GuidelineSearch) {
  const and: QueryFilter<GuidelineRecord>[] = [];
  if (search.q) {
    const words = { $regex: escapeRegex(search.q), $options: 'i' };
    and.push({ $or: [{ title: words }, { criterionText: words }, { issuingBody: words }] });
  }
  if (search.code) and.push(codeFilter(search.code));
  if (search.source?.length) and.push({ source: { $in: search.source } });
  const filter = and.length ? { $and: and } : {};
  const [docs, total] = await Promise.all([
    GuidelineModel.find(filter)
      .sort({ title: 1, section: 1, _id: 1 })
      .skip((search.page - 1) * search.limit)
      .limit(search.limit)
      .lean<GuidelineRecord[]>(),
    GuidelineModel.countDocuments(filter),
  ]);
  return { guidelines: docs.map(toGuidelineView), page: search.page, limit: search.limit, total };
}

/**
 * References whose codes match the case's CPT/HCPCS or ICD-10 codes (a category matches the
 * codes below it), most matching codes first, procedure matches before diagnosis-only ones.
 * Each says why it is suggested (`reason`); when none is, `noneReason` says why not.
 */
export async function suggestGuidelines(caseId: string, actor: AuthenticatedUser) {
  const record = await findVisibleCase(caseId, actor, 'guideline.suggest');
  const service = record.service;
  const procedures = service.cptCodes.map((c) => c.toUpperCase());
  const ancestors = [...new Set((service.icd10Codes ?? []).flatMap(diagnosisAncestors))];
  const [docs, attached] = await Promise.all([
    GuidelineModel.find({
      $or: [{ procedureCodes: { $in: procedures } }, { diagnosisCodes: { $in: ancestors } }],
    }).lean<GuidelineRecord[]>(),
    CaseCriterionModel.find({ caseId }).select('guideline.id').lean<{ guideline: { id: unknown } }[]>(),
  ]);
  const attachedIds = new Set(attached.map((c) => String(c.guideline.id)));
  const suggestions = docs.map((doc) => {
    const matches = codeMatches(doc, service);
    return {
      guideline: toGuidelineView(doc),
      matchedCodes: matches.map((m) => m.caseCode),
      procedureMatch: matches.some((m) => m.kind === 'procedure'),
      reason: whySuggested(matches),
      alreadyAttached: attachedIds.has(String(doc._id)),
    };
  });
  suggestions.sort(
    (a, b) =>
      Number(b.procedureMatch) - Number(a.procedureMatch) ||
      b.matchedCodes.length - a.matchedCodes.length ||
      a.guideline.title.localeCompare(b.guideline.title),
  );
  return {
    caseId,
    codes: { procedure: procedures, diagnosis: (service.icd10Codes ?? []).map(normaliseDiagnosisCode) },
    suggestions,
    ...(suggestions.length ? {} : { noneReason: whyNoneSuggested(service) }),
  };
}
