/**
 * Appeal packets: generating one (letter + enclosure index + exhibits as one PDF), keeping
 * every version immutable, previewing the letter, downloading, and recording the submission.
 *
 * Write order, so a failure leaves nothing behind: build the PDF in memory → write the file
 * (temporary name, then rename) → insert the record (next version; a racing generation
 * retries on the unique index) → move the case. If a later step fails, the earlier ones are
 * undone (record deleted, file removed unless another packet has the same bytes).
 */
import { findPayerProfile } from '../payers/index.js';
import crypto from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { findVisibleCase, advanceCase, pathTo, type CaseRecord } from '../cases/index.js';
import { listCaseDocuments, documentFilePath, documentPagesText, type EvidenceDocument } from '../evidence/index.js';
import { listCaseCriteria, citationOf } from '../guidelines/index.js';
import { MISSED_OUTCOMES, sessionsOfCase } from '../attendance/index.js';
import { recordAudit } from '../audit/index.js';
import { AppError, conflict, invalid, notFound, unprocessable, type FieldProblem } from '../platform/errors.js';
import { clinicInstant, dateIn } from '../platform/clock.js';
import { claimVersion, isDuplicateKey, retryLostRace } from '../platform/db/versioned-write.js';
import { parseMarkup, htmlPage, MarkupError } from '../platform/pdf/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';
import { PacketModel, type PacketRecord, type SubmissionMethod } from './packet.model.js';
import { savePacketFile, removePacketFile, openPacketFile, packetFileExists } from './packet-file-store.js';
import { ExhibitError } from './packet-pdf.js';
import { assembleInWorker, type ExhibitFile } from './packet-assembly.js';
import { buildLetterView, type LetterCriterion, type LetterSession, type LetterView } from './letter-view.js';
import { TemplateError } from './letter-templates.js';
import { templatesFor } from './organisation-templates.js';
import { defaultTemplate } from './template-choice.js';
import { humanize } from './letter-words.js';
import { missingSections } from './letter-sections.js';
import { faxCoverFor } from './fax-cover.js';
import { requestPageBlocks } from './request-page.js';
import { checkReadyToSend } from './required-elements.service.js';

export interface PacketRequest {
  template?: string;
  documentIds?: string[];
  /** Generate although required sections are empty: the packet is watermarked DRAFT on every page. */
  draft?: boolean;
  /** How the clinic means to send it: `fax` puts a cover sheet first. */
  sendBy?: SubmissionMethod;
}

export interface SubmissionInput {
  method: SubmissionMethod;
  /** An instant, or the clinic's wall-clock time as typed ("2026-11-23T09:00"). */
  submittedAt: Date | string;
  confirmationNumber?: string;
  note?: string;
  /** Why it went out with required elements missing (required-elements.ts); refused without it. */
  readinessOverride?: string;
}

/** The packet as the API shows it. */
export function toPacketView(p: Omit<PacketRecord, 'letterMarkup'>) {
  return {
    id: String(p._id),
    caseId: String(p.caseId),
    reference: p.reference,
    version: p.version,
    template: p.template,
    draft: p.draft ?? false,
    caseVersion: p.caseVersion,
    appealLevel: p.appealLevel,
    documentIds: p.documentIds,
    exhibits: p.exhibits.map((e) => ({
      documentId: e.documentId,
      title: e.title,
      kind: e.kind,
      date: e.date,
      startPage: e.startPage,
      pageCount: e.pageCount,
    })),
    sendBy: p.sendBy ?? null,
    frontPages: p.frontPages ?? 0,
    letterPages: p.letterPages,
    indexPages: p.indexPages,
    pageCount: p.pageCount,
    sha256: p.sha256,
    size: p.size,
    generatedBy: { id: p.generatedById, name: p.generatedByName },
    generatedAt: p.generatedAt,
    submission: p.submission ?? null,
  };
}
export type PacketView = ReturnType<typeof toPacketView>;

