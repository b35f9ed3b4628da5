import type { AuthenticatedUser } from '../auth/index.js';
import { listCases, findVisibleCase, pathTo, type CaseStatus } from '../cases/index.js';
import { listCaseDocuments } from '../evidence/index.js';
import { listCaseCriteria } from '../guidelines/index.js';
import { generatePacket, recordSubmission } from '../packets/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';

/** Cases whose appeal is still being prepared: a packet is what comes next for them. */
const PREPARING: CaseStatus[] = ['new', 'gathering_evidence', 'appeal_drafted'];

/**
 * Demo packets: for up to three cases that the evidence seed gave notes and criteria, a
 * generated packet (the default letter, every note enclosed); the first whose status allows it
 * also gets a second version, recorded as faxed, so the demo shows versions and a submission.
 */
export async function seedDemoPackets(users: Record<string, AuthenticatedUser>, deps: DomainDeps): Promise<number> {
  const actor = users.billing;
  const candidates = (await listCases({ status: PREPARING, sort: 'createdAt', page: 1, limit: 500 }, actor, deps))
    .cases;
  let made = 0;
  let submitted = false;
  for (const { id: caseId } of candidates) {
    if (made >= 3) break;
    if (!(await listCaseDocuments(caseId)).length || !(await listCaseCriteria(caseId)).length) continue;
    const packet = await generatePacket(caseId, {}, actor, deps);
    made++;
    const { status } = await findVisibleCase(caseId, actor);
    if (submitted || !pathTo(status, 'submitted')?.length) continue;
    // One case shows the whole story: a second version after review, then faxed.
    const second = await generatePacket(caseId, {}, actor, deps);
    await recordSubmission(
      caseId,
      second.id,
      {
        method: 'fax',
        submittedAt: deps.clock.now(),
        confirmationNumber: 'FX-20931-DEMO',
        note: 'Fax transmission report filed with the case.',
      },
      actor,
      deps,
    );
    submitted = true;
    deps.logger.debug('demo packets generated', { packetId: packet.id });
  }
  return made;
}
