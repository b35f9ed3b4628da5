import Joi from 'joi';
import { isoDate, nameText, notInUrl, objectId, version, money, page } from '../platform/http/common-schemas.js';
import { APPELLANTS, FAST_TRACK_KINDS, MEDICAID_ACTIONS, PLAN_TYPES } from '../deadlines/index.js';
import { CASE_STATUSES } from './case-status.js';
import { DENIAL_CATEGORIES, RESOLUTION_ROUTES } from '../reason-codes/index.js';
import { LINE_RESOLUTIONS, PRINTED_DEADLINE_CHOICES, STATED_REASON_KINDS } from './case.types.js';

/** CPT (5 characters, Category II/III end in F/T, PLA codes in U) or HCPCS Level II (letter + 4 digits). */
const procedureCode = Joi.string()
  .uppercase()
  .pattern(/^(\d{4}[0-9FTU]|[A-V]\d{4})$/)
  .messages({ 'string.pattern.base': '{{#label}} must be a CPT or HCPCS code such as 99213 or J9271' });
const icd10Code = Joi.string()
  .uppercase()
  .pattern(/^[A-TV-Z]\d[0-9A-Z](\.?[0-9A-Z]{1,4})?$/)
  .messages({ 'string.pattern.base': '{{#label}} must be an ICD-10-CM code such as M54.16' });
const text = (max: number) => Joi.string().trim().max(max);
const phone = Joi.string()
  .trim()
  .pattern(/^[0-9+().\- x]{7,25}$/)
  .messages({ 'string.pattern.base': '{{#label}} must be a phone or fax number' });
const usState = Joi.string()
  .uppercase()
  .pattern(/^[A-Z]{2}$/);

const address = Joi.object({
  line1: text(200).required(),
  line2: text(200).allow(''),
  city: text(100).required(),
  state: usState.required(),
  postalCode: Joi.string()
    .pattern(/^\d{5}(-\d{4})?$/)
    .required(),
});

export const patientFields = {
  firstName: nameText(100),
  lastName: nameText(100),
  dateOfBirth: isoDate,
  sex: Joi.string().valid('female', 'male', 'other', 'unknown'),
  mrn: nameText(64),
};
export const payerFields = {
  name: nameText(200),
  planType: Joi.string().valid(...PLAN_TYPES),
  profileId: objectId,
  memberId: nameText(64),
  groupNumber: nameText(64).allow(''),
  planName: nameText(200).allow(''),
  appealsAddress: address,
  fax: phone,
  phone,
  portalUrl: Joi.string().uri({ scheme: ['https', 'http'] }),
  state: usState,
};
export const serviceFields = {
  cptCodes: Joi.array().items(procedureCode).min(1).max(50).unique(),
  icd10Codes: Joi.array().items(icd10Code).max(50).unique(),
  description: text(1000),
  dateOfService: isoDate,
  dateOfServiceEnd: isoDate
    .custom((value: string, helpers) => {
      // Dates as YYYY-MM-DD compare as strings; on an edit without dateOfService the stored one is not checked.
      const start = (helpers.state.ancestors[0] as { dateOfService?: string }).dateOfService;
      return start && value < start ? helpers.message({ custom: '{{#label}} is before the date of service' }) : value;
    })
    .description('The last date of service (a pre-service request: the planned end of the course)'),
  claimNumber: nameText(64),
  authorizationNumber: nameText(64),
  billedAmount: money,
  units: Joi.number().integer().min(1).max(10_000),
  siteOfCare: text(200),
  requestType: Joi.string().valid('pre_service', 'post_service', 'payment', 'part_b_drug', 'coverage'),
};
const reasonCode = Joi.object({
  kind: Joi.string().valid('CARC', 'RARC').required(),
  group: Joi.string().valid('CO', 'PR', 'OA', 'PI'),
  code: Joi.string()
    .uppercase()
    .pattern(/^[A-Z0-9]{1,6}$/)
    .required(),
  description: text(500),
});
export const denialFields = {
  noticeDate: isoDate,
  receivedDate: isoDate,
  reasonCodes: Joi.array().items(reasonCode).max(30),
  category: Joi.string().valid(...DENIAL_CATEGORIES),
  payerReason: text(5000),
  referenceNumber: nameText(64),
  criteriaCited: text(1000),
  intendedEffectiveDate: isoDate,
  action: Joi.string()
    .valid(...MEDICAID_ACTIONS)
    .description('What the payer did: a new service denied, an authorized one reduced, suspended or ended, a payment'),
  automatedReview: Joi.array()
    .items(nameText(80))
    .max(20)
    .description(
      'What the notice names that shows an automated or criteria-based review (InterQual, MCG, "algorithm"…)',
    ),
  printedAppealDeadline: isoDate.description(
    'The last day to appeal as the notice prints it: compared with the computed filing deadline, the earlier ' +
      'governing until someone decides',
  ),
  reviewer: Joi.object({ name: nameText(200).required(), credentials: nameText(50) }).description(
    'The payer’s reviewer who signed the denial, and their credentials (e.g. "MD, FACS")',
  ),
  peerToPeerOffer: Joi.object({ phone, window: text(300) })
    .or('phone', 'window')
    .description('The notice’s offer of a peer-to-peer call: the payer’s line, and the window in the notice’s words'),
};
/** A Medicare notice that services end or of discharge: the QIO fast-track appeal, counted in hours. */
export const fastTrack = Joi.object({
  kind: Joi.string()
    .valid(...FAST_TRACK_KINDS)
    .required(),
  noticeReceivedAt: Joi.alternatives()
    .try(isoDate, Joi.string().isoDate())
    .required()
    .description('When the patient received the notice: a date, or a date and time with offset'),
  serviceEnd: isoDate.required().description('The last covered day on the notice, or the planned discharge'),
});
/** A prior-authorization request the payer has not answered yet: its decision clock shows on the case. */
export const authorizationRequest = Joi.object({
  requestedAt: Joi.alternatives()
    .try(isoDate, Joi.string().isoDate())
    .required()
    .description('When the payer received the request: a date, or a date and time with offset'),
  expedited: Joi.boolean(),
});
export const appellant = Joi.string()
  .valid(...APPELLANTS)
  .description('Who files the appeal: the route, its deadline and the document it needs follow from it');
