import { Types } from 'mongoose';
import type { CaseRecord } from '../cases/index.js';
import { buildLetterView, type LetterCriterion, type LetterExhibit, type LetterView } from './letter-view.js';

/**
 * A fictitious, fully filled case: letters are trial-rendered against it before an
 * organisation's template is kept (every field a letter may use is present), and the pure
 * tests of the letter use it too. No real patient.
 */
export function sampleCaseRecord(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    _id: new Types.ObjectId('665f1c2e8a1b2c3d4e5f6071'),
    __v: 3,
    reference: 'OVT-2026-00012',
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
      reasonCodes: [
        { kind: 'CARC', group: 'CO', code: '50', description: 'Not deemed medically necessary by the payer' },
      ],
      category: 'medical_necessity',
      payerReason: 'Imaging is not medically necessary without six weeks of conservative therapy.',
      referenceNumber: 'DN-40210',
    },
    treatingClinician: {
      name: 'Dr. Priya Natarajan',
      npi: '1234567893',
      credentials: 'MD',
      specialty: 'Physical Medicine & Rehabilitation',
      phone: '617-555-0110',
    },
    narrative: {
      clinicalSummary:
        'Ms. Alvarez, 65, has had left-sided lumbar radicular pain since August 2026 ' +
        'with an L5 sensory deficit and a positive straight-leg raise at 35 degrees.',
      medicalNecessity:
        'Progressive neurological deficit after more than six weeks of supervised ' +
        'conservative care is an accepted indication for lumbar MRI without contrast.',
      patientImpact:
        'Without imaging, surgical referral is blocked; she has been off work as ' +
        'a school bus driver for nine weeks and cannot sleep more than three hours.',
      alternativesTried: [
        {
          treatment: 'Physical therapy, 12 sessions',
          period: 'Aug–Oct 2026',
          outcome: 'No improvement in pain or strength',
        },
      ],
      keyFacts: [{ date: '2026-10-15', fact: 'New weakness of great-toe extension (4/5)' }],
      request:
        'Approve the lumbar MRI (CPT 72148) performed on October 20, 2026 and reprocess ' +
        'claim CLM-77310045 for payment.',
    },
    priority: 'standard',
    status: 'gathering_evidence',
    appealLevel: 'internal_appeal',
    levelNotice: { noticeDate: '2026-11-02', receivedDate: '2026-11-06' },
    deadlines: [
      {
        kind: 'filing',
        level: 'internal_appeal',
        dueDate: '2027-05-05',
        basis: '180 days from receipt',
        citation: '29 CFR 2560.503-1(h)(3)(i)',
      },
    ],
    nextDueDate: '2027-05-05',
    dueOrder: '2027-05-05',
    levelHistory: [],
    timeline: [],
    createdAt: new Date('2026-11-10T10:00:00Z'),
    updatedAt: new Date('2026-11-10T10:00:00Z'),
    ...overrides,
  };
}

export const sampleCriteria: LetterCriterion[] = [
  {
    citation: 'ACR Appropriateness Criteria®, Low Back Pain (2021), Variant 3',
    guideline: {
      source: 'specialty_society',
      title: 'Low Back Pain',
      issuingBody: 'American College of Radiology',
      criterionText:
        'Subacute or chronic low back pain with radiculopathy, surgery or intervention ' +
        'candidate: MRI lumbar spine without contrast is usually appropriate.',
    },
    status: 'met',
    evidence: [
      {
        documentId: 'doc-1',
        documentTitle: 'Progress note 2026-10-15',
        page: 2,
        quote: 'Persistent L5 radiculopathy despite 8 weeks of PT',
      },
    ],
  },
  {
    citation: 'MCG A-0212 Lumbar Spine MRI, criterion 2',
    guideline: {
      source: 'MCG',
      title: 'Lumbar Spine MRI',
      issuingBody: 'MCG Health',
      criterionText: 'Six weeks of conservative therapy without improvement.',
    },
    status: 'met',
    evidence: [{ statement: 'Supervised PT from August to October 2026, documented in the therapy notes.' }],
  },
];

export const sampleExhibits: LetterExhibit[] = [
  { documentId: 'doc-1', title: 'Progress note 2026-10-15', kind: 'progress_note', date: '2026-10-15' },
  {
    documentId: 'doc-2',
    title: 'Physical therapy discharge summary',
    kind: 'prior_treatment_history',
    date: '2026-10-30',
  },
];

/** The letter view of the specimen case, as a template sees it. */
export function specimenLetterView(): LetterView {
  return buildLetterView({
    caseRecord: sampleCaseRecord(),
    criteria: sampleCriteria,
    exhibits: sampleExhibits,
    clinic: {
      name: 'Specimen Clinic',
      address: '1 Example Street; Springfield, IL 62701',
      phone: '217-555-0100',
      fax: '217-555-0101',
      npi: '1234567893',
    },
    today: '2026-11-23',
  });
}
