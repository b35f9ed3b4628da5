/**
 * The words of the reason-code table: denial categories, the usual route to resolve a code, and
 * the row shape the CARC and RARC tables are written in.
 */

/** The denial categories a case is filed under (the order is the one forms show). */
export const DENIAL_CATEGORIES = [
  'medical_necessity',
  'prior_authorization',
  'experimental_investigational',
  'coding',
  'timely_filing',
  'benefit_exclusion',
  'other',
] as const;
export type DenialCategory = (typeof DENIAL_CATEGORIES)[number];

/**
 * What a billing team usually does about a code: appeal it; correct the claim and send it again;
 * bill the patient; review whether to write it off; or nothing (a payment, a contractual
 * adjustment, a notice). "Usually": the payer's letter and the case decide.
 */
export const RESOLUTION_ROUTES = [
  'appeal',
  'correct_and_rebill',
  'patient_responsibility',
  'write_off_review',
  'no_action',
] as const;
export type ResolutionRoute = (typeof RESOLUTION_ROUTES)[number];

/** The two code lists: Claim Adjustment Reason Codes and Remittance Advice Remark Codes. */
export const REASON_CODE_KINDS = ['CARC', 'RARC'] as const;
export type ReasonCodeKind = (typeof REASON_CODE_KINDS)[number];

/** Short names the table files use, so that 1,600 rows stay readable. */
export const ROUTES = {
  appeal: 'appeal',
  rebill: 'correct_and_rebill',
  patient: 'patient_responsibility',
  writeOff: 'write_off_review',
  none: 'no_action',
} as const satisfies Record<string, ResolutionRoute>;

export const CATEGORY = {
  necessity: 'medical_necessity',
  auth: 'prior_authorization',
  experimental: 'experimental_investigational',
  coding: 'coding',
  timely: 'timely_filing',
  benefit: 'benefit_exclusion',
  other: 'other',
} as const satisfies Record<string, DenialCategory>;

/**
 * One row of a table: code, our description, its denial category (null: not a denial), the usual
 * route, and `x` when the code is deactivated (kept so that old remittances still read).
 */
export type CodeRow = readonly [
  code: string,
  description: string,
  category: DenialCategory | null,
  route: ResolutionRoute,
  deactivated?: 'x',
];

/**
 * A row builder for codes that share a category and route, so a table of 1,200 remark codes
 * reads as one line each: `fix('M20', 'HCPCS code missing or invalid')`.
 */
export function rowsOf(category: DenialCategory | null, route: ResolutionRoute) {
  return (code: string, description: string, deactivated?: 'x'): CodeRow =>
    deactivated ? [code, description, category, route, deactivated] : [code, description, category, route];
}