function toLetterCriteria(criteria: Awaited<ReturnType<typeof listCaseCriteria>>): LetterCriterion[] {
  // The citation stored when the criterion was attached, so a letter reads the same later.
  return criteria.map((k) => ({
    citation: k.citation || citationOf(k.guideline),
    guideline: k.guideline,
    status: k.status,
    evidence: k.evidence,
  }));
}

/** Template errors and bad markup are the template's fault, told to the user as 422. */
function asAppError(err: unknown): unknown {
  if (err instanceof TemplateError) return unprocessable(err.code, err.message);
  if (err instanceof MarkupError)
    return unprocessable(
      'TEMPLATE_INVALID',
      `The letter template produced markup that cannot be laid out: ${err.message}`,
    );
  if (err instanceof ExhibitError)
    return unprocessable('EXHIBIT_UNREADABLE', `${err.message}; remove it from the packet or upload it again`);
  return err;
}

interface DraftLetter {
  caseRecord: CaseRecord;
  template: string;
  documents: EvidenceDocument[];
  view: LetterView;
  markup: string;
  /** The sections the template needs that are empty (letter-sections.ts). */
  missing: FieldProblem[];
}

/**
 * The case's sessions missed, cancelled, refused or partly done, from the attendance record (the
 * caller has checked the user may see the case), for a stated reason the barriers record answers.
 */
async function missedSessions(caseId: string): Promise<LetterSession[]> {
  const missed: readonly string[] = MISSED_OUTCOMES;
  return (await sessionsOfCase(caseId))
    .filter((s) => missed.includes(s.outcome))
    .map((s) => ({
      date: s.date,
      outcome: s.outcome,
      reason: s.reason,
      barrier: s.barrier,
      alternativesOffered: s.alternativesOffered,
      alternativesAccepted: s.alternativesAccepted,
      patientChoice: s.patientChoice,
    }));
}

/** Everything the letter is made of, rendered to document markup. */
async function draftLetter(
  caseRecord: CaseRecord,
  request: PacketRequest,
  deps: DomainDeps,
  field: string,
): Promise<DraftLetter> {
  const templates = await templatesFor(deps);
  const template = request.template ?? defaultTemplate(caseRecord);
  if (!templates.has(template))
    throw unprocessable(
      'UNKNOWN_TEMPLATE',
      `There is no letter template "${template}"; available: ${templates.names().join(', ')}`,
    );
  const caseId = String(caseRecord._id);
  const documents = await listCaseDocuments(caseId, request.documentIds, { field });
  // Every document of the case names a page the letter cites that is not enclosed.
  const allDocuments = request.documentIds ? await listCaseDocuments(caseId) : documents;
  const criteria = toLetterCriteria(await listCaseCriteria(caseId));
  const view = buildLetterView({
    caseRecord,
    criteria,
    exhibits: documents.map((d) => ({ documentId: d.id, title: d.title, kind: d.kind, date: d.date })),
    clinic: deps.config.clinic,
    today: deps.clock.today(),
    payerProfile: await findPayerProfile(caseRecord.payer.profileId ? String(caseRecord.payer.profileId) : null),
    documents: allDocuments.map((d) => ({ documentId: d.id, title: d.title, date: d.date })),
    sessions: await missedSessions(caseId),
    draft: request.draft,
  });
  const missing = missingSections(templates.needs(template), view);
  try {
    const markup = templates.render(template, view);
    parseMarkup(markup);
    return { caseRecord, template, documents, view, markup, missing };
  } catch (err) {
    throw asAppError(err);
  }
}

