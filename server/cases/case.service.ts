/**
 * Denial cases: opening, reading, listing, editing, notes and deadline corrections (the status
 * workflow is case-workflow.service.ts). Every change is one version-checked write of the case
 * document, with its timeline entry and recomputed deadlines inside the same write, so a failed or
 * racing request never leaves half a change.
 */
import { CaseModel, CounterModel, type CaseRecord } from './case.model.js';
import type { AuthorizationRequest, FastTrackNotice, PrintedDeadlineChoice } from './case.types.js';
import { toCaseView, searchTermsFor, type CaseView } from './case-view.js';
import { appendNote, caseFile } from './case-timeline.js';
import { isCaseVisible } from './case-reads.js';
import { checkReferences, type ForeignDocuments } from './case-references.js';
import { caseFilter, caseSort, type CaseFilters } from './case-query.js';
import { casesToCsv, type ExportWords } from './case-csv.js';
import { awaitsDecision } from './case-status.js';
import {
  assertVersion,
  commitChange,
  loadVisible,
  refreshDeadlines,
  timelineEntry,
  type AdvocacyNote,
  type WithNewCase,
} from './case-store.js';
import {
  appealLevels,
  DeadlineRuleError,
  type AppealLevel,
  type Appellant,
  type PlanType,
} from '../deadlines/index.js';
import { findReasonCode } from '../reason-codes/index.js';
import { recordAudit, recordBulkRead } from '../audit/index.js';
import { conflict, invalid, notFound, unprocessable } from '../platform/errors.js';
import { type Clock } from '../platform/clock.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

export type NewCase = Pick<
  CaseRecord,
  'patient' | 'payer' | 'service' | 'denial' | 'treatingClinician' | 'narrative'
> & {
  assigneeId?: string;
  priority?: 'standard' | 'expedited';
  amountAtStake?: number;
  appealLevel?: AppealLevel;
  appellant?: Appellant;
  fastTrack?: FastTrackNotice;
  authorizationRequest?: AuthorizationRequest;
  note?: string;
};

export type CaseChanges = Partial<Omit<NewCase, 'fastTrack' | 'authorizationRequest'>> & {
  assigneeId?: string | null;
  fastTrack?: FastTrackNotice | null;
  authorizationRequest?: AuthorizationRequest | null;
};

interface Deps {
  clock: Clock;
  /** Which of a key fact's documents are not this case's; without it, a cited document is refused. */
  foreignDocuments?: ForeignDocuments;
}

/** The next human case reference of the year (OVT-2026-00123): one atomic $inc. */
export async function nextReference(clock: Clock): Promise<string> {
  return (await nextReferences(clock, 1))[0];
}

/**
 * The next `count` references of the year, reserved as one block by one atomic `$inc` of `count`
 * (an import opening a batch of cases); a reference reserved and then not used leaves a gap.
 */
export async function nextReferences(clock: Clock, count: number): Promise<string[]> {
  const year = clock.now().getUTCFullYear();
  const counter = await CounterModel.findOneAndUpdate(
    { _id: `case-${year}` },
    { $inc: { seq: count } },
    { upsert: true, returnDocument: 'after' },
  ).lean<{ seq: number }>();
  const first = counter!.seq - count + 1;
  return Array.from({ length: count }, (_, k) => `OVT-${year}-${String(first + k).padStart(5, '0')}`);
}

function describeCodes(codes: CaseRecord['denial']['reasonCodes'] = []) {
  return codes.map((c) => ({ ...c, description: c.description || findReasonCode(c.code)?.description }));
}

function checkDates(
  denial: Partial<CaseRecord['denial']>,
  patient: Partial<CaseRecord['patient']> | undefined,
  today: string,
) {
  const problems: { field: string; message: string }[] = [];
  if (denial.receivedDate && denial.noticeDate && denial.receivedDate < denial.noticeDate)
    problems.push({
      field: 'body.denial.receivedDate',
      message: 'the notice cannot be received before the date printed on it',
    });
  if (denial.noticeDate && denial.noticeDate > today)
    problems.push({ field: 'body.denial.noticeDate', message: 'the notice date is in the future' });
  if (patient?.dateOfBirth && patient.dateOfBirth > today)
    problems.push({ field: 'body.patient.dateOfBirth', message: 'the date of birth is in the future' });
  if (problems.length) throw invalid(`${problems.length} field(s) are invalid`, problems);
}

function firstLevel(planType: PlanType, requested?: AppealLevel): AppealLevel {
  const levels = appealLevels(planType);
  if (!requested) return levels[0];
  if (!levels.includes(requested))
    throw invalid('The appeal level does not exist for this plan type', [
      { field: 'body.appealLevel', message: `must be one of: ${levels.join(', ')}` },
    ]);
  return requested;
}

