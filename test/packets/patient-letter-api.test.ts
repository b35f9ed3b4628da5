/**
 * The letter to the patient through the API: the knee case on Medicare Advantage read back from the
 * PDF's text and measured, the HTML version, the audit of each read, and who may ask.
 */
import { expect } from 'chai';
import readability from 'text-readability';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { binary } from './packet-support.js';
import { pdfPagesText } from './pdf-text.js';
import { auditTrail } from '../../server/audit/index.js';

describe('GET /cases/:id/patient-letter(.pdf)', function () {
  this.timeout(60_000);
  const { http } = testApp(new Date('2026-11-23T14:00:00Z'));
  let users: Record<'clinician' | 'billing' | 'director' | 'admin', TestUser>;
  let caseId: string;
  let reference: string;

  before(async () => {
    users = await makeUsers();
    const base = caseBody();
    const created = await http
      .post('/api/v1/cases')
      .set(users.billing.auth)
      .send(
        caseBody({
          patient: { ...base.patient, firstName: 'Grace', lastName: 'Okafor', dateOfBirth: '1957-03-02' },
          payer: { ...base.payer, name: 'Sunrise Medicare Advantage', planType: 'medicare_advantage' },
          service: {
            cptCodes: ['97110'],
            description: 'Outpatient physical therapy, 8 visits',
            requestType: 'pre_service',
          },
          denial: {
            ...base.denial,
            payerReason: 'The member missed 4 of 12 authorized visits and has reached a plateau.',
          },
        }),
      );
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    caseId = created.body.id;
    reference = created.body.reference;
  });

  it('when the director asks for the PDF, then it is named by reference, reads at grade ≤ 8, audited', async () => {
    const res = await http
      .get(`/api/v1/cases/${caseId}/patient-letter.pdf`)
      .set(users.director.auth)
      .buffer(true)
      .parse(binary);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['content-disposition']).to.equal(`attachment; filename=${reference}-patient-letter.pdf`);
    expect(res.headers['cache-control']).to.equal('no-store');
    const text = (await pdfPagesText(res.body as Buffer)).join('\n');
    expect(text).to.include('Dear Grace Okafor,');
    expect(text).to.include('“The member missed 4 of 12 authorized visits and has reached a plateau.”');
    // Medicare Advantage reconsideration: 60 days after receipt, which the case records as 6 November.
    expect(text).to.include('The plan must get your appeal by January 5, 2027.');
    expect(readability.fleschKincaidGrade(text)).to.be.at.most(8);
    const trail = await auditTrail({ caseId });
    expect(trail.some((e) => e.action === 'packet.patient_letter' && e.actorId === users.director.id)).to.equal(true);
  });

  it('when billing asks for the HTML version, then it is the letter, never cached, under the preview CSP', async () => {
    const res = await http.get(`/api/v1/cases/${caseId}/patient-letter`).set(users.billing.auth);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/html/);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.headers['content-security-policy']).to.match(/default-src 'none'/);
    expect(res.text).to.include('<h2>What you can do</h2>');
    expect(res.text).to.include('Dear Grace Okafor,');
  });

  it('when no token is given, then it is refused and nothing is audited for it', async () => {
    const before = (await auditTrail({ caseId })).length;
    expect((await http.get(`/api/v1/cases/${caseId}/patient-letter.pdf`)).status).to.equal(401);
    expect((await auditTrail({ caseId })).length).to.equal(before);
  });

  it('when a clinician outside the case asks, then 404, as for any read of a case they cannot see', async () => {
    expect((await http.get(`/api/v1/cases/${caseId}/patient-letter`).set(users.clinician.auth)).status).to.equal(404);
  });

  it('when the case does not exist, then 404 problem+json', async () => {
    const res = await http.get('/api/v1/cases/64b7f0c2a1b2c3d4e5f60718/patient-letter').set(users.admin.auth);
    expect(res.status).to.equal(404);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
  });
});