/** The draft letter as an HTML page, before any packet is generated. */
export async function previewDraftLetter(
  caseId: string,
  request: PacketRequest,
  actor: AuthenticatedUser,
  deps: DomainDeps,
): Promise<string> {
  const caseRecord = await findVisibleCase(caseId, actor, 'packet.preview');
  const draft = await draftLetter(caseRecord, { ...request, draft: true }, deps, 'query.documentIds');
  const missing = draft.missing.length
    ? ` Missing before it can be generated: ${draft.missing.map((m) => m.message).join('; ')}.`
    : '';
  return htmlPage(
    `${caseRecord.reference} – draft letter`,
    parseMarkup(draft.markup),
    `Draft preview of the ${humanize(draft.template)} letter, ${deps.clock.today()}: not yet generated as a packet.` +
      missing,
  );
}

/**
 * The highest packet version kept for each case (`_id` is the case id), so that the next version
 * is one read by `_id`: FerretDB v1 pushes no other filter down, and read the case's packets
 * themselves it scanned every packet of the clinic at each generation.
 */
const PacketVersionModel = mongoose.model(
  'PacketVersion',
  new Schema({ _id: { type: Schema.Types.ObjectId }, last: { type: Number, required: true } }, { versionKey: false }),
  'packet_versions',
);

/**
 * The case's next packet version: after the highest one kept (index `_id_`). A case with no
 * count yet (packets stored before it existed), or a generation that lost a race for its number,
 * reads the case's packets instead (index caseId_1_version_1, walked backwards from the highest).
 */
async function nextVersion(caseId: string, afterLostRace: boolean): Promise<number> {
  const counted = afterLostRace ? null : await PacketVersionModel.findById(caseId).lean<{ last: number }>();
  if (counted) return counted.last + 1;
  const last = await PacketModel.findOne({ caseId })
    .sort({ version: -1 })
    .select('version')
    .lean<{ version: number }>();
  return (last?.version ?? 0) + 1;
}

/** Records a version as kept, once its packet is stored and noted on the case; never lowers the count. */
async function keepVersion(caseId: string, version: number): Promise<void> {
  await PacketVersionModel.updateOne({ _id: caseId }, { $max: { last: version } }, { upsert: true });
}

/** Deletes a record and, unless another packet has the same bytes, its file. */
async function discardPacket(uploadDir: string, id: unknown, sha256: string): Promise<void> {
  if (id) await PacketModel.deleteOne({ _id: id });
  if (!(await PacketModel.exists({ sha256 }))) await removePacketFile(uploadDir, sha256);
}

/**
 * The pages before the letter: Original Medicare's request page, and a fax cover sheet when the
 * packet is to be faxed (refused with 422 FAX_NUMBER_MISSING when no appeals fax is known).
 */
function frontMatter(caseRecord: CaseRecord, draft: DraftLetter, request: PacketRequest, deps: DomainDeps) {
  const today = deps.clock.today();
  const faxCover = request.sendBy === 'fax' ? faxCoverFor(draft.view, today) : null;
  if (request.sendBy === 'fax' && !faxCover)
    throw unprocessable(
      'FAX_NUMBER_MISSING',
      'Neither the case nor its payer profile has an appeals fax number: add one, or choose another way to send',
    );
  const requestPage = requestPageBlocks({
    caseRecord,
    clinic: deps.config.clinic,
    today,
    exhibitCount: draft.documents.length,
  });
  return { requestPage, faxCover };
}

/** The statuses a first packet moves on to appeal_drafted. */
const PREPARING = ['new', 'gathering_evidence'] as const;

/**
 * Generates a new packet version for the case. A case that is new or gathering evidence moves to
 * appeal_drafted (a complete appeal now exists), through the cases domain's `advanceCase`, with
 * the packet on the timeline; the packet records the case version it was made from.
 */
