import type { GuidelineInput } from '../guidelines/index.js';

/**
 * The demo guideline library: the kinds of reference a clinic cites, each criterion in our own
 * words (licensed criteria sets such as MCG and InterQual are paraphrased, never copied; their
 * guideline numbers here are illustrative). Keyed so the demo criteria can point at them.
 */
export const DEMO_GUIDELINES: Record<string, GuidelineInput> = {
  mcgRedFlags: {
    source: 'MCG',
    issuingBody: 'MCG Health',
    version: 'Ambulatory Care 27th ed.',
    title: 'Lumbar Spine MRI (A-0087)',
    section: 'criterion 1',
    criterionText:
      'Imaging without a trial of conservative care when red-flag findings are ' +
      'present: suspected cauda equina syndrome, a severe or progressive motor ' +
      'deficit, suspected spinal infection or malignancy, or fracture after significant ' +
      'trauma.',
    procedureCodes: ['72148', '72149', '72158'],
    diagnosisCodes: ['M54', 'M51'],
  },
  mcgRadiculopathy: {
    source: 'MCG',
    issuingBody: 'MCG Health',
    version: 'Ambulatory Care 27th ed.',
    title: 'Lumbar Spine MRI (A-0087)',
    section: 'criterion 2',
    criterionText:
      'Lumbar radiculopathy (leg pain in a dermatomal pattern, with or without ' +
      'sensory, reflex or motor findings) that persists after at least 6 weeks ' +
      'of physician-directed conservative care such as physical therapy, activity ' +
      'change and anti-inflammatory medication.',
    procedureCodes: ['72148', '72149', '72158'],
    diagnosisCodes: ['M54', 'M51'],
  },
  mcgChangesManagement: {
    source: 'MCG',
    issuingBody: 'MCG Health',
    version: 'Ambulatory Care 27th ed.',
    title: 'Lumbar Spine MRI (A-0087)',
    section: 'criterion 3',
    criterionText:
      'The result is expected to change management: the patient is a candidate ' +
      'for surgery or for an image-guided intervention such as an epidural steroid ' +
      'injection.',
    procedureCodes: ['72148', '72149', '72158'],
    diagnosisCodes: ['M54', 'M51'],
  },
  interqualLumbar: {
    source: 'InterQual',
    issuingBody: 'Optum',
    version: 'Imaging 2025',
    title: 'MRI Lumbar Spine',
    section: 'Radiculopathy subset, point 3',
    criterionText:
      'Radicular symptoms persist after 6 weeks or more of conservative treatment, ' +
      'and the treatment is documented in the record.',
    procedureCodes: ['72148'],
    diagnosisCodes: ['M54.1', 'M51.1', 'M51.2'],
  },
  ncdMri: {
    source: 'CMS_NCD',
    issuingBody: 'Centers for Medicare & Medicaid Services',
    version: '220.2',
    title: 'Magnetic Resonance Imaging',
    section: 'nationally covered indications',
    url: 'https://www.cms.gov/medicare-coverage-database/',
    criterionText:
      'MRI is covered when it is reasonable and necessary to diagnose the patient’s ' +
      'condition, and the ordering practitioner’s record documents the clinical ' +
      'indication it answers.',
    procedureCodes: ['72148', '72149', '72158', '70551', '73721'],
    diagnosisCodes: [],
  },
  acrLowBackPain: {
    source: 'specialty_society',
    issuingBody: 'American College of Radiology',
    title: 'ACR Appropriateness Criteria: Low Back Pain',
    version: '2021 revision',
    section: 'Variant 3',
    url: 'https://acsearch.acr.org/',
    criterionText:
      'Subacute or chronic low back pain with radiculopathy, in a candidate for ' +
      'surgery or intervention, with persistent or progressive symptoms during ' +
      'or after 6 weeks of optimal medical management: MRI of the lumbar spine ' +
      'without IV contrast is usually appropriate.',
    procedureCodes: ['72148'],
    diagnosisCodes: ['M54', 'M51'],
  },
  chouImaging: {
    source: 'peer_reviewed_study',
    issuingBody: 'Chou R, Qaseem A, Owens DK, Shekelle P',
    title:
      'Diagnostic imaging for low back pain: advice for high-value health care from the American College of Physicians',
    version: 'Ann Intern Med. 2011;154(3):181-189',
    criterionText:
      'Advanced imaging is warranted for persistent low back pain with signs or ' +
      'symptoms of radiculopathy when the patient is a potential candidate for ' +
      'surgery or epidural steroid injection.',
    procedureCodes: ['72148'],
    diagnosisCodes: ['M54', 'M51'],
  },
  acmeSpinePolicy: {
    source: 'payer_policy',
    issuingBody: 'Acme Health Plan',
    version: 'MP-RAD-014 rev. 2026-01',
    title: 'Advanced Imaging of the Spine',
    section: '§3.2',
    criterionText:
      'Lumbar MRI is medically necessary for radiculopathy after 6 weeks of failed ' +
      'conservative therapy, or sooner when a neurological deficit is progressing.',
    procedureCodes: ['72148', '72149', '72158'],
    diagnosisCodes: ['M54.1', 'M51'],
  },
  aaosRotatorCuff: {
    source: 'specialty_society',
    issuingBody: 'American Academy of Orthopaedic Surgeons',
    title: 'Management of Rotator Cuff Injuries: Clinical Practice Guideline',
    section: 'exercise therapy for full-thickness tears',
    criterionText:
      'A structured course of supervised exercise therapy is a reasonable treatment ' +
      'for a full-thickness rotator cuff tear, before or instead of surgical repair.',
    procedureCodes: ['97110', '97112', '97140'],
    diagnosisCodes: ['M75.1'],
  },
  interqualShoulderRehab: {
    source: 'InterQual',
    issuingBody: 'Optum',
    version: 'Outpatient Rehabilitation & Chiropractic 2025',
    title: 'Shoulder: Rotator Cuff Tear, Non-operative',
    section: 'continued care, point 2',
    criterionText:
      'Continued outpatient therapy is appropriate while the patient shows measurable ' +
      'functional progress toward documented goals that have not yet been reached.',
    procedureCodes: ['97110', '97140'],
    diagnosisCodes: ['M75.1'],
  },
  kuhnRotatorCuff: {
    source: 'peer_reviewed_study',
    issuingBody: 'Kuhn JE, Dunn WR, Sanders R, et al',
    title:
      'Effectiveness of physical therapy in treating atraumatic full-thickness ' +
      'rotator cuff tears: a multicenter prospective cohort study',
    version: 'J Shoulder Elbow Surg. 2013;22(10):1371-1379',
    criterionText:
      'A structured physical therapy program improved pain and function for most ' +
      'patients with atraumatic full-thickness rotator cuff tears, and most did ' +
      'not go on to surgery.',
    procedureCodes: ['97110'],
    diagnosisCodes: ['M75.1'],
  },
  nccnNsclc: {
    source: 'NCCN',
    issuingBody: 'National Comprehensive Cancer Network',
    version: 'Version 2.2026',
    title: 'Non-Small Cell Lung Cancer',
    section: 'first-line therapy, PD-L1 50% or more',
    criterionText:
      'For advanced or metastatic NSCLC without an actionable driver mutation and ' +
      'with PD-L1 expression of 50% or more, single-agent pembrolizumab is a preferred ' +
      'first-line option.',
    procedureCodes: ['J9271'],
    diagnosisCodes: ['C34'],
  },
  keytrudaLabel: {
    source: 'FDA_label',
    issuingBody: 'U.S. Food and Drug Administration',
    title: 'KEYTRUDA (pembrolizumab) prescribing information',
    section: '1.1 Non-Small Cell Lung Cancer',
    url: 'https://www.accessdata.fda.gov/',
    criterionText:
      'Approved as a single agent for first-line treatment of NSCLC expressing ' +
      'PD-L1 (tumor proportion score of 1% or more) by an FDA-approved test, without ' +
      'EGFR or ALK genomic tumor aberrations.',
    procedureCodes: ['J9271'],
    diagnosisCodes: ['C34'],
  },
  uspstfLungScreening: {
    source: 'USPSTF',
    issuingBody: 'U.S. Preventive Services Task Force',
    title: 'Lung Cancer: Screening',
    publishedDate: '2021-03-09',
    section: 'adults 50 to 80 years with a 20 pack-year history, grade B',
    criterionText:
      'Annual low-dose CT screening for adults aged 50 to 80 who have a 20 pack-year ' +
      'smoking history and currently smoke or quit within the past 15 years.',
    procedureCodes: ['71271'],
    diagnosisCodes: ['Z87.891', 'F17.21'],
  },
};
