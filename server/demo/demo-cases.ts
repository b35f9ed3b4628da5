import type { NewCase, CaseStatus } from '../cases/index.js';

/**
 * One demo denial: the case as opened, the statuses it walks through afterwards, and any P2P call
 * on it. The clinic is a spine and rehabilitation practice (the letterhead's default), so every
 * service is one it gives: imaging, injections, ablation, therapy, electrodiagnostics, and the
 * osteoporosis drug its spine physician prescribes after a vertebral fracture.
 */
export interface DemoCase {
  /** Names the case for the evidence and P2P seeds, so they never pick a case by accident of order. */
  key: string;
  daysAgo: number;
  /** The case as opened; the seed fills the notice date and any date of service from `daysAgo`. */
  body: NewCase;
  path: CaseStatus[];
  /** A note on the step to `submitted`: how the appeal went out when no packet was made here. */
  filedNote?: string;
  /**
   * A peer-to-peer call asked for (`requested`) or booked (`scheduled`) after the path: while the
   * appeal is prepared it is post-decision (the denial is out); while the payer owes its decision
   * on the filed appeal, pre-decision.
   */
  p2p?: 'requested' | 'scheduled';
  /** A call held ten days ago, before the appeal was written (post-decision), and how it went. */
  pastCall?: 'overturned' | 'no_show_payer';
  /** Days between the notice and opening the case; 2 unless the notice came today (a QIO fast-track case). */
  noticeDaysBefore?: number;
  /** A claim's date of service, this many days before the notice (post-service denials only). */
  servedDaysBeforeNotice?: number;
  /** A Medicare notice that services end: received the day the case is opened, covered until this many days later. */
  servicesEndInDays?: number;
}

/**
 * The knee case of issue 11, named for the seeds that add to it (its attendance record; the payer's
 * stated reasons and the objective measures): `ids.get(DEMO_KNEE_CASE)` in seedDemoIfEmpty.
 */
export const DEMO_KNEE_CASE = 'kneeReplacementPt';

type Clinician = NewCase['treatingClinician'];
/** The demo's clinician user: the seed links her cases to her account so she sees them. */
export const DEMO_CLINICIAN: Clinician = {
  name: 'Dr. Priya Natarajan',
  npi: '1234567893',
  credentials: 'MD',
  specialty: 'Physical Medicine & Rehabilitation',
  phone: '617-555-0110',
  fax: '617-555-0111',
};
/** The practice's interventional spine physician; no demo account (billing and the directors work his cases). */
const interventional: Clinician = {
  name: 'Dr. Marcus Feld',
  npi: '1457396821',
  credentials: 'MD',
  specialty: 'Pain Medicine (interventional spine)',
  phone: '617-555-0114',
  fax: '617-555-0111',
};

const address = (line1: string, city: string, state: string, postalCode: string) => ({
  line1,
  city,
  state,
  postalCode,
});

const PLANS = {
  acme: {
    name: 'Acme Health Plan',
    planType: 'erisa_group',
    appealsAddress: address('PO Box 4410', 'Minneapolis', 'MN', '55440'),
    fax: '612-555-0142',
    state: 'MA',
    groupNumber: 'GRP-1200',
  },
  medicare: {
    name: 'NGS Medicare Part B (J K)',
    planType: 'medicare_ab',
    appealsAddress: address('PO Box 7027', 'Indianapolis', 'IN', '46207'),
    fax: '317-555-0199',
    state: 'MA',
  },
  medicaid: {
    name: 'Bay State Community Care (MassHealth ACO)',
    planType: 'medicaid_managed_care',
    appealsAddress: address('PO Box 1947', 'Worcester', 'MA', '01613'),
    fax: '508-555-0170',
    state: 'MA',
  },
  ma: {
    name: 'Humana Gold Plus',
    planType: 'medicare_advantage',
    appealsAddress: address('PO Box 14165', 'Lexington', 'KY', '40512'),
    fax: '800-555-0176',
    state: 'MA',
  },
  aca: {
    name: 'Blue Horizon Individual',
    planType: 'aca_individual',
    appealsAddress: address('PO Box 2291', 'Boston', 'MA', '02107'),
    fax: '617-555-0133',
    state: 'MA',
  },
  partD: {
    name: 'SilverScript Part D',
    planType: 'medicare_part_d',
    appealsAddress: address('PO Box 52000', 'Phoenix', 'AZ', '85072'),
    fax: '855-555-0108',
    state: 'MA',
  },
  regional: {
    name: 'Regional Community Plan',
    planType: 'other',
    appealsAddress: address('200 Main St', 'Worcester', 'MA', '01608'),
    fax: '508-555-0190',
    state: 'MA',
  },
} as const;

