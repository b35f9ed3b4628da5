/**
 * The benchmark's inputs: a case whose letter runs to three pages (long narrative, three
 * criteria with quoted evidence) and 40 pages of exhibits (five 8-page PDFs, each page a
 * scanned image with a typed header, as clinics' records usually are).
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { syntheticPng } from '../../test/support/synthetic-png.js';

export const EXHIBIT_FILES = 5;
export const PAGES_PER_EXHIBIT = 8;

/** A 400×520 greyscale PNG with some texture, standing in for a scanned page. */
const scanImage = (seed: number): Buffer =>
  syntheticPng(400, 520, 1, (x, y) => 200 + ((x * 7 + y * 13 + seed * 31) % 56) - (y % 24 < 2 ? 120 : 0));

/** One exhibit PDF of PAGES_PER_EXHIBIT pages. */
export async function exhibitPdf(n: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const image = await pdf.embedPng(scanImage(n));
  for (let k = 1; k <= PAGES_PER_EXHIBIT; k++) {
    const page = pdf.addPage([612, 792]);
    page.drawText(`Clinical record ${n} page ${k}`, { x: 60, y: 740, size: 13, font });
    page.drawText('Assessment: left L5 radiculopathy with progressive weakness despite conservative care.', {
      x: 60,
      y: 720,
      size: 9.5,
      font,
    });
    page.drawImage(image, { x: 60, y: 80, width: 492, height: 620 });
  }
  pdf.setCreationDate(new Date('2026-10-01T12:00:00Z'));
  pdf.setModificationDate(new Date('2026-10-01T12:00:00Z'));
  return Buffer.from(await pdf.save());
}

const paragraph = (topic: string) =>
  `${topic} Over the last three months the patient has had daily radicular ` +
  `pain rated 7 to 8 out of 10, worse with sitting and driving, with numbness ` +
  `over the dorsum of the left foot. Examination on three visits documented ` +
  `a positive straight-leg raise at 35 degrees, diminished left ankle reflex ` +
  `and new weakness of great-toe extension. Supervised physical therapy, a ` +
  `course of oral steroids and scheduled NSAIDs were each completed as prescribed ` +
  `without lasting benefit, and activity modification has not allowed a return ` +
  `to work.`;

export function benchCaseBody() {
  return {
    patient: { firstName: 'Bench', lastName: 'Patient', dateOfBirth: '1961-04-12', sex: 'female', mrn: 'MRN-BENCH-1' },
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
      phone: '617-555-0110',
    },
    narrative: {
      clinicalSummary: paragraph('History.'),
      medicalNecessity:
        'A progressive motor deficit after more than six weeks of optimal conservative ' +
        'care is the accepted indication for lumbar MRI without contrast; imaging ' +
        'is required to plan an epidural injection or surgical decompression.',
      patientImpact:
        'She has been unable to drive her school bus route for nine weeks, sleeps ' +
        'less than three hours a night and has had two emergency visits for pain; ' +
        'imaging is the gate to the treatment that would end this.',
      alternativesTried: [
        {
          treatment: 'Physical therapy, 12 supervised sessions',
          period: 'August–October 2026',
          outcome: 'No improvement in pain or strength',
        },
        {
          treatment: 'Methylprednisolone taper',
          period: 'September 2026',
          outcome: 'Two days of partial relief, then recurrence',
        },
      ],
      keyFacts: [
        { date: '2026-10-15', fact: 'New weakness of great-toe extension (4/5)' },
        { date: '2026-10-20', fact: 'MRI performed; disc extrusion at L4-5 compressing the left L5 root' },
      ],
      request:
        'Approve the lumbar MRI (CPT 72148) performed on October 20, 2026 and reprocess ' +
        'claim CLM-77310045 for payment.',
    },
  };
}

export function benchGuidelines() {
  return Array.from({ length: 3 }, (_, k) => ({
    source: 'specialty_society',
    title: `Low back pain imaging, criterion ${k + 1}`,
    issuingBody: 'American College of Radiology',
    version: '2021 revision',
    section: `Variant ${k + 1}`,
    criterionText:
      'Subacute or chronic low back pain with radiculopathy in a candidate for ' +
      'surgery or intervention, after six weeks of optimal medical management: ' +
      'MRI of the lumbar spine without contrast is usually appropriate.',
    procedureCodes: ['72148'],
    diagnosisCodes: ['M54.16'],
  }));
}