export const clinicianFields = {
  name: nameText(200),
  npi: Joi.string()
    .pattern(/^\d{10}$/)
    .messages({ 'string.pattern.base': '{{#label}} must be a 10-digit NPI' }),
  credentials: nameText(50),
  specialty: nameText(100),
  phone,
  fax: phone,
  userId: objectId,
};

export const narrativeFields = {
  clinicalSummary: text(20_000).allow(''),
  medicalNecessity: text(20_000).allow(''),
  patientImpact: text(10_000).allow(''),
  alternativesTried: Joi.array()
    .items(Joi.object({ treatment: text(500).required(), period: text(200), outcome: text(1000).required() }))
    .max(30),
  keyFacts: Joi.array()
    .items(Joi.object({ date: isoDate, fact: text(1000).required(), documentId: objectId }))
    .max(50),
  request: text(2000).allow(''),
};

/** Makes the listed keys required in an object of optional field schemas. */
export function requiring<T extends Record<string, Joi.Schema>>(fields: T, required: (keyof T)[]): Joi.ObjectSchema {
  const out: Record<string, Joi.Schema> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = required.includes(k) ? v.required() : v;
  return Joi.object(out);
}

export const createCaseBody = Joi.object({
  patient: requiring(patientFields, ['firstName', 'lastName', 'dateOfBirth', 'mrn']).required(),
  payer: requiring(payerFields, ['name', 'planType', 'memberId']).required(),
  service: requiring(serviceFields, ['cptCodes', 'description']).required(),
  denial: requiring(denialFields, ['noticeDate', 'category', 'payerReason']).required(),
  treatingClinician: requiring(clinicianFields, ['name']).required(),
  narrative: Joi.object(narrativeFields),
  assigneeId: objectId,
  priority: Joi.string().valid('standard', 'expedited').default('standard'),
  amountAtStake: money,
  appealLevel: Joi.string().max(40),
  appellant,
  fastTrack,
  authorizationRequest,
  note: text(10_000),
});

