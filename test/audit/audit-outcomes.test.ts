/**
 * The audit trail says how each access ended, as the response did: a success, a refusal with its
 * problem code, or an error. Entries are read right after the response, as an auditor would.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { makeUsers } from '../support/app.js';
import { evidenceApp, openCase, upload, sha256 } from '../evidence/support.js';
import { preparedCase } from '../packets/packet-support.js';
import { auditTrail, recordAudit } from '../../server/audit/index.js';
import { AuditEventModel } from '../../server/audit/audit.model.js';
import { makeWebUser, signedInAgent } from '../web/web-support.js';

describe('audit outcomes', function () {
  this.timeout(120_000);
  const { app, http, config } = evidenceApp();
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => (users = await makeUsers()));

  /** The entries written for one request, found by the request id it answered with. */
  async function entriesOf(res: { headers: Record<string, string> }, caseId: string) {
    const requestId = res.headers['x-request-id'];
    return (await auditTrail({ caseId })).filter((e) => e.requestId === requestId);
  }

  it('when a case is read, then its entry says success and names no problem', async () => {
    const caseId = await openCase(http, users.billing);
    const res = await http.get(`/api/v1/cases/${caseId}`).set(users.director.auth);
    expect(res.status).to.equal(200);
    const [entry, ...more] = await entriesOf(res, caseId);
    expect(more).to.deep.equal([]);
    expect(entry).to.include({ action: 'case.read', outcome: 'success', actorId: users.director.id });
    expect(entry).to.not.have.property('problemCode');
  });

  it('when a P2P request is refused with 422, then the read it made is recorded as refused with the code', async () => {
    const caseId = await openCase(http, users.billing);
    const res = await http
      .post(`/api/v1/cases/${caseId}/p2p`)
      .set(users.billing.auth)
      .send({ physicianId: users.clinician.id });
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('NO_P2P_WINDOW');
    const entries = await entriesOf(res, caseId);
    expect(entries.map((e) => [e.action, e.outcome, e.problemCode])).to.deep.equal([
      ['p2p.request', 'refused', 'NO_P2P_WINDOW'],
    ]);
  });

  it('when a page form is refused, then the read showing the refusal is recorded refused with its code', async () => {
    const billing = await makeWebUser('billing');
    const caseId = await openCase(http, billing);
    const { agent, csrf } = await signedInAgent(app, billing);
    const res = await agent
      .post(`/cases/${caseId}/deadline-overrides`)
      .type('form')
      .send({ _csrf: csrf, version: '0', kind: 'filing', dueDate: '2027-01-15', reason: '' });
    expect(res.status).to.equal(400);
    const entries = await entriesOf(res, caseId);
    expect(entries.length).to.be.greaterThan(0);
    for (const e of entries) expect([e.outcome, e.problemCode]).to.deep.equal(['refused', 'VALIDATION_FAILED']);
  });

  it('when a submission is refused with 400, then its entry is refused with VALIDATION_FAILED', async () => {
    const prepared = await preparedCase(http, users.billing, users.admin);
    const packet = await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.billing.auth).send({});
    expect(packet.status, JSON.stringify(packet.body)).to.equal(201);
    const res = await http
      .post(`/api/v1/cases/${prepared.caseId}/packets/${packet.body.id}/submission`)
      .set(users.billing.auth)
      // The test clock stands at 2026-11-23 14:00 UTC: a submission a day later is in the future.
      .send({ method: 'fax', submittedAt: '2026-11-24T14:00:00Z' });
    expect(res.status, JSON.stringify(res.body)).to.equal(400);
    const entries = await entriesOf(res, prepared.caseId);
    expect(entries.map((e) => [e.action, e.outcome, e.problemCode])).to.deep.equal([
      ['packet.submit', 'refused', 'VALIDATION_FAILED'],
    ]);
  });

  it('when a download fails because the stored file is gone, then its entry says error', async () => {
    const caseId = await openCase(http, users.billing);
    const bytes = Buffer.from(`Progress note ${caseId}\n`);
    const up = await upload(http, caseId, users.billing, {
      bytes,
      filename: 'note.txt',
      contentType: 'text/plain',
      title: 'Note',
      kind: 'progress_note',
      date: '2026-10-01',
    });
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    await fs.rm(path.join(config.uploadDir, sha256(bytes).slice(0, 2), sha256(bytes)));
    const res = await http.get(`/api/v1/cases/${caseId}/documents/${up.body.id}/content`).set(users.billing.auth);
    expect(res.status).to.equal(500);
    const entries = await entriesOf(res, caseId);
    expect(entries.map((e) => [e.action, e.outcome, e.problemCode])).to.deep.equal([
      ['document.download', 'error', 'INTERNAL'],
    ]);
  });

  it('outside a request (a CLI, a job), an access is written at once, as a success', async () => {
    const caseId = await openCase(http, users.billing);
    await recordAudit({ actor: users.admin, action: 'case.read', entityType: 'case', entityId: caseId, caseId });
    const [entry] = await auditTrail({ caseId, actorId: users.admin.id });
    expect(entry).to.include({ action: 'case.read', outcome: 'success' });
    expect(entry).to.not.have.property('requestId');
  });

  it(
    'when cases are listed, then the request writes one entry naming every case shown, ' +
      'and each case’s trail includes it',
    async () => {
      const shown = [await openCase(http, users.billing), await openCase(http, users.billing)];
      const res = await http.get('/api/v1/cases').query({ limit: 100 }).set(users.billing.auth);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const listed: string[] = res.body.cases.map((c: { id: string }) => c.id);
      expect(listed).to.include.members(shown);
      const written = await AuditEventModel.find({ requestId: res.headers['x-request-id'] }).lean();
      expect(written).to.have.length(1);
      expect(written[0]).to.include({ action: 'case.list', outcome: 'success', actorId: users.billing.id });
      expect(written[0].caseIds).to.have.members(listed);
      for (const caseId of shown)
        expect((await entriesOf(res, caseId)).map((e) => String(e._id))).to.deep.equal([String(written[0]._id)]);
    },
  );
});
