import type { AuthenticatedUser } from '../auth/index.js';
import { CaseModel, type CaseStatus } from '../cases/index.js';
import { listCaseDocuments } from '../evidence/index.js';
import { listCaseCriteria } from '../guidelines/index.js';
import { generatePacket, recordSubmission, stepsToSubmitted } from '../packets/index.js';
import type { DomainDeps } from '../platform/domain-deps.js';

/** Cases whose appeal is still being prepared: a packet is what comes next for them. */
const PREPARING = ['new', 'gathering_evidence', 'appeal_drafted', 'p2p_requested', 'p2p_scheduled'];

/**
 * Demo packets: for up to three cases that the evidence seed gave notes and criteria, a
 * generated packet (the default letter, every note enclosed); the first whose status allows it
 * also gets a second version, recorded as faxed, so the demo shows versions and a submission.
 */
export async function seedDemoPackets(users: Record<string, AuthenticatedUser>, deps: DomainDeps): Promise<number> {
  const actor = users.billing;
  const candidates = await CaseModel.find({ status: { $in: PREPARING } })
    .sort({ reference: 1 })
    .select('_id')
    .lean<Array<{ _id: unknown }>>();
  let made = 0;
  let submitted = false;
  for (const { _id } of candidates) {
    if (made >= 3) break;
    const caseId = String(_id);
    if (!(await listCaseDocuments(caseId)).length || !(await listCaseCriteria(caseId)).length) continue;
    const packet = await generatePacket(caseId, {}, actor, deps);
    made++;
    const status = (await CaseModel.findById(caseId).select('status').lean<{ status: CaseStatus }>())?.status;
    if (submitted || !status || !stepsToSubmitted(status)) continue;
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