const GATHERING: CaseStatus[] = ['gathering_evidence'];
const DRAFTED: CaseStatus[] = [...GATHERING, 'appeal_drafted'];
const SUBMITTED: CaseStatus[] = [...DRAFTED, 'submitted'];
const AWAITING: CaseStatus[] = [...SUBMITTED, 'awaiting_decision'];
const decided = (result: CaseStatus): CaseStatus[] => [...AWAITING, result];

const CARC = (group: 'CO' | 'PR' | 'OA', code: string) => ({ kind: 'CARC' as const, group, code });
const RARC = (code: string) => ({ kind: 'RARC' as const, code });

interface Row {
  key: string;
  daysAgo: number;
  patient: [first: string, last: string, dob: string, sex: 'female' | 'male', mrn: string, memberId: string];
  plan: keyof typeof PLANS;
  service: Omit<NewCase['service'], 'claimNumber'>;
  denial: Omit<NewCase['denial'], 'noticeDate' | 'referenceNumber'>;
  clinician?: Clinician;
  path: CaseStatus[];
  filedNote?: string;
  extra?: Partial<Omit<DemoCase, 'key' | 'daysAgo' | 'body' | 'path'>> &
    Partial<Pick<NewCase, 'priority' | 'appellant'>>;
}

/** Pre-service: a request the payer refused before the care; no claim, so no remittance codes. */
const before = (cptCodes: string[], icd10Codes: string[], description: string, units?: number) => ({
  cptCodes,
  icd10Codes,
  description,
  requestType: 'pre_service' as const,
  ...(units ? { units } : {}),
});
/** Post-service: a claim the payer denied after the care; its remittance gives the codes. */
const after = (cptCodes: string[], icd10Codes: string[], description: string, billedAmount: number) => ({
  cptCodes,
  icd10Codes,
  description,
  requestType: 'post_service' as const,
  billedAmount,
});

