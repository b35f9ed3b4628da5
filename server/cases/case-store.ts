/**
 * What every write of a case shares: loading it within the caller's sight, counting its
 * deadlines again, its timeline entries, and saving it as its next version. Internal to cases/.
 */
import { CaseModel, type CaseDocument } from './case.model.js';
import { computeCaseDeadlines, filingDeadlineMissing, listKeys, type CaseDeadline } from './case-deadlines.js';
import { DeadlineRuleError } from '../deadlines/index.js';
import { mayView } from './case-query.js';
import type { CaseView } from './case-view.js';
import { caseFile } from './case-timeline.js';
import { findPayerProfile, payerWindow } from '../payers/index.js';
import { recordAudit } from '../audit/index.js';
import { notFound, unprocessable } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import { versionedWrites } from '../platform/db/versioned-write.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

/** What a note, a move or a change may record beside it, in the speaker's own words. */
export interface AdvocacyNote {
  [key: string]: unknown;
  note?: string;
  quote?: { speaker: string; text: string };
  alternativesOffered?: string[];
  contact?: { name?: string; role?: string; method?: string };
}

/**
 * The case `caseId` if `actor` may see it, else 404 — also when it exists outside their sight,
 * so that ids do not leak. Read by `_id` alone (index `_id_`, pushed down on FerretDB too), the
 * sight decided after the read (`mayView`).
 */
export async function loadVisible(caseId: string, actor: AuthenticatedUser): Promise<CaseDocument> {
  const doc = await CaseModel.findOne({ _id: caseId }).select('+searchTerms');
  if (!doc || !mayView(doc, actor)) throw notFound('Case', 'CASE_NOT_FOUND');
  return doc;
}

// Claims are named `case:<id>:<version>`: every running instance must use the same entity name.
const caseWrites = versionedWrites(CaseModel, { entity: 'case', label: 'case', versionField: '__v' });

/** Saves a loaded case as its next version; a concurrent writer of the same version gets 409. */
export async function saveNextVersion(doc: CaseDocument): Promise<void> {
  await caseWrites.save(doc);
}

/** Refuses (409) a change made to a version of the case other than the one stored. */
export function assertVersion(doc: CaseDocument, version: number) {
  caseWrites.expect(doc.__v, version);
}

/**
 * What must be written elsewhere with a new case (its notice attached as evidence, which needs the
 * case to exist): run once the case is saved; if it fails, the case is removed again.
 */
export type WithNewCase = (caseId: string) => Promise<void>;

/**
 * Saves a changed case as its next version and audits the change; answers the case as it now is.
 * @param withNew - a case being opened only: see `WithNewCase`
 */
export async function commitChange(
  doc: CaseDocument,
  change: { actor: AuthenticatedUser; action: string; fields?: string[]; at: Date },
  withNew?: WithNewCase,
): Promise<CaseView> {
  await saveNextVersion(doc);
  const caseId = String(doc._id);
  if (withNew)
    try {
      await withNew(caseId);
    } catch (err) {
      // No one has been told of the case yet (not audited, not answered): taking it back leaves nothing half-opened.
      await CaseModel.deleteOne({ _id: doc._id });
      throw err;
    }
  await recordAudit({
    actor: change.actor,
    action: change.action,
    entityType: 'case',
    entityId: caseId,
    caseId,
    fields: change.fields,
    at: change.at,
  });
  return caseFile(doc);
}

type PayerProfile = Awaited<ReturnType<typeof findPayerProfile>>;

/**
 * Recomputes deadlines on a loaded case document in place; a submission is dated on the
 * clinic's calendar. `payer`: the case's payer profile when the caller has read it already.
 */
/** A combination the rules refuse (expedited Original Medicare) is the user's to change: 422 with the rule's words. */
function deadlinesOrRefusal(compute: () => CaseDeadline[]): CaseDeadline[] {
  try {
    return compute();
  } catch (err) {
    if (err instanceof DeadlineRuleError) throw unprocessable(err.code, err.message);
    throw err;
  }
}

export async function refreshDeadlines(doc: CaseDocument, clock: Clock, payer?: PayerProfile): Promise<void> {
  payer ??= await findPayerProfile(doc.payer.profileId ? String(doc.payer.profileId) : null);
  const deadlines = deadlinesOrRefusal(() =>
    computeCaseDeadlines({
      status: doc.status,
      planType: doc.payer.planType,
      appealLevel: doc.appealLevel,
      priority: doc.priority,
      requestType: doc.service.requestType,
      levelNotice: {
        noticeDate: doc.levelNotice?.noticeDate ?? doc.denial.noticeDate,
        receivedDate: doc.levelNotice?.receivedDate ?? undefined,
      },
      intendedEffectiveDate: doc.denial.intendedEffectiveDate,
      action: doc.denial.action,
      appellant: doc.appellant,
      fastTrack: doc.fastTrack,
      payerState: doc.payer.state,
      authorizationRequest: doc.authorizationRequest,
      submittedAt: doc.submittedAt,
      timeZone: clock.timeZone,
      decisionExtensionDays:
        doc.decisionExtension?.level === doc.appealLevel ? (doc.decisionExtension.days ?? undefined) : undefined,
      payer: payer
        ? {
            appealWindow: payerWindow(payer.appealWindow),
            stateFairHearingDays: payer.stateFairHearingDays,
            externalReviewMonths: payer.externalReviewMonths,
          }
        : null,
      // Plain copies: the stored deadlines are subdocuments, about to be replaced.
      overrides: (doc.toObject().deadlines ?? []).filter((d) => d.override?.byUserId),
      // The notice's printed date is the first level's: once a decision opens the next, it no longer applies.
      printed:
        doc.denial.printedAppealDeadline && doc.levelHistory.length === 0
          ? {
              dueDate: doc.denial.printedAppealDeadline,
              level: doc.appealLevel,
              decided: Boolean(doc.printedDeadlineDecision),
            }
          : null,
    }),
  );
  doc.set('deadlines', deadlines);
  doc.set(listKeys(doc.status, deadlines));
  doc.set(
    'filingDeadlineMissing',
    filingDeadlineMissing(
      { status: doc.status, planType: doc.payer.planType, appealLevel: doc.appealLevel },
      deadlines,
    ),
  );
}

export function timelineEntry(
  actor: AuthenticatedUser,
  at: Date,
  type: string,
  extra: AdvocacyNote & { [key: string]: unknown } = {},
) {
  return { at, actorId: actor.id, actorName: actor.name, type, ...extra };
}
