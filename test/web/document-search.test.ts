/**
 * Searching a case's records from the case file without page script: the words are posted (never
 * in a URL), the passages come back with their record and page and the words marked, the search
 * is audited, and an empty search is refused beside its field.
 */
import { expect } from 'chai';
import { AuditEventModel } from '../../server/audit/audit.model.js';
import { markWords } from '../../server/web/document-search.js';
import { testApp } from '../support/app.js';
import { notePdf, PROGRESS_NOTE, upload } from '../evidence/support.js';
import { csrfOf, makeWebUser, openCaseFor, signedInAgent } from './web-support.js';

describe('web document search', () => {
  it('when a passage holds the words, then each is marked and the rest is plain text', () => {
    expect(markWords('…of supervised Physical therapy and…', 'physical THERAPY')).to.deep.equal([
      { text: '…of supervised ', mark: false },
      { text: 'Physical', mark: true },
      { text: ' ', mark: false },
      { text: 'therapy', mark: true },
      { text: ' and…', mark: false },
    ]);
    expect(markWords('a (b) c', '(b)')).to.deep.equal([
      { text: 'a ', mark: false },
      { text: '(b)', mark: true },
      { text: ' c', mark: false },
    ]);
  });

  it(
    'when a clinician searches the case’s records from the case file, then the passages come back with ' +
      'their record and page, the words are in no URL, and the search is audited',
    async () => {
      const { app, http } = testApp();
      const clinician = await makeWebUser('clinician');
      const caseId = await openCaseFor(http, clinician);
      const note = await upload(http, caseId, clinician, {
        bytes: await notePdf(PROGRESS_NOTE),
        title: 'PT progress note',
        kind: 'progress_note',
        date: '2026-11-10',
      });
      expect(note.status, JSON.stringify(note.body)).to.equal(201);

      const { agent } = await signedInAgent(app, clinician);
      const file = await agent.get(`/cases/${caseId}`);
      expect(file.text).to.contain(`action="/cases/${caseId}/documents/search"`);
      const found = await agent
        .post(`/cases/${caseId}/documents/search`)
        .type('form')
        .send({ _csrf: csrfOf(file.text), q: 'straight-leg raise', documentId: '' });
      expect(found.status).to.equal(200);
      expect(found.text).to.contain('1 passage found');
      const row = /<tbody>([\s\S]*?)<\/tbody>/.exec(found.text)![1];
      expect(row)
        .to.contain('PT progress note')
        .and.contain('<td class="num">2</td>')
        .and.contain('<mark>straight-leg</mark> <mark>raise</mark> positive at 30 degrees');
      expect(found.text).to.match(/id="search-q"[^>]*value="straight-leg raise"/);
      const searches = { caseId, action: 'document.search', actorId: clinician.id };
      expect(await AuditEventModel.countDocuments(searches)).to.equal(1);

      const none = await agent
        .post(`/cases/${caseId}/documents/search`)
        .type('form')
        .send({ _csrf: csrfOf(file.text), q: 'gadolinium' });
      expect(none.text).to.contain('No passage has these words');

      const search = (form: Record<string, string>) =>
        agent
          .post(`/cases/${caseId}/documents/search`)
          .type('form')
          .send({ _csrf: csrfOf(file.text), ...form });
      const empty = await search({});
      expect(empty.status).to.equal(400);
      expect(empty.text).to.match(/<span class="error" id="search-q-error">This field is required<\/span>/);
    },
  );

  it('when someone who may not see the case searches it, then the answer is the 404 page', async () => {
    const { app, http } = testApp();
    const [owner, stranger] = [await makeWebUser('clinician'), await makeWebUser('clinician')];
    const caseId = await openCaseFor(http, owner);
    const { agent, csrf } = await signedInAgent(app, stranger);
    const res = await agent.post(`/cases/${caseId}/documents/search`).type('form').send({ _csrf: csrf, q: 'therapy' });
    expect(res.status).to.equal(404);
    expect(res.text).not.to.contain('therapy');
  });
});
