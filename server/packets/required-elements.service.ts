/**
 * The "ready to send" checklist of a case (required-elements.ts applied to what is stored), and
 * the check made before a packet is recorded as sent: refused while a required element is
 * missing, unless the user records why it goes out anyway.
 */
import { findVisibleCase, type CaseRecord } from '../cases/index.js';
import { listCaseDocuments } from '../evidence/index.js';
import { unprocessable } from '../platform/errors.js';
import type { AuthenticatedUser } from '../platform/http/authenticated-user.js';
import { PacketModel, type PacketRecord } from './packet.model.js';
import { readyToSend, type Checklist } from './required-elements.js';

/** A checklist, and which packet it is for (null: the next one, with every document of the case enclosed). */
export interface CaseChecklist extends Checklist {
  packet: { id: string; version: number } | null;
}

type PacketForChecklist = Pick<PacketRecord, '_id' | 'version' | 'exhibits' | 'letterMarkup'>;

function checklistFor(caseRecord: CaseRecord, packet: PacketForChecklist): CaseChecklist {
  return {
    ...readyToSend({
      caseRecord,
      enclosedKinds: packet.exhibits.map((e) => e.kind),
      letterMarkup: packet.letterMarkup,
    }),
    packet: { id: String(packet._id), version: packet.version },
  };
}

/**
 * The checklist of the case's newest packet not yet sent, or, when there is none, of the next
 * one (every document of the case enclosed; what the letter carries is checked once it exists).
 * Read through `findVisibleCase` (404 to those who may not see the case), audited as `packet.checklist`.
 */
export async function caseChecklist(caseId: string, actor: AuthenticatedUser): Promise<CaseChecklist> {
  const caseRecord = await findVisibleCase(caseId, actor, 'packet.checklist');
  const latest = await PacketModel.findOne({ caseId })
    .sort({ version: -1 })
    .select('+letterMarkup')
    .lean<PacketRecord>();
  if (latest && !latest.submission && latest.appealLevel === caseRecord.appealLevel)
    return checklistFor(caseRecord, latest);
  const documents = await listCaseDocuments(caseId);
  return {
    ...readyToSend({ caseRecord, enclosedKinds: documents.map((d) => d.kind), letterMarkup: null }),
    packet: null,
  };
}

/**
 * Checks a packet before it is recorded as sent. Refused (422 NOT_READY_TO_SEND, each missing
 * element a detail with its citation) while a required element is missing, unless `override`
 * says why it went anyway; then that reason and the missing elements are kept with the submission.
 * @returns the override to store, or undefined when nothing was missing
 */
export async function checkReadyToSend(
  caseRecord: CaseRecord,
  packetId: string,
  override: string | undefined,
): Promise<{ reason: string; missing: string[] } | undefined> {
  const packet = await PacketModel.findById(packetId).select('+letterMarkup').lean<PacketRecord>();
  if (!packet) return undefined;
  const { missing } = checklistFor(caseRecord, packet);
  if (!missing.length) return undefined;
  if (override) return { reason: override, missing: missing.map((m) => m.key) };
  throw unprocessable(
    'NOT_READY_TO_SEND',
    `Packet v${packet.version} lacks ${missing.length} element(s) its request must carry: add them to the ` +
      'case and generate the packet again, or record why it was sent anyway (readinessOverride)',
    missing.map((m) => ({ field: `checklist.${m.key}`, message: `${m.name} (${m.citation})` })),
    { missing: missing.map((m) => ({ key: m.key, name: m.name, citation: m.citation })) },
  );
}
