/**
 * What every write of a case shares: loading it within the caller's sight, counting its
 * deadlines again, its timeline entries, and saving it as its next version. Internal to cases/.
 */
import { CaseModel, type CaseDocument } from './case.model.js';
import {
  computeCaseDeadlines,
  filingDeadlineMissing,
  listKeys,
  type CaseDeadline,
  type ListKeys,
} from './case-deadlines.js';
import type { CaseRecord } from './case.types.js';
import { DeadlineRuleError, type AppealLevel } from '../deadlines/index.js';
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

/** A combination the rules refuse (expedited Original Medicare) is the user's to change: 422 with the rule's words. */
function deadlinesOrRefusal(compute: () => CaseDeadline[]): CaseDeadline[] {
  try {
    return compute();
  } catch (err) {
    if (err instanceof DeadlineRuleError) throw unprocessable(err.code, err.message);
    throw err;
  }
}

/** The fields of a case its deadlines are counted from: a case document, or a new case as a plain object. */
export type DeadlineSource = Pick<
  CaseRecord,
  | 'status'
  | 'appealLevel'
  | 'priority'
  | 'levelNotice'
  | 'appellant'
  | 'fastTrack'
  | 'authorizationRequest'
  | 'submittedAt'
  | 'decisionExtension'
  | 'printedDeadlineDecision'
  | 'levelHistory'
> & {
  payer: Pick<CaseRecord['payer'], 'planType' | 'state'>;
  service: Pick<CaseRecord['service'], 'requestType'>;
  denial: Pick<CaseRecord['denial'], 'noticeDate' | 'intendedEffectiveDate' | 'action' | 'printedAppealDeadline'>;
};

/**
 * A case's deadlines and the keys the lists read them by, counted from its fields; a submission is
 * dated on the clinic's calendar. `overrides`: the stored deadlines a person overrode, as plain copies.
 */
export function deadlineFields(
  c: DeadlineSource,
  clock: Clock,
  payer: PayerProfile,
  overrides: CaseDeadline[] = [],
): ListKeys & { deadlines: CaseDeadline[]; filingDeadlineMissing?: AppealLevel } {
  const deadlines = deadlinesOrRefusal(() =>
    computeCaseDeadlines({
      status: c.status,
      planType: c.payer.planType,
      appealLevel: c.appealLevel,
      priority: c.priority,
      requestType: c.service.requestType,
      levelNotice: {
        noticeDate: c.levelNotice?.noticeDate ?? c.denial.noticeDate,
        receivedDate: c.levelNotice?.receivedDate ?? undefined,
      },
      intendedEffectiveDate: c.denial.intendedEffectiveDate,
      action: c.denial.action,
      appellant: c.appellant,
      fastTrack: c.fastTrack,
      payerState: c.payer.state,
      authorizationRequest: c.authorizationRequest,
      submittedAt: c.submittedAt,
      timeZone: clock.timeZone,
      decisionExtensionDays:
        c.decisionExtension?.level === c.appealLevel ? (c.decisionExtension.days ?? undefined) : undefined,
      payer: payer
        ? {
            appealWindow: payerWindow(payer.appealWindow),
            stateFairHearingDays: payer.stateFairHearingDays,
            externalReviewMonths: payer.externalReviewMonths,
          }
        : null,
      overrides,
      // The notice's printed date is the first level's: once a decision opens the next, it no longer applies.
      printed:
        c.denial.printedAppealDeadline && c.levelHistory.length === 0
          ? {
              dueDate: c.denial.printedAppealDeadline,
              level: c.appealLevel,
              decided: Boolean(c.printedDeadlineDecision),
            }
          : null,
    }),
  );
  return {
    deadlines,
    ...listKeys(c.status, deadlines),
    filingDeadlineMissing: filingDeadlineMissing(
      { status: c.status, planType: c.payer.planType, appealLevel: c.appealLevel },
      deadlines,
    ),
  };
}

/**
 * Recomputes deadlines on a loaded case document in place (`deadlineFields`). `payer`: the case's
 * payer profile when the caller has read it already.
 */
export async function refreshDeadlines(doc: CaseDocument, clock: Clock, payer?: PayerProfile): Promise<void> {
  payer ??= await findPayerProfile(doc.payer.profileId ? String(doc.payer.profileId) : null);
  // Plain copies: the stored deadlines are subdocuments, about to be replaced.
  const overrides = (doc.toObject().deadlines ?? []).filter((d) => d.override?.byUserId);
  const { deadlines, filingDeadlineMissing: missing, ...keys } = deadlineFields(doc, clock, payer, overrides);
  doc.set('deadlines', deadlines);
  doc.set(keys);
  doc.set('filingDeadlineMissing', missing);
}

export function timelineEntry(
  actor: AuthenticatedUser,
  at: Date,
  type: string,
  extra: AdvocacyNote & { [key: string]: unknown } = {},
) {
  return { at, actorId: actor.id, actorName: actor.name, type, ...extra };
}
