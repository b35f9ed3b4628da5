/**
 * The plain records a remittance reader yields, the same for an X12 835 and a FHIR ClaimResponse.
 * Readers fill them and never touch a database; the import job, claim lines on cases, matching and
 * pages are built on these shapes (see CONTEXT.md).
 *
 * Money is integer cents (`Cents`), never a float; dates are ISO calendar dates (`YYYY-MM-DD`).
 * Names, member ids and patient control numbers in these records are PHI: keep them out of logs,
 * error messages, URLs and file names.
 */

/** An amount of US money in integer cents: $123.45 is 12345, a refund of $5 is -500. */
export type Cents = number;

/** The kinds of remittance a reader knows: an X12 835, a FHIR ClaimResponse, a CSV in our layout. */
export type RemittanceFormat = '835' | 'fhir' | 'csv';

/**
 * CLP02 claim status: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19/20/21 processed
 * and forwarded, 22 reversal of a previous payment, 23 not our claim (forwarded), 25 predetermination
 * pricing only.
 */
export type ClaimStatus = '1' | '2' | '3' | '4' | '19' | '20' | '21' | '22' | '23' | '25';

/**
 * CAS01 claim adjustment group: CO contractual obligation (the provider bears it), PR patient
 * responsibility, OA other adjustment, PI payer-initiated reduction, CR correction and reversal.
 */
export type AdjustmentGroup = 'CO' | 'PR' | 'OA' | 'PI' | 'CR';

/** One adjustment: a group code, a CARC (claim adjustment reason code) and its amount. */
export interface Adjustment {
  group: AdjustmentGroup;
  /** The CARC as sent (`50`, `197`, `45`, `A1`); codes unknown to our table are kept as they are. */
  reason: string;
  /** Positive reduces the payment; negative (as on a reversal) restores it. */
  amount: Cents;
  /** Units adjusted, when the payer says (CAS04 and the later quantity elements). */
  quantity?: number;
}

/** A qualified identifier as sent: REF01/REF02 (`6R` line control, `1K` payer claim number, `EA` record number…). */
export interface Reference {
  qualifier: string;
  value: string;
}

/** A qualified amount: AMT01/AMT02 (`B6` allowed, `AU` coverage, `I` interest…). */
export interface QualifiedAmount {
  qualifier: string;
  amount: Cents;
}

/** A qualified quantity: QTY01/QTY02 (`CA` covered days, `ZK` federal units…). */
export interface QualifiedQuantity {
  qualifier: string;
  quantity: number;
}

/** A person or organisation named in NM1: a person has `first`; an organisation has only `last`. */
export interface PartyName {
  /** NM103: last name, or the organisation's name. */
  last: string;
  first?: string;
  middle?: string;
  suffix?: string;
}

/** A party with the identifier the remittance gives it (NM108/NM109). */
export interface NamedParty {
  name: PartyName;
  /** NM108: `MI` member id, `II` unique health id, `XX` NPI, `FI` tax id, `34` SSN (never shown)… */
  idQualifier?: string;
  id?: string;
}

/** The procedure on a line: SVC01 (or SVC06) composite. */
export interface ProcedureCode {
  /** `HC` CPT/HCPCS, `AD` ADA dental, `NU` revenue code, `N4` NDC, `ER` jurisdiction-specific… */
  qualifier: string;
  code: string;
  /** Up to four modifiers, in order (`25`, `59`, `LT`…). */
  modifiers: string[];
}

/** One service line (835 loop 2110, or a FHIR item / addItem). */
export interface ClaimLine {
  /** Segment number of the SVC in the file (1 = the ISA); for FHIR, the item's index from 1. */
  position: number;
  /** Absent when the remittance names none (a FHIR `item` points at the claim's item by sequence). */
  procedure?: ProcedureCode;
  /** SVC06: the procedure as billed, when the payer adjudicated a different one. */
  billedProcedure?: ProcedureCode;
  /** SVC04: the revenue code (institutional claims). */
  revenueCode?: string;
  charge: Cents;
  paid: Cents;
  /** AMT*B6, or the FHIR `eligible` adjudication. */
  allowed?: Cents;
  /** SVC05 units paid; the standard says 1 when not sent. */
  units: number;
  serviceStart?: string;
  serviceEnd?: string;
  adjustments: Adjustment[];
  /** RARCs: LQ*HE remark codes (`N130`, `M15`…). */
  remarkCodes: string[];
  /** REF*6R: the line item control number the provider sent (FHIR: the item sequence). */
  lineControlNumber?: string;
  references: Reference[];
  amounts: QualifiedAmount[];
  quantities: QualifiedQuantity[];
}

/** The payer and payee as the remittance names them (835 loop 1000A/1000B). */
export interface RemittancePayer {
  name: string;
  /** N104 (with N103) or REF*2U: the payer's identifier; the claim key uses it (see CONTEXT.md). */
  id?: string;
  idQualifier?: string;
}

export interface RemittancePayee {
  name: string;
  npi?: string;
  /** REF*TJ or N1*PE*…*FI: the payee's tax identification number. */
  tin?: string;
}