const ROWS: Row[] = [
  {
    key: 'lumbarMri',
    daysAgo: 20,
    plan: 'acme',
    path: DRAFTED,
    patient: ['Maria', 'Alvarez', '1968-04-12', 'female', 'MRN-204611', 'XJH884512'],
    service: before(['72148'], ['M54.17', 'M51.27'], 'MRI lumbar spine without contrast'),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      payerReason:
        'Advanced imaging is not medically necessary without documentation of six weeks of conservative therapy.',
    },
  },
  {
    key: 'shoulderPt',
    daysAgo: 6,
    plan: 'regional',
    path: DRAFTED,
    patient: ['Daniel', 'Osei', '1981-03-03', 'male', 'MRN-840022', 'RCP66120087'],
    service: before(['97110', '97140'], ['M75.121'], 'Physical therapy, 12 additional visits (right shoulder)', 12),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      payerReason:
        'Clinical information does not support 12 additional visits; a home exercise program is appropriate.',
    },
  },
  {
    key: 'maRadiofrequency',
    daysAgo: 20,
    plan: 'ma',
    path: AWAITING,
    clinician: interventional,
    patient: ['James', 'Whitfield', '1948-09-30', 'male', 'MRN-118203', 'H4410-22871'],
    service: before(['64635', '64636'], ['M47.816'], 'Lumbar medial branch radiofrequency ablation, L4-L5 and L5-S1'),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      payerReason:
        'Criteria not met: two diagnostic medial branch blocks, each with at least 80% relief, are not documented.',
    },
    filedNote: 'Reconsideration faxed with both block procedure notes and the pain diaries.',
    extra: { p2p: 'scheduled' },
  },
  {
    key: 'maKyphoplasty',
    daysAgo: 2,
    plan: 'ma',
    path: SUBMITTED,
    clinician: interventional,
    patient: ['Evelyn', 'Brooks', '1938-12-09', 'female', 'MRN-951348', 'H4410-90314'],
    service: before(['22514'], ['M80.08XA'], 'Percutaneous vertebral augmentation (kyphoplasty), L1'),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      payerReason: 'Conservative management for the fracture has not been tried for the period the criteria require.',
    },
    filedNote: 'Expedited reconsideration requested by phone and faxed the same hour: severe pain, unable to walk.',
    extra: { priority: 'expedited' },
  },
  {
    key: 'siJointFusion',
    daysAgo: 41,
    plan: 'aca',
    path: AWAITING,
    clinician: interventional,
    patient: ['Tomás', 'Herrera', '1965-06-07', 'male', 'MRN-401277', 'BHI9921-4481'],
    service: before(['27279'], ['M46.1'], 'Minimally invasive sacroiliac joint fusion, left'),
    denial: {
      category: 'experimental_investigational',
      reasonCodes: [],
      payerReason:
        'Minimally invasive sacroiliac joint fusion is considered investigational under medical policy SURG-0172.',
    },
    filedNote: 'Internal appeal mailed with the diagnostic injection results and the policy’s own cited studies.',
  },
  {
    key: 'basivertebral',
    daysAgo: 58,
    plan: 'acme',
    path: [...decided('upheld'), 'gathering_evidence'],
    clinician: interventional,
    patient: ['Grace', 'Liu', '1974-11-23', 'female', 'MRN-512044', 'XJH771203'],
    service: before(['64628'], ['M51.36'], 'Intraosseous basivertebral nerve ablation, L4 and L5'),
    denial: {
      category: 'experimental_investigational',
      reasonCodes: [],
      payerReason: 'Basivertebral nerve ablation is considered experimental and investigational.',
    },
    filedNote: 'Appeal mailed with the MRI showing Modic type 1 changes at L4-L5.',
  },
  {
    key: 'ptTimelyFiling',
    daysAgo: 130,
    plan: 'regional',
    path: [...decided('overturned'), 'closed'],
    patient: ['Marcus', 'Reed', '1966-10-16', 'male', 'MRN-128956', 'RCP44109822'],
    service: after(['97110', '97530'], ['M54.50'], 'Physical therapy, 8 visits in March', 1120),
    denial: {
      category: 'timely_filing',
      reasonCodes: [CARC('CO', '29')],
      payerReason: 'The time limit for filing has expired.',
    },
    filedNote:
      'Appeal sent with the clearinghouse acceptance report: the claim reached the plan within its filing limit.',
    extra: { servedDaysBeforeNotice: 160 },
  },
  {
    key: 'emLevel',
    daysAgo: 75,
    plan: 'medicare',
    path: decided('overturned'),
    patient: ['Robert', 'Kowalski', '1943-02-28', 'male', 'MRN-620915', '7HJ2QW1RT55'],
    service: after(['99215'], ['M48.062', 'M54.16'], 'Office visit, established patient, high complexity', 211),
    denial: {
      category: 'coding',
      reasonCodes: [CARC('CO', '150')],
      payerReason: 'The documentation supports a lower level of service than billed.',
    },
    filedNote:
      'Redetermination filed in the contractor’s portal with the visit note and the medical decision-making summary.',
    extra: { servedDaysBeforeNotice: 30 },
  },
  {
    key: 'acupuncture',
    daysAgo: 41,
    plan: 'acme',
    path: ['gathering_evidence', 'withdrawn'],
    patient: ['Nia', 'Campbell', '1986-07-14', 'female', 'MRN-733160', 'XJH300118'],
    service: after(['97810', '97811'], ['M54.50'], 'Acupuncture, 4 sessions', 480),
    denial: {
      category: 'benefit_exclusion',
      reasonCodes: [CARC('CO', '204')],
      payerReason: 'Acupuncture is not a covered benefit under the member’s plan.',
    },
    extra: { servedDaysBeforeNotice: 20 },
  },
  {
    key: 'medicaidEmg',
    daysAgo: 20,
    plan: 'medicaid',
    path: AWAITING,
    patient: ['Aisha', 'Rahman', '1979-01-18', 'female', 'MRN-330981', 'MH5512093'],
    service: before(['95886', '95910'], ['G56.01', 'M54.12'], 'Needle EMG and nerve conduction studies, right arm'),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      action: 'new_service_denied',
      payerReason: 'Six weeks of conservative care, including night splinting, are not documented.',
    },
    filedNote: 'Plan appeal faxed with the enrollee’s signed consent and the splinting record.',
    extra: { appellant: 'medicaid_provider_with_consent' },
  },
  {
    key: 'medicaidEpidural',
    daysAgo: 3,
    plan: 'medicaid',
    path: [],
    patient: ['Samir', 'Haddad', '1966-05-21', 'male', 'MRN-106734', 'MH7712456'],
    service: before(
      ['62323'],
      ['M54.16', 'M51.26'],
      'Lumbar interlaminar epidural steroid injection with imaging guidance',
    ),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      action: 'new_service_denied',
      payerReason: 'No imaging within the past 12 months confirms the level to be treated.',
    },
  },
  {
    key: 'medicareEpiduralRep',
    daysAgo: 9,
    plan: 'medicare',
    path: GATHERING,
    patient: ['Dorothy', 'Walsh', '1941-05-02', 'female', 'MRN-552917', '3QF8TR2WK64'],
    service: after(['62323'], ['M48.062'], 'Lumbar epidural steroid injection, fifth session in 12 months', 690),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [CARC('CO', '50'), RARC('N115')],
      payerReason:
        'More than four epidural steroid injection sessions in 12 months are not covered under the local ' +
        'coverage determination.',
    },
    extra: { servedDaysBeforeNotice: 25, appellant: 'representative' },
  },
  {
    key: 'teriparatide',
    daysAgo: 4,
    plan: 'partD',
    path: AWAITING,
    patient: ['Margaret', 'O’Neill', '1950-08-19', 'female', 'MRN-660418', 'SSD40917733'],
    service: {
      cptCodes: ['J3110'],
      icd10Codes: ['M80.08XA'],
      requestType: 'coverage',
      description: 'Teriparatide 20 mcg daily self-injection (coverage determination)',
    },
    denial: {
      category: 'prior_authorization',
      reasonCodes: [],
      payerReason: 'Step therapy: an oral bisphosphonate must be tried first, unless it is contraindicated.',
    },
    filedNote:
      'Redetermination request sent with the note on her esophageal stricture (oral bisphosphonates contraindicated).',
  },
  {
    key: 'cervicalMri',
    daysAgo: 110,
    plan: 'aca',
    path: decided('upheld'),
    patient: ['Lena', 'Novak', '1994-08-02', 'female', 'MRN-117845', 'BHI9001237'],
    service: before(['72141'], ['M54.12'], 'MRI cervical spine without contrast'),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      payerReason: 'Six weeks of conservative therapy are not documented.',
    },
    filedNote: 'Internal appeal faxed with the therapy notes.',
  },
  {
    key: 'facetBlocks',
    daysAgo: 11,
    plan: 'regional',
    path: GATHERING,
    clinician: interventional,
    patient: ['Owen', 'Fitzgerald', '1972-03-12', 'male', 'MRN-318840', 'RCP55230914'],
    service: before(['64493', '64494'], ['M47.816'], 'Lumbar facet joint (medial branch) blocks, L4-L5 and L5-S1'),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      payerReason: 'Facet-mediated pain is not established: three months of conservative care are not documented.',
    },
    extra: { pastCall: 'overturned' },
  },
  {
    key: 'stimulatorTrial',
    daysAgo: 16,
    plan: 'acme',
    path: GATHERING,
    clinician: interventional,
    patient: ['Keisha', 'Brown', '1977-09-05', 'female', 'MRN-427713', 'XJH518830'],
    service: before(['63650'], ['M96.1'], 'Spinal cord stimulator trial, percutaneous leads'),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      payerReason: 'A psychological evaluation before the trial is not documented.',
    },
    extra: { pastCall: 'no_show_payer' },
  },
  {
    key: 'transforaminal',
    daysAgo: 170,
    plan: 'aca',
    path: [...decided('overturned'), 'closed'],
    clinician: interventional,
    patient: ['Peter', 'Lindqvist', '1970-02-14', 'male', 'MRN-209935', 'BHI7740218'],
    service: after(['64483'], ['M54.17'], 'Transforaminal epidural steroid injection, L5-S1, left', 1480),
    denial: {
      category: 'prior_authorization',
      reasonCodes: [CARC('CO', '197')],
      payerReason: 'No authorization was on file for the date of service.',
    },
    filedNote: 'Appeal mailed with the authorization number the plan gave by phone and the call log.',
    extra: { servedDaysBeforeNotice: 20 },
  },
  {
    key: 'stenosisTherapy',
    daysAgo: 75,
    plan: 'acme',
    path: decided('partially_overturned'),
    patient: ['Rosa', 'Martinez', '1961-12-01', 'female', 'MRN-381552', 'XJH662019'],
    service: before(['97110', '97112', '97530'], ['M48.062'], 'Physical therapy, 24 visits for lumbar stenosis', 24),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      payerReason: 'The number of visits requested is not supported; progress must be shown before more are approved.',
    },
    filedNote: 'Appeal faxed with the walking-tolerance measures.',
  },
  {
    key: 'newCervicalMri',
    daysAgo: 1,
    plan: 'acme',
    path: [],
    patient: ['Victor', 'Chen', '1983-04-22', 'male', 'MRN-590127', 'XJH903344'],
    service: before(['72141'], ['M54.12'], 'MRI cervical spine without contrast'),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      payerReason: 'Red-flag findings or six weeks of conservative treatment are not documented.',
    },
  },
  {
    key: 'maCervicalEpidural',
    daysAgo: 2,
    plan: 'ma',
    path: [],
    clinician: interventional,
    patient: ['Walter', 'Simmons', '1952-07-30', 'male', 'MRN-611830', 'H4410-61727'],
    service: before(['62321'], ['M54.12'], 'Cervical interlaminar epidural steroid injection with imaging guidance'),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      payerReason: 'The documentation does not show radicular findings on examination.',
    },
  },
  {
    key: 'spasticity',
    daysAgo: 9,
    plan: 'medicaid',
    path: GATHERING,
    patient: ['Jamal', 'Carter', '1990-01-11', 'male', 'MRN-702955', 'MH3390128'],
    service: before(
      ['64642', '64643', 'J0585'],
      ['G82.22'],
      'Botulinum toxin injections for lower-limb spasticity, 400 units',
    ),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      action: 'new_service_denied',
      payerReason: 'The dose requested is above the plan’s limit and no response to an earlier dose is documented.',
    },
  },
  {
    key: 'laminectomyTherapy',
    daysAgo: 5,
    plan: 'ma',
    path: GATHERING,
    patient: ['Beatrice', 'Howard', '1957-03-18', 'female', 'MRN-733804', 'H4410-38825'],
    service: before(
      ['97110', '97116'],
      ['M48.062', 'Z98.890'],
      'Physical therapy after lumbar laminectomy, 8 more visits',
      8,
    ),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      payerReason: 'The member has reached a plateau; a home exercise program is appropriate.',
    },
  },
  {
    key: 'lumbarMriContrast',
    daysAgo: 9,
    plan: 'aca',
    path: SUBMITTED,
    patient: ['Ethan', 'Brooks', '1988-10-09', 'male', 'MRN-845219', 'BHI6627701'],
    service: before(['72158'], ['M96.1'], 'MRI lumbar spine without and with contrast'),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      payerReason: 'Contrast is not indicated without prior surgery or suspected infection or tumor.',
    },
    filedNote: 'Appeal faxed with the operative report of his 2024 discectomy; fax confirmation filed.',
  },
  {
    key: 'triggerPoints',
    daysAgo: 41,
    plan: 'regional',
    path: AWAITING,
    patient: ['Hannah', 'Schultz', '1985-06-27', 'female', 'MRN-470662', 'RCP20871145'],
    service: after(['20553', '97140'], ['M79.18'], 'Trigger point injections and manual therapy, same visit', 310),
    denial: {
      category: 'coding',
      reasonCodes: [CARC('CO', '97')],
      payerReason: 'The manual therapy is included in the payment for the injection.',
    },
    filedNote: 'Appeal mailed: separate body areas, documented in the note; modifier 59 applies.',
    extra: { servedDaysBeforeNotice: 35 },
  },
  {
    key: 'repeatAblation',
    daysAgo: 110,
    plan: 'medicare',
    path: decided('upheld'),
    clinician: interventional,
    patient: ['Frank', 'DeLuca', '1946-11-05', 'male', 'MRN-288140', '5RT2KD8PL33'],
    service: after(['64635'], ['M47.816'], 'Repeat lumbar medial branch radiofrequency ablation, L4-L5', 1650),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [CARC('CO', '50'), RARC('N115')],
      payerReason:
        'A repeat ablation within six months of the last is not covered under the local coverage determination.',
    },
    filedNote: 'Redetermination filed in the contractor’s portal.',
    extra: { servedDaysBeforeNotice: 45 },
  },
  {
    key: 'workConditioning',
    daysAgo: 20,
    plan: 'aca',
    path: SUBMITTED,
    patient: ['Luis', 'Ortega', '1979-08-30', 'male', 'MRN-519370', 'BHI3058841'],
    service: after(['97545', '97546'], ['M54.50'], 'Work conditioning, 10 sessions', 2400),
    denial: {
      category: 'benefit_exclusion',
      reasonCodes: [CARC('CO', '204')],
      payerReason: 'Work hardening and conditioning programs are excluded from the member’s benefits.',
    },
    filedNote: 'Appeal mailed: the plan’s own summary of benefits lists work conditioning under rehabilitation.',
    extra: { servedDaysBeforeNotice: 30 },
  },
  {
    // Eight weeks after a right total knee arthroplasty (27447): 12 visits authorized, 4 missed (the bus, a late
    // cancellation, a swollen knee), and the plan's reviewer turns the 8 more asked for down on those numbers.
    key: DEMO_KNEE_CASE,
    daysAgo: 3,
    plan: 'ma',
    path: GATHERING,
    patient: ['Dorothy', 'Kowalski', '1957-05-14', 'female', 'MRN-733190', 'H4410-55120'],
    service: before(
      ['97110', '97116', '97530'],
      ['Z47.1', 'Z96.651', 'M25.661'],
      'Outpatient physical therapy, 8 more visits after right total knee arthroplasty (27447, eight weeks ago): ' +
        'therapeutic exercise, gait training, therapeutic activities',
      8,
    ),
    denial: {
      category: 'medical_necessity',
      reasonCodes: [],
      payerReason:
        'The member missed 4 of 12 authorized visits, and has reached a plateau in function. A home exercise ' +
        'program is appropriate; additional skilled physical therapy is not medically necessary.',
    },
  },
];

