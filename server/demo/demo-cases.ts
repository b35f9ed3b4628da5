import type { NewCase } from '../cases/index.js';
import type { CaseStatus } from '../cases/index.js';

/** One demo denial: the case as opened, the statuses it walks through afterwards, and any P2P call on it. */
export interface DemoCase {
  daysAgo: number;
  body: NewCase;
  path: CaseStatus[];
  /**
   * A peer-to-peer call asked for (`requested`) or booked (`scheduled`) after the path: while the
   * appeal is prepared it is post-decision (the denial is out); while the payer owes its decision
   * on the filed appeal, pre-decision.
   */
  p2p?: 'requested' | 'scheduled';
  /** Days between the notice and opening the case; 2 unless the notice came today (a QIO fast-track case). */
  noticeDaysBefore?: number;
  /** A Medicare notice that services end: received the day the case is opened, covered until this many days later. */
  servicesEndInDays?: number;
}

const clinician = {
  name: 'Dr. Priya Natarajan',
  npi: '1234567893',
  credentials: 'MD',
  specialty: 'Physical Medicine & Rehabilitation',
  phone: '617-555-0110',
  fax: '617-555-0111',
};
const oncologist = {
  name: 'Dr. Rafael Mendes',
  npi: '1922083341',
  credentials: 'MD',
  specialty: 'Medical Oncology',
  phone: '617-555-0120',
};
const address = (line1: string, city: string, state: string, postalCode: string) => ({
  line1,
  city,
  state,
  postalCode,
});

type Seed = [string, string, string, NewCase['patient']['sex'], string, string, number];
// first, last, dob, sex, mrn, memberId, billed
const PATIENTS: Seed[] = [
  ['Maria', 'Alvarez', '1961-04-12', 'female', 'MRN-204611', 'XJH884512', 1840.5],
  ['James', 'Whitfield', '1948-09-30', 'male', 'MRN-118203', '1EG4-TE5-MK72', 5230],
  ['Aisha', 'Rahman', '1979-01-18', 'female', 'MRN-330981', 'MCD55120934', 2675],
  ['Tomás', 'Herrera', '1955-06-07', 'male', 'MRN-401277', 'H9921-44810', 48200],
  ['Grace', 'Liu', '1990-11-23', 'female', 'MRN-512044', 'QAC7781203', 12950],
  ['Robert', 'Kowalski', '1943-02-28', 'male', 'MRN-620915', '7HJ2-QW1-RT55', 3120.75],
  ['Nia', 'Campbell', '1986-07-14', 'female', 'MRN-733160', 'BCX300118', 915],
  ['Daniel', 'Osei', '1972-03-03', 'male', 'MRN-840022', 'UNI66120087', 22400],
  ['Evelyn', 'Brooks', '1938-12-09', 'female', 'MRN-951348', '2AB9-CD3-EF11', 7800],
  ['Samir', 'Haddad', '1966-05-21', 'male', 'MRN-106734', 'MCD77124560', 3980],
  ['Lena', 'Novak', '1994-08-02', 'female', 'MRN-117845', 'AET90012377', 1460],
  ['Marcus', 'Reed', '1958-10-16', 'male', 'MRN-128956', 'CGN4410982', 38650],
];

const PLANS = [
  {
    name: 'Acme Health Plan',
    planType: 'erisa_group',
    appealsAddress: address('PO Box 4410', 'Minneapolis', 'MN', '55440'),
    fax: '612-555-0142',
    state: 'MN',
  },
  {
    name: 'Noridian JE Part B',
    planType: 'medicare_ab',
    appealsAddress: address('PO Box 6783', 'Fargo', 'ND', '58108'),
    fax: '701-555-0199',
    state: 'CA',
  },
  {
    name: 'CareSource Medicaid',
    planType: 'medicaid_managed_care',
    appealsAddress: address('PO Box 1947', 'Dayton', 'OH', '45401'),
    fax: '937-555-0170',
    state: 'OH',
  },
  {
    name: 'Humana Gold Plus',
    planType: 'medicare_advantage',
    appealsAddress: address('PO Box 14165', 'Lexington', 'KY', '40512'),
    fax: '800-555-0176',
    state: 'FL',
  },
  {
    name: 'Blue Horizon Individual',
    planType: 'aca_individual',
    appealsAddress: address('PO Box 2291', 'Columbus', 'OH', '43216'),
    fax: '614-555-0133',
    state: 'OH',
  },
  {
    name: 'SilverScript Part D',
    planType: 'medicare_part_d',
    appealsAddress: address('PO Box 52000', 'Phoenix', 'AZ', '85072'),
    fax: '855-555-0108',
    state: 'AZ',
  },
  {
    name: 'Regional Community Plan',
    planType: 'other',
    appealsAddress: address('200 Main St', 'Albany', 'NY', '12207'),
    fax: '518-555-0190',
    state: 'NY',
  },
] as const;