/** The payment advice a claim came in: one 835 transaction set (ST/SE), or one FHIR ClaimResponse. */
export interface RemittanceHeader {
  format: RemittanceFormat;
  /** ISA13, GS06, ST02: where the claim sits in its envelope (835 only). */
  interchangeControlNumber?: string;
  groupControlNumber?: string;
  transactionControlNumber?: string;
  /** BPR02 total actual provider payment (or FHIR payment.amount). */
  paymentAmount: Cents;
  /** BPR01: `I` remittance and payment, `H` notification only (no money moved)… */
  handling?: string;
  /** BPR03: `C` credit, `D` debit. */
  creditDebit?: string;
  /** BPR04: `ACH`, `CHK`, `FWT` wire, `BOP`, `NON` no payment. */
  paymentMethod?: string;
  /** BPR16: the check or EFT effective date. */
  paymentDate?: string;
  /** TRN02: the check or EFT trace number, which reconciles the remittance to the deposit. */
  traceNumber?: string;
  /** DTM*405: when the payer produced the remittance. */
  productionDate?: string;
  payer: RemittancePayer;
  payee?: RemittancePayee;
}

/**
 * A provider-level adjustment (PLB): money withheld or added for the payee as a whole, not for one
 * claim (a recovery of an earlier overpayment `WO`, interest `L6`, a forward balance `FB`…).
 */
export interface ProviderAdjustment {
  /** Segment number of the PLB in the file. */
  position: number;
  /** PLB01: the payee's provider identifier. */
  providerId: string;
  /** PLB02: the last day of the payee's fiscal period. */
  fiscalPeriodEnd?: string;
  /** The adjustment reason code (PLB03-1 and each later pair's first component). */
  reason: string;
  /** PLB03-2: the reference it concerns (often the payer claim control number of a recovered claim). */
  reference?: string;
  /** As sent: positive reduces the payment (a recovery); negative increases it. */
  amount: Cents;
}

/** One claim (835 loop 2100, or one FHIR ClaimResponse), with its lines. */
export interface ClaimRecord {
  remittance: RemittanceHeader;
  /** Segment number of the CLP in the file (1 = the ISA); for FHIR, the resource's index from 1. */
  position: number;
  /** CLP01: the provider's own claim number (patient account number) as submitted. */
  patientControlNumber: string;
  status: ClaimStatus;
  /** CLP03 total claim charge. */
  charge: Cents;
  /** CLP04 claim payment. */
  paid: Cents;
  /** CLP05 patient responsibility, when sent. */
  patientResponsibility?: Cents;
  /** CLP06 claim filing indicator: `12` PPO, `HM` HMO, `MA`/`MB` Medicare A/B, `MC` Medicaid, `CI` commercial… */
  filingIndicator?: string;
  /** CLP07: the payer's own number for this claim; with the payer and service dates, the claim key. */
  payerClaimControlNumber: string;
  /** CLP08 facility type (place of service for professional claims), CLP09 frequency (1 original, 7 replacement). */
  facilityType?: string;
  frequency?: string;
  /** NM1*QC: the patient. */
  patient: NamedParty;
  /** NM1*IL: the subscriber, when not the patient. */
  subscriber?: NamedParty;
  /** The member id: NM1*IL's NM109 when the subscriber is named, else NM1*QC's when qualified `MI`. */
  memberId?: string;
  /** NM1*82: the rendering provider, with NPI when qualified `XX`. */
  renderingProvider?: NamedParty;
  /** DTM*232/233 claim statement period; when absent, the span of the lines' service dates. */
  serviceStart?: string;
  serviceEnd?: string;
  /** DTM*050: when the payer received the claim. */
  receivedDate?: string;
  /** Claim-level CAS adjustments (line adjustments are on the lines). */
  adjustments: Adjustment[];
  /** RARCs at claim level: MOA (outpatient) and MIA (inpatient) remark codes. */
  remarkCodes: string[];
  references: Reference[];
  amounts: QualifiedAmount[];
  quantities: QualifiedQuantity[];
  lines: ClaimLine[];
}

/** A claim the reader could not read; the others in the file are read all the same. */
export interface ClaimProblem {
  /** Segment number where the problem is (for FHIR, the resource's index from 1). */
  position: number;
  /** The element at fault, in X12 terms (`CLP03`, `CAS02`) or as a FHIR path. */
  element?: string;
  /** Why, without any value from the file (values may be PHI). */
  reason: string;
}

/** The close of one payment advice: what it held besides its claims. */
export interface RemittanceSummary {
  header: RemittanceHeader;
  providerAdjustments: ProviderAdjustment[];
  /** Claims yielded and claims refused in this payment advice. */
  claims: number;
  problems: number;
}

/**
 * What a reader yields, in file order: each claim as soon as it is complete, each claim it could
 * not read, and each payment advice's summary once its trailer (SE) has been checked.
 */
export type RemittanceItem =
  | { kind: 'claim'; claim: ClaimRecord }
  | { kind: 'claim-problem'; problem: ClaimProblem }
  | { kind: 'remittance'; summary: RemittanceSummary };