export const updateCaseBody = Joi.object({
  version,
  patient: Joi.object(patientFields).min(1),
  payer: Joi.object(payerFields).min(1),
  service: Joi.object(serviceFields).min(1),
  denial: Joi.object(denialFields).min(1),
  treatingClinician: Joi.object(clinicianFields).min(1),
  narrative: Joi.object(narrativeFields).min(1),
  assigneeId: objectId.allow(null),
  priority: Joi.string().valid('standard', 'expedited'),
  amountAtStake: money,
  appellant,
  fastTrack: fastTrack.allow(null),
  authorizationRequest: authorizationRequest.allow(null),
  note: text(10_000),
}).or(
  'appellant',
  'fastTrack',
  'authorizationRequest',
  'patient',
  'payer',
  'service',
  'denial',
  'treatingClinician',
  'narrative',
  'assigneeId',
  'priority',
  'amountAtStake',
);

export const advocacyFields = {
  note: text(10_000),
  quote: Joi.object({
    speaker: Joi.string().valid('payer', 'patient', 'clinician', 'reviewer', 'other').required(),
    text: text(5000).required(),
  }),
  alternativesOffered: Joi.array().items(text(500)).max(20),
  contact: Joi.object({
    name: nameText(200),
    role: text(100),
    method: Joi.string().valid('phone', 'fax', 'portal', 'mail', 'email', 'in_person'),
  }),
};

export const transitionBody = Joi.object({
  to: Joi.string()
    .valid(...CASE_STATUSES)
    .required(),
  version,
  ...advocacyFields,
  /** When the request reached the payer (counts as filed that day); defaults to now. */
  submittedAt: Joi.date().iso(),
  /** Date on the payer's decision notice; opens the next level's filing window. */
  decisionDate: isoDate,
  decisionReceivedDate: isoDate,
});

export const timelineNoteBody = Joi.object(advocacyFields).or('note', 'quote', 'alternativesOffered');

export const overrideDeadlineBody = Joi.object({
  version,
  kind: Joi.string().valid('filing', 'decision').required(),
  dueDate: isoDate.required(),
  reason: text(1000).required().description('e.g. "date printed on the payer notice"'),
});

export const printedDeadlineBody = Joi.object({
  version,
  choice: Joi.string()
    .valid(...PRINTED_DEADLINE_CHOICES)
    .required()
    .description('Keep the computed filing deadline, or accept the one printed on the notice (an override)'),
});

export const decisionExtensionBody = Joi.object({
  version,
  days: Joi.number()
    .integer()
    .min(1)
    .max(60)
    .required()
    .description('Days the reviewer added, as its written notice says (Medicaid plans: at most 14)'),
  noticeDate: isoDate.required().description('Date of the reviewer’s written notice of the extension'),
  reason: text(1000),
});

export const caseIdParams = Joi.object({ caseId: objectId.required() });

const listFilters = {
  status: Joi.array()
    .items(Joi.string().valid(...CASE_STATUSES))
    .single(),
  open: Joi.boolean().description('only cases someone still needs to work on'),
  planType: Joi.array()
    .items(Joi.string().valid(...PLAN_TYPES))
    .single(),
  payer: text(200),
  assignee: Joi.alternatives(objectId, Joi.string().valid('me', 'none')),
  category: Joi.array()
    .items(Joi.string().valid(...DENIAL_CATEGORIES))
    .single(),
  carc: Joi.string()
    .uppercase()
    .pattern(/^[A-Z0-9]{1,6}$/),
  dueWithinDays: Joi.number()
    .integer()
    .min(0)
    .max(365)
    .description('Next deadline within this many days, overdue ones included'),
  overdue: Joi.boolean(),
  importId: objectId.description('Only the cases this import (GET /imports/:id) opened'),
  deadlineUnknown: Joi.boolean().description(
    'Only cases that must be filed with no filing deadline known (no rule gives the window, no date entered)',
  ),
  sort: Joi.string()
    .valid(
      'nextDueDate',
      '-nextDueDate',
      'amountAtStake',
      '-amountAtStake',
      'createdAt',
      '-createdAt',
      'noticeDate',
      '-noticeDate',
    )
    .default('nextDueDate'),
};
/**
 * Search text is usually a patient's name, and a URL ends up in browser history and proxy logs,
 * so it travels only in the body of POST /cases/search.
 */
const searchInUrl = notInUrl('search text', 'POST /api/v1/cases/search');
export const listCasesQuery = Joi.object({ ...listFilters, ...page, q: searchInUrl });
export const searchCasesBody = Joi.object({
  ...listFilters,
  ...page,
  q: text(100)
    .min(2)
    .required()
    .description('patient name, claim or authorization number, MRN or case reference (prefix)'),
});
export const exportCasesQuery = Joi.object({ ...listFilters, q: searchInUrl });

