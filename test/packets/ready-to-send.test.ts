import { expect } from 'chai';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { PacketModel } from '../../server/packets/packet.model.js';
import { pdfPagesText } from './pdf-text.js';
import { preparedCase, binary } from './packet-support.js';

type Http = ReturnType<typeof testApp>['http'];

/** Original Medicare, Part B: the MAC redetermines; the Medicare number is an MBI. */
const medicarePayer = {
  name: 'Noridian JF Part B',
  planType: 'medicare_ab',
  memberId: '1EG4-TE5-MK73',
  fax: '701-555-0177',
};
const service = {
  cptCodes: ['97110'],
  icd10Codes: ['Z96.651'],
  description: 'Therapeutic exercise, 8 further visits',
  dateOfService: '2026-10-20',
  claimNumber: 'CLM-55120931',
  requestType: 'post_service',
};

describe('ready to send: required elements, the Medicare request page and the fax cover sheet', function () {
  this.timeout(120_000);
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });

  async function pdfText(http: Http, user: TestUser, caseId: string, packetId: string): Promise<string[]> {
    const res = await http
      .get(`/api/v1/cases/${caseId}/packets/${packetId}/pdf`)
      .set(user.auth)
      .buffer(true)
      .parse(binary);
    expect(res.status).to.equal(200);
    return (await pdfPagesText(res.body as Buffer)).map((p) => p.replace(/\s+/g, ' '));
  }

  it(
    'when a Medicare redetermination carries every element, ' +
      'then it is ready and the packet opens with the request',
    async () => {
      const { http } = testApp();
      const prepared = await preparedCase(http, users.billing, users.admin, { payer: medicarePayer, service });
      const checklist = await http.get(`/api/v1/cases/${prepared.caseId}/packets/checklist`).set(users.director.auth);
      expect(checklist.status, JSON.stringify(checklist.body)).to.equal(200);
      expect(checklist.body).to.include({ plan: 'medicare_ab', level: 'redetermination', ready: true, packet: null });
      expect(checklist.body.items.map((i: { citation: string }) => i.citation)).to.include.members([
        '42 CFR 405.944(b)(1)',
        '42 CFR 405.944(b)(2)',
        '42 CFR 405.944(b)(3)',
        '42 CFR 405.944(b)(4)',
      ]);

      const made = await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.billing.auth).send({});
      expect(made.status, JSON.stringify(made.body)).to.equal(201);
      expect(made.body.frontPages).to.equal(1);
      const exhibitPages = made.body.exhibits.reduce((s: number, e: { pageCount: number }) => s + e.pageCount, 0);
      expect(made.body.pageCount).to.equal(1 + made.body.letterPages + made.body.indexPages + exhibitPages);
      const pages = await pdfText(http, users.billing, prepared.caseId, made.body.id);
      expect(pages).to.have.length(made.body.pageCount);
      for (const expected of [
        'Medicare Redetermination Request',
        'CMS-20027',
        'Maria Alvarez',
        '1EG4-TE5-MK73',
        'Therapeutic exercise, 8 further visits (97110)',
        'October 20, 2026',
        'Dr. Priya Natarajan, MD',
        'Signature',
      ])
        expect(pages[0], `request page lacks ${expected}`).to.include(expected);
      // The exhibits still start where the index says, after the request page.
      prepared.documents.forEach((doc, k) => expect(pages[made.body.exhibits[k].startPage - 1]).to.include(doc.marker));
    },
  );

  it(
    'when the date of service is missing, ' +
      'then the checklist names it and sending is refused until an override says why',
    async () => {
      const { http } = testApp();
      const { dateOfService: _dropped, ...undated } = service;
      const prepared = await preparedCase(http, users.billing, users.admin, { payer: medicarePayer, service: undated });
      const made = await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.billing.auth).send({});
      expect(made.status, JSON.stringify(made.body)).to.equal(201);

      const checklist = await http.get(`/api/v1/cases/${prepared.caseId}/packets/checklist`).set(users.billing.auth);
      expect(checklist.body.packet).to.deep.equal({ id: made.body.id, version: 1 });
      expect(checklist.body.ready).to.equal(false);
      expect(checklist.body.missing.map((m: { key: string; citation: string }) => [m.key, m.citation])).to.deep.equal([
        ['dates_of_service', '42 CFR 405.944(b)(3)'],
      ]);
      const pages = await pdfText(http, users.billing, prepared.caseId, made.body.id);
      expect(pages[0]).to.match(/Date\(s\) of service NOT RECORDED/);

      const submission = { method: 'mail', submittedAt: '2026-11-23T09:00' };
      const refused = await http
        .post(`/api/v1/cases/${prepared.caseId}/packets/${made.body.id}/submission`)
        .set(users.billing.auth)
        .send(submission);
      expect(refused.status).to.equal(422);
      expect(refused.headers['content-type']).to.match(/application\/problem\+json/);
      expect(refused.body.code).to.equal('NOT_READY_TO_SEND');
      expect(refused.body.missing).to.deep.equal([
        { key: 'dates_of_service', name: 'Date(s) of service', citation: '42 CFR 405.944(b)(3)' },
      ]);
      expect((await PacketModel.findById(made.body.id).lean())?.submission).to.equal(undefined);
      const caseNow = await http.get(`/api/v1/cases/${prepared.caseId}`).set(users.billing.auth);
      expect(caseNow.body.status).to.not.equal('submitted');

      const sent = await http
        .post(`/api/v1/cases/${prepared.caseId}/packets/${made.body.id}/submission`)
        .set(users.billing.auth)
        .send({
          ...submission,
          readinessOverride: 'Dates are on the enclosed remittance; the MAC asked for it today.',
        });
      expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
      expect(sent.body.packet.submission.readinessOverride).to.deep.equal({
        reason: 'Dates are on the enclosed remittance; the MAC asked for it today.',
        missing: ['dates_of_service'],
      });
      expect(sent.body.caseStatus).to.equal('submitted');
    },
  );

  it(
    'when a packet is to be faxed, ' +
      'then its cover counts every page, itself included, and regenerating gives the same bytes',
    async () => {
      const { http } = testApp();
      const prepared = await preparedCase(http, users.billing, users.admin, { payer: medicarePayer, service });
      const v1 = await http
        .post(`/api/v1/cases/${prepared.caseId}/packets`)
        .set(users.billing.auth)
        .send({ sendBy: 'fax' });
      expect(v1.status, JSON.stringify(v1.body)).to.equal(201);
      expect(v1.body).to.include({ sendBy: 'fax', frontPages: 2 });
      const pages = await pdfText(http, users.billing, prepared.caseId, v1.body.id);
      expect(pages).to.have.length(v1.body.pageCount);
      expect(pages[0]).to.include(`Pages ${v1.body.pageCount}, including this cover sheet`);
      expect(pages[0]).to.include('701-555-0177');
      // A cover page is read by whoever stands at the machine: no patient name, no Medicare number.
      expect(pages[0]).to.not.include('Alvarez');
      expect(pages[0]).to.not.include('1EG4-TE5-MK73');
      expect(pages[1]).to.include('Medicare Redetermination Request');
      expect(pages[0]).to.include(`Page 1 of ${v1.body.pageCount}`);

      const v2 = await http
        .post(`/api/v1/cases/${prepared.caseId}/packets`)
        .set(users.billing.auth)
        .send({ sendBy: 'fax' });
      expect(v2.body.version).to.equal(2);
      expect(v2.body.sha256).to.equal(v1.body.sha256);
    },
  );

  it(
    'when a packet is to be faxed and no appeals fax number is known, ' + 'then generation is refused, nothing stored',
    async () => {
      const { http } = testApp();
      const { fax: _none, ...noFax } = medicarePayer;
      const prepared = await preparedCase(http, users.billing, users.admin, { payer: noFax, service });
      const res = await http
        .post(`/api/v1/cases/${prepared.caseId}/packets`)
        .set(users.billing.auth)
        .send({ sendBy: 'fax' });
      expect(res.status).to.equal(422);
      expect(res.body.code).to.equal('FAX_NUMBER_MISSING');
      expect(await PacketModel.countDocuments({ caseId: prepared.caseId })).to.equal(0);
    },
  );

  it(
    'when the plan is an employer plan, ' +
      'then no request page is added and the letter asks for the documents relied on',
    async () => {
      const { http } = testApp();
      const prepared = await preparedCase(http, users.billing, users.admin);
      const made = await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.billing.auth).send({});
      expect(made.status, JSON.stringify(made.body)).to.equal(201);
      expect(made.body.frontPages).to.equal(0);
      const checklist = await http.get(`/api/v1/cases/${prepared.caseId}/packets/checklist`).set(users.billing.auth);
      const documents = checklist.body.items.find((i: { key: string }) => i.key === 'documents_request');
      expect(documents).to.include({ status: 'present', citation: '29 CFR 2560.503-1(h)(2)(iii), (m)(8)' });
    },
  );
});
