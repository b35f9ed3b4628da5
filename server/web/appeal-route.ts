/**
 * Who files the appeal, the route that follows, and the document that route needs on file, as
 * the case file shows them; and the choices of the form that records who files and what the payer
 * did. Pure: the case (with its route, as the cases domain works it out) and its documents come in.
 */
import type { CaseView } from '../cases/index.js';
import { APPELLANTS, FAST_TRACK_KINDS, MEDICAID_ACTIONS, type RequiredDocument } from '../deadlines/index.js';
import type { DocumentKind, EvidenceDocument } from '../evidence/index.js';
import { APPELLANT_WORDS, label, ROUTE_WORDS } from './web-labels.js';

/** The kind of record, in the documents' pick list, that satisfies what a route needs on file. */
export const ON_FILE_AS: Record<RequiredDocument['kind'], DocumentKind> = {
  appointment_of_representative: 'appointment_of_representative',
  waiver_of_liability: 'waiver_of_liability',
  enrollee_written_consent: 'enrollee_consent',
  authorized_representative_designation: 'representative_designation',
};

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const APPELLANT_OPTIONS = APPELLANTS.map((value) => ({ value, text: sentenceCase(APPELLANT_WORDS[value]) }));
export const ACTION_OPTIONS = MEDICAID_ACTIONS.map((value) => ({ value, text: label(value) }));
export const FAST_TRACK_OPTIONS = FAST_TRACK_KINDS.map((value) => ({ value, text: label(value) }));

export interface RouteOnFile {
  /** "the treating physician on the patient’s behalf · member appeal" */
  filedBy: string;
  /** The route's rule in its own words, when one applies. */
  basis?: string;
  /** What the route still needs on file: shown as a flag until a record of its kind is attached. */
  needs?: { name: string; citation: string; kindText: string };
  /** The attached records that satisfy it. */
  onFile: string[];
}

/**
 * @param c - the case as the cases domain shows it (its `route` worked out from plan, level and appellant)
 * @param documents - the case's evidence records
 */
export function routeOnFile(
  c: Pick<CaseView, 'appellant' | 'route' | 'appealLevel'>,
  documents: Pick<EvidenceDocument, 'kind' | 'title'>[],
): RouteOnFile {
  if (!c.appellant) return { filedBy: 'not recorded; the patient’s own appeal is assumed', onFile: [] };
  const who = APPELLANT_WORDS[c.appellant];
  if (!c.route) return { filedBy: `${who} · no route at ${label(c.appealLevel)}: record who files now`, onFile: [] };
  const required = c.route.requiredDocument;
  const filedBy = `${who} · ${ROUTE_WORDS[c.route.route]}`;
  if (!required) return { filedBy, basis: c.route.basis, onFile: [] };
  const kind = ON_FILE_AS[required.kind];
  const onFile = documents.filter((d) => d.kind === kind).map((d) => d.title);
  const needs = { name: sentenceCase(required.name), citation: required.citation, kindText: label(kind) };
  return { filedBy, basis: c.route.basis, onFile, ...(onFile.length ? {} : { needs }) };
}