/** Integer cents: money on claims and lines (`chargeCents: 12345` is $123.45); negative on a reversal. */
const cents = Joi.number().integer().min(-10_000_000_000).max(10_000_000_000);

/** How a claim line ended (`open` while worked); a write-off says why and who approved it. */
export const lineResolution = Joi.object({
  kind: Joi.string()
    .valid(...LINE_RESOLUTIONS)
    .required(),
  amountCents: cents.description('Money recovered on the line, in cents'),
  remittance: Joi.string().max(80).description('The trace number of the remittance that paid it'),
  reason: text(1000),
  approvedBy: Joi.string().max(200),
  at: Joi.date().iso(),
});

/** One service line of a case's claim; amounts in integer cents. */
export const claimLine = Joi.object({
  procedure: Joi.object({
    code: Joi.string().max(48).required(),
    modifiers: Joi.array().items(Joi.string().max(2)).max(4),
  }),
  units: Joi.number().min(0),
  serviceDate: isoDate,
  chargeCents: cents.required(),
  allowedCents: cents,
  paidCents: cents.required(),
  deniedCents: cents
    .required()
    .description('What the payer denied on the line; the amount at stake sums it over lines under appeal'),
  adjustments: Joi.array().items(
    Joi.object({
      group: Joi.string().valid('CO', 'PR', 'OA', 'PI', 'CR').required(),
      reason: Joi.string().max(5).required(),
      amountCents: cents.required(),
    }),
  ),
  remarkCodes: Joi.array().items(Joi.string().max(7)),
  underAppeal: Joi.boolean(),
  resolution: lineResolution,
});

/** The claim an imported case came from (CLP); amounts in integer cents. */
export const caseClaim = Joi.object({
  patientControlNumber: Joi.string().max(38).required(),
  payerClaimControlNumber: Joi.string().max(50).required(),
  status: Joi.string().max(2).required(),
  payerId: Joi.string().max(80),
  chargeCents: cents.required(),
  paidCents: cents.required(),
  patientResponsibilityCents: cents,
  serviceStart: isoDate,
  serviceEnd: isoDate,
  renderingProvider: Joi.object({ name: Joi.string().max(200), npi: Joi.string().max(15) }),
  facilityType: Joi.string().max(5),
  remittance: Joi.string().max(80),
  importId: objectId,
  recommendation: Joi.object({
    route: Joi.string()
      .valid(...RESOLUTION_ROUTES)
      .required(),
    reason: Joi.string().required(),
  }),
});

/** A line of the case by its number as the case file shows it (from 1). */
export const caseLineParams = Joi.object({
  caseId: objectId.required(),
  line: Joi.number().integer().min(1).max(999).required().description('The line’s number on the case, from 1'),
});

const PAID_OUTCOMES = ['overturned_paid', 'partially_paid'];

/**
 * How a line under appeal ended, recorded by a person: a payment names its amount and remittance,
 * a write-off its reason and the user who approved it; nothing above the line's denied amount.
 */
export const lineOutcomeBody = Joi.object({
  version,
  kind: Joi.string()
    .valid(...LINE_RESOLUTIONS.filter((k) => k !== 'open'))
    .required(),
  amountCents: Joi.when('kind', {
    switch: [
      { is: Joi.valid(...PAID_OUTCOMES), then: cents.min(1).required() },
      { is: 'patient_responsibility', then: cents.min(1) },
    ],
    otherwise: Joi.forbidden(),
  }).description('Recovered (paid) or moved to the patient, in integer cents; at most what was denied on the line'),
  remittance: Joi.when('kind', {
    is: Joi.valid(...PAID_OUTCOMES),
    then: Joi.string().trim().max(80).required(),
    otherwise: Joi.forbidden(),
  }).description('The trace (check or EFT) number of the remittance that paid it'),
  reason: Joi.when('kind', { is: 'written_off', then: text(1000).required(), otherwise: text(1000) }),
  approvedById: Joi.when('kind', {
    is: 'written_off',
    then: objectId.required(),
    otherwise: Joi.forbidden(),
  }).description('The billing user or administrator who approved the write-off'),
  note: text(10_000),
});

const nonNegative = cents.min(0);

