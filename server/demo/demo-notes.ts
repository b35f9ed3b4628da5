import type { DocumentKind } from '../evidence/index.js';
import type { CriterionStatus } from '../guidelines/index.js';
import type { DEMO_GUIDELINES } from './demo-guidelines.js';

/** One clinical record the demo uploads: typeset as a PDF or saved as a plain-text export. */
export interface DemoNote {
  key: string;
  title: string;
  kind: DocumentKind;
  /** Dated this many days before the denial notice (negative: after it). */
  daysBeforeNotice: number;
  format: 'pdf' | 'text';
  /** Paragraphs per page. */
  pages: string[][];
}

export interface DemoCriterion {
  guideline: keyof typeof DEMO_GUIDELINES;
  status: CriterionStatus;
  /** A quote from a note (its page is found from the text) or the clinician's statement. */
  evidence: ({ note: string; quote: string } | { statement: string })[];
}

/** The evidence for the demo case named `caseKey`: its records and its criteria. */
export interface DemoEvidencePlan {
  caseKey: string;
  /** The clinician's narrative, in the notes' own facts; each key fact names the note that shows it. */
  narrative: {
    clinicalSummary: string;
    medicalNecessity: string;
    patientImpact: string;
    alternativesTried: { treatment: string; period?: string; outcome: string }[];
    keyFacts: { note: string; fact: string }[];
    request: string;
  };
  notes: (patient: { firstName: string; lastName: string }) => DemoNote[];
  criteria: DemoCriterion[];
}