const SERVICES = [
  {
    cptCodes: ['72148'],
    icd10Codes: ['M54.16', 'M51.26'],
    description: 'MRI lumbar spine without contrast',
    category: 'medical_necessity',
    codes: [['CARC', 'CO', '50']],
    reason: 'Advanced imaging is not medically necessary without documentation of six weeks of conservative therapy.',
  },
  {
    cptCodes: ['27447'],
    icd10Codes: ['M17.11'],
    description: 'Total knee arthroplasty, right',
    category: 'prior_authorization',
    codes: [['CARC', 'CO', '197']],
    reason: 'No prior authorization was on file for the inpatient procedure.',
  },
  {
    cptCodes: ['J9271'],
    icd10Codes: ['C34.90'],
    description: 'Pembrolizumab infusion, 200 mg',
    category: 'experimental_investigational',
    codes: [
      ['CARC', 'CO', '55'],
      ['RARC', undefined, 'N386'],
    ],
    reason: 'The requested use is considered investigational for this indication under plan policy.',
  },
  {
    cptCodes: ['97110', '97140'],
    icd10Codes: ['M75.101'],
    description: 'Physical therapy, 12 additional visits',
    category: 'medical_necessity',
    codes: [['CARC', 'CO', '151']],
    reason: 'Information submitted does not support this many services.',
  },
  {
    cptCodes: ['99215'],
    icd10Codes: ['E11.65'],
    description: 'Office visit, established patient, high complexity',
    category: 'coding',
    codes: [['CARC', 'CO', '150']],
    reason: 'Documentation supports a lower level of service than billed.',
  },
  {
    cptCodes: ['E0601'],
    icd10Codes: ['G47.33'],
    description: 'CPAP device, rental',
    category: 'timely_filing',
    codes: [['CARC', 'CO', '29']],
    reason: 'The time limit for filing has expired.',
  },
  {
    cptCodes: ['0394T'],
    icd10Codes: ['C44.311'],
    description: 'Electronic brachytherapy, skin surface',
    category: 'benefit_exclusion',
    codes: [['CARC', 'CO', '204']],
    reason: 'This service is not covered under the member’s benefit plan.',
  },
] as const;

/**
 * Cases (by index) with a P2P call: a Medicare Advantage reconsideration filed eleven days ago,
 * the plan's medical director booked before it decides (pre-decision). The post-decision call is
 * `epiduralAwaitingCall`.
 */
const P2P_ON_CASE: Partial<Record<number, DemoCase['p2p']>> = { 3: 'scheduled' };

/** Walks through the workflow so the demo shows every status. */
const PATHS: CaseStatus[][] = [
  [],
  ['gathering_evidence'],
  ['gathering_evidence', 'appeal_drafted'],
  ['gathering_evidence', 'appeal_drafted', 'submitted'],
  ['gathering_evidence', 'appeal_drafted', 'submitted', 'awaiting_decision'],
  ['gathering_evidence', 'appeal_drafted'],
  ['gathering_evidence', 'appeal_drafted', 'submitted'],
  ['gathering_evidence', 'appeal_drafted', 'submitted', 'awaiting_decision', 'overturned'],
  ['gathering_evidence', 'appeal_drafted', 'submitted', 'awaiting_decision', 'partially_overturned'],
  ['gathering_evidence', 'appeal_drafted', 'submitted', 'awaiting_decision', 'upheld'],
  ['gathering_evidence', 'appeal_drafted', 'submitted', 'awaiting_decision', 'upheld', 'gathering_evidence'],
  ['gathering_evidence', 'withdrawn'],
  ['gathering_evidence', 'appeal_drafted', 'submitted', 'awaiting_decision', 'overturned', 'closed'],
];

