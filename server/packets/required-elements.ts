/**
 * What an appeal request must carry, by program and level, and whether a case's request carries
 * it: the "ready to send" checklist. Pure: the case, the kinds of its enclosed records and the
 * letter's text come in; nothing is read here.
 *
 * Each element cites the rule it comes from, the date the text read took effect, and where it was
 * read. A request missing a `required` element may be dismissed (Original Medicare: 42 CFR
 * 405.952(b)(2), 405.972(b)(2), a request that does not substantially comply with 405.944/405.964);
 * an `advised` one is good practice the rule invites but does not demand.
 */
import type { CaseRecord } from '../cases/index.js';
import { appellantRoute, type AppealLevel, type PlanType, type RequiredDocument } from '../deadlines/index.js';
import type { DocumentKind } from '../evidence/index.js';
import { formatDate } from './letter-helpers.js';

export type ElementKey =
  | 'beneficiary_name'
  | 'medicare_number'
  | 'enrollee'
  | 'services'
  | 'dates_of_service'
  | 'party_name'
  | 'signature'
  | 'redetermination_contractor'
  | 'disagreement'
  | 'claim'
  | 'documents_request'
  | 'appellant_document';

/** Where an element is found: the case's data, a record enclosed, the letter's text, or the sender's hand. */
export type ElementSource = 'case' | 'document' | 'letter' | 'by_hand';

export interface RequiredElement {
  key: ElementKey;
  /** The element as the checklist names it. */
  name: string;
  /** What the rule says, in short (quoted words in quotation marks). */
  rule: string;
  citation: string;
  /** When the text read took effect (YYYY-MM-DD). */
  effectiveFrom: string;
  /** Where the text was read, so a reader knows how far to trust it. */
  readIn: string;
  strength: 'required' | 'advised';
  source: ElementSource;
}

const ECFR_405 = 'eCFR text as mirrored by law.lawstack.com, verified against eCFR.gov 2026-06-20';
const NOT_LISTED =
  'the section asks for a written request and lists no contents: a plan must be able to tell whose ' +
  'determination is appealed';

/** 42 CFR 405.944(b), as amended by 84 FR 19855 (2019-05-07; "Medicare number" for the HICN). */
const REDETERMINATION: RequiredElement[] = [
  {
    key: 'beneficiary_name',
    name: 'Beneficiary’s name',
    rule: '"The beneficiary\'s name"',
    citation: '42 CFR 405.944(b)(1)',
    effectiveFrom: '2019-05-07',
    readIn: ECFR_405,
    strength: 'required',
    source: 'case',
  },
  {
    key: 'medicare_number',
    name: 'Medicare number',
    rule: '"The Medicare number"',
    citation: '42 CFR 405.944(b)(2)',
    effectiveFrom: '2019-05-07',
    readIn: ECFR_405,
    strength: 'required',
    source: 'case',
  },
  {
    key: 'services',
    name: 'Service(s) or item(s) appealed',
    rule: '"Specific service(s) and/or item(s) for which the redetermination is being requested"',
    citation: '42 CFR 405.944(b)(3)',
    effectiveFrom: '2019-05-07',
    readIn: ECFR_405,
    strength: 'required',
    source: 'case',
  },
  {
    key: 'dates_of_service',
    name: 'Date(s) of service',
    rule: '"… and the specific date(s) of the service"',
    citation: '42 CFR 405.944(b)(3)',
    effectiveFrom: '2019-05-07',
    readIn: ECFR_405,
    strength: 'required',
    source: 'case',
  },
  {
    key: 'party_name',
    name: 'Name of the party or representative',
    rule: '"The name of the party or the representative of the party"',
    citation: '42 CFR 405.944(b)(4)',
    effectiveFrom: '2019-05-07',
    readIn: ECFR_405,
    strength: 'required',
    source: 'case',
  },
  {
    key: 'signature',
    name: 'Signature of the requester, dated',
    rule: 'CMS-20027 asks for the requester’s signature and date; the regulation’s list does not',
    citation: 'Form CMS-20027',
    effectiveFrom: '2019-05-07',
    readIn: 'the form’s fields as contractors describe them (First Coast, Noridian)',
    strength: 'advised',
    source: 'by_hand',
  },
];