/** A service line entered by hand: a CPT/HCPCS code with its modifiers; what the payer denied at most its charge. */
const handEnteredLine = claimLine.keys({
  procedure: Joi.object({
    code: procedureCode.required(),
    modifiers: Joi.array()
      .items(
        Joi.string()
          .uppercase()
          .pattern(/^[A-Z0-9]{2}$/)
          .messages({ 'string.pattern.base': '{{#label}} must be a two-character modifier such as 59 or GP' }),
      )
      .max(4)
      .unique(),
  }).required(),
  units: Joi.number().min(0).max(10_000).default(1),
  chargeCents: nonNegative.required(),
  allowedCents: nonNegative,
  paidCents: nonNegative.max(Joi.ref('chargeCents')).required(),
  deniedCents: nonNegative
    .max(Joi.ref('chargeCents'))
    .required()
    .description('What the payer denied on the line, in cents: the line’s share of the amount at stake'),
  adjustments: Joi.array()
    .items(
      Joi.object({
        group: Joi.string().uppercase().valid('CO', 'PR', 'OA', 'PI', 'CR').required(),
        reason: Joi.string()
          .uppercase()
          .pattern(/^([A-Z]\d{1,2}|\d{1,3})$/)
          .required()
          .messages({ 'string.pattern.base': '{{#label}} must be a CARC such as 50 or B7' }),
        amountCents: cents.required(),
      }),
    )
    .max(20),
  remarkCodes: Joi.array()
    .items(
      Joi.string()
        .uppercase()
        .pattern(/^(M|MA|N)\d{1,3}$/)
        .messages({ 'string.pattern.base': '{{#label}} must be a RARC such as N115 or M127' }),
    )
    .max(20)
    .unique(),
  underAppeal: Joi.boolean().description('Default: whether anything was denied on the line'),
  resolution: Joi.forbidden(),
});

/** Lines added to a case entered by hand; the amount at stake follows them. */
export const addLinesBody = Joi.object({
  version,
  lines: Joi.array().items(handEnteredLine).min(1).max(50).required(),
  note: text(10_000),
});

/** A page of one of the case's documents, quoted as evidence. */
const evidenceQuote = Joi.object({
  documentId: objectId.required(),
  page: Joi.number().integer().min(1).max(10_000),
  quote: text(2000).required(),
});

/** One reason of the denial in the payer's words, with the clinician's answer and the evidence that meets it. */
export const statedReasonFields = {
  text: text(2000).required().description('The reason in the payer’s words'),
  kind: Joi.string()
    .valid(...STATED_REASON_KINDS)
    .default('other')
    .description(
      'What it is about: plateau (answered with measures before and after), attendance (the barriers ' +
        'record), home_program (the documented risk), other',
    ),
  answer: text(1000).allow('').description('The clinician’s answer in one line'),
  measures: Joi.array()
    .items(text(100))
    .max(20)
    .unique((a: string, b: string) => a.toLowerCase() === b.toLowerCase())
    .description('Names of the case’s objective measures whose before and after meet it'),
  barriers: Joi.boolean().description('Whether the attendance and barriers record meets it'),
  documents: Joi.array().items(evidenceQuote).max(20),
};

/** The whole ordered list of stated reasons, replacing the one stored (version-checked). */
export const statedReasonsBody = Joi.object({
  version,
  reasons: Joi.array().items(Joi.object(statedReasonFields)).max(20).required(),
  note: text(10_000),
});

/** Text to split into stated reasons; default: the denial's own quoted reason. Never in a URL (free text). */
export const reasonProposalBody = Joi.object({ text: text(5000) });

/** One reading of an objective measure and where it is documented. */
export const measureFields = {
  name: text(100)
    .required()
    .description('e.g. "Knee flexion (active)", "Gait speed", "Timed Up and Go", "KOOS", "LEFS", "Berg Balance"'),
  value: Joi.number().min(-100_000).max(100_000).required(),
  unit: text(40).required().description('e.g. "degrees", "m/s", "seconds", "points"'),
  date: isoDate.required(),
  documentId: objectId.description('The case document the reading comes from'),
  page: Joi.number().integer().min(1).max(10_000),
};

export const addMeasureBody = Joi.object({ version, ...measureFields });
export const measureParams = Joi.object({ caseId: objectId.required(), measureId: objectId.required() });
export const removeMeasureQuery = Joi.object({ version });