export function demoCases(): DemoCase[] {
  const out: DemoCase[] = [];
  for (let i = 0; i < 26; i++) {
    const [firstName, lastName, dateOfBirth, sex, mrn, memberId, billed] = PATIENTS[i % PATIENTS.length];
    const plan = PLANS[i % PLANS.length];
    const svc = SERVICES[(i * 3) % SERVICES.length];
    const daysAgo = [3, 9, 20, 41, 58, 75, 110, 130, 170][i % 9];
    out.push({
      daysAgo,
      path: PATHS[i % PATHS.length],
      p2p: P2P_ON_CASE[i],
      body: {
        patient: { firstName, lastName, dateOfBirth, sex, mrn: `${mrn}-${i}` },
        payer: { ...plan, memberId, groupNumber: plan.planType === 'erisa_group' ? 'GRP-1200' : undefined },
        service: {
          cptCodes: [...svc.cptCodes],
          icd10Codes: [...svc.icd10Codes],
          description: svc.description,
          claimNumber: `CLM-${7731000 + i * 37}`,
          billedAmount: billed,
          requestType: svc.category === 'prior_authorization' ? 'pre_service' : 'post_service',
        },
        denial: {
          noticeDate: '',
          reasonCodes: svc.codes.map(([kind, group, code]) => ({ kind, group, code })),
          category: svc.category,
          payerReason: svc.reason,
          referenceNumber: `DN-${40210 + i}`,
          // The Medicaid demo denials are exclusions of a service never authorized: no continuation of benefits.
          ...(plan.planType === 'medicaid_managed_care' ? { action: 'new_service_denied' as const } : {}),
        },
        treatingClinician: svc.category === 'experimental_investigational' ? oncologist : clinician,
        priority: i % 8 === 2 ? 'expedited' : 'standard',
        appellant: APPELLANT_ON_CASE[i],
      },
    });
  }
  return [...out, servicesEnding(), epiduralAwaitingCall()];
}

/**
 * Cases (by index) filed by someone other than the patient: an Original Medicare appeal by the
 * patient's daughter as representative (needs the CMS-1696 on file), and a Medicaid plan appeal
 * the clinic files with the enrollee's written consent.
 */
const APPELLANT_ON_CASE: Partial<Record<number, NewCase['appellant']>> = {
  15: 'representative',
  2: 'medicaid_provider_with_consent',
};

/**
 * A Medicare patient in outpatient rehabilitation handed a Notice of Medicare Non-Coverage this
 * morning: therapy ends in two days, and the QIO must have the fast-track request by noon tomorrow.
 */
function servicesEnding(): DemoCase {
  return {
    daysAgo: 0,
    noticeDaysBefore: 0,
    servicesEndInDays: 2,
    path: [],
    body: {
      patient: { firstName: 'Harold', lastName: 'Brennan', dateOfBirth: '1944-03-09', sex: 'male', mrn: 'MRN-613220' },
      payer: { ...PLANS[1], memberId: '4TW7-PL2-QX81' },
      service: {
        cptCodes: ['97110', '97116'],
        icd10Codes: ['I69.351', 'R26.89'],
        description: 'Physical therapy after stroke (CORF): therapeutic exercise and gait training',
        requestType: 'pre_service',
        units: 12,
        siteOfCare: 'comprehensive outpatient rehabilitation facility',
      },
      denial: {
        noticeDate: '',
        reasonCodes: [],
        category: 'medical_necessity',
        payerReason:
          'Notice of Medicare Non-Coverage: Medicare probably will not pay for your current physical therapy ' +
          'services after the effective date shown.',
      },
      treatingClinician: clinician,
      priority: 'standard',
    },
  };
}

/**
 * An employer plan's utilization-review vendor denied a lumbar epidural steroid injection five
 * days ago; the denial letter offers a peer-to-peer, asked for before the appeal is started
 * (post-decision).
 */
function epiduralAwaitingCall(): DemoCase {
  return {
    daysAgo: 3,
    path: [],
    p2p: 'requested',
    body: {
      patient: {
        firstName: 'Carmen',
        lastName: 'Delgado',
        dateOfBirth: '1969-08-21',
        sex: 'female',
        mrn: 'MRN-702318',
      },
      payer: { ...PLANS[0], memberId: 'XJH902266', groupNumber: 'GRP-1200' },
      service: {
        cptCodes: ['62323'],
        icd10Codes: ['M54.16', 'M51.26'],
        description: 'Lumbar interlaminar epidural steroid injection with imaging guidance',
        requestType: 'pre_service',
        billedAmount: 1325,
      },
      denial: {
        noticeDate: '',
        reasonCodes: [],
        category: 'medical_necessity',
        payerReason:
          'The request does not meet the plan’s criteria: four weeks of conservative treatment are not documented.',
        referenceNumber: 'UM-558120',
      },
      treatingClinician: clinician,
      priority: 'standard',
    },
  };
}