export function demoCases(): DemoCase[] {
  const cases = ROWS.map((row, i): DemoCase => {
    const [firstName, lastName, dateOfBirth, sex, mrn, memberId] = row.patient;
    const { priority, appellant, ...extra } = row.extra ?? {};
    return {
      key: row.key,
      daysAgo: row.daysAgo,
      path: row.path,
      filedNote: row.filedNote,
      ...extra,
      body: {
        patient: { firstName, lastName, dateOfBirth, sex, mrn },
        payer: { ...PLANS[row.plan], memberId },
        service: {
          ...row.service,
          ...(row.service.requestType === 'post_service' ? { claimNumber: `CLM-${7731000 + i * 37}` } : {}),
        },
        denial: { ...row.denial, noticeDate: '', referenceNumber: `DN-${40210 + i}` },
        treatingClinician: row.clinician ?? DEMO_CLINICIAN,
        priority: priority ?? 'standard',
        appellant,
      },
    };
  });
  return [...cases, servicesEnding(), epiduralAwaitingCall()];
}

/**
 * A Medicare Advantage member in outpatient rehabilitation after a stroke: the plan decided her
 * therapy coverage ends, and the clinic delivered its Notice of Medicare Non-Coverage this
 * morning; the QIO must have her fast-track request by noon tomorrow.
 */