/**
 * 42 CFR 405.964(b). The eCFR copy read here shows the paragraph's lead-in ("the same required
 * elements"); the list itself was read in CMS's restatements of it (see `readIn`).
 */
const RECONSIDERATION_READ =
  'lead-in: ' +
  ECFR_405 +
  '; the list: Medicare Claims Processing Manual ch. 29 §320.1 (Rev. 2926, 2014-07-14) and the ' +
  'contractors’ CMS-20033 instructions (First Coast, 2024-12-17), which name the Medicare number';
const RECONSIDERATION: RequiredElement[] = [
  ...REDETERMINATION.filter((e) => e.key !== 'signature').map((e) => ({
    ...e,
    rule: e.rule.replace('the redetermination is being requested', 'the reconsideration is requested'),
    citation: e.citation.replace('405.944(b)', '405.964(b)'),
    readIn: RECONSIDERATION_READ,
  })),
  {
    key: 'redetermination_contractor',
    name: 'Contractor that made the redetermination',
    rule: '"The name of the contractor that made the redetermination"',
    citation: '42 CFR 405.964(b)(5)',
    effectiveFrom: '2019-05-07',
    readIn: RECONSIDERATION_READ,
    strength: 'required',
    source: 'case',
  },
  {
    key: 'disagreement',
    name: 'Why the party disagrees with the redetermination',
    rule: 'CMS-20033 asks why the party disagrees; the request "should clearly explain" it (CMS guidance)',
    citation: 'Form CMS-20033; Medicare Claims Processing Manual ch. 29 §320.1',
    effectiveFrom: '2014-07-14',
    readIn: 'CMS Original Medicare appeals guidance (archived 2008 page) and the manual as quoted',
    strength: 'advised',
    source: 'case',
  },
  {
    key: 'signature',
    name: 'Signature of the requester, dated',
    rule: 'CMS-20033 asks for the requester’s signature and date',
    citation: 'Form CMS-20033',
    effectiveFrom: '2014-07-14',
    readIn: 'Medicare Claims Processing Manual ch. 29 §320.1 ("name and signature of the party")',
    strength: 'advised',
    source: 'by_hand',
  },
];

/** The enrollee and the determination appealed, where the section lists no contents (MA, Part D, Medicaid, ERISA). */
function planRequest(citation: string, effectiveFrom: string, readIn: string, rule: string): RequiredElement[] {
  return [
    {
      key: 'enrollee',
      name: 'Enrollee’s name and member ID',
      rule: `${rule}; ${NOT_LISTED}`,
      citation,
      effectiveFrom,
      readIn,
      strength: 'required',
      source: 'case',
    },
    {
      key: 'services',
      name: 'Service(s), item(s) or drug appealed',
      rule: `${rule}; ${NOT_LISTED}`,
      citation,
      effectiveFrom,
      readIn,
      strength: 'required',
      source: 'case',
    },
    {
      key: 'dates_of_service',
      name: 'Date(s) of service (the period asked for, before the service)',
      rule: 'what the determination covered: the date(s) given, or the period of a pre-service request',
      citation,
      effectiveFrom,
      readIn,
      strength: 'advised',
      source: 'case',
    },
    {
      key: 'party_name',
      name: 'Name of whoever files (the enrollee, a physician or a representative)',
      rule: `${rule}`,
      citation,
      effectiveFrom,
      readIn,
      strength: 'required',
      source: 'case',
    },
  ];
}

const MA_RECONSIDERATION = planRequest(
  '42 CFR 422.582(a)',
  '2009-01-12',
  'section as revised by 74 FR 1542; the text itself not read here (422.578, which points to it, read in the eCFR)',
  'a party asks for a standard reconsideration by filing a request with the MA organization',
);

