/**
 * The case file's peer-to-peer section: the payer's window as soon as its profile gives one
 * (before any request), the open call's page, earlier calls, and whom a call can be requested
 * with. Read through the p2p domain; the window read is audited there.
 */
import { isFinished, type CaseView } from '../cases/index.js';
import { listPeerToPeer, peerToPeerWindowOf, physiciansWithHours } from '../p2p/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { mayCall } from './api-permissions.js';
import { label, peerToPeerText } from './web-labels.js';

/** What the case file shows of its peer-to-peer track, and the request form when one may be made. */
export async function loadPeerToPeerSection(
  c: CaseView,
  user: AuthenticatedUser,
  deps: DomainDeps & { api: ApiRegistry },
) {
  const [window, earlier] = await Promise.all([
    c.peerToPeer ? null : peerToPeerWindowOf(c.id, user),
    listPeerToPeer({ caseId: c.id, status: ['completed', 'missed', 'cancelled'] }, user, deps),
  ]);
  const may = !c.peerToPeer && !isFinished(c.status) && mayCall(deps.api, user.role, 'post', '/cases/:caseId/p2p');
  return {
    open: c.peerToPeer ? { href: `/p2p/${c.peerToPeer.reviewId}`, text: peerToPeerText(c.peerToPeer) } : undefined,
    window: window && {
      lastDate: window.lastDate,
      basis: window.basis,
      closed: window.lastDate < deps.clock.today(),
    },
    earlier: earlier.reviews.map((r) => ({
      href: `/p2p/${r.id}`,
      text: `${label(r.status)} · ${r.physicianName}${r.outcome ? ` · ${label(r.outcome.result)}` : ''}`,
    })),
    request: may
      ? {
          physicians: (await physiciansWithHours()).map((p) => ({ value: p.id, text: `${p.name} (${label(p.role)})` })),
          /** Chosen first: the case's treating clinician, when they take calls. */
          treating: c.treatingClinician?.userId,
        }
      : undefined,
  };
}
