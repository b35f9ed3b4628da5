import type { CaseRecord } from './case.model.js';
import { allowedTransitions } from './case-status.js';
import { appellantRoute, type AppealRoute, type RequiredDocument } from '../deadlines/index.js';

/** Who files, the route that follows, and the document it needs on file (the case flags it until attached). */
export interface CaseRoute {
  appellant: string;
  route: AppealRoute;
  requiredDocument: RequiredDocument | null;
  basis: string;
}

/** The route of a case whose appellant is recorded; null when it is not (the patient's own appeal). */
export function routeOf(
  doc: Pick<CaseRecord, 'appellant' | 'payer' | 'appealLevel' | 'service' | 'priority'>,
): CaseRoute | null {
  if (!doc.appellant) return null;
  const r = appellantRoute({
    plan: doc.payer.planType,
    level: doc.appealLevel,
    appellant: doc.appellant,
    requestKind: doc.service.requestType,
    expedited: doc.priority === 'expedited',
  });
  // A route refused for the level the case has moved to is refused again at the next write; show none.
  return r.allowed
    ? { appellant: doc.appellant, route: r.route, requiredDocument: r.requiredDocument, basis: r.basis }
    : null;
}

/** The case as the API shows it: `id` and `version` instead of Mongo's `_id` and `__v`. */
export function toCaseView(doc: CaseRecord, options: { timeline?: boolean } = {}) {
  const {
    _id,
    __v,
    searchTerms: _search,
    dueOrder: _order,
    statusGroup: _group,
    worklistDue: _worklistDue,
    claimKey: _claimKey,
    timeline,
    ...rest
  } = doc;
  return {
    id: String(_id),
    version: __v,
    ...rest,
    // An imported claim may name no rendering provider: the field is then never stored (an empty object).
    treatingClinician: rest.treatingClinician ?? {},
    allowedTransitions: allowedTransitions(doc.status),
    route: routeOf(doc),
    ...(options.timeline ? { timeline } : {}),
  };
}
export type CaseView = ReturnType<typeof toCaseView>;

/** Lower-cased prefixes a user might type to find a case, none of which leave the database. */
export function searchTermsFor(doc: {
  reference?: string;
  patient?: Partial<Pick<CaseRecord['patient'], 'firstName' | 'lastName' | 'mrn'>>;
  service?: Pick<CaseRecord['service'], 'claimNumber' | 'authorizationNumber'>;
}): string[] {
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
