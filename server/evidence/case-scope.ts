import { CaseModel, visibleTo } from '../cases/index.js';
import { notFound } from '../platform/errors.js';
import type { AuthenticatedUser } from '../auth/index.js';

/** The little of a case that evidence and criteria need: its id and its PHI-free reference. */
export interface CaseInScope {
  id: string;
  reference: string;
}

/**
 * A case the user may see, or 404 (also when it exists but is outside their scope, so ids do
 * not leak). It records no audit entry: each caller records one naming what it read or
 * changed — the document, not just the case.
 */
export async function caseInScope(caseId: string, user: AuthenticatedUser): Promise<CaseInScope> {
  const found = await CaseModel.findOne({ $and: [{ _id: caseId }, visibleTo(user)] })
    .select('reference')
    .lean<{ _id: unknown; reference: string }>();
  if (!found) throw notFound('Case', 'CASE_NOT_FOUND');
  return { id: String(found._id), reference: found.reference };
}