export async function generatePacket(
  caseId: string,
  request: PacketRequest,
  actor: AuthenticatedUser,
  deps: DomainDeps,
): Promise<PacketView> {
  const caseRecord = await findVisibleCase(caseId, actor, 'packet.generate');
  const draft = await draftLetter(caseRecord, request, deps, 'body.documentIds');
  // A letter never invents clinical content: a section its template needs left empty refuses it, unless a draft.
  if (draft.missing.length && !request.draft)
    throw unprocessable(
      'LETTER_INCOMPLETE',
      `The ${humanize(draft.template)} letter lacks what its template needs: ` +
        `${draft.missing.map((m) => m.message).join('; ')}. Complete the case, or generate a draft.`,
      draft.missing,
    );
  const now = deps.clock.now();
  const front = frontMatter(caseRecord, draft, request, deps);
  const exhibits: ExhibitFile[] = [];
  for (const d of draft.documents) {
    exhibits.push({
      title: d.title,
      kind: d.kind,
      date: d.date,
      mediaType: d.mediaType,
      file: documentFilePath(d, deps),
      textPages: d.mediaType === 'text/plain' ? await documentPagesText(d.id) : undefined,
    });
  }
  // Derived from what the file shows, so the same letter, exhibits and clock give the same bytes.
  const fileId = crypto
    .createHash('sha256')
    .update(
      JSON.stringify([
        caseRecord.reference,
        draft.markup,
        request.draft ?? false,
        front,
        draft.documents.map((d) => [d.sha256, d.title, d.kind, d.date]),
        now.toISOString(),
      ]),
    )
    .digest('hex')
    .slice(0, 32);
  let assembled;
  try {
    assembled = await assembleInWorker(
      {
        reference: caseRecord.reference,
        letter: parseMarkup(draft.markup),
        ...front,
        exhibits,
        fileId,
        draft: request.draft,
        meta: {
          // Reference and kind of letter only: a title shows in window bars and file lists, so no patient name.
          title: `${caseRecord.reference} – ${humanize(draft.template)} appeal packet`,
          author: `${deps.config.clinic.name} (${caseRecord.treatingClinician.name})`,
          subject: `${draft.view.levelName} to ${caseRecord.payer.name}`,
          keywords: caseRecord.reference,
          createdAt: now,
        },
      },
      deps.config.workers,
    );
  } catch (err) {
    throw asAppError(err);
  }
  const sha256 = crypto.createHash('sha256').update(assembled.pdf).digest('hex');
  const { created } = await savePacketFile(deps.config.uploadDir, sha256, assembled.pdf);
  let record: PacketRecord | undefined;
  try {
    // Two generations racing for the same next version: the unique index lets one in, the other counts again.
    let attempts = 0;
    record = await retryLostRace(async () => {
      const doc = await PacketModel.create({
        caseId,
        reference: caseRecord.reference,
        version: await nextVersion(caseId, attempts++ > 0),
        template: draft.template,
        caseVersion: caseRecord.__v,
        appealLevel: caseRecord.appealLevel,
        documentIds: draft.documents.map((d) => d.id),
        exhibits: draft.documents.map((d, k) => ({
          documentId: d.id,
          title: d.title,
          kind: d.kind,
          date: d.date,
          mediaType: d.mediaType,
          sha256: d.sha256,
          ...assembled.exhibits[k],
        })),
        sendBy: request.sendBy,
        ...(request.draft ? { draft: true } : {}),
        frontPages: assembled.frontPages,
        letterPages: assembled.letterPages,
        indexPages: assembled.indexPages,
        pageCount: assembled.pageCount,
        sha256,
        size: assembled.pdf.length,
        letterMarkup: draft.markup,
        generatedById: actor.id,
        generatedByName: actor.name,
        generatedAt: now,
      });
      return doc.toObject();
    }, isDuplicateKey);
    const note =
      `${request.draft ? 'Draft appeal packet' : 'Appeal packet'} v${record.version} generated: ` +
      `${humanize(draft.template)} letter, ${record.pageCount} pages, ${record.exhibits.length} exhibit(s).` +
      (request.draft ? ` Watermarked DRAFT; missing: ${draft.missing.length} section(s).` : '');
    // A case still being prepared now has an appeal drafted (a new one passes gathering evidence
    // on the way); any other keeps its status and the packet is noted on its timeline.
    await advanceCase(
      caseId,
      'appeal_drafted',
      actor,
      // A draft is no appeal yet: the case stays where it is.
      {
        note,
        via: `Appeal packet v${record.version} generated.`,
        onlyFrom: request.draft ? [] : PREPARING,
        otherwise: 'note',
      },
      deps,
    );
  } catch (err) {
    if (record || created) await discardPacket(deps.config.uploadDir, record?._id, sha256);
    throw err;
  }
  // Counted only once kept: a packet discarded above leaves its number free, with no gap.
  await keepVersion(caseId, record.version);
  await recordAudit({
    actor,
    action: 'packet.generate',
    entityType: 'packet',
    entityId: String(record._id),
    caseId,
    at: now,
  });
  return toPacketView(record);
}

