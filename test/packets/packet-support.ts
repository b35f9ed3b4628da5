/** A case ready for a packet, built through the API as a user would: notes uploaded, criteria attached. */
import { expect } from 'chai';
import type supertest from 'supertest';
import { caseBody } from '../support/factories.js';
import type { TestUser } from '../support/app.js';
import { markedPdf, pngImage, textNote } from './fixtures.js';

type Http = ReturnType<typeof supertest>;

export const narrative = {
  clinicalSummary:
    'Ms. Alvarez, 65, has had left-sided lumbar radicular pain since August 2026 ' +
    'with an L5 sensory deficit and a positive straight-leg raise at 35 degrees.',
  medicalNecessity:
    'Progressive neurological deficit after more than six weeks of supervised ' +
    'conservative care is an accepted indication for lumbar MRI without contrast.',
  patientImpact:
    'Without imaging, surgical referral is blocked; she has been off work as a school bus driver for nine weeks.',
  alternativesTried: [
    {
      treatment: 'Physical therapy, 12 sessions',
      period: 'Aug–Oct 2026',
      outcome: 'No improvement in pain or strength',
    },
  ],
  keyFacts: [{ date: '2026-10-15', fact: 'New weakness of great-toe extension (4/5)' }],
  request: 'Approve the lumbar MRI (CPT 72148) and reprocess claim CLM-77310045 for payment.',
};

export interface PreparedCase {
  caseId: string;
  version: number;
  documents: Array<{ id: string; title: string; marker: string }>;
  citations: string[];
}

let seq = 0;

/**
 * Opens a case (gathering evidence) as `user`, uploads a 3-page PDF, a text note and a scan,
 * and has `curator` (a clinical role: billing may not edit the guideline library) attach two criteria.
 */
export async function preparedCase(
  http: Http,
  user: TestUser,
  curator: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<PreparedCase> {
  const n = ++seq;
  const created = await http
    .post('/api/v1/cases')
    .set(user.auth)
    .send(caseBody({ narrative, ...overrides }));
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  const caseId: string = created.body.id;
  const moved = await http
    .post(`/api/v1/cases/${caseId}/transitions`)
    .set(user.auth)
    .send({ version: created.body.version, to: 'gathering_evidence' });
  expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
  const files = [
    {
      title: `Progress note ${n}`,
      kind: 'progress_note',
      date: '2026-10-15',
      marker: `NOTE-${n}-A page 1`,
      bytes: await markedPdf(`NOTE-${n}-A`, 3),
      filename: 'note.pdf',
      contentType: 'application/pdf',
    },
    {
      title: `Telephone note ${n}`,
      kind: 'other',
      date: '2026-10-16',
      marker: `NOTE-${n}-B`,
      bytes: textNote(`NOTE-${n}-B`),
      filename: 'call.txt',
      contentType: 'text/plain',
    },
    {
      title: `Scanned referral ${n}`,
      kind: 'payer_correspondence',
      date: '2026-10-17',
      marker: `Scanned referral ${n} · page 1 of 1`,
      bytes: pngImage(),
      filename: 'scan.png',
      contentType: 'image/png',
    },
  ];
  const documents: PreparedCase['documents'] = [];
  for (const f of files) {
    const res = await http
      .post(`/api/v1/cases/${caseId}/documents`)
      .set(user.auth)
      .attach('file', f.bytes, { filename: f.filename, contentType: f.contentType })
      .field('title', f.title)
      .field('kind', f.kind)
      .field('date', f.date);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    documents.push({ id: res.body.id, title: f.title, marker: f.marker });
  }
  const guidelines = [
    {
      source: 'specialty_society',
      title: 'Low Back Pain',
      issuingBody: 'American College of Radiology',
      version: '2021',
      section: `Variant ${n}`,
      criterionText:
        'Radiculopathy after six weeks of optimal medical management in a surgery ' +
        'or intervention candidate: MRI lumbar spine without contrast is usually ' +
        'appropriate.',
      procedureCodes: ['72148'],
    },
    {
      source: 'MCG',
      title: 'Lumbar Spine MRI',
      issuingBody: 'MCG Health',
      version: 'Ambulatory Care 27th ed.',
      section: `criterion ${n}`,
      criterionText: 'Six weeks of conservative therapy without improvement.',
      procedureCodes: ['72148'],
      diagnosisCodes: ['M54.16'],
    },
  ];
  const citations: string[] = [];
  for (const [k, g] of guidelines.entries()) {
    const made = await http.post('/api/v1/guidelines').set(curator.auth).send(g);
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    const evidence =
      k === 0
        ? [{ documentId: documents[0].id, page: 2, quote: 'lumbar radiculopathy, L5, left' }]
        : [{ statement: 'Supervised physical therapy from August to October 2026.' }];
    const attached = await http
      .post(`/api/v1/cases/${caseId}/criteria`)
      .set(curator.auth)
      .send({ guidelineId: made.body.id, status: 'met', evidence });
    expect(attached.status, JSON.stringify(attached.body)).to.equal(201);
    citations.push(attached.body.citation);
  }
  const current = await http.get(`/api/v1/cases/${caseId}`).set(user.auth);
  return { caseId, version: current.body.version, documents, citations };
}

/** Collects a binary response body (supertest buffers only text by default). */
export const binary = ((res: NodeJS.ReadableStream, callback: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}) as unknown as Parameters<supertest.Test['parse']>[0];
