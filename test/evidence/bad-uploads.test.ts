import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { makeUsers, type TestUser } from '../support/app.js';
import {
  evidenceApp,
  openCase,
  notePdf,
  PROGRESS_NOTE,
  upload,
  fixture,
  sha256,
  filesUnder,
  waitFor,
  multipartBody,
  NOTE_FIELDS,
  type Http,
} from './support.js';
import { DocumentPageModel } from '../../server/evidence/evidence-document.model.js';

/** 96 KB per request, 64 KB per file: small enough to exceed cheaply. */
const LIMITS = { uploadMaxFileBytes: 64 * 1024, uploadMaxRequestBytes: 96 * 1024 };

describe('evidence: refused uploads leave nothing behind', () => {
  const { app, http: api, config } = evidenceApp(LIMITS);
  const tmp = path.join(config.uploadDir, 'tmp');
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });

  /**
   * Copies of `bytes` (whole or partial) left in the temporary area. Other test runs may share
   * the upload directory, so only files holding these very bytes count as this upload's.
   */
  async function leftovers(bytes: Buffer): Promise<string[]> {
    const found: string[] = [];
    for (const name of await filesUnder(tmp)) {
      const content = await fs.readFile(path.join(tmp, name)).catch(() => Buffer.alloc(0));
      if (content.length && content.length <= bytes.length && bytes.subarray(0, content.length).equals(content))
        found.push(name);
    }
    return found;
  }

  /** What a user (and an operator) would check after a refusal: no document, no page text, no file. */
  async function expectNothingStored(caseId: string, bytes?: Buffer) {
    if (bytes) {
      await waitFor(async () => (await leftovers(bytes)).length === 0, 'the temporary copy to be removed');
      await fs.access(path.join(config.uploadDir, sha256(bytes).slice(0, 2), sha256(bytes))).then(
        () => expect.fail('the refused file was stored'),
        () => undefined,
      );
    }
    const list = await api.get(`/api/v1/cases/${caseId}/documents`).set(users.billing.auth);
    expect(list.body.documents).to.deep.equal([]);
    expect(await DocumentPageModel.countDocuments({ caseId })).to.equal(0);
  }

  async function refused(
    caseId: string,
    send: () => Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }>,
    status: number,
    bytes?: Buffer,
  ) {
    const res = await send();
    expect(res.status, JSON.stringify(res.body)).to.equal(status);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    await expectNothingStored(caseId, bytes);
    return res.body;
  }

  const elf = () =>
    Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), crypto.randomBytes(2048)]);

  it(
    'when an executable is renamed note.pdf and sent as application/pdf, then ' +
      '415 names what the bytes are, not the file',
    async () => {
      const caseId = await openCase(api, users.billing);
      const bytes = elf();
      const body = await refused(
        caseId,
        () =>
          upload(api, caseId, users.billing, {
            bytes,
            filename: 'Alvarez-note.pdf',
            contentType: 'application/pdf',
            title: 'Progress note',
            kind: 'progress_note',
            date: '2026-10-01',
          }),
        415,
        bytes,
      );
      expect(body.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
      expect(body.detail).to.include('application/x-elf');
      expect(body.detectedType).to.equal('application/x-elf');
      expect(JSON.stringify(body)).not.to.include('Alvarez');
    },
  );

  it('when a PNG is sent as application/pdf, then 415 says it was declared a PDF but is a PNG image', async () => {
    const caseId = await openCase(api, users.billing);
    // unique bytes: trailing data after IEND
    const png = Buffer.concat([await fixture('scanned-log.png'), crypto.randomBytes(16)]);
    const body = await refused(
      caseId,
      () =>
        upload(api, caseId, users.billing, {
          bytes: png,
          filename: 'scan.pdf',
          contentType: 'application/pdf',
          title: 'Scan',
          kind: 'other',
          date: '2026-10-01',
        }),
      415,
      png,
    );
    expect(body.detail).to.equal('The file was sent as application/pdf, but its content is a PNG image (image/png)');
  });

  it('when the file is empty, then it is refused with 422', async () => {
    const caseId = await openCase(api, users.billing);
    const body = await refused(
      caseId,
      () =>
        upload(api, caseId, users.billing, {
          bytes: Buffer.alloc(0),
          filename: 'note.txt',
          contentType: 'text/plain',
          title: 'Note',
          kind: 'other',
          date: '2026-10-01',
        }),
      422,
    );
    expect(body.code).to.equal('EMPTY_FILE');
  });

  it('when a PDF is cut off before its end-of-file marker, or halfway, then it is refused with 422', async () => {
    const caseId = await openCase(api, users.billing);
    const pdf = await notePdf([[...PROGRESS_NOTE[0], crypto.randomUUID()], PROGRESS_NOTE[1]]);
    const tail = pdf.subarray(0, pdf.length - 40);
    const body = await refused(
      caseId,
      () =>
        upload(api, caseId, users.billing, {
          bytes: tail,
          title: 'Progress note',
          kind: 'progress_note',
          date: '2026-10-01',
        }),
      422,
      tail,
    );
    expect(body.code).to.equal('INCOMPLETE_PDF');
    // Cut halfway but given a plausible ending: the structure itself is unreadable.
    const half = Buffer.concat([pdf.subarray(0, Math.floor(pdf.length / 2)), Buffer.from('\n%%EOF\n')]);
    const damaged = await refused(
      caseId,
      () =>
        upload(api, caseId, users.billing, {
          bytes: half,
          title: 'Progress note',
          kind: 'progress_note',
          date: '2026-10-01',
        }),
      422,
      half,
    );
    expect(damaged.code).to.equal('UNREADABLE_PDF');
  });

  it('when a PNG scan is cut off in transfer, then it is refused with 422', async () => {
    const caseId = await openCase(api, users.billing);
    const png = await fixture('scanned-log.png');
    const cut = png.subarray(0, png.length - 30);
    const body = await refused(
      caseId,
      () =>
        upload(api, caseId, users.billing, {
          bytes: cut,
          filename: 'scan.png',
          contentType: 'image/png',
          title: 'Scan',
          kind: 'other',
          date: '2026-10-01',
        }),
      422,
      cut,
    );
    expect(body.code).to.equal('DAMAGED_IMAGE');
  });

  it(
    'when the file is over the per-file limit, then 413, and nothing is kept ' + 'of the part already received',
    async () => {
      const caseId = await openCase(api, users.billing);
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(80 * 1024)]);
      const body = await refused(
        caseId,
        () => upload(api, caseId, users.billing, { bytes: big, title: 'Big', kind: 'other', date: '2026-10-01' }),
        413,
        big,
      );
      expect(body.detail).to.equal('The file is larger than the 64 KB limit');
    },
  );

  it(
    'when the whole request is over the per-request limit, then 413 from its ' + 'length, before any of it is stored',
    async () => {
      const caseId = await openCase(api, users.billing);
      const big = crypto.randomBytes(150 * 1024);
      const { contentType, body } = multipartBody([
        ...NOTE_FIELDS,
        { name: 'file', file: { filename: 'big.pdf', bytes: big } },
      ]);
      const problem = await refused(
        caseId,
        () =>
          api
            .post(`/api/v1/cases/${caseId}/documents`)
            .set(users.billing.auth)
            .set('Content-Type', contentType)
            .send(body),
        413,
        big,
      );
      expect(problem.detail).to.equal('The upload is larger than the 96 KB limit per request');
    },
  );

  it(
    'when the file name carries a path, then the file is stored by its hash inside ' +
      'uploads and nothing is written where the path points',
    async () => {
      const caseId = await openCase(api, users.billing);
      for (const filename of ['../../etc/passwd', 'C:\\x\\note.pdf', '..\\..\\..\\tmp\\x.pdf']) {
        const pdf = await notePdf([[`Note sent as ${filename} ${crypto.randomUUID()}`]]);
        const { contentType, body } = multipartBody([
          ...NOTE_FIELDS,
          { name: 'file', file: { filename, contentType: 'application/octet-stream', bytes: pdf } },
        ]);
        const res = await api
          .post(`/api/v1/cases/${caseId}/documents`)
          .set(users.billing.auth)
          .set('Content-Type', contentType)
          .send(body);
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        const stored = path.join(config.uploadDir, res.body.sha256.slice(0, 2), res.body.sha256);
        expect(res.body.sha256).to.equal(sha256(pdf));
        expect((await fs.readFile(stored)).equals(pdf)).to.equal(true);
        expect(JSON.stringify(res.body)).not.to.match(/passwd|note\.pdf|x\.pdf/);
      }
      for (const target of [
        path.resolve(config.uploadDir, '../../etc/passwd'),
        path.resolve(config.uploadDir, 'C:\\x\\note.pdf'),
        path.resolve(config.uploadDir, '..', 'x', 'note.pdf'),
      ]) {
        await fs.access(target).then(
          () => expect.fail(`${target} was written`),
          () => undefined,
        );
      }
      expect((await filesUnder(config.uploadDir)).filter((f) => /passwd|note\.pdf|x\.pdf/.test(f))).to.deep.equal([]);
    },
  );

  it(
    'when the client goes away in the middle of the file, then the partial file ' + 'is removed and no record is made',
    async () => {
      const caseId = await openCase(api, users.billing);
      const fileBytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(60 * 1024)]);
      const { contentType, body } = multipartBody([
        ...NOTE_FIELDS,
        { name: 'file', file: { filename: 'note.pdf', contentType: 'application/pdf', bytes: fileBytes } },
      ]);
      const server = app.listen(0);
      try {
        const { port } = server.address() as AddressInfo;
        const req = http.request({
          port,
          method: 'POST',
          path: `/api/v1/cases/${caseId}/documents`,
          headers: { ...users.billing.auth, 'Content-Type': contentType, 'Content-Length': body.length },
        });
        req.on('error', () => undefined); // the socket is destroyed on purpose
        req.write(body.subarray(0, body.length - 20 * 1024));
        await waitFor(
          async () =>
            (
              await Promise.all((await filesUnder(tmp)).map((f) => fs.stat(path.join(tmp, f)).then((s) => s.size)))
            ).some((size) => size > 0),
          'the partial file to reach the temporary area',
        );
        req.destroy();
        await expectNothingStored(caseId, fileBytes);
      } finally {
        server.close();
      }
    },
  );

  it('when the kind or date is wrong, then 400 lists each field and nothing is stored', async () => {
    const caseId = await openCase(api, users.billing);
    const pdf = await notePdf([[`Note ${crypto.randomUUID()}`]]);
    const body = await refused(
      caseId,
      () => upload(api, caseId, users.billing, { bytes: pdf, title: '', kind: 'xray', date: '2026-02-30' }),
      400,
      pdf,
    );
    expect((body.errors as { field: string }[]).map((e) => e.field).sort()).to.deep.equal([
      'body.date',
      'body.kind',
      'body.title',
    ]);
    const future = await refused(
      caseId,
      () =>
        upload(api, caseId, users.billing, { bytes: pdf, title: 'Note', kind: 'progress_note', date: '2026-11-24' }),
      400,
      pdf,
    );
    expect(future.errors).to.deep.equal([{ field: 'body.date', message: "'date' is after today" }]);
  });

  it('when the request is not multipart, has no file, or has two, then it is refused with 415 or 400', async () => {
    const caseId = await openCase(api, users.billing);
    const json = await refused(
      caseId,
      () =>
        api
          .post(`/api/v1/cases/${caseId}/documents`)
          .set(users.billing.auth)
          .send({ title: 'x', kind: 'other', date: '2026-10-01' }),
      415,
    );
    expect(json.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
    const noFile = await refused(
      caseId,
      () =>
        api
          .post(`/api/v1/cases/${caseId}/documents`)
          .set(users.billing.auth)
          .field('title', 'x')
          .field('kind', 'other')
          .field('date', '2026-10-01'),
      400,
    );
    expect(noFile.errors).to.deep.equal([{ field: 'body.file', message: 'attach the file in a field named "file"' }]);
    const pdf = await notePdf([[`Note ${crypto.randomUUID()}`]]);
    const { contentType, body } = multipartBody([
      ...NOTE_FIELDS,
      { name: 'file', file: { filename: 'a.pdf', bytes: pdf } },
      { name: 'file', file: { filename: 'b.pdf', bytes: pdf } },
    ]);
    const two = await refused(
      caseId,
      () =>
        api
          .post(`/api/v1/cases/${caseId}/documents`)
          .set(users.billing.auth)
          .set('Content-Type', contentType)
          .send(body),
      400,
      pdf,
    );
    expect(two.detail).to.equal('Send exactly one file, in the field named "file"');
    const { contentType: ct2, body: broken } = multipartBody([
      ...NOTE_FIELDS,
      { name: 'file', file: { filename: 'a.pdf', bytes: pdf } },
    ]);
    const cutForm = await refused(
      caseId,
      () =>
        api
          .post(`/api/v1/cases/${caseId}/documents`)
          .set(users.billing.auth)
          .set('Content-Type', ct2)
          .send(broken.subarray(0, broken.length - 30)),
      400,
      pdf,
    );
    expect(cutForm.code).to.equal('MALFORMED_UPLOAD');
  });

  it(
    'when two identical uploads to one case race, then one is stored and the ' +
      'other is refused with 409, with no orphaned text',
    async () => {
      const caseId = await openCase(api, users.billing);
      const pdf = await notePdf([[`Race ${crypto.randomUUID()}`], ['second page']]);
      const send = () =>
        upload(api, caseId, users.billing, {
          bytes: pdf,
          title: 'Note',
          kind: 'progress_note',
          date: '2026-10-01',
        }).then((r) => r.status);
      const statuses = await Promise.all([send(), send(), send()]);
      expect(statuses.sort()).to.deep.equal([201, 409, 409]);
      await waitFor(async () => (await leftovers(pdf)).length === 0, 'the temporary copies to be removed');
      expect(await DocumentPageModel.countDocuments({ caseId })).to.equal(2);
    },
  );

  describe('who may upload and read', () => {
    let outsider: TestUser;
    let caseId: string;
    let documentId: string;
    let http2: Http;
    before(async () => {
      http2 = api;
      caseId = await openCase(http2, users.billing);
      outsider = users.clinician; // not treating, assigned to or opening this case
      const up = await upload(http2, caseId, users.billing, {
        bytes: await notePdf([[`Private ${crypto.randomUUID()}`]]),
        title: 'Note',
        kind: 'progress_note',
        date: '2026-10-01',
      });
      documentId = up.body.id;
    });

    it(
      'when a clinician who cannot see the case uploads, lists, reads text or downloads, ' +
        'then each is 404 and nothing is stored',
      async () => {
        const pdf = await notePdf([[`Outsider ${crypto.randomUUID()}`]]);
        const res = await upload(http2, caseId, outsider, {
          bytes: pdf,
          title: 'x',
          kind: 'other',
          date: '2026-10-01',
        });
        expect(res.status).to.equal(404);
        expect(res.body.code).to.equal('CASE_NOT_FOUND');
        expect(await leftovers(pdf)).to.deep.equal([]);
        await fs.access(path.join(config.uploadDir, sha256(pdf).slice(0, 2), sha256(pdf))).then(
          () => expect.fail('stored'),
          () => undefined,
        );
        const list = await http2.get(`/api/v1/cases/${caseId}/documents`).set(users.billing.auth);
        expect(list.body.documents.map((d: { id: string }) => d.id)).to.deep.equal([documentId]);
        for (const url of [
          `/api/v1/cases/${caseId}/documents`,
          `/api/v1/cases/${caseId}/documents/${documentId}`,
          `/api/v1/cases/${caseId}/documents/${documentId}/content`,
          `/api/v1/cases/${caseId}/documents/${documentId}/text`,
        ]) {
          const read = await http2.get(url).set(outsider.auth);
          expect(read.status, url).to.equal(404);
        }
        const search = await http2
          .post(`/api/v1/cases/${caseId}/documents/search`)
          .set(outsider.auth)
          .send({ q: 'private' });
        expect(search.status).to.equal(404);
      },
    );

    it('when the clinician treats the patient, then they may upload to the case', async () => {
      const own = await openCase(http2, users.clinician);
      const res = await upload(http2, own, users.clinician, {
        bytes: await notePdf([[`Own ${crypto.randomUUID()}`]]),
        title: 'Note',
        kind: 'progress_note',
        date: '2026-10-01',
      });
      expect(res.status).to.equal(201);
    });
  });
});