/**
 * Opens a case from a denial: the first appeal level of its plan type (or the one named), its
 * filing deadline counted from the notice, and a timeline that starts with the payer's reason.
 * @param withNew - what is written elsewhere with the case (the payer's notice attached as a
 *   document); if it fails, the case is not opened
 * @throws 400 for dates in the future or a level the plan type does not have
 */
export async function openCase(
  input: NewCase,
  actor: AuthenticatedUser,
  { clock }: Deps,
  withNew?: WithNewCase,
): Promise<CaseView> {
  const now = clock.now();
  checkDates(input.denial, input.patient, clock.today());
  await checkReferences(undefined, input, undefined);
  const level = firstLevel(input.payer.planType, input.appealLevel);
  const reference = await nextReference(clock);
  const doc = new CaseModel({
    ...input,
    reference,
    denial: { ...input.denial, reasonCodes: describeCodes(input.denial.reasonCodes) },
    amountAtStake: input.amountAtStake ?? input.service.billedAmount,
    appealLevel: level,
    levelNotice: { noticeDate: input.denial.noticeDate, receivedDate: input.denial.receivedDate },
    status: 'new',
    createdById: actor.id,
    timeline: [
      timelineEntry(actor, now, 'created', {
        toStatus: 'new',
        level,
        note: input.note,
        quote: { speaker: 'payer', text: input.denial.payerReason },
      }),
    ],
  });
  doc.set('searchTerms', searchTermsFor(doc));
  await refreshDeadlines(doc, clock);
  return commitChange(doc, { actor, action: 'case.create', at: now }, withNew);
}

/** The case file as its user sees it, timeline included; audited as a read. */
export async function getCase(caseId: string, actor: AuthenticatedUser): Promise<CaseView> {
  const doc = await loadVisible(caseId, actor);
  await recordAudit({ actor, action: 'case.read', entityType: 'case', entityId: caseId, caseId });
  return caseFile(doc);
}

/**
 * What a row of the list shows (and what the view of it needs to say its route): never the
 * timeline, the narrative or the search terms, which only the case file reads.
 */
const LIST_FIELDS =
  'reference status appealLevel priority appellant amountAtStake assigneeId createdById peerToPeer ' +
  'patient.firstName patient.lastName payer.name payer.planType payer.profileId ' +
  'service.description service.cptCodes service.requestType ' +
  'denial.noticeDate denial.receivedDate denial.category denial.reasonCodes ' +
  'treatingClinician.name treatingClinician.userId deadlines nextDueDate filingDeadlineMissing ' +
  'submittedAt closedAt createdAt updatedAt __v';

/** One page of the cases the user may see that match the filters, with how many match in all; audited. */
export async function listCases(
  filters: CaseFilters & { page: number; limit: number },
  actor: AuthenticatedUser,
  { clock }: Deps,
) {
  const filter = caseFilter(filters, actor, clock);
  // Index dueOrder_1__id_1 for the default order; statusGroup_1_dueOrder_1__id_1_worklistDue_1 for open cases (the
  // board's default, and its count), assigneeId_1_statusGroup_1_… for one assignee's open ones.
  const [docs, total] = await Promise.all([
    CaseModel.find(filter)
      .select(LIST_FIELDS)
      .sort(caseSort(filters.sort))
      .skip((filters.page - 1) * filters.limit)
      .limit(filters.limit)
      .lean<CaseRecord[]>(),
    CaseModel.countDocuments(filter),
  ]);
  await recordBulkRead(
    actor,
    'case.list',
    docs.map((d) => String(d._id)),
  );
  return { cases: docs.map((d) => toCaseView(d)), page: filters.page, limit: filters.limit, total };
}

/** The most cases one CSV export holds; more is refused rather than cut short without a word. */
export const EXPORT_LIMIT = 10_000;

/** All matching cases for an export, with the list's filter semantics. */
async function findCasesForExport(
  filters: CaseFilters,
  actor: AuthenticatedUser,
  { clock }: Deps,
  limit = EXPORT_LIMIT,
): Promise<CaseRecord[]> {
  const filter = caseFilter(filters, actor, clock);
  const matching = await CaseModel.countDocuments(filter);
  if (matching > limit)
    throw unprocessable(
      'EXPORT_TOO_LARGE',
      `${matching} cases match; an export holds at most ${limit}. Narrow the filters ` +
        `(status, payer, due date) and export in parts.`,
    );
  const docs = await CaseModel.find(filter).select('-timeline').sort(caseSort(filters.sort)).lean<CaseRecord[]>();
  await recordBulkRead(
    actor,
    'case.export',
    docs.map((d) => String(d._id)),
  );
  return docs;
}

