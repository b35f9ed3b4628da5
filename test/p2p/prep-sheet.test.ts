/**
 * The prep sheet a medical director reads five minutes before the call (issue 11), read back from
 * the PDF's text: the knee case of the demo (a Medicare Advantage patient eight weeks after a knee
 * replacement, eight more visits denied for three stated reasons), its attendance record and
 * measures seeded exactly as the demo seeds them; a long record that must still fit two pages; a
 * written-appeal deadline already past; a coding denial, where the barriers do not belong.
 */
import { expect } from 'chai';
import { stringify } from 'csv-stringify/sync';
import { p2pWorld } from './support.js';
import { caseBody } from '../support/factories.js';
import { silentLogger } from '../support/app.js';
import { pdfPagesText } from '../packets/pdf-text.js';
import { binary } from '../packets/packet-support.js';
import { markedPdf } from '../packets/fixtures.js';
import { loadTestConfig } from '../../server/config.js';
import { DEMO_KNEE_CASE } from '../../server/demo/demo-cases.js';
import { seedDemoAttendance } from '../../server/demo/demo-attendance.js';
import { seedDemoReasons } from '../../server/demo/demo-reasons.js';
import { importAttendance } from '../../server/attendance/index.js';
import { createGuideline, attachCriterion } from '../../server/guidelines/index.js';

type World = Awaited<ReturnType<typeof p2pWorld>>;

/** The demo's knee case as the clinic enters it (server/demo/demo-cases.ts), with her physiatrist's narrative. */
const KNEE = {
  payerReason:
    'The member missed 4 of 12 authorized visits, and has reached a plateau in function. A home exercise ' +
    'program is appropriate; additional skilled physical therapy is not medically necessary.',
  service: {
    cptCodes: ['97110', '97116', '97530'],
    icd10Codes: ['Z47.1', 'Z96.651', 'M25.661'],
    description:
      'Outpatient physical therapy, 8 more visits after right total knee arthroplasty (27447, eight weeks ago): ' +
      'therapeutic exercise, gait training, therapeutic activities',
    requestType: 'pre_service',
    units: 8,
  },
  narrative: {
    clinicalSummary:
      'Eight weeks after a right total knee arthroplasty she walks with a cane and climbs stairs one at a time.',
    medicalNecessity:
      'Skilled gait and balance training is still improving her function; a home program cannot progress it safely.',
  },
  criteriaCited: 'InterQual 2026 Outpatient Rehabilitation, Knee Arthroplasty subset',
};

/** The sections, in the order the director reads them. */
const SECTIONS = [
  'The story',
  'The payer’s stated reasons, answered',
  'Objective measures, before and after',
  'The payer’s criterion and where the record meets it',
  'Barriers and what was done',
  'Treating clinician: Dr. Priya Natarajan, MD',
  'Deadlines still open',
  'The ask',
  'If the reviewer upholds the denial',
];