/** The packets of a case, newest first. */
export async function listPackets(caseId: string, actor: AuthenticatedUser): Promise<{ packets: PacketView[] }> {
  await findVisibleCase(caseId, actor, 'packet.list');
  const packets = await PacketModel.find({ caseId }).sort({ version: -1 }).lean<PacketRecord[]>();
  return { packets: packets.map(toPacketView) };
}

async function loadPacket(caseId: string, packetId: string, withMarkup = false): Promise<PacketRecord> {
  const query = PacketModel.findOne({ _id: packetId, caseId });
  if (withMarkup) query.select('+letterMarkup');
  const packet = await query.lean<PacketRecord>();
  if (!packet) throw notFound('Packet', 'PACKET_NOT_FOUND');
  return packet;
}

/** A stored packet's letter as an HTML page, exactly as it was generated. */
export async function previewPacketLetter(
  caseId: string,
  packetId: string,
  actor: AuthenticatedUser,
  deps: DomainDeps,
): Promise<string> {
  const caseRecord = await findVisibleCase(caseId, actor, 'packet.preview');
  const packet = await loadPacket(caseId, packetId, true);
  return htmlPage(
    `${caseRecord.reference} – packet v${packet.version} letter`,
    parseMarkup(packet.letterMarkup),
    `Packet v${packet.version} · ${humanize(packet.template)} letter · generated ` +
      `${dateIn(packet.generatedAt, deps.clock.timeZone)} by ${packet.generatedByName} ` +
      `· ${packet.pageCount} pages`,
  );
}

/** Opens a packet's PDF for download; the read is audited. */
export async function openPacketPdf(caseId: string, packetId: string, actor: AuthenticatedUser, deps: DomainDeps) {
  await findVisibleCase(caseId, actor, 'packet.download');
  const packet = await loadPacket(caseId, packetId);
  if (!(await packetFileExists(deps.config.uploadDir, packet.sha256)))
    throw new AppError(
      500,
      'PACKET_FILE_MISSING',
      'The packet file is missing from storage; generate the packet again',
    );
  await recordAudit({ actor, action: 'packet.download', entityType: 'packet', entityId: packetId, caseId });
  return {
    stream: openPacketFile(deps.config.uploadDir, packet.sha256),
    size: packet.size,
    fileName: `${packet.reference}-appeal-packet-v${packet.version}.pdf`,
  };
}

/**
 * Records how and when a packet reached the payer, once, and moves the case to `submitted`
 * (through the steps of preparing the appeal when needed: see the cases domain's `advanceCase`),
 * which starts the payer's decision deadline. If the case can no longer be submitted, the
 * submission mark is released and the request answered 409.
 */
