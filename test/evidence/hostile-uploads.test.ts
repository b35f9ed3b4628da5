import http from 'node:http';
import type { AddressInfo } from 'node:net';
import crypto from 'node:crypto';
import supertest from 'supertest';
import { expect } from 'chai';
import { loadTestConfig, type Config } from '../../server/config.js';
import { closeWorkerPools } from '../../server/platform/workers/worker-pool.js';
import { DocumentPageModel } from '../../server/evidence/evidence-document.model.js';
import { makeUsers, type TestUser } from '../support/app.js';
import { evidenceApp, notePdf, openCase, PROGRESS_NOTE, upload } from './support.js';
import { makeWebUser, signedInAgent } from '../web/web-support.js';
import { decompressionBomb, pageBomb, textBomb } from './hostile-pdfs.js';

/**
 * A small PDF that costs its reader minutes or gigabytes must not stop the service for anyone
 * else: it is read by a worker within the clinic's limits, and kept flagged when over one.
 */
describe('evidence: hostile uploads cannot stop the service', function () {
  // Reading a bomb up to its limit takes seconds of a worker's time on a busy machine.
  this.timeout(300_000);
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });
  after(() => closeWorkerPools());

  /** The app listening on a port of its own, so that /health can be asked while an upload is read. */
  function listening(overrides: Partial<Config> = {}) {
    const { app } = evidenceApp(overrides);
    const server = http.createServer(app).listen(0, '127.0.0.1');
    const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { app, server, http: supertest(server), url };
  }

  /**
   * Uploads `bytes` while asking /health one request after another until the upload is answered:
   * every answer of /health, and how many came while the upload was being read.
   */
  async function uploadWatchingHealth(app: ReturnType<typeof listening>, user: TestUser, bytes: Buffer) {
    const caseId = await openCase(app.http, user);
    const health: number[] = [];
    let done = false;
    const polling = (async () => {
      while (!done) health.push((await fetch(`${app.url()}/health`)).status);
    })();
    try {
      const res = await upload(app.http, caseId, user, {
        bytes,
        title: 'Outside records',
        kind: 'prior_treatment_history',
        date: '2026-10-01',
      });
      return { res, caseId, health };
    } finally {
      done = true;
      await polling;
    }
  }
  /** A normal two-page note still gets its text: the pool is working after whatever came before. */
  async function normalNoteIsRead(app: ReturnType<typeof listening>, user: TestUser) {
    const caseId = await openCase(app.http, user);
    const pdf = await notePdf([[...PROGRESS_NOTE[0], `ref ${crypto.randomUUID()}`], PROGRESS_NOTE[1]]);
    const res = await upload(app.http, caseId, user, {
      bytes: pdf,
      title: 'Note',
      kind: 'progress_note',
      date: '2026-10-01',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).not.to.have.property('textFlag');
    const text = await app.http.get(`/api/v1/cases/${caseId}/documents/${res.body.id}/text`).set(user.auth);
    expect(text.body.pages[0].text.replace(/\s+/g, ' ')).to.include('Completed 8 weeks of supervised physical therapy');
  }

  async function storedPages(documentId: string) {
    return DocumentPageModel.countDocuments({ documentId });
  }

  describe('with the default limits', () => {
    const app = listening();
    after(() => app.server.close());

    it(
      'when a 220 KB PDF holds 400,000 text runs on one page, then it is kept, flagged as over the ' +
        'characters of one page, and /health answers while it is read',
      async () => {
        const { res, caseId, health } = await uploadWatchingHealth(app, users.billing, textBomb());
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        expect(res.body).to.include({
          pageCount: 1,
          textFlag: 'text not extracted: page 1 has more than 100,000 characters, the limit for one page',
        });
        expect(health.length, 'answers of /health while the upload was read').to.be.greaterThan(2);
        expect(health.every((status) => status === 200)).to.equal(true);
        expect(await storedPages(res.body.id)).to.equal(0);
        const text = await app.http
          .get(`/api/v1/cases/${caseId}/documents/${res.body.id}/text`)
          .set(users.billing.auth);
        expect(text.body).to.deep.include({ pages: [], textFlag: res.body.textFlag });
        const listed = await app.http.get(`/api/v1/cases/${caseId}/documents`).set(users.billing.auth);
        expect(listed.body.documents.find((d: { id: string }) => d.id === res.body.id).textFlag).to.equal(
          res.body.textFlag,
        );
      },
    );

    it(
      'when a 3 MB PDF has 20,000 pages, then it is kept with its page count, flagged as over the ' +
        'limit of 2,000 pages in the API and on the case file, and /health answers while it is read',
      async () => {
        const { res, health } = await uploadWatchingHealth(app, users.billing, pageBomb());
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        expect(res.body).to.include({
          pageCount: 20_000,
          textFlag: 'text not extracted: 20,000 pages is over the limit of 2,000',
        });
        expect(health.length).to.be.greaterThan(2);
        expect(health.every((status) => status === 200)).to.equal(true);
        const details = await app.http
          .get(`/api/v1/cases/${res.body.caseId}/documents/${res.body.id}`)
          .set(users.billing.auth);
        expect(details.body.textFlag).to.equal(res.body.textFlag);
        const { agent } = await signedInAgent(app.app, await makeWebUser('billing'));
        const page = await agent.get(`/cases/${res.body.caseId}`);
        expect(page.status).to.equal(200);
        expect(page.text).to.include('text not extracted: 20,000 pages is over the limit of 2,000');
        await normalNoteIsRead(app, users.billing);
      },
    );
  });

  describe('with a worker memory of 96 MB', () => {
    const memoryMb = 96;
    const app = listening({ workers: { threads: 1, memoryMb } });
    after(() => app.server.close());

    it(
      'when a 1 MB PDF holds a stream that inflates to a gigabyte, then the worker is refused the ' +
        'memory, the document is kept flagged, the process does not grow by the gigabyte, and /health answers',
      async () => {
        const rssBefore = process.memoryUsage().rss;
        let rssPeak = rssBefore;
        const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
        const { res, health } = await uploadWatchingHealth(app, users.billing, decompressionBomb(1024)).finally(() =>
          clearInterval(sampler),
        );
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        expect(res.body).to.include({
          pageCount: 1,
          textFlag: `text not extracted: reading it needs more than the ${memoryMb} MB of memory allowed`,
        });
        expect(health.length).to.be.greaterThan(2);
        expect(health.every((status) => status === 200)).to.equal(true);
        // The worker's heap and its buffers are each held to 96 MB; a new worker with pdf.js loaded
        // weighs about 150 MB more. Read on the request thread, this file grew the process by 2.2 GB.
        const grownMb = (rssPeak - rssBefore) / 2 ** 20;
        expect(grownMb, 'MB the process grew').to.be.lessThan(2 * memoryMb + 250);
        await normalNoteIsRead(app, users.billing);
      },
    );

    /** Limits that let the text bomb's 13 million characters through to the worker's heap. */
    const noCharacterLimit = {
      ...loadTestConfig().textExtraction,
      maxPageChars: Number.MAX_SAFE_INTEGER,
      maxChars: Number.MAX_SAFE_INTEGER,
    };

    it(
      'when no character limit stops the text bomb, then it fills the worker heap: the worker is ' +
        'ended, the document flagged, and the pool reads the next document',
      async () => {
        // Time enough for the heap to fill first, on a busy machine too.
        const unlimited = listening({
          workers: { threads: 1, memoryMb },
          textExtraction: { ...noCharacterLimit, timeoutSeconds: 200 },
        });
        try {
          const { res, health } = await uploadWatchingHealth(unlimited, users.billing, textBomb());
          expect(res.status, JSON.stringify(res.body)).to.equal(201);
          expect(res.body).to.include({
            pageCount: 1,
            textFlag: `text not extracted: reading it needs more than the ${memoryMb} MB of memory allowed`,
          });
          expect(health.every((status) => status === 200)).to.equal(true);
          await normalNoteIsRead(unlimited, users.billing);
        } finally {
          unlimited.server.close();
        }
      },
    );

    it(
      'when a document takes longer than the time allowed, then its worker is ended, the document ' +
        'flagged with the time, and the pool reads the next document',
      async () => {
        const hasty = listening({
          workers: { threads: 1, memoryMb },
          textExtraction: { ...noCharacterLimit, timeoutSeconds: 1 },
        });
        // Both apps share the pool of one 96 MB thread: once it has read a note, pdf.js is loaded
        // and the second allowed is all reading.
        await normalNoteIsRead(app, users.billing);
        try {
          const { res } = await uploadWatchingHealth(hasty, users.billing, textBomb());
          expect(res.status, JSON.stringify(res.body)).to.equal(201);
          expect(res.body).to.include({
            pageCount: 1,
            textFlag: 'text not extracted: reading it took longer than the 1 second allowed',
          });
        } finally {
          hasty.server.close();
        }
        await normalNoteIsRead(app, users.billing);
      },
    );
  });
});