/** The cases as a CSV file (billing's export), named by the date only: never a patient or a filter value. */
export async function exportCases(
  filters: CaseFilters,
  actor: AuthenticatedUser,
  deps: Deps & { exportWords: ExportWords },
  limit = EXPORT_LIMIT,
): Promise<{ fileName: string; csv: string }> {
  return {
    fileName: `overturn-cases-${deps.clock.today()}.csv`,
    csv: await casesToCsv(await findCasesForExport(filters, actor, deps, limit), deps.exportWords),
  };
}

/** Top-level fields one PATCH may change; status and level move only through transitions. */
const EDITABLE = [
  'patient',
  'payer',
  'service',
  'denial',
  'treatingClinician',
  'narrative',
  'assigneeId',
  'priority',
  'amountAtStake',
  'appellant',
  'fastTrack',
  'authorizationRequest',
] as const;

/**
 * Edits the case's facts (patient, payer, service, denial, clinician, narrative, assignee) on
 * the version the user read; the deadlines are counted again from the changed dates.
 */
export async function updateCase(
  caseId: string,
  version: number,
  changes: CaseChanges & { note?: string },
  actor: AuthenticatedUser,
  { clock, foreignDocuments }: Deps,
): Promise<CaseView> {
  const doc = await loadVisible(caseId, actor);
  assertVersion(doc, version);
  await checkReferences(caseId, changes, foreignDocuments);
  const now = clock.now();
  const touched: string[] = [];
  for (const key of EDITABLE) {
    const value = changes[key];
    if (value === undefined) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, subValue] of Object.entries(value)) {
        doc.set(`${key}.${sub}`, sub === 'reasonCodes' && Array.isArray(subValue) ? describeCodes(subValue) : subValue);
        touched.push(`${key}.${sub}`);
      }
    } else {
      doc.set(key, value ?? undefined);
      touched.push(key);
    }
  }
  if (changes.payer?.planType && !appealLevels(changes.payer.planType).includes(doc.appealLevel)) {
    throw unprocessable(
      'LEVEL_NOT_IN_PLAN',
      `The current appeal level does not exist for plan type ${changes.payer.planType}; ` +
        `open a new case for a different coverage`,
    );
  }
  checkDates(doc.denial, doc.patient, clock.today());
  // The first level's window runs from the denial notice, so editing those dates moves it.
  if ((changes.denial?.noticeDate || changes.denial?.receivedDate) && doc.levelHistory.length === 0) {
    doc.set('levelNotice', { noticeDate: doc.denial.noticeDate, receivedDate: doc.denial.receivedDate });
  }
  doc.set('searchTerms', searchTermsFor(doc));
  await refreshDeadlines(doc, clock);
  doc.timeline.push(timelineEntry(actor, now, 'updated', { fields: touched, note: changes.note }));
  return commitChange(doc, { actor, action: 'case.update', fields: touched, at: now });
}

/**
 * Adds a note to the timeline. A note changes nothing anyone read, so it needs no version and is
 * never refused for one: it is a document of its own, inserted whoever writes the case meanwhile.
 */
export async function addTimelineNote(caseId: string, entry: AdvocacyNote, actor: AuthenticatedUser, { clock }: Deps) {
  if (!(await isCaseVisible(caseId, actor))) throw notFound('Case', 'CASE_NOT_FOUND');
  const now = clock.now();
  const item = timelineEntry(actor, now, 'note', entry);
  await appendNote(caseId, item);
  await recordAudit({ actor, action: 'case.note', entityType: 'case', entityId: caseId, caseId, at: now });
  return item;
}

/** A computed deadline replaced by the date printed on the payer's notice, and why. */
export interface DeadlineOverride {
  version: number;
  kind: 'filing' | 'decision';
  dueDate: string;
  reason: string;
}

/** Between the last day the notice prints and the computed one, which the case keeps. */
export interface PrintedDeadlineDecision {
  version: number;
  choice: PrintedDeadlineChoice;
}

/** The reviewer's written extension of its decision: days added, the date of its notice. */
export interface DecisionExtension {
  version: number;
  days: number;
  noticeDate: string;
  reason?: string;
}