export async function recordSubmission(
  caseId: string,
  packetId: string,
  typed: SubmissionInput,
  actor: AuthenticatedUser,
  deps: DomainDeps,
): Promise<{ packet: PacketView; caseStatus: string; caseVersion: number }> {
  const input = { ...typed, submittedAt: clinicInstant(typed.submittedAt, deps.config.clinic.timeZone) };
  const caseRecord = await findVisibleCase(caseId, actor, 'packet.submit');
  const packet = await loadPacket(caseId, packetId);
  const now = deps.clock.now();
  if (packet.submission)
    throw conflict('ALREADY_SUBMITTED', `Packet v${packet.version} was already recorded as submitted`, {
      submission: packet.submission,
    });
  if (input.submittedAt.getTime() > now.getTime())
    throw invalid('The submission time is in the future', [
      { field: 'body.submittedAt', message: 'must not be later than now' },
    ]);
  if (input.submittedAt.getTime() < packet.generatedAt.getTime())
    throw invalid('The submission time is before the packet was generated', [
      { field: 'body.submittedAt', message: 'must not be earlier than the packet' },
    ]);
  if (packet.draft)
    throw conflict(
      'PACKET_IS_DRAFT',
      `Packet v${packet.version} is a draft (watermarked DRAFT): complete the letter and generate it again`,
    );
  if (packet.appealLevel !== caseRecord.appealLevel)
    throw conflict(
      'PACKET_FOR_OTHER_LEVEL',
      `Packet v${packet.version} was made for the ${humanize(packet.appealLevel)} ` +
        `level; the case is now at ${humanize(caseRecord.appealLevel)}. Generate ` +
        `a new packet.`,
    );
  if (!pathTo(caseRecord.status, 'submitted')?.length)
    throw conflict('ILLEGAL_TRANSITION', `A case that is ${caseRecord.status} cannot be submitted`, {
      from: caseRecord.status,
      to: 'submitted',
    });

  // What the request must carry (42 CFR 405.944(b) and its kin): refused while missing, unless the user says why.
  const readinessOverride = await checkReadyToSend(caseRecord, packetId, input.readinessOverride);

  // Once only, even for two racing requests: FerretDB v1 does not make a filtered update atomic,
  // so the submission is first claimed through a unique insert (see platform/db/versioned-write.ts).
  const release = await claimVersion('packet-submission', packetId, 1, () =>
    conflict('ALREADY_SUBMITTED', `Packet v${packet.version} is being recorded as submitted by someone else`),
  );
  const { readinessOverride: _typed, ...sent } = input;
  const submission = {
    ...sent,
    ...(readinessOverride ? { readinessOverride } : {}),
    recordedById: actor.id,
    recordedByName: actor.name,
    recordedAt: now,
  };
  // updateOne, not findOneAndUpdate: FerretDB v1 refuses a projection there (letterMarkup is unselected).
  const marked = await PacketModel.updateOne(
    { _id: packetId, caseId, submission: { $exists: false } },
    { $set: { submission } },
  );
  if (marked.modifiedCount !== 1)
    throw conflict('ALREADY_SUBMITTED', `Packet v${packet.version} was already recorded as submitted`);
  const claimed: PacketRecord = { ...packet, submission };
  const how = [
    `Packet v${packet.version} (${packet.pageCount} pages) submitted by ${input.method}`,
    input.confirmationNumber ? `confirmation ${input.confirmationNumber}` : null,
    input.note ?? null,
    readinessOverride ? `sent without: ${readinessOverride.missing.join(', ')}` : null,
  ]
    .filter(Boolean)
    .join('; ');
  try {
    const moved = await advanceCase(
      caseId,
      'submitted',
      actor,
      { note: how, submittedAt: input.submittedAt, via: `Packet v${packet.version} ready to submit.` },
      deps,
    );
    await recordAudit({
      actor,
      action: 'packet.submission',
      entityType: 'packet',
      entityId: packetId,
      caseId,
      at: now,
    });
    // advanceCase refuses rather than answer null unless asked to note instead.
    return { packet: toPacketView(claimed), caseStatus: moved!.status, caseVersion: moved!.version };
  } catch (err) {
    await PacketModel.updateOne({ _id: packetId }, { $unset: { submission: 1 } });
    await release();
    throw err;
  }
}
