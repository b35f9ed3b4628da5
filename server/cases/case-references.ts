/**
 * The ids a case's facts point at must name real records, and a key fact's document must be one
 * of this case's (issue 14, defect 8): an assignee who is no active user never sees the case, and
 * a key fact citing another case's document would put that patient's record in this one's letter.
 */
import { activeContacts, userNames } from '../auth/index.js';
import { findPayerProfile } from '../payers/index.js';
import { invalid, type FieldProblem } from '../platform/errors.js';
import type { NewCase } from './case.service.js';

/**
 * Of `ids`, those that are not documents of the case. The evidence domain answers it (it imports
 * cases, so cases is handed the question rather than importing evidence).
 */
export type ForeignDocuments = (caseId: string, ids: string[]) => Promise<string[]>;

type Referencing = Partial<Pick<NewCase, 'payer' | 'treatingClinician' | 'narrative'>> & {
  assigneeId?: string | null;
};

/**
 * Refuses (400, naming each field) ids that name nothing. `caseId` is undefined for a case being
 * opened, which has no documents yet, so any document id is refused.
 */
export async function checkReferences(
  caseId: string | undefined,
  facts: Referencing,
  foreignDocuments: ForeignDocuments | undefined,
): Promise<void> {
  const problems: FieldProblem[] = [];
  const profileId = facts.payer?.profileId ? String(facts.payer.profileId) : undefined;
  if (profileId && !(await findPayerProfile(profileId)))
    problems.push({ field: 'body.payer.profileId', message: 'No payer profile has this id' });

  // An assignee works the case, so must be an active user; a treating clinician's account may since have closed.
  if (facts.assigneeId && !(await activeContacts([facts.assigneeId])).length)
    problems.push({ field: 'body.assigneeId', message: 'No active user has this id' });
  const clinicianId = facts.treatingClinician?.userId;
  if (clinicianId && !(await userNames([clinicianId])).size)
    problems.push({ field: 'body.treatingClinician.userId', message: 'No user has this id' });

  const cited = (facts.narrative?.keyFacts ?? []).flatMap((f, i) => (f.documentId ? [[i, f.documentId] as const] : []));
  if (cited.length) {
    const ids = cited.map(([, id]) => id);
    const foreign = new Set(caseId && foreignDocuments ? await foreignDocuments(caseId, ids) : ids);
    for (const [i, id] of cited)
      if (foreign.has(id))
        problems.push({
          field: `body.narrative.keyFacts.${i}.documentId`,
          message: 'No document of this case has this id',
        });
  }
  if (problems.length) throw invalid('The case names records that do not exist or are not its own', problems);
}