function servicesEnding(): DemoCase {
  return {
    key: 'servicesEnding',
    daysAgo: 0,
    noticeDaysBefore: 0,
    servicesEndInDays: 2,
    path: [],
    body: {
      patient: { firstName: 'Harold', lastName: 'Brennan', dateOfBirth: '1944-03-09', sex: 'male', mrn: 'MRN-613220' },
      payer: { ...PLANS.ma, memberId: 'H4410-77213' },
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
          'The plan ends coverage of the current physical therapy services on the effective date of the ' +
          'Notice of Medicare Non-Coverage (delivered by the clinic on the plan’s behalf).',
      },
      treatingClinician: DEMO_CLINICIAN,
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
    key: 'epiduralAwaitingCall',
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
      payer: { ...PLANS.acme, memberId: 'XJH902266' },
      service: {
        cptCodes: ['62323'],
        icd10Codes: ['M54.16', 'M51.26'],
        description: 'Lumbar interlaminar epidural steroid injection with imaging guidance',
        requestType: 'pre_service',
      },
      denial: {
        noticeDate: '',
        reasonCodes: [],
        category: 'medical_necessity',
        payerReason:
          'The request does not meet the plan’s criteria: four weeks of conservative treatment are not documented.',
        referenceNumber: 'UM-558120',
      },
      treatingClinician: DEMO_CLINICIAN,
      priority: 'standard',
    },
  };
}
