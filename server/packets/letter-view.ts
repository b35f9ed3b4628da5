/**
 * Case data → the letter's view model. Pure: everything a template may print is computed
 * here, with `null` for what is known to be absent, so templates stay simple and strict mode
 * catches a misspelt field. Tested without rendering.
 */
import { measureTrends, reasonGaps, type CaseRecord, type MeasureReading } from '../cases/index.js';
import type { Config } from '../config.js';
import type { PlanType } from '../deadlines/index.js';
import { datesOfService, datesOfServiceText } from './required-elements.js';
import { PLAN_TYPE_NAMES, REQUEST_TYPE_NAMES, CRITERION_STATUS_NAMES, humanize, levelName } from './letter-words.js';

/** One enclosed document as the letter lists it. */
export interface LetterExhibit {
  documentId: string;
  title: string;
  kind: string;
  date: string;
}

/** One guideline criterion attached to the case (the guidelines domain's CaseCriterion, as the letter needs it). */
export interface LetterCriterion {
  citation: string;
  guideline: {
    source: string;
    title: string;
    issuingBody: string;
    section?: string | null;
    criterionText: string;
    url?: string | null;
  };
  status: 'met' | 'not_met' | 'not_applicable';
  evidence: Array<{
    documentId?: string | null;
    documentTitle?: string | null;
    page?: number | null;
    quote?: string | null;
    statement?: string | null;
  }>;
}

/**
 * A session missed, cancelled, refused or only partly done, from the patient's attendance record,
 * as the letter tells it: the reason in the patient's own words, the barrier, what was offered
 * and what the patient chose.
 */
export interface LetterSession {
  date: string;
  outcome: string;
  reason?: string | null;
  barrier?: string | null;
  alternativesOffered: string[];
  alternativesAccepted: string[];
  patientChoice?: string | null;
}

/** A document of the case by id, to name a page the letter cites that is not enclosed. */
export interface LetterDocumentName {
  documentId: string;
  title: string;
  date: string;
}

export interface LetterInput {
  caseRecord: CaseRecord;
  criteria: LetterCriterion[];
  exhibits: LetterExhibit[];
  clinic: Omit<Config['clinic'], 'timeZone'>;
  /** The letter's date, YYYY-MM-DD. */
  today: string;
  /** The payer profile's appeals address and fax, for a case that has none of its own. */
  payerProfile?: { appealsAddress?: PostalLines | null; fax?: string | null } | null;
  /** Sessions not fully held, from the attendance record; absent when there is no record to read. */
  sessions?: LetterSession[] | null;
  /** Every document of the case, to name a cited page that is not enclosed. */
  documents?: LetterDocumentName[];
  /** A draft: empty sections show what is to be written instead of refusing (packet.service.ts). */
  draft?: boolean;
}

const OUTCOME_WORDS: Record<string, string> = {
  no_show: 'No-show',
  late_cancel: 'Late cancellation',
  refused: 'Refused',
  partial: 'Partly done',
};

/** "95 degrees", "1.1 m/s", "38 points"; a sign on a change. */
function amount(value: number, unit: string, signed = false): string {
  const n = Math.round(value * 100) / 100;
  const text = `${signed && n > 0 ? '+' : ''}${n}`;
  return /^(°|%)$/.test(unit) ? `${text}${unit}` : `${text} ${unit}`;
}

/**
 * Whether the service is outpatient therapy, for the therapy rules of a plan's argument
 * (plan-argument.hbs): physical medicine and rehabilitation codes (CPT 97xxx), speech-language
 * pathology (92507, 92508, 92521-92526), or a description that says so.
 */
function isTherapy(service: { cptCodes?: string[]; description: string }): boolean {
  return (
    (service.cptCodes ?? []).some((c) => /^97\d{3}$|^925(0[78]|2[1-6])$/.test(c)) ||
    /\b(physical|occupational|speech)[- ]therapy\b|speech-language pathology/i.test(service.description)
  );
}

const orNull = <T>(v: T | undefined | null | ''): T | null => (v === undefined || v === '' ? null : v);

type PostalLines = {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
};

function addressLines(a?: PostalLines | null): string[] {
  if (!a?.line1) return [];
  return [a.line1, a.line2, `${a.city}, ${a.state} ${a.postalCode}`].filter((l): l is string => Boolean(l));
}

function coverage(planType: PlanType) {
  return {
    planTypeName: PLAN_TYPE_NAMES[planType],
    isErisa: planType === 'erisa_group',
    isAca: planType === 'aca_individual',
    isMedicareAdvantage: planType === 'medicare_advantage',
    isOriginalMedicare: planType === 'medicare_ab',
    isPartD: planType === 'medicare_part_d',
    isMedicaid: planType === 'medicaid_managed_care',
    isOther: planType === 'other',
  };
}

