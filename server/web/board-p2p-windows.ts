/**
 * The billing board's "P2P windows closing": the next 7 days' last days to hold a peer-to-peer
 * call, requested but not yet booked or not requested at all, from the p2p domain's
 * `windowsClosing` (which decides who may see which and audits the read).
 */
import { windowsClosing } from '../p2p/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';

/** A week: a window closing later is on the P2P page, not the billing manager's first screen. */
const WITHIN_DAYS = 7;

export interface WindowRow {
  caseId: string;
  reference: string;
  lastDate: string;
  /** "Requested, not yet booked" or "Not requested". */
  state: string;
}

/** The windows closing within the week, soonest first. */
export async function loadWindowsClosing(
  user: AuthenticatedUser,
  deps: Pick<DomainDeps, 'clock' | 'config'>,
): Promise<WindowRow[]> {
  const { requested, notRequested } = await windowsClosing({ withinDays: WITHIN_DAYS }, user, deps);
  const rows = [
    ...requested.map((r) => ({
      caseId: r.caseId,
      reference: r.caseReference,
      lastDate: r.window.lastDate,
      state: 'Requested, not yet booked',
    })),
    ...notRequested.map((w) => ({
      caseId: w.caseId,
      reference: w.caseReference,
      lastDate: w.lastDate,
      state: 'Not requested',
    })),
  ];
  return rows.sort((a, b) => a.lastDate.localeCompare(b.lastDate));
}
