/**
 * What the case file's deadline forms offer (pure, from the case file as loaded): a deadline to
 * set from the payer's notice, one of the open filing or decision deadlines, or the filing deadline
 * no rule could give; a decision
 * extension while the payer owes a decision; the choice between a filing deadline printed on the
 * notice and a different computed one. Only to the roles the API accepts.
 */
import { awaitsDecision } from '../cases/index.js';
import type { Role } from '../auth/index.js';
import type { ApiRegistry } from '../platform/http/api-registry.js';
import { mayCall } from './api-permissions.js';
import type { CaseFile } from './case-file.service.js';

export function deadlineForms(file: CaseFile, role: Role, api: ApiRegistry) {
  const seen = new Set<string>();
  const kinds = file.deadlines
    .filter((d) => (d.kind === 'filing' || d.kind === 'decision') && !seen.has(d.kind) && seen.add(d.kind))
    .map((d) => ({ value: d.kind, text: `${d.heading} (now ${d.due})` }));
  // No rule gives this payer's window: the date printed on its notice is the only deadline there can be.
  if (file.record.filingDeadlineMissing && !seen.has('filing'))
    kinds.unshift({ value: 'filing', text: 'Filing deadline (none known yet)' });
  return {
    override:
      kinds.length > 0 && mayCall(api, role, 'post', '/cases/:caseId/deadline-overrides') ? { kinds } : undefined,
    extension: awaitsDecision(file.record.status) && mayCall(api, role, 'post', '/cases/:caseId/decision-extensions'),
    // The notice prints another filing deadline than the rules: someone decides which the case keeps.
    printed: mayCall(api, role, 'post', '/cases/:caseId/printed-deadline'),
  };
}
