/** A realistic new-case body; override any part per test. */
export function caseBody(overrides: Record<string, unknown> = {}) {
  return {
    patient: { firstName: 'Maria', lastName: 'Alvarez', dateOfBirth: '1961-04-12', sex: 'female', mrn: 'MRN-204611' },
    payer: {
      name: 'Acme Health Plan',
      planType: 'erisa_group',
      memberId: 'XJH884512',
      groupNumber: 'GRP-1200',
      appealsAddress: { line1: 'PO Box 4410', city: 'Minneapolis', state: 'MN', postalCode: '55440' },
      fax: '612-555-0142',
    },
    service: {
      cptCodes: ['72148'],
      icd10Codes: ['M54.16', 'M51.26'],
      description: 'MRI lumbar spine without contrast',
      dateOfService: '2026-10-20',
      claimNumber: 'CLM-77310045',
      billedAmount: 1840.5,
      requestType: 'post_service',
    },
    denial: {
      noticeDate: '2026-11-02',
      receivedDate: '2026-11-06',
      reasonCodes: [{ kind: 'CARC', group: 'CO', code: '50' }],
      category: 'medical_necessity',
      payerReason: 'Imaging is not medically necessary without six weeks of conservative therapy.',
    },
    treatingClinician: {
      name: 'Dr. Priya Natarajan',
      npi: '1234567893',
      credentials: 'MD',
      specialty: 'Physical Medicine & Rehabilitation',
    },
    ...overrides,
  };
}

/** A commercial payer's profile as an administrator enters it: its name and its own 180-day window. */
export const northwindProfile = {
  name: 'Northwind Commercial',
  electronicPayerId: 'NW771',
  appealWindow: { days: 180, unit: 'calendar', countFrom: 'notice', label: 'Provider manual §7.2' },
};