const PART_D_REDETERMINATION = planRequest(
  '42 CFR 423.582(a)',
  '2009-12-09',
  'CFR text (laws9.com copy: 74 FR 1547, as amended at 74 FR 65363)',
  '"An enrollee or an enrollee\'s prescribing physician or other prescriber (acting on behalf of the enrollee) ' +
    'must ask for a redetermination by making a written request with the Part D plan sponsor"',
);

const PART_D_RECONSIDERATION = planRequest(
  '42 CFR 423.600(a)',
  '2009-12-09',
  'not read here: the request is filed in writing with the independent review entity (CMS Part D guidance)',
  'the enrollee (or prescriber, or representative) files a written request with the independent review entity',
);

const MEDICAID_PLAN_APPEAL = planRequest(
  '42 CFR 438.402(c)(1)',
  '2017-07-01',
  'the 2016 managed-care rule (81 FR 27498) as restated by state contracts; older CFR text read (laws9.com)',
  'an enrollee may request a plan appeal; a provider only "with the written consent of the enrollee"',
);

const ERISA_READ = 'not read here in full: the (h)(2) rights as restated in plan documents filed with the SEC';
const ERISA_APPEAL: RequiredElement[] = [
  {
    key: 'enrollee',
    name: 'Claimant’s name and member ID',
    rule: 'the claimant appeals "an adverse benefit determination"',
    citation: '29 CFR 2560.503-1(h)(1)',
    effectiveFrom: '2002-01-01',
    readIn: ERISA_READ,
    strength: 'required',
    source: 'case',
  },
  {
    key: 'claim',
    name: 'The claim appealed (claim, authorization or notice reference)',
    rule: 'the review is of the claim and the adverse benefit determination on it',
    citation: '29 CFR 2560.503-1(h)(2)(iv)',
    effectiveFrom: '2002-01-01',
    readIn: ERISA_READ,
    strength: 'required',
    source: 'case',
  },
  {
    key: 'disagreement',
    name: 'The reasons the determination is wrong (the clinician’s argument)',
    rule: 'the claimant may "submit written comments, documents, records, and other information relating to the claim"',
    citation: '29 CFR 2560.503-1(h)(2)(ii)',
    effectiveFrom: '2002-01-01',
    readIn: ERISA_READ,
    strength: 'advised',
    source: 'case',
  },
  {
    key: 'documents_request',
    name: 'Request for the documents relied on, free of charge',
    // Recommended, not required: the rule makes the plan provide them "upon request"; an appeal
    // without the request is still an appeal, but the plan owes nothing it was not asked for.
    rule:
      'the claimant is provided "upon request and free of charge" the documents relevant to the claim, ' +
      'including those relied upon: the plan owes them only when asked, so the request is recommended, not a ' +
      'condition of the appeal',
    citation: '29 CFR 2560.503-1(h)(2)(iii), (m)(8)',
    effectiveFrom: '2002-01-01',
    readIn: ERISA_READ,
    strength: 'advised',
    source: 'letter',
  },
];

/**
 * The elements a request at this program and level must carry, in the order a reader checks them.
 * Empty for a level with no written request of ours (an automatic level, a court).
 */
export function requiredElements(plan: PlanType, level: AppealLevel): RequiredElement[] {
  if (plan === 'medicare_ab' && level === 'redetermination') return REDETERMINATION;
  if (plan === 'medicare_ab' && level === 'reconsideration') return RECONSIDERATION;
  if (plan === 'medicare_advantage' && level === 'reconsideration') return MA_RECONSIDERATION;
  if (plan === 'medicare_part_d' && level === 'redetermination') return PART_D_REDETERMINATION;
  if (plan === 'medicare_part_d' && level === 'reconsideration') return PART_D_RECONSIDERATION;
  if (plan === 'medicaid_managed_care' && level === 'plan_appeal') return MEDICAID_PLAN_APPEAL;
  if ((plan === 'erisa_group' || plan === 'aca_individual') && level === 'internal_appeal') return ERISA_APPEAL;
  return [];
}

