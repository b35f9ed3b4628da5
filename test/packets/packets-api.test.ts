import { expect } from 'chai';
import fs from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';
import { testApp, makeUsers, makeUser, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { loadTestConfig } from '../../server/config.js';
import { BUILTIN_TEMPLATES } from '../../server/packets/index.js';
import { PacketModel } from '../../server/packets/packet.model.js';
import { auditTrail } from '../../server/audit/index.js';
import { pdfPagesText } from './pdf-text.js';
import { preparedCase, binary } from './packet-support.js';

const uploadDir = loadTestConfig().uploadDir;

async function packetFiles(): Promise<string[]> {
  try {
    return (await fs.readdir(path.join(uploadDir, 'packets'))).sort();
  } catch {
    return [];
  }
}

describe('appeal packets', function () {
  this.timeout(120_000);
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });

  async function download(http: ReturnType<typeof testApp>['http'], user: TestUser, caseId: string, packetId: string) {
    const res = await http
      .get(`/api/v1/cases/${caseId}/packets/${packetId}/pdf`)
      .set(user.auth)
      .buffer(true)
      .parse(binary);
    expect(res.status).to.equal(200);
    return res;
  }

  for (const template of BUILTIN_TEMPLATES) {
    it(
      `${template}: the PDF names the patient, claim, codes, each criterion it argues with ` +
        `its citation and each enclosure, and the index pages are true`,
      async () => {
        const { http } = testApp();
        const prepared = await preparedCase(http, users.billing, users.admin);
        const res = await http
          .post(`/api/v1/cases/${prepared.caseId}/packets`)
          .set(users.billing.auth)
          .send({ template });
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        expect(res.body).to.include({ version: 1, template });
        expect(res.body.sha256).to.match(/^[0-9a-f]{64}$/);

        const pdf = await download(http, users.billing, prepared.caseId, res.body.id);
        const pages = await pdfPagesText(pdf.body as Buffer);
        const letter = pages.slice(0, res.body.letterPages).join('\n').replace(/\s+/g, ' ');
        for (const expected of [
          'Maria Alvarez',
          'CLM-77310045',
          '72148',
          'M54.16',
          'M51.26',
          'XJH884512',
          // A timely-filing letter argues proof of submission, never clinical criteria.
          ...(template === 'timely_filing' ? [] : prepared.citations),
          ...prepared.documents.map((d) => d.title),
        ]) {
          expect(letter, `letter lacks ${expected}`).to.include(expected);
        }
        // pageCount = letter pages + index pages + Σ exhibit pages
        const exhibitPages = res.body.exhibits.reduce((s: number, e: { pageCount: number }) => s + e.pageCount, 0);
        expect(res.body.pageCount).to.equal(res.body.letterPages + res.body.indexPages + exhibitPages);
        expect(pages).to.have.length(res.body.pageCount);
        expect(exhibitPages).to.equal(3 + 1 + 1);

        const index = pages[res.body.letterPages].replace(/\s+/g, ' ');
        prepared.documents.forEach((doc, k) => {
          const { startPage, pageCount } = res.body.exhibits[k];
          expect(pages[startPage - 1], `exhibit ${k + 1} must start on page ${startPage}`).to.include(doc.marker);
          expect(pages[startPage - 2]).not.to.include(doc.marker);
          expect(index).to.match(new RegExp(`${k + 1} ${doc.title} .*? ${pageCount} ${startPage}\\b`));
        });
      },
    );
  }

  it(
    'regenerating with the same clock gives byte-identical PDFs as new versions; ' + 'an edit gives a different one',
    async () => {
      const { http } = testApp();
      const prepared = await preparedCase(http, users.clinician, users.admin, {
        treatingClinician: { name: 'Dr. Priya Natarajan', npi: '1234567893', userId: users.clinician.id },
      });
      const v1 = await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.clinician.auth).send({});
      const v2 = await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.clinician.auth).send({});
      expect([v1.status, v2.status]).to.deep.equal([201, 201]);
      expect([v1.body.version, v2.body.version]).to.deep.equal([1, 2]);
      expect(v2.body.sha256).to.equal(v1.body.sha256);
      const [a, b] = [
        await download(http, users.clinician, prepared.caseId, v1.body.id),
        await download(http, users.clinician, prepared.caseId, v2.body.id),
      ];
      expect((a.body as Buffer).equals(b.body as Buffer)).to.equal(true);
      expect(await packetFiles()).to.include(`${v1.body.sha256}.pdf`);

      const current = await http.get(`/api/v1/cases/${prepared.caseId}`).set(users.clinician.auth);
      const edited = await http
        .patch(`/api/v1/cases/${prepared.caseId}`)
        .set(users.clinician.auth)
        .send({ version: current.body.version, narrative: { request: 'Approve the MRI and pay the claim in full.' } });
      expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
      const v3 = await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.clinician.auth).send({});
      expect(v3.body.version).to.equal(3);
      expect(v3.body.caseVersion).to.equal(edited.body.version);
      expect(v3.body.sha256).not.to.equal(v1.body.sha256);

      const list = await http.get(`/api/v1/cases/${prepared.caseId}/packets`).set(users.director.auth);
      expect(list.status).to.equal(200);
      expect(list.body.packets.map((p: { version: number }) => p.version)).to.deep.equal([3, 2, 1]);
    },
  );

  it(
    'encloses the documents asked for, in that order, and moves a case gathering ' + 'evidence to appeal drafted',
    async () => {
      const { http } = testApp();
      const prepared = await preparedCase(http, users.billing, users.admin);
      const ids = [prepared.documents[2].id, prepared.documents[0].id];
      const res = await http
        .post(`/api/v1/cases/${prepared.caseId}/packets`)
        .set(users.billing.auth)
        .send({ documentIds: ids });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.documentIds).to.deep.equal(ids);
      expect(res.body.exhibits.map((e: { title: string }) => e.title)).to.deep.equal([
        prepared.documents[2].title,
        prepared.documents[0].title,
      ]);
      const got = await http.get(`/api/v1/cases/${prepared.caseId}`).set(users.billing.auth);
      expect(got.body.status).to.equal('appeal_drafted');
      expect(got.body.timeline.at(-1).note).to.match(
        /Appeal packet v1 generated: Medical necessity letter, \d+ pages, 2 exhibit\(s\)\./,
      );
    },
  );

  it(
    'submission records how, when and the confirmation, moves the case to submitted ' +
      'with a decision deadline, and only once',
    async () => {
      const { http, clock } = testApp();
      const prepared = await preparedCase(http, users.billing, users.admin);
      const packet = await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.billing.auth).send({});
      // Back to gathering evidence, so submission has to pass through appeal_drafted: two version-checked moves.
      const drafted = await http.get(`/api/v1/cases/${prepared.caseId}`).set(users.billing.auth);
      await http
        .post(`/api/v1/cases/${prepared.caseId}/transitions`)
        .set(users.billing.auth)
        .send({ version: drafted.body.version, to: 'gathering_evidence' })
        .expect(200);
      clock.advance(3_600_000);
      const body = { method: 'fax', submittedAt: '2026-11-23T14:30:00Z', confirmationNumber: 'FX-88231' };
      const res = await http
        .post(`/api/v1/cases/${prepared.caseId}/packets/${packet.body.id}/submission`)
        .set(users.billing.auth)
        .send(body);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.caseStatus).to.equal('submitted');
      expect(res.body.packet.submission).to.include({
        method: 'fax',
        confirmationNumber: 'FX-88231',
        submittedAt: '2026-11-23T14:30:00.000Z',
      });

      const got = await http.get(`/api/v1/cases/${prepared.caseId}`).set(users.billing.auth);
      expect(got.body.status).to.equal('submitted');
      expect(got.body.submittedAt).to.equal('2026-11-23T14:30:00.000Z');
      const decision = got.body.deadlines.find((d: { kind: string }) => d.kind === 'decision');
      expect(decision, JSON.stringify(got.body.deadlines)).to.exist;
      // ERISA post-service appeal: 60 days from receipt (29 CFR 2560.503-1(i)).
      expect(decision.dueDate).to.equal('2027-01-22');
      const moves = got.body.timeline.filter((t: { type: string }) => t.type === 'status_changed').slice(-2);
      expect(moves.map((t: { toStatus: string }) => t.toStatus)).to.deep.equal(['appeal_drafted', 'submitted']);
      expect(moves[1].note).to.include('submitted by fax; confirmation FX-88231');

      const again = await http
        .post(`/api/v1/cases/${prepared.caseId}/packets/${packet.body.id}/submission`)
        .set(users.billing.auth)
        .send(body);
      expect(again.status).to.equal(409);
      expect(again.body.code).to.equal('ALREADY_SUBMITTED');
      expect(again.headers['content-type']).to.match(/application\/problem\+json/);
    },
  );

  it('when the count of versions is missing or behind the packets stored, the next follows the highest', async () => {
    const { http } = testApp();
    const prepared = await preparedCase(http, users.billing, users.admin);
    const generate = () => http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.billing.auth).send({});
    expect([(await generate()).status, (await generate()).status]).to.deep.equal([201, 201]);
    const counts = mongoose.connection.collection('packet_versions');
    const caseKey = { _id: new mongoose.Types.ObjectId(prepared.caseId) };
    // A database from before the count existed: the packets are there, their count is not.
    await counts.deleteMany(caseKey);
    const third = await generate();
    // A count left behind (its write failed after the packet was kept).
    await counts.updateOne(caseKey, { $set: { last: 1 } });
    const fourth = await generate();
    const fifth = await generate();
    expect([third.body.version, fourth.body.version, fifth.body.version]).to.deep.equal([3, 4, 5]);
    const list = await http.get(`/api/v1/cases/${prepared.caseId}/packets`).set(users.billing.auth);
    expect(list.body.packets.map((p: { version: number }) => p.version)).to.deep.equal([5, 4, 3, 2, 1]);
  });

  it(
    'when two generations race, each gets its own version; when two submissions ' + 'race, exactly one is recorded',
    async () => {
      const { http } = testApp();
      const prepared = await preparedCase(http, users.billing, users.admin);
      const first = await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.billing.auth).send({});
      expect(first.status).to.equal(201);
      const raced = await Promise.all(
        [1, 2, 3].map(() => http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.billing.auth).send({})),
      );
      expect(raced.map((r) => r.status)).to.deep.equal([201, 201, 201]);
      expect(raced.map((r) => r.body.version).sort()).to.deep.equal([2, 3, 4]);

      const body = { method: 'portal', submittedAt: '2026-11-23T14:00:00Z', confirmationNumber: 'PRT-1' };
      const submissions = await Promise.all(
        [first, ...raced].map((p) =>
          http
            .post(`/api/v1/cases/${prepared.caseId}/packets/${p.body.id}/submission`)
            .set(users.billing.auth)
            .send(body),
        ),
      );
      expect(submissions.map((r) => r.status).sort()).to.deep.equal([201, 409, 409, 409]);
      expect(await PacketModel.countDocuments({ caseId: prepared.caseId, submission: { $exists: true } })).to.equal(1);
      const got = await http.get(`/api/v1/cases/${prepared.caseId}`).set(users.billing.auth);
      expect(got.body.status).to.equal('submitted');
      expect(got.body.timeline.filter((t: { toStatus?: string }) => t.toStatus === 'submitted')).to.have.length(1);
    },
  );

  it('refuses a submission dated in the future or before the packet existed, and leaves the case alone', async () => {
    const { http } = testApp();
    const prepared = await preparedCase(http, users.billing, users.admin);
    const packet = await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.billing.auth).send({});
    for (const submittedAt of ['2026-11-24T09:00:00Z', '2026-11-20T09:00:00Z']) {
      const res = await http
        .post(`/api/v1/cases/${prepared.caseId}/packets/${packet.body.id}/submission`)
        .set(users.billing.auth)
        .send({ method: 'portal', submittedAt });
      expect(res.status).to.equal(400);
    }
    expect((await PacketModel.findById(packet.body.id).lean())!.submission).to.equal(undefined);
    expect((await http.get(`/api/v1/cases/${prepared.caseId}`).set(users.billing.auth)).body.status).to.equal(
      'appeal_drafted',
    );
  });

  it(
    'roles: a medical director reads, previews and downloads but neither generates ' +
      'nor submits; a clinician sees only own cases',
    async () => {
      const { http } = testApp();
      const prepared = await preparedCase(http, users.billing, users.admin);
      const packet = await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.billing.auth).send({});
      expect(
        (await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.director.auth).send({})).status,
      ).to.equal(403);
      expect(
        (
          await http
            .post(`/api/v1/cases/${prepared.caseId}/packets/${packet.body.id}/submission`)
            .set(users.director.auth)
            .send({ method: 'fax', submittedAt: '2026-11-23T14:00:00Z' })
        ).status,
      ).to.equal(403);
      expect((await http.get(`/api/v1/cases/${prepared.caseId}/packets`).set(users.director.auth)).status).to.equal(
        200,
      );
      expect(
        (await http.get(`/api/v1/cases/${prepared.caseId}/packets/${packet.body.id}/preview`).set(users.director.auth))
          .status,
      ).to.equal(200);
      expect(
        (await http.get(`/api/v1/cases/${prepared.caseId}/packets/${packet.body.id}/pdf`).set(users.director.auth))
          .status,
      ).to.equal(200);
      const stranger = await makeUser('clinician');
      expect((await http.get(`/api/v1/cases/${prepared.caseId}/packets`).set(stranger.auth)).status).to.equal(404);
      expect(
        (await http.get(`/api/v1/cases/${prepared.caseId}/packets/${packet.body.id}/pdf`).set(stranger.auth)).status,
      ).to.equal(404);
      expect((await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(stranger.auth).send({})).status).to.equal(
        404,
      );
      expect((await http.get(`/api/v1/cases/${prepared.caseId}/packets`)).status).to.equal(401);
    },
  );

  it('the download is named by reference and version, never the patient, and is audited', async () => {
    const { http } = testApp();
    const prepared = await preparedCase(http, users.billing, users.admin);
    const packet = await http.post(`/api/v1/cases/${prepared.caseId}/packets`).set(users.billing.auth).send({});
    const res = await download(http, users.admin, prepared.caseId, packet.body.id);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['content-disposition']).to.equal(
      `attachment; filename=${packet.body.reference}-appeal-packet-v1.pdf`,
    );
    expect((res.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
    const trail = await auditTrail({ caseId: prepared.caseId });
    expect(
      trail.some(
        (e) => e.action === 'packet.download' && e.actorId === users.admin.id && e.entityId === packet.body.id,
      ),
    ).to.equal(true);
    expect(trail.some((e) => e.action === 'packet.generate' && e.actorId === users.billing.id)).to.equal(true);
  });

  it('when the case has no appeals address or fax of its own, then the letter takes its payer profile’s', async () => {
    const { http } = testApp();
    const payer = await http
      .post('/api/v1/payers')
      .set(users.billing.auth)
      .send({
        name: `Northwind Health ${Date.now()}`,
        appealsAddress: { line1: 'Appeals Unit, PO Box 7710', city: 'Columbus', state: 'OH', postalCode: '43218' },
        fax: '614-555-0199',
      });
    expect(payer.status, JSON.stringify(payer.body)).to.equal(201);
    const base = caseBody();
    const { appealsAddress: _address, fax: _fax, ...payerWithoutAddress } = base.payer;
    const prepared = await preparedCase(http, users.billing, users.admin, {
      payer: { ...payerWithoutAddress, profileId: payer.body._id },
    });
    const draft = await http.get(`/api/v1/cases/${prepared.caseId}/packets/preview`).set(users.billing.auth);
    expect(draft.status).to.equal(200);
    expect(draft.text)
      .to.contain('Appeals Unit, PO Box 7710')
      .and.contain('Columbus, OH 43218')
      .and.contain('614-555-0199');
  });

  it('previews the draft letter as escaped HTML under a strict CSP, and the stored letter as generated', async () => {
    const { http } = testApp();
    const prepared = await preparedCase(http, users.billing, users.admin, {
      patient: {
        firstName: 'Maria',
        lastName: 'Alvarez <img src=x onerror=alert(1)>',
        dateOfBirth: '1961-04-12',
        sex: 'female',
        mrn: 'MRN-7',
      },
    });
    const draft = await http
      .get(`/api/v1/cases/${prepared.caseId}/packets/preview?template=timely_filing`)
      .set(users.billing.auth);
    expect(draft.status).to.equal(200);
    expect(draft.headers['content-type']).to.match(/^text\/html/);
    expect(draft.headers['content-security-policy']).to.match(/^default-src 'none'; style-src 'sha256-/);
    expect(draft.headers['cache-control']).to.equal('no-store');
    expect(draft.text).to.include('Alvarez &#60;img src&#61;x onerror&#61;alert(1)&#62;');
    expect(draft.text).not.to.include('<img');
    expect(draft.text).to.include('Proof of timely filing');
    expect(draft.text).to.include('Draft preview');

    const packet = await http
      .post(`/api/v1/cases/${prepared.caseId}/packets`)
      .set(users.billing.auth)
      .send({ template: 'p2p_request' });
    const stored = await http
      .get(`/api/v1/cases/${prepared.caseId}/packets/${packet.body.id}/preview`)
      .set(users.billing.auth);
    expect(stored.status).to.equal(200);
    expect(stored.text).to.include('Packet v1');
    expect(stored.text).to.include('peer-to-peer conversation');
  });

  describe('bad input stores nothing', () => {
    it('an unknown template is 422 and leaves no packet and no file', async () => {
      const { http } = testApp();
      const prepared = await preparedCase(http, users.billing, users.admin);
      const filesBefore = await packetFiles();
      const res = await http
        .post(`/api/v1/cases/${prepared.caseId}/packets`)
        .set(users.billing.auth)
        .send({ template: 'no_such_letter' });
      expect(res.status).to.equal(422);
      expect(res.body.code).to.equal('UNKNOWN_TEMPLATE');
      expect(await PacketModel.countDocuments({ caseId: prepared.caseId })).to.equal(0);
      expect(await packetFiles()).to.deep.equal(filesBefore);
      expect((await http.get(`/api/v1/cases/${prepared.caseId}`).set(users.billing.auth)).body.status).to.equal(
        'gathering_evidence',
      );
    });

    it('a document of another case is refused, naming the field, and nothing is stored', async () => {
      const { http } = testApp();
      const mine = await preparedCase(http, users.billing, users.admin);
      const other = await preparedCase(http, users.billing, users.admin);
      const filesBefore = await packetFiles();
      const res = await http
        .post(`/api/v1/cases/${mine.caseId}/packets`)
        .set(users.billing.auth)
        .send({ documentIds: [mine.documents[0].id, other.documents[1].id] });
      expect(res.status).to.equal(400);
      expect(res.body.errors).to.deep.equal([
        { field: 'body.documentIds.1', message: 'is not a document of this case' },
      ]);
      expect(await PacketModel.countDocuments({ caseId: mine.caseId })).to.equal(0);
      expect(await packetFiles()).to.deep.equal(filesBefore);
    });

    it('unknown fields, bad ids and a bad submission method are 400', async () => {
      const { http } = testApp();
      const created = await http.post('/api/v1/cases').set(users.billing.auth).send(caseBody());
      expect(
        (
          await http
            .post(`/api/v1/cases/${created.body.id}/packets`)
            .set(users.billing.auth)
            .send({ template: 'medical_necessity', pages: 3 })
        ).status,
      ).to.equal(400);
      expect(
        (
          await http
            .post(`/api/v1/cases/${created.body.id}/packets`)
            .set(users.billing.auth)
            .send({ documentIds: ['../../etc/passwd'] })
        ).status,
      ).to.equal(400);
      expect(
        (
          await http
            .post(`/api/v1/cases/${created.body.id}/packets/665f1c2e8a1b2c3d4e5f6071/submission`)
            .set(users.billing.auth)
            .send({ method: 'pigeon', submittedAt: '2026-11-23T14:00:00Z' })
        ).status,
      ).to.equal(400);
      expect(
        (
          await http
            .post(`/api/v1/cases/${created.body.id}/packets/665f1c2e8a1b2c3d4e5f6071/submission`)
            .set(users.billing.auth)
            .send({ method: 'fax', submittedAt: '2026-11-23T14:00:00Z' })
        ).status,
      ).to.equal(404);
    });
  });
});
