/**
 * The letter answers the payer: the knee case of issue 11 (a Medicare Advantage patient eight weeks
 * after a knee replacement, eight more visits denied for three stated reasons), rendered to a packet
 * and read back from the PDF's text; and the guardrails that refuse a letter with empty sections.
 */
import { expect } from 'chai';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { binary } from './packet-support.js';
import { markedPdf } from './fixtures.js';
import { pdfPagesText } from './pdf-text.js';
import { reasonAnswers } from './letter-reasons.js';
import { kneeCaseBody } from './knee-case.js';
import { PacketModel } from '../../server/packets/packet.model.js';

const kneeNarrative = {
  clinicalSummary:
    'Mrs. Okafor, 69, had a right total knee replacement on 2026-09-14. She walks with a cane and cannot yet ' +
    'climb the bus steps without help.',
  medicalNecessity:
    'Skilled therapy is still improving flexion, gait speed and balance; eight visits with re-evaluation ' +
    'at the fourth will bring her to community ambulation.',
};

describe('the letter answers the payer’s stated reasons, with guardrails instead of boilerplate', function () {
  // Each test builds the knee case through the API (a document, six readings, three reasons) and renders a packet.
  this.timeout(120_000);
  const { http } = testApp(new Date('2026-11-23T14:00:00Z'));
  let users: Record<'clinician' | 'billing' | 'director' | 'admin', TestUser>;

  before(async () => {
    users = await makeUsers();
  });

  /** The knee case with its re-evaluation note, three measures read twice, and the three reasons answered. */
  async function kneeCase(options: { narrative?: Record<string, string>; answered?: boolean } = {}) {
    const created = await http
      .post('/api/v1/cases')
      .set(users.billing.auth)
      .send(kneeCaseBody({ narrative: options.narrative ?? kneeNarrative }));
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const caseId: string = created.body.id;
    const uploaded = await http
      .post(`/api/v1/cases/${caseId}/documents`)
      .set(users.billing.auth)
      .attach('file', await markedPdf('RE-EVALUATION', 3), { filename: 'reeval.pdf', contentType: 'application/pdf' })
      .field('title', 'Re-evaluation 2026-11-16')
      .field('kind', 'progress_note')
      .field('date', '2026-11-16');
    expect(uploaded.status, JSON.stringify(uploaded.body)).to.equal(201);
    const documentId: string = uploaded.body.id;
    let version: number = (await http.get(`/api/v1/cases/${caseId}`).set(users.billing.auth)).body.version;
    const readings = [
      ['Knee flexion', 95, 'degrees', '2026-10-05', 1],
      ['Knee flexion', 110, 'degrees', '2026-11-16', 2],
      ['Gait speed', 0.62, 'm/s', '2026-10-05', 1],
      ['Gait speed', 0.86, 'm/s', '2026-11-16', 2],
      ['Timed Up and Go', 18.4, 'seconds', '2026-10-05', 1],
      ['Timed Up and Go', 13.1, 'seconds', '2026-11-16', 2],
    ] as const;
    for (const [name, value, unit, date, page] of readings) {
      const res = await http
        .post(`/api/v1/cases/${caseId}/measures`)
        .set(users.billing.auth)
        .send({ version, name, value, unit, date, documentId, page });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      version = res.body.version;
    }
    // The barriers record: a missed visit in the patient's own words, with what was offered and what she chose.
    const session = await http
      .post(`/api/v1/cases/${caseId}/attendance`)
      .set(users.admin.auth)
      .send({
        date: '2026-10-14',
        outcome: 'no_show',
        reason: 'The bus takes two hours each way, and I missed the transfer.',
        barrier: 'transport',
        alternativesOffered: ['transport_benefit', 'telehealth'],
        alternativesAccepted: ['transport_benefit'],
        patientChoice: 'She declined home health again.',
      });
    expect(session.status, JSON.stringify(session.body)).to.equal(201);
    const answered = options.answered ?? true;
    const reasons = [
      {
        text: 'The member missed 4 of 12 authorized visits',
        kind: 'attendance',
        answer: answered
          ? 'Every missed visit was a two-hour bus ride; since the transport benefit began she has missed none.'
          : '',
        barriers: true,
        documents: [{ documentId, page: 3, quote: 'Transport benefit arranged 2026-10-20; attended 6 of 6 since.' }],
      },
      {
        text: 'Has reached a plateau in functional gains',
        kind: 'plateau',
        answer: 'She is still gaining: flexion, gait speed and TUG all improved between the last two evaluations.',
        measures: ['Knee flexion', 'Gait speed', 'Timed Up and Go'],
      },
      {
        text: 'A home exercise program is appropriate to continue recovery',
        kind: 'home_program',
        answer: 'At a TUG of 13.1 s she remains at risk of falls; a home program alone cannot progress her safely.',
        measures: ['Timed Up and Go'],
        documents: [
          { documentId, page: 2, quote: 'Two near-falls at home this month; fear of falling limits walking.' },
        ],
      },
    ];
    const saved = await http
      .put(`/api/v1/cases/${caseId}/stated-reasons`)
      .set(users.billing.auth)
      .send({ version, reasons });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    return { caseId, documentId, version: saved.body.version as number };
  }

  async function packetText(caseId: string, packetId: string) {
    const pdf = await http
      .get(`/api/v1/cases/${caseId}/packets/${packetId}/pdf`)
      .set(users.billing.auth)
      .buffer(true)
      .parse(binary);
    expect(pdf.status).to.equal(200);
    return { bytes: pdf.body as Buffer, pages: await pdfPagesText(pdf.body as Buffer) };
  }

  it(
    'when the knee case is generated, ' + 'then its letter answers the three reasons in order, each with its evidence',
    async () => {
      const { caseId } = await kneeCase();
      const res = await http.post(`/api/v1/cases/${caseId}/packets`).set(users.billing.auth).send({});
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body).to.include({ template: 'medical_necessity', draft: false });
      const { pages } = await packetText(caseId, res.body.id);
      const letter = pages.slice(0, res.body.letterPages).join('\n').replace(/\s+/g, ' ');

      const [missed, plateau, home] = reasonAnswers(
        letter,
        [
          '1. “The member missed 4 of 12 authorized visits”',
          '2. “Has reached a plateau in functional gains”',
          '3. “A home exercise program is appropriate to continue recovery”',
        ],
        'Why the service is medically necessary',
      );
      expect(missed).to.include('since the transport benefit began she has missed none');
      // The patient's words and what was offered; the page's foot may fall inside the session, so read around it.
      const session = missed.replace(
        / Page \d+ of \d+ · OVT-\S+ · CONFIDENTIAL: contains protected health information/g,
        '',
      );
      expect(session).to.include(
        'October 14, 2026: No-show (transport). In the patient’s words: “The bus takes two hours each way, and I ' +
          'missed the transfer.” Offered: transport benefit, telehealth; taken up: transport benefit. She declined ' +
          'home health again.',
      );
      expect(missed).to.include('“Transport benefit arranged 2026-10-20; attended 6 of 6 since.” (Exhibit 1, p. 3)');
      // Plateau: each measure before and after, with the change and the page it comes from.
      for (const row of [
        ['Knee flexion', '95 degrees', '110 degrees', '+15 degrees'],
        ['Gait speed', '0.62 m/s', '0.86 m/s', '+0.24 m/s'],
        ['Timed Up and Go', '18.4 seconds', '13.1 seconds', '-5.3 seconds'],
      ])
        for (const cell of row) expect(plateau, `plateau lacks ${cell}`).to.include(cell);
      expect(plateau).to.include('October 5, 2026 (Exhibit 1, p. 1)');
      expect(plateau).to.include('November 16, 2026 (Exhibit 1, p. 2)');
      expect(home).to.include('remains at risk of falls');
      expect(home).to.include('“Two near-falls at home this month; fear of falling limits walking.”');
      // No boilerplate where the case says nothing: no patient impact was written.
      expect(letter).not.to.include('higher risk of hospital care');
      expect(letter).not.to.include('What this denial means');
      expect(pages.join('\n')).not.to.include('DRAFT');
    },
  );

  it(
    'when the clinical summary is empty and a reason unanswered, ' +
      'then generation is refused naming both, nothing kept',
    async () => {
      const { caseId, version } = await kneeCase({
        narrative: { medicalNecessity: kneeNarrative.medicalNecessity },
        answered: false,
      });
      const res = await http.post(`/api/v1/cases/${caseId}/packets`).set(users.billing.auth).send({});
      expect(res.status).to.equal(422);
      expect(res.type).to.equal('application/problem+json');
      expect(res.body.code).to.equal('LETTER_INCOMPLETE');
      expect(res.body.errors.map((e: { field: string }) => e.field)).to.deep.equal([
        'narrative.clinicalSummary',
        'statedReasons.0.answer',
      ]);
      expect(res.body.detail ?? res.body.title).to.be.a('string');
      expect(await PacketModel.countDocuments({ caseId })).to.equal(0);
      const after = await http.get(`/api/v1/cases/${caseId}`).set(users.billing.auth);
      expect(after.body.version).to.equal(version);
    },
  );

  it(
    'when a draft is asked for, then every page says DRAFT, the case stays, ' +
      'it cannot be submitted, and it is the same bytes again',
    async () => {
      const { caseId } = await kneeCase({ narrative: { medicalNecessity: kneeNarrative.medicalNecessity } });
      const first = await http.post(`/api/v1/cases/${caseId}/packets`).set(users.billing.auth).send({ draft: true });
      expect(first.status, JSON.stringify(first.body)).to.equal(201);
      expect(first.body.draft).to.equal(true);
      const { pages } = await packetText(caseId, first.body.id);
      expect(pages.length).to.equal(first.body.pageCount).and.to.be.greaterThan(3);
      pages.forEach((text, i) => expect(text, `page ${i + 1}`).to.include('DRAFT'));
      expect(pages.slice(0, first.body.letterPages).join(' ')).to.include(
        '[DRAFT – to be written by the treating clinician: the clinical summary.]',
      );
      const again = await http.post(`/api/v1/cases/${caseId}/packets`).set(users.billing.auth).send({ draft: true });
      expect(again.body.sha256).to.equal(first.body.sha256);

      const stored = await http.get(`/api/v1/cases/${caseId}`).set(users.billing.auth);
      expect(stored.body.status).to.equal('new');
      const submitted = await http
        .post(`/api/v1/cases/${caseId}/packets/${first.body.id}/submission`)
        .set(users.billing.auth)
        .send({ method: 'fax', submittedAt: '2026-11-23T14:00:00Z' });
      expect(submitted.status).to.equal(409);
      expect(submitted.body.code).to.equal('PACKET_IS_DRAFT');
    },
  );

  it(
    'when a timely-filing letter has nothing enclosed, ' +
      'then it is refused; with proof it argues submission, never urgency',
    async () => {
      const created = await http
        .post('/api/v1/cases')
        .set(users.billing.auth)
        .send(
          caseBody({
            denial: {
              ...caseBody().denial,
              reasonCodes: [{ kind: 'CARC', group: 'CO', code: '29' }],
              category: 'timely_filing',
              payerReason: 'The time limit for filing expired.',
            },
            narrative: { medicalNecessity: 'The claim was accepted by the clearinghouse on 2026-10-22, day 2.' },
          }),
        );
      const caseId: string = created.body.id;
      const refused = await http
        .post(`/api/v1/cases/${caseId}/packets`)
        .set(users.billing.auth)
        .send({ template: 'timely_filing' });
      expect(refused.status).to.equal(422);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['documentIds']);

      await http
        .post(`/api/v1/cases/${caseId}/documents`)
        .set(users.billing.auth)
        .attach('file', await markedPdf('ACCEPTANCE', 1), {
          filename: 'acceptance.pdf',
          contentType: 'application/pdf',
        })
        .field('title', 'Clearinghouse acceptance report')
        .field('kind', 'payer_correspondence')
        .field('date', '2026-10-22');
      const res = await http
        .post(`/api/v1/cases/${caseId}/packets`)
        .set(users.billing.auth)
        .send({ template: 'timely_filing' });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const { pages } = await packetText(caseId, res.body.id);
      const letter = pages.slice(0, res.body.letterPages).join(' ').replace(/\s+/g, ' ');
      expect(letter).to.include('accepted by the clearinghouse on 2026-10-22');
      expect(letter).to.include('as the proof of submission enclosed shows');
      for (const urgency of ['expected to worsen', 'hospital care', 'medically necessary', 'Clinical summary'])
        expect(letter).not.to.include(urgency);
    },
  );

  it('when a coding correction is generated, then it argues the code and offers no peer-to-peer', async () => {
    const created = await http
      .post('/api/v1/cases')
      .set(users.billing.auth)
      .send(
        caseBody({
          denial: { ...caseBody().denial, category: 'coding', payerReason: 'Procedure inconsistent with modifier.' },
          narrative: { medicalNecessity: 'Modifier 26 applies: the clinic billed the professional component only.' },
        }),
      );
    const res = await http
      .post(`/api/v1/cases/${created.body.id}/packets`)
      .set(users.billing.auth)
      .send({ template: 'coding_correction' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const { pages } = await packetText(created.body.id, res.body.id);
    const letter = pages.slice(0, res.body.letterPages).join(' ').replace(/\s+/g, ' ');
    expect(letter).to.include('Modifier 26 applies');
    expect(letter).to.include('72148');
    expect(letter.toLowerCase()).not.to.include('peer-to-peer');
  });
});