/** The kind of enclosed record that satisfies a route's document (evidence's pick list). */
const ENCLOSED_AS: Record<RequiredDocument['kind'], DocumentKind> = {
  appointment_of_representative: 'appointment_of_representative',
  waiver_of_liability: 'waiver_of_liability',
  enrollee_written_consent: 'enrollee_consent',
  authorized_representative_designation: 'representative_designation',
};

/** The case as the checklist reads it. */
export type ChecklistCase = Pick<
  CaseRecord,
  | 'patient'
  | 'payer'
  | 'service'
  | 'denial'
  | 'treatingClinician'
  | 'narrative'
  | 'appellant'
  | 'appealLevel'
  | 'priority'
  | 'claim'
  | 'lines'
>;

export interface ChecklistInput {
  caseRecord: ChecklistCase;
  /** Kinds of the records enclosed (or to be enclosed) with the request. */
  enclosedKinds: DocumentKind[];
  /** The letter's document markup when one is generated; null before (letter elements are then pending). */
  letterMarkup: string | null;
}

export type ElementStatus = 'present' | 'missing' | 'by_hand' | 'pending';

export interface ChecklistItem extends RequiredElement {
  status: ElementStatus;
  /** What the request will say for it (PHI: shown to those who may read the case, never logged). */
  value: string | null;
}

export interface Checklist {
  plan: PlanType;
  level: AppealLevel;
  items: ChecklistItem[];
  /** Required elements still missing: what stops the packet being recorded as sent without an override. */
  missing: ChecklistItem[];
  ready: boolean;
}

/**
 * The dates of service: a range when the claim or its lines span days, or when the case records the
 * last date (a pre-service request's planned end of the course), else the one date recorded.
 */
export function datesOfService(c: Pick<ChecklistCase, 'service' | 'claim' | 'lines'>): {
  from: string;
  to: string;
} | null {
  const lineDates = (c.lines ?? [])
    .map((l) => l.serviceDate)
    .filter((d): d is string => !!d)
    .sort();
  const from = c.claim?.serviceStart ?? lineDates[0] ?? c.service.dateOfService;
  if (!from) return null;
  const to = c.claim?.serviceEnd ?? lineDates[lineDates.length - 1] ?? c.service.dateOfServiceEnd ?? from;
  return { from, to: to < from ? from : to };
}

/**
 * "20 Oct 2026", "20 Oct 2026 – 5 Jan 2027", or for a pre-service request with no planned end "from 20 Oct
 * 2026" (a start alone would read as a single date of service).
 */
export function datesOfServiceText(c: Pick<ChecklistCase, 'service' | 'claim' | 'lines'>): string | null {
  const dates = datesOfService(c);
  if (!dates) return null;
  if (dates.from !== dates.to) return `${formatDate(dates.from)} – ${formatDate(dates.to)}`;
  return c.service.requestType === 'pre_service' ? `from ${formatDate(dates.from)}` : formatDate(dates.from);
}

/** The services as the request names them: the description, then the codes. */
export function servicesText(c: Pick<ChecklistCase, 'service'>): string | null {
  const description = c.service.description?.trim();
  if (!description) return null;
  const codes = c.service.cptCodes ?? [];
  return codes.length ? `${description} (${codes.join(', ')})` : description;
}

/** Who files, by name: the patient when the patient appeals, else the treating clinician who signs. */
export function partyName(c: Pick<ChecklistCase, 'appellant' | 'patient' | 'treatingClinician'>): string | null {
  if (c.appellant === 'patient') return `${c.patient.firstName} ${c.patient.lastName}`.trim() || null;
  const name = c.treatingClinician?.name?.trim();
  return name ? [name, c.treatingClinician.credentials].filter(Boolean).join(', ') : null;
}

const text = (v: string | undefined | null): string | null => (v?.trim() ? v.trim() : null);

