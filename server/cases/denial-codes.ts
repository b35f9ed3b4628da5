/**
 * Claim adjustment reason codes (CARC) and remark codes (RARC) seen on denials, with short
 * descriptions in our own words (the official X12 texts are copyrighted; a clinic may load
 * its licensed file). Used to describe codes the user enters without a description.
 */
export const KNOWN_REASON_CODES: Record<string, { meaning: string; route: string }> = {
  '4': { meaning: 'Procedure inconsistent with modifier, or modifier missing', route: 'corrected claim' },
  '11': { meaning: 'Diagnosis inconsistent with procedure', route: 'coding review, corrected claim or appeal' },
  '15': { meaning: 'Authorization number missing or invalid', route: 'correct and resubmit' },
  '16': { meaning: 'Claim lacks information or has billing errors', route: 'correct and resubmit' },
  '18': { meaning: 'Exact duplicate claim or service', route: 'verify; usually no appeal' },
  '22': { meaning: 'May be covered by another payer', route: 'update coordination of benefits' },
  '27': { meaning: 'Incurred after coverage ended', route: 'eligibility dispute' },
  '29': { meaning: 'Time limit for filing expired', route: 'timely-filing appeal with proof of submission' },
  '39': {
    meaning: 'Denied at the time authorization was requested',
    route: 'clinical appeal of the prior-auth denial',
  },
  '50': { meaning: 'Not deemed medically necessary by the payer', route: 'clinical appeal, peer-to-peer' },
  '55': {
    meaning: 'Considered experimental or investigational',
    route: 'clinical appeal with literature, external review',
  },
  '56': { meaning: 'Not proven effective', route: 'clinical appeal with literature, external review' },
  '96': { meaning: 'Non-covered charge', route: 'coverage appeal' },
  '97': { meaning: 'Included in another service already adjudicated', route: 'coding appeal (modifiers)' },
  '150': { meaning: 'Information does not support this level of service', route: 'clinical appeal' },
  '151': { meaning: 'Information does not support this many services', route: 'clinical appeal' },
  '152': { meaning: 'Information does not support this length of service', route: 'clinical appeal' },
  '167': { meaning: 'Diagnosis not covered', route: 'coverage-policy appeal' },
  '197': {
    meaning: 'Precertification or authorization absent',
    route: 'retro-authorization or appeal showing urgency',
  },
  '198': { meaning: 'Authorization exceeded', route: 'extension or appeal' },
  '204': { meaning: 'Service not covered under the current benefit plan', route: 'benefit exception, external review' },
  '236': { meaning: 'Code pair not allowed together', route: 'coding appeal (modifiers)' },
  '250': { meaning: 'Attachment received was the wrong type', route: 'send records' },
  '251': { meaning: 'Attachment incomplete', route: 'send records' },
  '252': { meaning: 'An attachment is required', route: 'send records' },
  '272': { meaning: 'Coverage guidelines not met', route: 'clinical appeal' },
  '273': { meaning: 'Coverage guidelines exceeded', route: 'clinical appeal' },
  MA130: { meaning: 'Claim unprocessable: no appeal rights, correct and resubmit', route: 'correct and resubmit' },
};

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
