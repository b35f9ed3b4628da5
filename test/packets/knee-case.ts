/**
 * The knee case of issue 11, as a case body: a Medicare Advantage patient, 69, eight weeks after a
 * knee replacement, eight more physical-therapy visits denied for three stated reasons.
 */
import { caseBody } from '../support/factories.js';

/** The plan's reason in its own words: three reasons in one sentence. */
export const KNEE_REASON =
  'The member missed 4 of 12 authorized visits, has reached a plateau in functional gains, and a home ' +
  'exercise program is appropriate to continue recovery.';

/** The knee case's body for POST /cases, with `extra` fields (narrative, treating clinician) on top. */
export function kneeCaseBody(extra: Record<string, unknown> = {}) {
  const base = caseBody();
  return caseBody({
    patient: { ...base.patient, firstName: 'Grace', lastName: 'Okafor', dateOfBirth: '1957-03-02' },
    payer: { ...base.payer, name: 'Sunrise Medicare Advantage', planType: 'medicare_advantage' },
    service: {
      cptCodes: ['97110', '97116'],
      icd10Codes: ['Z96.651'],
      description: 'Outpatient physical therapy, 8 visits',
      requestType: 'pre_service',
    },
    denial: { ...base.denial, payerReason: KNEE_REASON },
    ...extra,
  });
}