/** What the case says for a case-sourced element, or null when it says nothing. */
function caseValue(key: ElementKey, c: ChecklistCase): string | null {
  const fullName = text(`${c.patient.firstName ?? ''} ${c.patient.lastName ?? ''}`);
  switch (key) {
    case 'beneficiary_name':
      return fullName;
    case 'medicare_number':
      return text(c.payer.memberId);
    case 'enrollee': {
      const id = text(c.payer.memberId);
      return fullName && id ? `${fullName} · ${id}` : null;
    }
    case 'services':
      return servicesText(c);
    case 'dates_of_service':
      return datesOfServiceText(c);
    case 'party_name':
      return partyName(c);
    case 'redetermination_contractor':
      return text(c.payer.name);
    case 'disagreement':
      return text(c.narrative?.medicalNecessity) ?? text(c.narrative?.request);
    case 'claim':
      return (
        text(c.service.claimNumber) ??
        text(c.service.authorizationNumber) ??
        text(c.denial.referenceNumber) ??
        (servicesText(c) && datesOfServiceText(c) ? `${servicesText(c)}, ${datesOfServiceText(c)}` : null)
      );
    case 'signature':
    case 'documents_request':
    case 'appellant_document':
      return null;
  }
}

/** A letter asks for the documents relied on when its text says so (our rights paragraph does). */
const ASKS_FOR_DOCUMENTS = /free of charge[\s\S]{0,400}relied (up)?on|relied (up)?on[\s\S]{0,400}free of charge/i;

/** The document the filer's route needs on file (an appointment, a consent), as a checklist element. */
function routeDocument(c: ChecklistCase): { element: RequiredElement; enclosedAs: DocumentKind } | null {
  if (!c.appellant) return null;
  let route;
  try {
    route = appellantRoute({
      plan: c.payer.planType,
      level: c.appealLevel,
      appellant: c.appellant,
      requestKind: c.service.requestType === 'pre_service' ? 'pre_service' : 'post_service',
      expedited: c.priority === 'expedited',
    });
  } catch {
    // A level with no written request (an automatic level) or a refused route needs no document here.
    return null;
  }
  if (!route.allowed || !route.requiredDocument) return null;
  const doc = route.requiredDocument;
  const element: RequiredElement = {
    key: 'appellant_document',
    name: doc.name.charAt(0).toUpperCase() + doc.name.slice(1),
    rule: route.basis,
    citation: doc.citation,
    effectiveFrom: route.effectiveFrom ?? '',
    readIn: route.readIn,
    strength: 'required',
    source: 'document',
  };
  return { element, enclosedAs: ENCLOSED_AS[doc.kind] };
}

/**
 * The "ready to send" checklist: each element the program and level require, with what the
 * request will say for it, or that it is missing.
 */
export function readyToSend(input: ChecklistInput): Checklist {
  const c = input.caseRecord;
  const elements = [...requiredElements(c.payer.planType, c.appealLevel)];
  const route = routeDocument(c);
  if (route) elements.push(route.element);
  const items = elements.map((e): ChecklistItem => {
    switch (e.source) {
      case 'case': {
        const value = caseValue(e.key, c);
        return { ...e, status: value ? 'present' : 'missing', value };
      }
      case 'document': {
        const onFile = !!route && input.enclosedKinds.includes(route.enclosedAs);
        return { ...e, status: onFile ? 'present' : 'missing', value: null };
      }
      case 'letter':
        if (input.letterMarkup === null) return { ...e, status: 'pending', value: null };
        return { ...e, status: ASKS_FOR_DOCUMENTS.test(input.letterMarkup) ? 'present' : 'missing', value: null };
      case 'by_hand':
        return { ...e, status: 'by_hand', value: null };
    }
  });
  const missing = items.filter((i) => i.status === 'missing' && i.strength === 'required');
  return { plan: c.payer.planType, level: c.appealLevel, items, missing, ready: missing.length === 0 };
}