describe('the peer-to-peer prep sheet', function () {
  this.timeout(180_000);
  let w: World;
  const config = loadTestConfig();
  before(async () => (w = await p2pWorld()));

  const deps = () => ({ config, logger: silentLogger, clock: w.clock });
  const demoActor = () => ({ clinician: w.users.admin });

  /** The knee case, denied on 2026-11-19 by a Medicare Advantage plan, with the demo's attendance and reasons. */
  async function kneeCase(overrides: { category?: string } = {}) {
    const base = caseBody();
    const caseId = await w.openCase({
      patient: {
        ...base.patient,
        firstName: 'Dorothy',
        lastName: 'Kowalski',
        dateOfBirth: '1957-05-14',
        mrn: 'MRN-733190',
      },
      payer: {
        ...base.payer,
        name: w.payer.name,
        profileId: w.payer._id,
        planType: 'medicare_advantage',
        memberId: 'H4410-55120',
      },
      service: KNEE.service,
      denial: {
        ...base.denial,
        noticeDate: '2026-11-19',
        receivedDate: '2026-11-19',
        reasonCodes: [],
        category: overrides.category ?? 'medical_necessity',
        payerReason: KNEE.payerReason,
        criteriaCited: KNEE.criteriaCited,
      },
      narrative: KNEE.narrative,
    });
    const ids = new Map([[DEMO_KNEE_CASE, caseId]]);
    await seedDemoAttendance(demoActor(), ids, deps());
    await seedDemoReasons(demoActor(), ids, deps());
    return caseId;
  }

  /** Attaches a guideline criterion met, with a passage quoted from page 2 of the re-evaluation. */
  async function criterionMet(caseId: string) {
    const uploaded = await w.http
      .post(`/api/v1/cases/${caseId}/documents`)
      .set(w.users.billing.auth)
      .attach('file', await markedPdf('Flexion 110 degrees and gait speed 0.86 m/s at re-evaluation', 2), {
        filename: 'reeval.pdf',
        contentType: 'application/pdf',
      })
      .field('title', 'Re-evaluation 2026-11-16')
      .field('kind', 'progress_note')
      .field('date', '2026-11-16');
    expect(uploaded.status, JSON.stringify(uploaded.body)).to.equal(201);
    const guideline = await createGuideline(
      {
        source: 'specialty_society',
        issuingBody: 'American Physical Therapy Association',
        title: 'Continued therapy after knee arthroplasty',
        criterionText: 'Measurable functional gain since the last re-evaluation',
        section: 'Criterion 2',
      },
      w.users.director,
      { clock: w.clock },
    );
    await attachCriterion(
      caseId,
      {
        guidelineId: guideline.id,
        status: 'met',
        evidence: [{ documentId: uploaded.body.id, page: 2, quote: 'Flexion 110 degrees and gait speed 0.86 m/s' }],
      },
      w.users.director,
      { clock: w.clock },
    );
  }

  async function sheet(reviewId: string) {
    const res = await w.http
      .get(`/api/v1/p2p/${reviewId}/prep-sheet.pdf`)
      .set(w.users.director.auth)
      .buffer(true)
      .parse(binary);
    expect(res.status).to.equal(200);
    const pages = await pdfPagesText(res.body as Buffer);
    return { pages, text: pages.join('\n').replace(/\s+/g, ' ') };
  }

  it(
    'when the director opens the knee case’s sheet, then on at most two pages and in order come the story, each ' +
      'reason with its answer and evidence, the measures, the criterion met with its quote, her own words and the ' +
      'alternatives, her physiatrist’s argument, the open deadlines, the ask and fallback, and what to say if upheld',
    async () => {
      const caseId = await kneeCase();
      await criterionMet(caseId);
      const review = await w.requestP2P({}, caseId);
      const { pages, text } = await sheet(review.id);

      expect(pages.length).to.be.within(1, 2);
      const at = SECTIONS.map((s) => text.indexOf(s));
      expect(
        at.every((i) => i > 0),
        `sections at ${at.join(', ')}`,
      ).to.equal(true);
      expect(at).to.deep.equal([...at].sort((a, b) => a - b));
      const section = (k: number) => text.slice(at[k], at[k + 1] ?? undefined);

      expect(section(0))
        .to.contain('69-year-old female, Medicare Advantage')
        .and.contain('for 3 stated reasons, 3 answered')
        .and.contain('Attended 8 of 12 scheduled sessions')
        .and.contain('We ask:');

      // Each reason in the plan's words, with the physiatrist's answer and where the record shows it.
      const reasons = section(1);
      const order = [
        'The member missed 4 of 12 authorized visits',
        'Has reached a plateau in function',
        'A home exercise program is appropriate',
      ].map((r) => reasons.indexOf(r));
      expect(
        order.every((i) => i >= 0),
        `reasons at ${order.join(', ')}`,
      ).to.equal(true);
      expect(order).to.deep.equal([...order].sort((a, b) => a - b));
      expect(reasons)
        .to.contain('since the ride benefit was arranged she has attended every visit')
        .and.contain('She is still improving: flexion, gait speed and Timed Up and Go')
        .and.contain('A Timed Up and Go of 13.1 seconds still marks a risk of falls')
        .and.contain('Attendance record: Attended 8 of 12')
        .and.contain('Knee flexion (active, right): 95 to 110 degrees (+15)');

      expect(section(2)).to.contain('Gait speed (10-metre walk)').and.contain('0.62 m/s').and.contain('0.86 m/s');
      expect(section(3))
        .to.contain(`Named in the notice: ${KNEE.criteriaCited}`)
        .and.contain('Continued therapy after knee arthroplasty')
        .and.contain('“Flexion 110 degrees and gait speed 0.86 m/s” (Re-evaluation 2026-11-16, p. 2)');

      const barriers = section(4);
      expect(barriers)
        .to.contain('in the patient’s words, “The bus takes two hours each way, and I missed the transfer at Dudley.”')
        .and.contain('The ride van never came')
        .and.contain('Offered: transport benefit, telehealth')
        .and.contain('taken up: telehealth')
        .and.contain('home health declined again');
      // The patient's sentence keeps its own full stop; the sheet adds none after the closing quote.
      expect(barriers)
        .to.contain('at Dudley.” Offered:')
        .and.not.match(/[.!?]”\./);

      expect(section(5)).to.contain(KNEE.narrative.clinicalSummary).and.contain(KNEE.narrative.medicalNecessity);
      expect(section(6))
        .to.contain('Written reconsideration due')
        .and.contain('Peer-to-peer window')
        .and.not.contain('PAST');
      expect(section(7))
        .to.contain('Ask: Approve Outpatient physical therapy, 8 more visits')
        .and.contain(
          'Fallback: 4 of the 8 visits now, with a re-evaluation of Knee flexion (active, right), Gait speed ' +
            '(10-metre walk), Timed Up and Go before the rest.',
        );
      expect(section(8))
        .to.contain('42 CFR 422.101(b)(6)')
        .and.contain('42 CFR 422.616')
        .and.contain('Ask for an expedited reconsideration');

      for (const secret of ['Dorothy', 'Kowalski', '1957-05-14', 'MRN-733190', 'H4410-55120'])
        expect(text).to.not.contain(secret);
    },
  );

  it(
    'when the record is long (sixty missed sessions in long words, a dozen reasons and measures, long narrative), ' +
      'then the sheet still takes at most two pages and says what it leaves to the case file',
    async () => {
      const caseId = await kneeCase();
      const long = (what: string) => `${what} `.repeat(12).trim();
      const rows = Array.from({ length: 60 }, (_, i) => [
        `LONG-${i}`,
        `2026-${String(7 + Math.floor(i / 20)).padStart(2, '0')}-${String(1 + (i % 20)).padStart(2, '0')}`,
        '09:00',
        'no_show',
        `Session ${i}: ${long('the lift in my building was broken again and I could not get down the stairs')}`,
        'transport',
        'telehealth;transport_benefit',
        'telehealth',
        long('Will try the telehealth session next week'),
      ]);
      // The layout's own header, as the clinic's scheduler would export it.
      const template = await w.http.get('/api/v1/attendance/csv-template').set(w.users.billing.auth);
      const header = String(template.text).split(/\r?\n/)[0];
      const csv = `${header}\n${stringify(rows)}`;
      const imported = await importAttendance(caseId, Buffer.from(csv), w.users.admin, deps());
      expect(imported.recorded, JSON.stringify(imported.problems)).to.equal(60);
      let version = (await w.http.get(`/api/v1/cases/${caseId}`).set(w.users.billing.auth)).body.version as number;
      const narrative = {
        clinicalSummary: long('She walks with a cane and climbs stairs one at a time.'),
        medicalNecessity: long('Skilled gait and balance training is still improving her function.'),
        patientImpact: long('Without therapy she cannot get to the shops on her own.'),
        keyFacts: Array.from({ length: 15 }, (_, i) => ({
          date: '2026-11-16',
          fact: `Fact ${i}: ${long('flexion improved')}`,
        })),
      };
      const patched = await w.http
        .patch(`/api/v1/cases/${caseId}`)
        .set(w.users.billing.auth)
        .send({ version, narrative });
      expect(patched.status, JSON.stringify(patched.body)).to.equal(200);
      version = patched.body.version;
      for (let i = 0; i < 12; i++)
        for (const [value, date] of [
          [10 + i, '2026-10-05'],
          [20 + i, '2026-11-16'],
        ] as const) {
          const res = await w.http
            .post(`/api/v1/cases/${caseId}/measures`)
            .set(w.users.billing.auth)
            .send({ version, name: `Measure ${i}`, value, unit: 'points', date });
          expect(res.status, JSON.stringify(res.body)).to.equal(200);
          version = res.body.version;
        }
      const reasons = Array.from({ length: 12 }, (_, i) => ({
        text: `Reason ${i}: ${long('the member did not attend')}`,
        kind: 'attendance',
        answer: `Answer ${i}: ${long('every missed visit has its reason in her own words')}`,
        barriers: true,
        measures: [`Measure ${i}`],
      }));
      const saved = await w.http
        .put(`/api/v1/cases/${caseId}/stated-reasons`)
        .set(w.users.billing.auth)
        .send({ version, reasons });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);

      const review = await w.requestP2P({}, caseId);
      const { pages, text } = await sheet(review.id);
      expect(pages.length).to.be.within(1, 2);
      for (const s of SECTIONS) expect(text).to.contain(s);
      expect(text)
        .to.match(/earlier missed sessions are on the case file/)
        .and.match(/more on the case file/);
      // The latest missed sessions are kept (the demo's, this autumn), the oldest left to the case file.
      expect(text).to.contain('The ride van never came').and.not.contain('Session 0:');
      expect(text).to.contain('If the reviewer upholds the denial');
    },
  );

  it(
    'when the written reconsideration’s deadline has passed and it is not yet filed, then the sheet flags it in red ' +
      'as past, and no longer lists the closed peer-to-peer window as open',
    async () => {
      const caseId = await kneeCase();
      const review = await w.requestP2P({}, caseId);
      const was = w.clock.now();
      w.clock.set(new Date('2027-02-15T15:00:00Z'));
      try {
        const { text } = await sheet(review.id);
        const deadlines = text.slice(text.indexOf('Deadlines still open'), text.indexOf('The ask'));
        expect(deadlines).to.match(/PAST: the written reconsideration was due 2027-01-\d\d/);
        expect(deadlines).to.not.contain('Peer-to-peer window');
        const html = await w.http.get(`/api/v1/p2p/${review.id}/prep-sheet`).set(w.users.director.auth);
        expect(html.text).to.match(/<p class="alert"><b>PAST: the written reconsideration was due/);
      } finally {
        w.clock.set(was);
      }
    },
  );

  it(
    'when the denial is a coding correction, then the barriers are not at issue: the patient’s words and the ' +
      'alternatives offered stay off the sheet, and the ask is to reprocess the claim',
    async () => {
      const caseId = await kneeCase({ category: 'coding' });
      const review = await w.requestP2P({}, caseId);
      const { text } = await sheet(review.id);
      expect(text).to.contain('Not at issue in a coding denial.').and.contain('Ask: Reprocess the claim');
      expect(text).to.not.contain('The bus takes two hours').and.not.contain('Offered: transport benefit');
    },
  );
});
