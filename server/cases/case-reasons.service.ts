/**
 * The denial's stated reasons with their answers, and the objective measures that answer them:
 * each change one version-checked write of the case with its timeline entry, audited. The split
 * of the payer's quoted reason is only proposed here; the user confirms it by saving the list.
 */
import type { CaseView } from './case-view.js';
import type { EvidenceQuote, ObjectiveMeasure, StatedReason } from './case.types.js';
import type { ForeignDocuments } from './case-references.js';
import { splitStatedReasons, type ProposedReason } from './case-reasons.js';
import { assertVersion, commitChange, loadVisible, timelineEntry } from './case-store.js';
import { recordAudit } from '../audit/index.js';
import { invalid, notFound, type FieldProblem } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

interface Deps {
  clock: Clock;
  foreignDocuments?: ForeignDocuments;
}

/** The list of stated reasons as a user saves it (`statedReasonsBody`). */
export interface StatedReasonsInput {
  version: number;
  reasons: StatedReason[];
  note?: string;
}

/** A reading as a user adds it (`addMeasureBody`). */
export interface NewMeasure extends Omit<ObjectiveMeasure, '_id'> {
  version: number;
}

/** Refuses (400, naming each field) document ids that are not this case's own. */
async function checkDocuments(
  caseId: string,
  cited: { field: string; documentId: string }[],
  foreignDocuments: ForeignDocuments | undefined,
): Promise<void> {
  if (!cited.length) return;
  const ids = [...new Set(cited.map((c) => c.documentId))];
  // Without the evidence domain's answer no id can be shown to be the case's own: refuse them all.
  const foreign = new Set(foreignDocuments ? await foreignDocuments(caseId, ids) : ids);
  const problems: FieldProblem[] = cited
    .filter((c) => foreign.has(c.documentId))
    .map((c) => ({ field: c.field, message: 'No document of this case has this id' }));
  if (problems.length) throw invalid('The evidence names documents that are not this case’s own', problems);
}

/**
 * The payer's reason (or `text`) split into the reasons it gives, each with a guessed kind, for the
 * user to confirm: nothing is stored. The case's quoted reason is read, so the read is audited.
 */
export async function proposeStatedReasons(
  caseId: string,
  text: string | undefined,
  actor: AuthenticatedUser,
): Promise<{ reasons: ProposedReason[] }> {
  const doc = await loadVisible(caseId, actor);
  await recordAudit({ actor, action: 'case.reasons_proposed', entityType: 'case', entityId: caseId, caseId });
  return { reasons: splitStatedReasons(text ?? doc.denial.payerReason) };
}

/**
 * Replaces the case's stated reasons by `input.reasons`, in the payer's order, on the version the
 * user read. Each reason's measures must name measures the case has; its documents must be the case's.
 * @throws 400 VALIDATION_FAILED naming each field; 409 STALE_VERSION
 */
export async function setStatedReasons(
  caseId: string,
  input: StatedReasonsInput,
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<CaseView> {
  const doc = await loadVisible(caseId, actor);
  assertVersion(doc, input.version);
  const known = new Set((doc.measures ?? []).map((m) => m.name.trim().toLowerCase()));
  const unknown: FieldProblem[] = input.reasons.flatMap((r, i) =>
    (r.measures ?? []).flatMap((name, k) =>
      known.has(name.trim().toLowerCase())
        ? []
        : [{ field: `body.reasons.${i}.measures.${k}`, message: 'The case has no reading of this measure' }],
    ),
  );
  if (unknown.length) throw invalid('A reason cites a measure the case has no reading of', unknown);
  await checkDocuments(
    caseId,
    input.reasons.flatMap((r, i) =>
      (r.documents ?? []).map((d: EvidenceQuote, k) => ({
        field: `body.reasons.${i}.documents.${k}.documentId`,
        documentId: d.documentId,
      })),
    ),
    deps.foreignDocuments,
  );
  const reasons = input.reasons.map((r) => ({ ...r, answer: r.answer?.trim() || undefined }));
  const answered = reasons.filter((r) => r.answer).length;
  const now = deps.clock.now();
  doc.set('statedReasons', reasons);
  doc.timeline.push(
    timelineEntry(actor, now, 'updated', {
      fields: ['statedReasons'],
      note: [`Stated reasons: ${reasons.length} listed, ${answered} answered.`, input.note].filter(Boolean).join(' '),
    }),
  );
  return commitChange(doc, { actor, action: 'case.stated_reasons', fields: ['statedReasons'], at: now });
}

/**
 * Adds a reading of an objective measure, on the version the user read; its document must be the case's.
 * @throws 400 VALIDATION_FAILED; 409 STALE_VERSION
 */
export async function addMeasure(
  caseId: string,
  { version, ...measure }: NewMeasure,
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<CaseView> {
  return addMeasureReadings(caseId, version, [measure], actor, deps);
}

/**
 * Adds readings (a measure before and after, as the case page takes them) in one write, so
 * either all are stored or none; each document must be the case's (`body.readings.N.documentId`
 * names a refused one when there are several).
 * @throws 400 VALIDATION_FAILED; 409 STALE_VERSION
 */
export async function addMeasureReadings(
  caseId: string,
  version: number,
  readings: Omit<ObjectiveMeasure, '_id'>[],
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<CaseView> {
  const doc = await loadVisible(caseId, actor);
  assertVersion(doc, version);
  await checkDocuments(
    caseId,
    readings.flatMap((m, i) =>
      m.documentId
        ? [
            {
              field: readings.length > 1 ? `body.readings.${i}.documentId` : 'body.documentId',
              documentId: m.documentId,
            },
          ]
        : [],
    ),
    deps.foreignDocuments,
  );
  const now = deps.clock.now();
  doc.set('measures', [...(doc.toObject().measures ?? []), ...readings]);
  doc.timeline.push(
    timelineEntry(actor, now, 'updated', {
      fields: ['measures'],
      note: `Measure recorded: ${readings.map((m) => `${m.name}, ${m.value} ${m.unit} on ${m.date}`).join('; ')}.`,
    }),
  );
  return commitChange(doc, { actor, action: 'case.measure_added', fields: ['measures'], at: now });
}

/**
 * Removes a reading entered by mistake, on the version the user read.
 * @throws 404 MEASURE_NOT_FOUND; 409 STALE_VERSION
 */
export async function removeMeasure(
  caseId: string,
  measureId: string,
  version: number,
  actor: AuthenticatedUser,
  deps: Deps,
): Promise<CaseView> {
  const doc = await loadVisible(caseId, actor);
  assertVersion(doc, version);
  const measures: ObjectiveMeasure[] = doc.toObject().measures ?? [];
  const removed = measures.find((m) => String(m._id) === measureId);
  if (!removed) throw notFound('Measure', 'MEASURE_NOT_FOUND');
  const now = deps.clock.now();
  doc.set(
    'measures',
    measures.filter((m) => m !== removed),
  );
  doc.timeline.push(
    timelineEntry(actor, now, 'updated', {
      fields: ['measures'],
      note: `Measure removed: ${removed.name}, ${removed.value} ${removed.unit} on ${removed.date}.`,
    }),
  );
  return commitChange(doc, { actor, action: 'case.measure_removed', fields: ['measures'], at: now });
}
