import type { CaseRecord } from './case.model.js';
import { allowedTransitions } from './case-status.js';

/** The case as the API shows it: `id` and `version` instead of Mongo's `_id` and `__v`. */
export function toCaseView(doc: CaseRecord, options: { timeline?: boolean } = {}) {
  const { _id, __v, searchTerms: _search, dueOrder: _order, timeline, ...rest } = doc;
  return {
    id: String(_id),
    version: __v,
    ...rest,
    allowedTransitions: allowedTransitions(doc.status),
    ...(options.timeline ? { timeline } : {}),
  };
}
export type CaseView = ReturnType<typeof toCaseView>;

/** Lower-cased prefixes a user might type to find a case, none of which leave the database. */
export function searchTermsFor(doc: Pick<CaseRecord, 'reference' | 'patient' | 'service'>): string[] {
  const terms = [
    doc.patient?.firstName,
    doc.patient?.lastName,
    `${doc.patient?.firstName} ${doc.patient?.lastName}`,
    `${doc.patient?.lastName} ${doc.patient?.firstName}`,
    doc.service?.claimNumber,
    doc.service?.authorizationNumber,
    doc.reference,
    doc.patient?.mrn,
  ];
  return [...new Set(terms.filter((t): t is string => Boolean(t)).map((t) => t.toLowerCase()))];
}