/** Replaces a computed deadline by the date printed on the payer's notice, recording who and why. */
export async function overrideDeadline(
  caseId: string,
  input: DeadlineOverride,
  actor: AuthenticatedUser,
  { clock }: Deps,
): Promise<CaseView> {
  const doc = await loadVisible(caseId, actor);
  assertVersion(doc, input.version);
  const current = doc.deadlines.find((d) => d.kind === input.kind);
  // Where no rule gives the filing window, the notice's date is the deadline itself (case-deadlines.ts).
  const missingLevel = input.kind === 'filing' ? doc.filingDeadlineMissing : undefined;
  if (!current && !missingLevel)
    throw conflict('NO_SUCH_DEADLINE', `The case has no open ${input.kind} deadline to override`);
  const now = clock.now();
  const entered = { byUserId: actor.id, byName: actor.name, at: now, reason: input.reason };
  if (current) {
    // What the rules gave stays the computed date across a second override; a notice's date alone has none.
    const computedDueDate = current.override ? current.override.computedDueDate : current.dueDate;
    current.dueDate = input.dueDate;
    current.override = { computedDueDate, ...entered };
  } else if (missingLevel) {
    doc.deadlines.push({
      kind: 'filing',
      level: missingLevel,
      dueDate: input.dueDate,
      basis: '-',
      citation: '-',
      override: entered,
    });
  }
  await refreshDeadlines(doc, clock);
  doc.timeline.push(
    timelineEntry(actor, now, 'deadline_overridden', {
      fields: [`deadlines.${input.kind}`],
      note: `${input.kind} deadline set to ${input.dueDate}: ${input.reason}`,
    }),
  );
  return commitChange(doc, { actor, action: 'case.deadline_override', fields: [`deadlines.${input.kind}`], at: now });
}

/**
 * Decides between the filing deadline printed on the notice and the computed one, where they differ
 * (meanwhile the earlier governs): keeping the computed date, or accepting the printed one as an
 * override of it, as `overrideDeadline` records one. On the timeline either way.
 */
export async function decidePrintedDeadline(
  caseId: string,
  input: PrintedDeadlineDecision,
  actor: AuthenticatedUser,
  { clock }: Deps,
): Promise<CaseView> {
  const doc = await loadVisible(caseId, actor);
  assertVersion(doc, input.version);
  const filing = doc.deadlines.find((d) => d.kind === 'filing' && d.printed?.dueDate);
  if (!filing?.printed)
    throw conflict('NO_PRINTED_DEADLINE', 'The notice prints no filing deadline other than the computed one');
  const { dueDate: printed, computedDueDate: computed } = filing.printed;
  const now = clock.now();
  const by = { byUserId: actor.id, byName: actor.name, at: now };
  const accepted = input.choice === 'printed';
  if (accepted) {
    filing.dueDate = printed;
    filing.override = { computedDueDate: computed, ...by, reason: 'The date printed on the payer’s notice' };
  }
  doc.set('printedDeadlineDecision', { choice: input.choice, ...by });
  await refreshDeadlines(doc, clock);
  doc.timeline.push(
    timelineEntry(actor, now, accepted ? 'deadline_overridden' : 'deadline_kept', {
      fields: ['deadlines.filing'],
      note: accepted
        ? `filing deadline set to ${printed}, as printed on the notice (computed ${computed})`
        : `filing deadline kept at the computed ${computed}, not the ${printed} printed on the notice`,
    }),
  );
  return commitChange(doc, { actor, action: 'case.printed_deadline', fields: ['deadlines.filing'], at: now });
}

/**
 * Records the reviewer's written extension of its decision (42 CFR 438.408(c) for Medicaid
 * plans) and moves the decision deadline by it. Only while a decision is awaited, only where the
 * level's rule allows an extension, and at most as long as it allows.
 */
export async function extendDecision(
  caseId: string,
  input: DecisionExtension,
  actor: AuthenticatedUser,
  { clock }: Deps,
): Promise<CaseView> {
  const doc = await loadVisible(caseId, actor);
  assertVersion(doc, input.version);
  if (!awaitsDecision(doc.status) || !doc.submittedAt)
    throw conflict('NO_DECISION_PENDING', `A case that is ${doc.status} awaits no decision to extend`);
  if (input.noticeDate > clock.today())
    throw invalid('The notice date is in the future', [
      { field: 'body.noticeDate', message: 'the notice date is in the future' },
    ]);
  const now = clock.now();
  doc.set('decisionExtension', {
    level: doc.appealLevel,
    days: input.days,
    noticeDate: input.noticeDate,
    reason: input.reason,
    byUserId: actor.id,
    byName: actor.name,
    at: now,
  });
  try {
    await refreshDeadlines(doc, clock);
  } catch (err) {
    if (err instanceof DeadlineRuleError && ['NO_EXTENSION', 'BAD_EXTENSION'].includes(err.code))
      throw unprocessable(err.code, `The reviewer may not extend this decision so: ${err.message}`);
    throw err;
  }
  const decision = doc.deadlines.find((d) => d.kind === 'decision');
  doc.timeline.push(
    timelineEntry(actor, now, 'deadline_extended', {
      fields: ['decisionExtension'],
      note:
        `The reviewer extended its decision by ${input.days} days (notice of ${input.noticeDate}); ` +
        `now due ${decision?.dueDate}.${input.reason ? ` ${input.reason}` : ''}`,
    }),
  );
  return commitChange(doc, { actor, action: 'case.decision_extension', fields: ['decisionExtension'], at: now });
}
