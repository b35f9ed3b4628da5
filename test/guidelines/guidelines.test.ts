import crypto from 'node:crypto';
import { expect } from 'chai';
import { makeUsers } from '../support/app.js';
import { evidenceApp, openCase } from '../evidence/support.js';
import { createGuideline, guidelineBody } from './support.js';

describe('guidelines: the shared library', () => {
  const { http } = evidenceApp();
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });
  const ids = (res: { body: { guidelines: { id: string }[] } }) => res.body.guidelines.map((g) => g.id);

  it(
    'when a clinician adds a reference, then it is stored with its citation and ' +
      'revision 0; billing may read but not add',
    async () => {
      const body = guidelineBody({ title: 'Lumbar Spine MRI (A-0087)', diagnosisCodes: ['m5416', 'M51'] });
      const res = await http.post('/api/v1/guidelines').set(users.clinician.auth).send(body);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body).to.include({
        source: 'MCG',
        revision: 0,
        citation: 'MCG Ambulatory Care 27th ed., Lumbar Spine MRI (A-0087), criterion 2',
        createdById: users.clinician.id,
      });
      expect(res.body.diagnosisCodes).to.deep.equal(['M54.16', 'M51']);
      expect((await http.post('/api/v1/guidelines').set(users.billing.auth).send(body)).status).to.equal(403);
      const read = await http.get(`/api/v1/guidelines/${res.body.id}`).set(users.billing.auth);
      expect(read.status).to.equal(200);
      expect(read.body.criterionText).to.equal(body.criterionText);
      expect((await http.get('/api/v1/guidelines/0123456789abcdef01234567').set(users.billing.auth)).status).to.equal(
        404,
      );
    },
  );

  it('when a reference has bad codes, no codes, or an unknown source, then 400 names each field', async () => {
    const res = await http
      .post('/api/v1/guidelines')
      .set(users.director.auth)
      .send(guidelineBody({ source: 'UpToDate', procedureCodes: ['7214'], diagnosisCodes: ['U07.1x'] }));
    expect(res.status).to.equal(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).to.deep.equal([
      'body.diagnosisCodes.0',
      'body.procedureCodes.0',
      'body.source',
    ]);
    const { procedureCodes: _p, diagnosisCodes: _d, ...noCodes } = guidelineBody();
    expect((await http.post('/api/v1/guidelines').set(users.director.auth).send(noCodes)).status).to.equal(400);
  });

  it(
    'when the library is searched by words, then title, criterion text and issuing ' +
      'body match regardless of case, and symbols are literal',
    async () => {
      const word = `Radiculopathy${crypto.randomBytes(3).toString('hex')}`;
      const byTitle = await createGuideline(http, users.clinician, { title: `MRI for ${word} (A-0087)` });
      const byCriterion = await createGuideline(http, users.clinician, {
        criterionText: `Persistent ${word} after 6 weeks.`,
      });
      const byBody = await createGuideline(http, users.clinician, {
        source: 'specialty_society',
        issuingBody: `American ${word} Society`,
        version: undefined,
      });
      const res = await http.get('/api/v1/guidelines').query({ q: word.toLowerCase() }).set(users.billing.auth);
      expect(res.status).to.equal(200);
      expect(ids(res).sort()).to.deep.equal([byTitle.id, byCriterion.id, byBody.id].sort());
      const literal = await http
        .get('/api/v1/guidelines')
        .query({ q: `${word} (A-0087)` })
        .set(users.billing.auth);
      expect(ids(literal)).to.deep.equal([byTitle.id]);
      expect(
        (
          await http
            .get('/api/v1/guidelines')
            .query({ q: `${word}.*` })
            .set(users.billing.auth)
        ).body.guidelines,
      ).to.deep.equal([]);
    },
  );

  it(
    'when the library is searched by code, then a category finds the codes below ' + 'it and a code finds its category',
    async () => {
      const word = `code-search-${crypto.randomBytes(3).toString('hex')}`;
      const category = await createGuideline(http, users.clinician, {
        title: `${word} category`,
        procedureCodes: [],
        diagnosisCodes: ['Q99'],
      });
      const specific = await createGuideline(http, users.clinician, {
        title: `${word} specific`,
        procedureCodes: [],
        diagnosisCodes: ['Q99.81'],
      });
      const procedure = await createGuideline(http, users.clinician, {
        title: `${word} procedure`,
        procedureCodes: ['0394T'],
        diagnosisCodes: [],
      });
      const find = async (code: string) =>
        ids(await http.get('/api/v1/guidelines').query({ code, q: word, limit: 200 }).set(users.billing.auth)).sort();
      expect(await find('Q99.81')).to.deep.equal([category.id, specific.id].sort());
      expect(await find('q9981')).to.deep.equal([category.id, specific.id].sort());
      expect(await find('Q99')).to.deep.equal([category.id, specific.id].sort());
      expect(await find('Q99.2')).to.deep.equal([category.id]);
      expect(await find('0394T')).to.deep.equal([procedure.id]);
      expect(
        (await http.get('/api/v1/guidelines').query({ code: 'not a code' }).set(users.billing.auth)).status,
      ).to.equal(400);
    },
  );

  it(
    'when a reference is corrected with the revision read, then it changes; a ' + 'stale revision is refused with 409',
    async () => {
      const g = await createGuideline(http, users.clinician);
      const ok = await http
        .patch(`/api/v1/guidelines/${g.id}`)
        .set(users.director.auth)
        .send({ revision: 0, version: 'Ambulatory Care 28th ed.', section: null });
      expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
      expect(ok.body).to.include({ revision: 1, version: 'Ambulatory Care 28th ed.' });
      expect(ok.body).not.to.have.property('section');
      expect(ok.body.citation).to.equal(`MCG Ambulatory Care 28th ed., ${g.title}`);
      const stale = await http
        .patch(`/api/v1/guidelines/${g.id}`)
        .set(users.clinician.auth)
        .send({ revision: 0, title: 'Overwritten' });
      expect(stale.status).to.equal(409);
      expect(stale.body).to.include({ code: 'STALE_VERSION', currentRevision: 1 });
      expect((await http.get(`/api/v1/guidelines/${g.id}`).set(users.billing.auth)).body.title).to.equal(g.title);
    },
  );

  it(
    'when two people correct the same reference at once from the same revision, ' +
      'then one correction is kept and the other gets 409',
    async () => {
      const g = await createGuideline(http, users.clinician);
      const results = await Promise.all(
        ['First', 'Second', 'Third'].map((title) =>
          http.patch(`/api/v1/guidelines/${g.id}`).set(users.clinician.auth).send({ revision: 0, title }),
        ),
      );
      expect(results.map((r) => r.status).sort()).to.deep.equal([200, 409, 409]);
      const kept = await http.get(`/api/v1/guidelines/${g.id}`).set(users.billing.auth);
      expect(kept.body).to.include({ revision: 1, title: results.find((r) => r.status === 200)!.body.title });
    },
  );

  it(
    'when suggestions are asked for a case, then references matching its procedure ' +
      'or diagnosis codes come back, procedure matches first',
    async () => {
      const caseId = await openCase(http, users.billing, {
        service: {
          cptCodes: ['95999'],
          icd10Codes: ['R29.818', 'G56.01'],
          description: 'Unlisted neurological procedure',
          dateOfService: '2026-10-20',
          claimNumber: 'CLM-1',
          requestType: 'post_service',
        },
      });
      const procedure = await createGuideline(http, users.clinician, { procedureCodes: ['95999'], diagnosisCodes: [] });
      const category = await createGuideline(http, users.clinician, { procedureCodes: [], diagnosisCodes: ['R29'] });
      const exact = await createGuideline(http, users.clinician, {
        procedureCodes: [],
        diagnosisCodes: ['G56.01', 'R29.818'],
      });
      const other = await createGuideline(http, users.clinician, {
        procedureCodes: ['27447'],
        diagnosisCodes: ['M17.11', 'G56.1'],
      });
      const res = await http.get(`/api/v1/cases/${caseId}/guideline-suggestions`).set(users.billing.auth);
      expect(res.status).to.equal(200);
      const suggested = res.body.suggestions.map((s: { guideline: { id: string } }) => s.guideline.id);
      expect(suggested).to.deep.equal([procedure.id, exact.id, category.id]);
      expect(suggested).not.to.include(other.id);
      expect(res.body.suggestions[1]).to.include({ alreadyAttached: false });
      expect(res.body.suggestions[1].matchedCodes).to.deep.equal(['R29.818', 'G56.01']);
      expect(res.body.suggestions[2].reason).to.equal(
        'Matches the case’s diagnosis R29.818 (the guideline covers R29)',
      );
      expect(res.body).not.to.have.property('noneReason');
      expect(
        (await http.get(`/api/v1/cases/${caseId}/guideline-suggestions`).set(users.clinician.auth)).status,
      ).to.equal(404);
    },
  );

  it('when no reference lists the case’s codes, then there are no suggestions and the answer says why', async () => {
    const caseId = await openCase(http, users.billing, {
      service: {
        cptCodes: ['0999T'],
        icd10Codes: ['Q89.9'],
        description: 'Unlisted service',
        dateOfService: '2026-10-20',
        claimNumber: 'CLM-2',
        requestType: 'post_service',
      },
    });
    const res = await http.get(`/api/v1/cases/${caseId}/guideline-suggestions`).set(users.billing.auth);
    expect(res.body.suggestions).to.deep.equal([]);
    expect(res.body.noneReason).to.equal(
      'No guideline in the library lists the case’s procedure 0999T and diagnosis Q89.9 or a category above ' +
        'them. Search the library by words, or add the guideline.',
    );
  });
});
