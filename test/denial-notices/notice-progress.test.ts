import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { makeUsers, testApp } from '../support/app.js';
import { trackNoticeProgress } from '../../server/denial-notices/notice-progress.service.js';
import { makeWebUser, signedInAgent } from '../web/web-support.js';

const scannedNotice = fs.readFileSync(path.resolve('test/fixtures/denial-notices/prior-auth-p2p-evicore.scanned.pdf'));

describe('the progress of a notice being read', function () {
  // OCR of a scanned page on a shared test machine.
  this.timeout(180_000);
  const { app, http, clock } = testApp();
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });

  const key = () => crypto.randomBytes(16).toString('hex');

  it(
    'when billing sends a scanned notice with a progress key, then while OCR reads they are told the page ' +
      'of how many, and once it is read nothing is left to tell',
    async () => {
      const progressKey = key();
      let answered = false;
      const upload = http
        .post(`/api/v1/denial-notices?progress=${progressKey}`)
        .set(users.billing.auth)
        .attach('file', scannedNotice, 'scan.pdf')
        .then((res) => {
          answered = true;
          return res;
        });
      const seen: { page: number; pageCount: number }[] = [];
      // Ask as the page does until the upload answers: OCR of a page takes seconds, each ask milliseconds.
      while (!answered) {
        const at = await http.get(`/api/v1/denial-notices/progress/${progressKey}`).set(users.billing.auth);
        if (at.status === 200) seen.push(at.body);
        else expect(at.status).to.equal(404);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const res = await upload;
      expect(res.status).to.equal(201);
      expect(res.body.pages[0].source).to.equal('ocr');
      expect(seen.length, 'progress seen while reading').to.be.greaterThan(0);
      expect(seen[0]).to.deep.equal({ page: 1, pageCount: res.body.pageCount });
      const after = await http.get(`/api/v1/denial-notices/progress/${progressKey}`).set(users.billing.auth);
      expect(after.status).to.equal(404);
    },
  );

  it('when another user asks with the same key, or the key is malformed, then nothing is told', async () => {
    const progressKey = key();
    const progress = trackNoticeProgress(users.billing, progressKey, clock);
    progress.moved({ page: 2, pageCount: 5 });
    let own = await http.get(`/api/v1/denial-notices/progress/${progressKey}`).set(users.billing.auth);
    while (own.status === 404)
      own = await http.get(`/api/v1/denial-notices/progress/${progressKey}`).set(users.billing.auth);
    expect(own.body).to.deep.equal({ page: 2, pageCount: 5 });
    const other = await http.get(`/api/v1/denial-notices/progress/${progressKey}`).set(users.admin.auth);
    expect(other.status).to.equal(404);
    const malformed = await http.get('/api/v1/denial-notices/progress/short').set(users.billing.auth);
    expect(malformed.status).to.equal(400);
    const director = await http.get(`/api/v1/denial-notices/progress/${progressKey}`).set(users.director.auth);
    expect(director.status).to.equal(403);
    await progress.end();
    const ended = await http.get(`/api/v1/denial-notices/progress/${progressKey}`).set(users.billing.auth);
    expect(ended.status).to.equal(404);
  });

  it(
    'when the intake page is signed in, then its session may ask for the progress, and without script ' +
      'the page says to wait and reload if the browser stops waiting',
    async () => {
      const billing = await makeWebUser('billing');
      const { agent } = await signedInAgent(app, billing);
      const page = await agent.get('/cases/new');
      expect(page.text).to.contain('<script src="/static/notice-upload.js"');
      const noScript = /<noscript><p class="muted" id="notice-no-script">([^<]*)<\/p><\/noscript>/.exec(page.text)?.[1];
      expect(noScript).to.contain('cannot show which page is being read').and.contain('reload this page');
      const progressKey = key();
      const progress = trackNoticeProgress(billing, progressKey, clock);
      progress.moved({ page: 3, pageCount: 12 });
      await progress.end();
      // Asked by the page's session after the reading ended: nothing, not a refusal of the session.
      const asked = await agent.get(`/api/v1/denial-notices/progress/${progressKey}`).set('Accept', 'application/json');
      expect(asked.status).to.equal(404);
    },
  );
});