/** Builds the letter's view model. */
export function buildLetterView(input: LetterInput) {
  const c = input.caseRecord;
  const exhibitNumber = new Map(input.exhibits.map((e, i) => [e.documentId, i + 1]));
  const expedited = c.priority === 'expedited';
  const serviceDates = datesOfService(c);
  const isRange = !!serviceDates && (serviceDates.to !== serviceDates.from || c.service.requestType === 'pre_service');
  const filing = c.deadlines.find((d) => d.kind === 'filing' && d.level === c.appealLevel) ?? null;
  const clinicianName = [c.treatingClinician.name, c.treatingClinician.credentials].filter(Boolean).join(', ');
  const named = new Map((input.documents ?? []).map((d) => [d.documentId, d]));
  const sourceOf = (documentId?: string | null, title?: string | null, page?: number | null) => {
    const n = documentId ? exhibitNumber.get(documentId) : undefined;
    const name = title ?? (documentId && !n ? (named.get(documentId)?.title ?? null) : null);
    const where = [n ? `Exhibit ${n}` : null, name, page ? `p. ${page}` : null].filter(Boolean).join(', ');
    return where || null;
  };
  const readingView = (r: MeasureReading) => ({
    value: amount(r.value, r.unit),
    date: r.date,
    source: sourceOf(r.documentId, null, r.page),
  });
  const trends = measureTrends(c.measures ?? []).map((t) => ({
    name: t.name,
    before: readingView(t.before),
    after: t.after ? readingView(t.after) : null,
    change: t.after ? amount(t.after.value - t.before.value, t.unit, true) : null,
  }));
  const trendOf = new Map(trends.map((t) => [t.name.toLowerCase(), t]));
  // Lower case inside the sentence ("Offered: transport benefit, telehealth"), as the prep sheet says it.
  const words = (values: string[]) => values.map((v) => humanize(v).toLowerCase()).join(', ') || null;
  const sessions = (input.sessions ?? []).map((x) => ({
    date: x.date,
    outcome: OUTCOME_WORDS[x.outcome] ?? humanize(x.outcome),
    reason: orNull(x.reason),
    // The patient's sentence keeps its own full stop: the letter adds none after the closing quote.
    reasonClosed: /[.!?]$/.test(x.reason?.trim() ?? ''),
    barrier: x.barrier ? humanize(x.barrier).toLowerCase() : null,
    offered: words(x.alternativesOffered),
    accepted: words(x.alternativesAccepted),
    choice: orNull(x.patientChoice),
  }));
  const reasons = (c.statedReasons ?? []).map((r, i) => ({
    number: i + 1,
    text: r.text,
    kind: r.kind,
    answer: orNull(r.answer?.trim()),
    measures: (r.measures ?? []).flatMap((name) => trendOf.get(name.toLowerCase()) ?? []),
    sessions: r.barriers ? sessions : [],
    documents: (r.documents ?? []).map((d) => ({ quote: d.quote, source: sourceOf(d.documentId, null, d.page) })),
  }));
  return {
    reference: c.reference,
    today: input.today,
    clinic: {
      name: input.clinic.name,
      addressLines: input.clinic.address
        .split(';')
        .map((l) => l.trim())
        .filter(Boolean),
      phone: input.clinic.phone,
      fax: input.clinic.fax,
      npi: input.clinic.npi,
    },
    appeal: {
      level: c.appealLevel,
      planType: c.payer.planType,
      expedited,
      isFirstLevel: c.levelHistory.length === 0,
      priorDecisions: c.levelHistory.map((h) => ({
        level: h.level,
        outcome: humanize(h.outcome),
        decidedOn: h.decidedOn,
      })),
    },
    levelName: levelName(c.appealLevel, c.payer.planType, expedited),
    coverage: coverage(c.payer.planType),
    patient: {
      name: `${c.patient.firstName} ${c.patient.lastName}`,
      firstName: c.patient.firstName,
      lastName: c.patient.lastName,
      dateOfBirth: c.patient.dateOfBirth,
    },
    payer: {
      name: c.payer.name,
      planName: orNull(c.payer.planName),
      addressLines: addressLines(
        c.payer.appealsAddress?.line1 ? c.payer.appealsAddress : input.payerProfile?.appealsAddress,
      ),
      fax: orNull(c.payer.fax) ?? orNull(input.payerProfile?.fax),
      memberId: c.payer.memberId,
      groupNumber: orNull(c.payer.groupNumber),
    },
    service: {
      description: c.service.description,
      cptCodes: c.service.cptCodes ?? [],
      icd10Codes: c.service.icd10Codes ?? [],
      dateOfService: orNull(c.service.dateOfService),
      /** The date or the range (a claim over days, a pre-service course to its planned end), as the request says it. */
      datesOfService: datesOfServiceText(c),
      datesLabel: isRange ? 'Dates of service' : 'Date of service',
      datesPhrase: `${isRange ? 'dates of service' : 'date of service'} ${datesOfServiceText(c) ?? ''}`,
      claimNumber: orNull(c.service.claimNumber),
      authorizationNumber: orNull(c.service.authorizationNumber),
      billedAmount: c.service.billedAmount ?? null,
      units: c.service.units ?? null,
      siteOfCare: orNull(c.service.siteOfCare),
      requestType: c.service.requestType
        ? (REQUEST_TYPE_NAMES[c.service.requestType] ?? humanize(c.service.requestType))
        : null,
      isPreService: c.service.requestType === 'pre_service',
      isTherapy: isTherapy(c.service),
    },
    denial: {
      noticeDate: c.denial.noticeDate,
      receivedDate: orNull(c.denial.receivedDate),
      referenceNumber: orNull(c.denial.referenceNumber),
      payerReason: c.denial.payerReason,
      criteriaCited: orNull(c.denial.criteriaCited),
      /** What the notice names that shows an automated or criteria-based review ("InterQual, algorithm"), or null. */
      automatedReview: c.denial.automatedReview?.length ? c.denial.automatedReview.join(', ') : null,
      category: humanize(c.denial.category),
      reasonCodes: (c.denial.reasonCodes ?? []).map((r) => ({
        label: `${r.kind} ${r.group ? `${r.group}-` : ''}${r.code}`,
        description: orNull(r.description),
      })),
    },
    clinician: {
      name: c.treatingClinician.name,
      displayName: clinicianName,
      credentials: orNull(c.treatingClinician.credentials),
      specialty: orNull(c.treatingClinician.specialty),
      npi: orNull(c.treatingClinician.npi),
      phone: orNull(c.treatingClinician.phone) ?? input.clinic.phone,
      fax: orNull(c.treatingClinician.fax) ?? input.clinic.fax,
    },
    narrative: {
      clinicalSummary: orNull(c.narrative?.clinicalSummary),
      medicalNecessity: orNull(c.narrative?.medicalNecessity),
      patientImpact: orNull(c.narrative?.patientImpact),
      request: orNull(c.narrative?.request),
      alternativesTried: (c.narrative?.alternativesTried ?? []).map((a) => ({
        treatment: a.treatment,
        period: orNull(a.period),
        outcome: a.outcome,
      })),
      keyFacts: (c.narrative?.keyFacts ?? []).map((f) => ({
        date: orNull(f.date),
        fact: f.fact,
        source: sourceOf(f.documentId),
      })),
    },
    criteria: input.criteria.map((k) => ({
      citation: k.citation,
      title: k.guideline.title,
      source: k.guideline.source,
      section: orNull(k.guideline.section),
      criterionText: k.guideline.criterionText,
      status: k.status,
      statusLabel: CRITERION_STATUS_NAMES[k.status] ?? humanize(k.status),
      isMet: k.status === 'met',
      evidence: k.evidence.map((e) => ({
        quote: orNull(e.quote),
        statement: orNull(e.statement),
        source: sourceOf(e.documentId, e.documentTitle, e.page),
      })),
    })),
    criteriaMet: input.criteria.filter((k) => k.status === 'met').length,
    /** The payer's stated reasons in its order, each with the clinician's answer and its evidence. */
    reasons,
    /** What keeps a stated reason from being answered (cases' `reasonGaps`); the generation guard reads it. */
    reasonGaps: reasonGaps(c.statedReasons ?? [], c.measures ?? []),
    /** Every objective measure, first reading and last. */
    measures: trends,
    /** Sessions not fully held, from the attendance record (empty when none, or none recorded). */
    sessions,
    draft: input.draft ?? false,
    dates: {
      filingDeadline: filing
        ? {
            dueDate: filing.dueDate,
            basis: filing.basis,
            citation: filing.citation,
            // "Fri 2027-01-22": the working day before a last day on which the payer's office is closed.
            lastBusinessDate: filing.lastBusinessDay?.slice(-10) ?? null,
          }
        : null,
      /** Said in the letter only when true: a late request must not claim to be timely. */
      filedInTime: filing ? input.today <= filing.dueDate : false,
      decisionAsk: expedited
        ? 'within 72 hours, because applying the standard timeframe could seriously ' +
          'jeopardize the patient’s life, health or ability to regain maximum function'
        : 'within the timeframe the applicable rules allow',
    },
    enclosures: input.exhibits.map((e, i) => ({ number: i + 1, title: e.title, kind: humanize(e.kind), date: e.date })),
  };
}

export type LetterView = ReturnType<typeof buildLetterView>;
