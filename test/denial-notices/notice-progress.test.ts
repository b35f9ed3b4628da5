import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { makeUsers, testApp } from '../support/app.js';
import { trackNoticeProgress } from '../../server/denial-notices/notice-progress.service.js';
import { NoticeProgressModel } from '../../server/denial-notices/notice-progress.model.js';
import { AuditEventModel } from '../../server/audit/audit.model.js';
import { makeWebUser, sendNoticeWithoutScript, signedInAgent, signedInUser } from '../web/web-support.js';

const scannedNotice = fs.readFileSync(path.resolve('test/fixtures/denial-notices/prior-auth-p2p-evicore.scanned.pdf'));

describe('the progress of a notice being read', function () {
  // OCR of a scanned page on a shared test machine.
  this.timeout(180_000);
  const { app, http } = testApp();
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
    const progress = trackNoticeProgress(users.billing, progressKey);
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

  it('when the intake page is signed in, then its session may ask for the progress', async () => {
    const { user: billing, agent } = await signedInUser(app, 'billing');
    const page = await agent.get('/cases/new');
    expect(page.text).to.contain('<script src="/static/notice-upload.js"');
    const progressKey = key();
    const progress = trackNoticeProgress(billing, progressKey);
    progress.moved({ page: 3, pageCount: 12 });
    await progress.end();
    // Asked by the page's session after the reading ended: nothing, not a refusal of the session.
    const asked = await agent.get(`/api/v1/denial-notices/progress/${progressKey}`).set('Accept', 'application/json');
    expect(asked.status).to.equal(404);
  });

  it(
    'when billing sends a scanned notice with the plain form (no page script), then a page says which page ' +
      'of how many is being read until the form opens from the notice, audited as an upload, and the reading’s ' +
      'record holds nothing read from the notice',
    async () => {
      const { user: billing, agent } = await signedInUser(app, 'billing');
      const { sent, seen, ended } = await sendNoticeWithoutScript(agent, scannedNotice, 'Samuel Whitcomb denial.pdf');
      expect(seen, 'the reading page’s words').to.include('Reading text… page 1 of 1');
      for (const words of seen) expect(words).to.match(/^Reading (the notice…|text… page 1 of 1)$/);
      expect(ended.status, ended.text.slice(0, 300)).to.equal(303);
      const noticeId = /^\/cases\/new\?notice=([0-9a-f]{24})$/.exec(ended.headers.location)?.[1];
      expect(noticeId, ended.headers.location).to.be.a('string');
      const form = await agent.get(ended.headers.location);
      expect(form.text).to.contain('value="Samuel Whitcomb"');
      const upload = await AuditEventModel.findOne({ action: 'denial_notice.upload', entityId: noticeId }).lean();
      expect(upload, 'the upload’s audit entry').to.include({ actorId: billing.id, outcome: 'success' });
      expect(upload?.requestId, 'the entry names the post that sent the notice').to.be.a('string');
      const key = sent.headers.location.split('/').pop();
      const record = await NoticeProgressModel.findById(`${billing.id}:${key}`).lean();
      expect(Object.keys(record!).sort()).to.deep.equal(['_id', 'at', 'noticeId', 'page', 'pageCount']);
      // Looked at again (a reload): the form again, not a reading that stopped.
      expect((await agent.get(sent.headers.location)).headers.location).to.equal(ended.headers.location);
    },
  );

  /** A reading as a process left it: on `page` of 5, last heard from `secondsAgo`. */
  async function readingLeft(user: { id: string }, secondsAgo: number, page = 3) {
    const progressKey = key();
    await NoticeProgressModel.create({
      _id: `${user.id}:${progressKey}`,
      page,
      pageCount: 5,
      at: new Date(Date.now() - secondsAgo * 1000),
    });
    return progressKey;
  }

  /** What its page and the API tell a billing user of their reading last heard from `secondsAgo`, on page 3 of 5. */
  async function readingSeen(secondsAgo: number) {
    const { user, agent } = await signedInUser(app, 'billing');
    const progressKey = await readingLeft(user, secondsAgo);
    const page = await agent.get(`/cases/new/notice/${progressKey}`);
    const api = await agent.get(`/api/v1/denial-notices/progress/${progressKey}`).set('Accept', 'application/json');
    return { page, api };
  }

  it(
    'when a reading was heard from 30 seconds ago, then its page says the page it is on, looks again every ' +
      '2 seconds and is never kept by the browser',
    async () => {
      const { page, api } = await readingSeen(30);
      expect(page.status).to.equal(200);
      expect(page.headers['cache-control']).to.equal('no-store');
      expect(page.text).to.contain('<meta http-equiv="refresh" content="2">');
      expect(page.text).to.match(/id="notice-reading-status"[^>]*>Reading text… page 3 of 5</);
      // Still the intake in the navigation, not the case list.
      expect(page.text).to.contain('<a href="/cases/new" aria-current="page">');
      expect(page.text).not.to.contain('<a href="/cases" aria-current="page">');
      expect(api.body).to.deep.equal({ page: 3, pageCount: 5 });
    },
  );

  it(
    'when the process reading a notice died at page 3 of 5 (not heard from for over a minute), then the API ' +
      'says the reading stopped (410) and the page says so on the intake form, offering to send it again',
    async () => {
      const { page, api } = await readingSeen(90);
      expect(api.status).to.equal(410);
      expect(api.body.code).to.equal('NOTICE_READING_STOPPED');
      expect(page.status).to.equal(410);
      expect(page.text).not.to.contain('http-equiv="refresh"').and.not.to.contain('page 3 of 5');
      const problem = /id="notice-problem"[^>]*>([^<]*)</.exec(page.text)?.[1];
      expect(problem).to.equal(
        'The notice was not read. Its reading stopped before the end (the service restarted or failed); ' +
          'send the notice again.',
      );
      expect(page.text).to.contain('<form id="notice-form"');
    },
  );

  it('when another user opens a reading’s page, or its key is malformed, then it tells nothing of it', async () => {
    const [owner, other] = await Promise.all([makeWebUser('billing'), makeWebUser('billing')]);
    const progressKey = await readingLeft(owner, 0);
    const { agent } = await signedInAgent(app, other);
    for (const address of [`/cases/new/notice/${progressKey}`, '/cases/new/notice/short']) {
      const page = await agent.get(address);
      expect(page.status).to.equal(404);
      expect(page.text).to.match(/id="notice-problem"[^>]*>The notice was not read\. No reading of a notice is known/);
      expect(page.text).not.to.contain('page 3 of 5');
    }
    const director = await signedInUser(app, 'medical_director');
    expect((await director.agent.get(`/cases/new/notice/${progressKey}`)).status).to.equal(403);
  });

  it(
    'while a reading runs, it is heard from though it moves to no other page, so a page of OCR that takes ' +
      'over a minute is not said to have stopped',
    async () => {
      const billing = await makeWebUser('billing');
      const progressKey = key();
      const progress = trackNoticeProgress(billing, progressKey);
      await progress.started();
      const heardAt = async () => (await NoticeProgressModel.findById(`${billing.id}:${progressKey}`).lean())?.at;
      const started = await heardAt();
      // Its heartbeat comes every 10 seconds: waited for as the record shows it, not timed.
      let last = started;
      while (last?.getTime() === started?.getTime()) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        last = await heardAt();
      }
      await progress.end();
      expect(last!.getTime()).to.be.greaterThan(started!.getTime());
      expect(await heardAt(), 'nothing left once it ended').to.equal(undefined);
    },
  );

  it('when a reading starts, then readings not heard from for over an hour are removed', async () => {
    const billing = await makeWebUser('billing');
    const [old, recent] = [await readingLeft(billing, 3700), await readingLeft(billing, 3500)];
    await trackNoticeProgress(billing, key()).end();
    expect(await NoticeProgressModel.exists({ _id: `${billing.id}:${old}` })).to.equal(null);
    expect(await NoticeProgressModel.exists({ _id: `${billing.id}:${recent}` })).not.to.equal(null);
  });
});