export const DEMO_EVIDENCE: DemoEvidencePlan[] = [
  {
    caseKey: 'lumbarMri',
    narrative: {
      clinicalSummary:
        'Low back pain radiating down the left leg to the lateral foot for 11 weeks, with a positive ' +
        'straight-leg raise at 35 degrees, a diminished left ankle reflex and decreased sensation over ' +
        'the lateral left foot: a left S1 radiculopathy, persistent after more than 6 weeks of ' +
        'conservative care. No red flags.',
      medicalNecessity:
        'The plan denied the MRI because six weeks of conservative therapy were not documented. The ' +
        'record documents 8 weeks of physical therapy (16 of 16 visits attended) and 6 weeks of naproxen ' +
        '500 mg twice daily without meaningful improvement, and a methylprednisolone taper that gave two ' +
        'days of relief. The MRI is needed to define the level and guide a transforaminal epidural ' +
        'steroid injection or a surgical referral.',
      patientImpact:
        'Unable to sit longer than 20 minutes or to drive to work; off work as a school bus dispatcher ' +
        'since the pain began; sleep interrupted nightly.',
      alternativesTried: [
        {
          treatment: 'Physical therapy, 16 visits',
          period: '8 weeks',
          outcome: 'Oswestry 48% at intake, 46% at discharge; discharged as plateaued despite full participation',
        },
        { treatment: 'Naproxen 500 mg twice daily', period: '6 weeks', outcome: 'no meaningful improvement' },
        { treatment: 'Methylprednisolone 6-day taper', outcome: 'two days of relief' },
      ],
      keyFacts: [
        { note: 'progress', fact: 'Left S1 radiculopathy, persistent after more than 6 weeks of conservative care' },
        { note: 'pt', fact: '16 of 16 therapy visits attended; Oswestry 48% at intake and 46% at discharge' },
        { note: 'xray', fact: 'Lumbar X-ray: mild degenerative change at L5-S1' },
      ],
      request: 'Approve the MRI of the lumbar spine without contrast (CPT 72148).',
    },
    notes: ({ lastName }) => [
      {
        key: 'xray',
        title: 'X-ray lumbar spine, 2 views',
        kind: 'imaging_report',
        daysBeforeNotice: 70,
        format: 'pdf',
        pages: [
          [
            'Indication: low back pain with left leg pain for 3 weeks.',
            'Findings: mild disc space narrowing at L5-S1. Alignment is normal. No fracture, ' +
              'no spondylolisthesis, no destructive bone lesion.',
            'Impression: mild degenerative change at L5-S1. MRI is the study of choice ' +
              'if radicular symptoms persist despite conservative care.',
          ],
        ],
      },
      {
        key: 'pt',
        title: 'Physical therapy discharge summary',
        kind: 'prior_treatment_history',
        daysBeforeNotice: 16,
        format: 'text',
        pages: [
          [
            `Diagnosis: lumbar radiculopathy, left. Referred for an 8-week program of ` +
              `core stabilisation, nerve glides and graded walking.`,
            'Attendance: 16 of 16 scheduled visits over 8 weeks, with a daily home exercise program.',
            'Outcome: Oswestry Disability Index 48% at intake and 46% at discharge, no ' +
              'clinically meaningful change. Leg pain unchanged at 7/10; sitting tolerance ' +
              '20 minutes.',
            'Discharge reason: plateaued despite full participation. Recommend physician ' +
              'follow-up for imaging and interventional options.',
          ],
        ],
      },
      {
        key: 'progress',
        title: 'Progress note, Physical Medicine & Rehabilitation',
        kind: 'progress_note',
        daysBeforeNotice: 9,
        format: 'pdf',
        pages: [
          [
            `History: ${lastName} reports low back pain radiating down the left leg to ` +
              `the lateral foot for 11 weeks, worse with sitting and coughing.`,
            'Treatment so far: Completed 8 weeks of physical therapy (16 visits) and ' +
              '6 weeks of naproxen 500 mg twice daily without meaningful improvement. A ' +
              '6-day methylprednisolone taper gave two days of relief.',
            `Function: unable to sit longer than 20 minutes or to drive to work; off ` +
              `work as a school bus dispatcher since the pain began. Sleep interrupted ` +
              `nightly.`,
            'Red flags: no bowel or bladder change, no saddle anesthesia, no fever, no ' +
              'weight loss, no history of cancer.',
          ],
          [
            'Examination: Straight-leg raise positive on the left at 35 degrees. Left ' +
              'ankle reflex diminished. Decreased sensation over the lateral left foot. ' +
              'Strength 5/5 throughout.',
            'Assessment: left S1 radiculopathy, persistent after more than 6 weeks of conservative care.',
            'Plan: MRI lumbar spine without contrast to define the level and guide a ' +
              'transforaminal epidural steroid injection or surgical referral.',
          ],
        ],
      },
      {
        key: 'denial',
        title: 'Denial notice from the plan',
        kind: 'payer_correspondence',
        daysBeforeNotice: 0,
        format: 'pdf',
        pages: [
          [
            'Determination: the request for MRI lumbar spine without contrast (CPT 72148) is denied.',
            'Reason: advanced imaging is not medically necessary without documentation ' +
              'of six weeks of conservative therapy.',
            'Your rights: you may appeal this decision in writing within the time shown ' +
              'in your plan documents. You may request the criteria used to make this decision ' +
              'free of charge.',
          ],
        ],
      },
    ],
    criteria: [
      {
        guideline: 'mcgRedFlags',
        status: 'not_applicable',
        evidence: [{ note: 'progress', quote: 'no bowel or bladder change, no saddle anesthesia, no fever' }],
      },
      {
        guideline: 'mcgRadiculopathy',
        status: 'met',
        evidence: [
          {
            note: 'progress',
            quote:
              'Completed 8 weeks of physical therapy (16 visits) and 6 weeks of naproxen ' +
              '500 mg twice daily without meaningful improvement.',
          },
          {
            note: 'pt',
            quote: 'Oswestry Disability Index 48% at intake and 46% at discharge, no clinically meaningful change.',
          },
          {
            note: 'progress',
            quote: 'Straight-leg raise positive on the left at 35 degrees. Left ankle reflex diminished.',
          },
        ],
      },
      {
        guideline: 'mcgChangesManagement',
        status: 'met',
        evidence: [
          {
            note: 'progress',
            quote:
              'MRI lumbar spine without contrast to define the level and guide a transforaminal ' +
              'epidural steroid injection or surgical referral.',
          },
        ],
      },
      {
        guideline: 'acrLowBackPain',
        status: 'met',
        evidence: [
          { note: 'pt', quote: 'plateaued despite full participation' },
          { statement: 'Candidate for a transforaminal epidural steroid injection once the level is confirmed.' },
        ],
      },
      {
        guideline: 'chouImaging',
        status: 'met',
        evidence: [
          { note: 'progress', quote: 'left S1 radiculopathy, persistent after more than 6 weeks of conservative care' },
        ],
      },
    ],
  },
  {
    caseKey: 'shoulderPt',
    narrative: {
      clinicalSummary:
        'Right shoulder pain and weakness for 4 months after lifting a box overhead at work; MRI showed ' +
        'a 1.2 cm full-thickness supraspinatus tear without retraction or muscle atrophy.',
      medicalNecessity:
        'The plan found 12 more visits unsupported and a home exercise program appropriate. Over 12 ' +
        'visits, all attended, active forward elevation improved from 95 to 140 degrees, night pain from ' +
        '8/10 to 4/10 and QuickDASH from 61 to 43. The goals are not yet met: lifting 10 kg to shelf ' +
        'height, sleeping through the night without pain, return to full duty. The therapist expects ' +
        'them to be reached without surgery with skilled therapy twice weekly for 6 weeks; surgical ' +
        'repair only if progress stalls.',
      patientImpact:
        'Works as a warehouse associate and is still unable to lift 5 kg above shoulder height, which ' +
        'the job requires.',
      alternativesTried: [
        {
          treatment: 'Physical therapy, 12 visits',
          period: '6 weeks',
          outcome: 'forward elevation 95 to 140 degrees, QuickDASH 61 to 43; goals not yet met',
        },
      ],
      keyFacts: [
        { note: 'ortho', fact: 'Full-thickness supraspinatus tear (1.2 cm) without retraction or atrophy on MRI' },
        { note: 'ptReport', fact: 'QuickDASH improved from 61 to 43 over 12 visits, all attended' },
      ],
      request: 'Approve 12 additional physical therapy visits (CPT 97110, 97140), twice weekly for 6 weeks.',
    },
    notes: ({ lastName }) => [
      {
        key: 'ortho',
        title: 'Orthopedic progress note, right shoulder',
        kind: 'progress_note',
        daysBeforeNotice: 12,
        format: 'pdf',
        pages: [
          [
            `History: ${lastName} has had right shoulder pain and weakness for 4 months ` +
              `after lifting a box overhead at work. MRI showed a 1.2 cm full-thickness ` +
              `supraspinatus tear without retraction or muscle atrophy.`,
            'Course: completed 12 physical therapy visits; active forward elevation improved ' +
              'from 95 to 140 degrees and night pain from 8/10 to 4/10.',
            'Function: works as a warehouse associate; still unable to lift 5 kg above ' +
              'shoulder height, which the job requires.',
            'Plan: 12 additional physical therapy visits focused on rotator cuff and ' +
              'scapular strengthening. Surgical repair only if progress stalls.',
          ],
        ],
      },
      {
        key: 'ptReport',
        title: 'Physical therapy progress report',
        kind: 'prior_treatment_history',
        daysBeforeNotice: 10,
        format: 'pdf',
        pages: [
          [
            'Visits: 12 over 6 weeks, all attended.',
            'Measures: QuickDASH improved from 61 to 43. External rotation strength improved from 3/5 to 4-/5.',
          ],
          [
            'Goals not yet met: lift 10 kg to shelf height; sleep through the night without pain; return to full duty.',
            'Recommendation: continue skilled therapy twice weekly for 6 weeks; expected ' +
              'to reach goals without surgery.',
          ],
        ],
      },
    ],
    criteria: [
      {
        guideline: 'aaosRotatorCuff',
        status: 'met',
        evidence: [
          {
            note: 'ortho',
            quote: 'MRI showed a 1.2 cm full-thickness supraspinatus tear without retraction or muscle atrophy.',
          },
        ],
      },
      {
        guideline: 'interqualShoulderRehab',
        status: 'met',
        evidence: [
          { note: 'ptReport', quote: 'QuickDASH improved from 61 to 43.' },
          { note: 'ptReport', quote: 'Goals not yet met: lift 10 kg to shelf height' },
        ],
      },
      {
        guideline: 'kuhnRotatorCuff',
        status: 'met',
        evidence: [
          {
            statement:
              'Atraumatic-onset full-thickness tear, improving with therapy: the population ' +
              'in which structured therapy avoided surgery for most patients.',
          },
        ],
      },
    ],
  },
];
