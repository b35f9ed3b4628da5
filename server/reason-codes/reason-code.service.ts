/**
 * Reason codes as the clinic reads them: our description, category and usual route from the
 * table, with the official wording laid over it once an administrator has loaded the official
 * list. Codes the table does not know are kept and shown as unknown, never dropped.
 */
import crypto from 'node:crypto';
import { ReasonCodeTextModel, OfficialListModel, type ReasonCodeTextRecord } from './reason-code-text.model.js';
import { findReasonCode, kindOfCode, readReasonCode, tableEntries, type GroupCode } from './reason-code-table.js';
import { readOfficialList } from './official-list.js';
import type { DenialCategory, ReasonCodeKind, ResolutionRoute } from './reason-code.types.js';
import { recordAudit } from '../audit/index.js';
import { notFound } from '../platform/errors.js';
import type { Clock } from '../platform/clock.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';

/** A code described for a person: always one per code asked, known or not. */
export interface ReasonCodeDescription {
  /** The code as read ("50" of "CO-50"). */
  code: string;
  /** The adjustment group written before it, if any. */
  group?: GroupCode;
  kind: ReasonCodeKind;
  /** False when neither the table nor the official list knows the code. */
  known: boolean;
  /** The official wording when the official list is loaded and has the code, else ours; "Unknown code" when unknown. */
  description: string;
  /** Where the description comes from. */
  wording: 'official' | 'ours' | 'unknown';
  category: DenialCategory | null;
  route: ResolutionRoute | null;
  appealable: boolean;
  status?: 'current' | 'deactivated';
  startDate?: string;
  stopDate?: string;
}

/** Describes one code however written ("CO-50", "50", "N115", "ma130"). */
export async function describeReasonCode(written: string): Promise<ReasonCodeDescription> {
  const [description] = await describeReasonCodes([written]);
  return description;
}

/** Describes codes in the order given, one description per code, unknown ones included. */
export async function describeReasonCodes(written: readonly string[]): Promise<ReasonCodeDescription[]> {
  const read = written.map(readReasonCode);
  const official = await officialTexts(read.map((r) => r.code));
  return read.map(({ code, group }) => describe(code, group, official.get(code)));
}

function describe(code: string, group: GroupCode | undefined, official?: OfficialText): ReasonCodeDescription {
  const entry = findReasonCode(code);
  const base = { code, ...(group && { group }), kind: entry?.kind ?? kindOfCode(code) };
  const dates = official ? { startDate: official.startDate, stopDate: official.stopDate } : {};
  if (!entry && !official)
    return {
      ...base,
      known: false,
      description: 'Unknown code',
      wording: 'unknown',
      category: null,
      route: null,
      appealable: false,
    };
  return {
    ...base,
    known: true,
    description: official?.description ?? entry!.description,
    wording: official ? 'official' : 'ours',
    category: entry?.category ?? null,
    route: entry?.route ?? null,
    appealable: entry?.appealable ?? false,
    status: entry?.status ?? (official?.stopDate ? 'deactivated' : 'current'),
    ...dates,
  };
}

type OfficialText = Pick<ReasonCodeTextRecord, 'description' | 'startDate' | 'stopDate'>;

/** The official wording of these codes (all codes when none are named), from the sets in use. */
async function officialTexts(codes?: string[]): Promise<Map<string, OfficialText>> {
  const lists = await OfficialListModel.find().lean();
  if (!lists.length) return new Map();
  const texts = await ReasonCodeTextModel.find({
    loadId: { $in: lists.map((l) => l.loadId) },
    ...(codes && { code: { $in: codes } }),
  }).lean();
  return new Map(texts.map((t) => [t.code, t]));
}

/** What `GET /reason-codes` searches: a list, and a code or words. */
export interface ReasonCodeSearch {
  kind?: ReasonCodeKind;
  /** A code (prefix, "CO-5" finds 5, 50…) or words all found in the description. */
  q?: string;
  limit: number;
}

/**
 * Searches the table and the official list by code or words; codes found only in the official
 * list are included. Results in the list's order, at most `limit`, with the total found.
 */
export async function searchReasonCodes({ kind, q, limit }: ReasonCodeSearch) {
  const official = await officialTexts();
  const codes = new Set(tableEntries(kind).map((e) => e.code));
  for (const code of official.keys()) if (!kind || kindOfCode(code) === kind) codes.add(code);
  const found = [...codes].map((code) => describe(code, undefined, official.get(code))).filter(matches(q));
  return { total: found.length, codes: found.slice(0, limit), officialLoaded: official.size > 0 };
}

function matches(q: string | undefined) {
  if (!q) return () => true;
  const code = readReasonCode(q).code;
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const ours = (c: ReasonCodeDescription) => findReasonCode(c.code)?.description ?? '';
  return (c: ReasonCodeDescription) =>
    c.code.startsWith(code) ||
    words.every((w) => c.description.toLowerCase().includes(w) || ours(c).toLowerCase().includes(w));
}

/** One code: 404 when neither the table nor the official list knows it. */
export async function getReasonCode(written: string): Promise<ReasonCodeDescription> {
  const description = await describeReasonCode(written);
  if (!description.known) throw notFound('Reason code', 'REASON_CODE_NOT_FOUND');
  return description;
}

/**
 * Replaces the official wording of one list with the file's. The file is read and checked whole
 * first (a bad row: 422, nothing stored); the new set is written under a new load id and only
 * then made the one in use, by one write of the list record; the previous set is removed after.
 * A failure before that switch leaves the previous set in use and removes what was written.
 */
export async function loadOfficialList(
  file: Buffer,
  kind: ReasonCodeKind,
  actor: AuthenticatedUser,
  { clock }: { clock: Clock },
) {
  const codes = readOfficialList(file, kind);
  const loadId = crypto.randomUUID();
  try {
    await ReasonCodeTextModel.insertMany(
      codes.map((c) => ({ ...c, loadId, kind })),
      { ordered: true },
    );
  } catch (err) {
    await ReasonCodeTextModel.deleteMany({ loadId });
    throw err;
  }
  const loadedAt = clock.now();
  const previous = await OfficialListModel.findOneAndUpdate(
    { _id: kind },
    { $set: { loadId, codes: codes.length, loadedAt, loadedById: actor.id } },
    { upsert: true, returnDocument: 'before' },
  ).lean();
  // Only the set this load replaced: a load running at the same time may have switched since.
  if (previous) await ReasonCodeTextModel.deleteMany({ loadId: previous.loadId });
  await recordAudit({ actor, action: 'reason_codes.official_load', entityType: 'reason_code_list', entityId: kind });
  return { kind, codes: codes.length, loadedAt, replaced: previous?.codes ?? 0 };
}
