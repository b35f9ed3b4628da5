/**
 * The P2P window of a case, counted the same way for a request and for the case file, which
 * shows it before anyone asks for a call (or says the payer profile gives none).
 */
import { findVisibleCase, type CaseRecord } from '../cases/index.js';
import { findPayerProfile, payerWindow, type PayerProfileRecord } from '../payers/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { peerToPeerWindow } from './p2p-rules.js';
import type { P2PWindow } from './p2p-review.model.js';

/** The payer profile the case names, if any. */
export function payerProfileOf(record: CaseRecord): Promise<PayerProfileRecord | null> {
  return findPayerProfile(record.payer.profileId ? String(record.payer.profileId) : null);
}

/**
 * The case's window: the date printed on the notice when one is entered, else the payer profile's
 * rule counted from the notice that opened the current level (the denial for the first).
 * @throws AppError 422 NO_P2P_WINDOW when neither is known
 */
export function caseWindow(
  record: CaseRecord,
  payer: PayerProfileRecord | null,
  entered?: { lastDate: string; basis?: string },
): P2PWindow {
  const notice = record.levelNotice?.noticeDate
    ? record.levelNotice
    : { noticeDate: record.denial.noticeDate, receivedDate: record.denial.receivedDate };
  return peerToPeerWindow({
    noticeDate: notice.noticeDate,
    receivedDate: notice.receivedDate ?? undefined,
    payerWindow: payerWindow(payer?.p2pWindow) ?? null,
    entered,
  });
}

/**
 * The window the payer profile gives the case, before any request; null when the profile has
 * none (the last date then comes from the denial notice). Audited as a read of the case.
 */
export async function peerToPeerWindowOf(caseId: string, actor: AuthenticatedUser): Promise<P2PWindow | null> {
  const record = await findVisibleCase(caseId, actor, 'p2p.window');
  const payer = await payerProfileOf(record);
  return payer?.p2pWindow ? caseWindow(record, payer) : null;
}
