import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { intakeForm, makeWebUser, signedInAgent } from './web-support.js';
import { loadBoardFigures, loadFigureCases } from '../../server/web/board.service.js';

describe('web pages: board, case visibility, intake form, case file', () => {
  it(
    'when billing filters the board to overdue cases, then only overdue rows ' +
      'show, labelled in words, and the CSV link exports them',
    async () => {
      const { app, http } = testApp();
      const billing = await makeWebUser('billing');
      const marker = `Overdue Payer ${Date.now()}`;
      // An ERISA denial noticed in March: its 180-day filing window closed in August.
      const overdue = await http
        .post('/api/v1/cases')
        .set(billing.auth)
        .send(
          caseBody({
            payer: { ...caseBody().payer, name: marker },
            denial: { ...caseBody().denial, noticeDate: '2026-03-02', receivedDate: '2026-03-05' },
          }),
        );
      const current = await http
        .post('/api/v1/cases')
        .set(billing.auth)
        .send(caseBody({ payer: { ...caseBody().payer, name: marker } }));
      expect(overdue.status, JSON.stringify(overdue.body)).to.equal(201);
      const { agent } = await signedInAgent(app, billing);
      const all = await agent.get(`/board?payer=${encodeURIComponent(marker)}`);
      expect(all.status).to.equal(200);
      expect(all.text).to.contain(overdue.body.reference).and.contain(current.body.reference);
      const filtered = await agent.get(`/board?payer=${encodeURIComponent(marker)}&overdue=true`);
      expect(filtered.text).to.contain(overdue.body.reference);
      expect(filtered.text).not.to.contain(current.body.reference);
      expect(filtered.text).to.match(/class="badge overdue">Overdue \d+ days</);
      expect(filtered.text).to.contain('Open cases and dollars at stake by status').and.contain('<svg');
      expect(filtered.text).to.match(/Figures cover all [\d,]+ cases you can see\./);
      const exportHref = /id="export-csv" href="([^"]+)"/
        .exec(filtered.text)![1]
        .replace(/&amp;/g, '&')
        .replace(/&#x3D;/g, '=');
      expect(exportHref).to.contain('overdue=true');
      const csv = await agent.get(exportHref);
      expect(csv.status).to.equal(200);
      expect(csv.headers['content-type']).to.contain('text/csv');
      expect(csv.text).to.contain(overdue.body.reference);
      expect(csv.text).not.to.contain(current.body.reference);
    },
  );

  it(
    'when a clinician opens a case that is not theirs, then the page is 404 and ' + 'shows none of its patient data',
    async () => {
      const { app, http } = testApp();
      const [owner, other, billing] = await Promise.all([
        makeWebUser('clinician'),
        makeWebUser('clinician'),
        makeWebUser('billing'),
      ]);
      const body = caseBody({
        patient: {
          firstName: 'Odalys',
          lastName: 'Quintero',
          dateOfBirth: '1970-02-03',
          sex: 'female',
          mrn: 'MRN-SECRET-991',
        },
      });
      const opened = await http.post('/api/v1/cases').set(owner.auth).send(body);
      const stranger = await signedInAgent(app, other);
      const page = await stranger.agent.get(`/cases/${opened.body.id}`);
      expect(page.status).to.equal(404);
      expect(page.text)
        .not.to.contain('Quintero')
        .and.not.to.contain('MRN-SECRET-991')
        .and.not.to.contain(opened.body.reference);
      const list = await stranger.agent.post('/cases').type('form').send({ _csrf: stranger.csrf, q: 'quintero' });
      expect(list.status).to.equal(200);
      expect(list.text).not.to.contain('Quintero');
      const board = await stranger.agent.get('/board');
      expect(board.status).to.equal(403);
      expect(board.text).not.to.contain('Quintero');
      const mine = await signedInAgent(app, owner);
      expect((await mine.agent.get(`/cases/${opened.body.id}`)).text).to.contain('Odalys Quintero');
      // The owner's search is posted; the links on the result page never carry the name.
      const found = await mine.agent.post('/cases').type('form').send({ _csrf: mine.csrf, q: 'quintero' });
      expect(found.text).to.contain('Quintero, Odalys');
      expect([...found.text.matchAll(/href="([^"]*)"/g)].map((m) => m[1]).join(' ')).not.to.match(/quintero/i);
      const billingView = await signedInAgent(app, billing);
      expect((await billingView.agent.get(`/cases/${opened.body.id}`)).text).to.contain('MRN-SECRET-991');
    },
  );

  it('when the intake form is sent empty, then every required field shows its own error beside it', async () => {
    const { app } = testApp();
    const clinician = await makeWebUser('clinician');
    const { agent, csrf } = await signedInAgent(app, clinician);
    const res = await agent
      .post('/cases/new')
      .type('form')
      .send({ _csrf: csrf, 'service[cptCodes]': '7214', 'payer[planType]': '' });
    expect(res.status).to.equal(400);
    for (const id of [
      'patient-firstName',
      'patient-dateOfBirth',
      'payer-planType',
      'denial-noticeDate',
      'denial-payerReason',
    ]) {
      expect(res.text, id).to.match(
        new RegExp(`id="${id}"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*${id}-error`),
      );
      expect(res.text, id).to.contain(`<span class="error" id="${id}-error">This field is required</span>`);
    }
    expect(res.text).to.contain(
      'id="service-cptCodes-error">This field must be a CPT or HCPCS code such as 99213 or J9271<',
    );
    expect(res.text).to.match(/<a href="#patient-firstName">First name: This field is required<\/a>/);
  });

  it(
    'when the notice date is in the future, then the service’s own rule is shown ' +
      'beside the notice date, keeping what was typed',
    async () => {
      const { app } = testApp();
      const billing = await makeWebUser('billing');
      const { agent, csrf } = await signedInAgent(app, billing);
      const res = await agent
        .post('/cases/new')
        .type('form')
        .send({ _csrf: csrf, ...intakeForm({ 'denial[noticeDate]': '2026-12-20' }) });
      expect(res.status).to.equal(400);
      expect(res.text).to.contain('id="denial-noticeDate-error">The notice date is in the future<');
      expect(res.text).to.contain('value="Hannah"');
    },
  );

  it(
    'when the intake form is valid, then the case opens and its file shows the ' +
      'deadline and only the status actions allowed now',
    async () => {
      const { app, http } = testApp();
      const clinician = await makeWebUser('clinician');
      const { agent, csrf } = await signedInAgent(app, clinician);
      const res = await agent
        .post('/cases/new')
        .type('form')
        .send({ _csrf: csrf, ...intakeForm() });
      expect(res.status, res.text.slice(0, 2000)).to.equal(303);
      const file = await agent.get(res.headers.location);
      expect(file.text).to.contain('Case opened.').and.contain('Hannah Berg').and.contain('CARC CO-50');
      const stored = await http
        .get(`/api/v1/cases/${res.headers.location.split('/')[2].split('?')[0]}`)
        .set(clinician.auth);
      expect(stored.body.service.icd10Codes).to.deep.equal(['M54.16', 'M51.26']);
      expect(stored.body.deadlines[0].dueDate).to.equal('2027-05-01');
      expect(file.text).to.contain('Filing deadline (Internal appeal): 1 May 2027');
      const offered = [...file.text.matchAll(/name="to" value="([a-z_0-9]+)"/g)].map((m) => m[1]);
      expect(offered).to.have.members(['gathering_evidence', 'withdrawn', 'closed']);
    },
  );

  it(
    'when a decision is recorded without its date, or on a stale version, then ' +
      'the case file explains it and nothing changes',
    async () => {
      const { app, http } = testApp();
      const billing = await makeWebUser('billing');
      const opened = await http.post('/api/v1/cases').set(billing.auth).send(caseBody());
      const { agent, csrf } = await signedInAgent(app, billing);
      const moves = [['gathering_evidence'], ['appeal_drafted'], ['submitted']];
      let version = opened.body.version;
      for (const [to] of moves) {
        const r = await agent.post(`/cases/${opened.body.id}/status`).type('form').send({ _csrf: csrf, version, to });
        expect(r.status, to).to.equal(303);
        version = (await http.get(`/api/v1/cases/${opened.body.id}`).set(billing.auth)).body.version;
      }
      const noDate = await agent
        .post(`/cases/${opened.body.id}/status`)
        .type('form')
        .send({ _csrf: csrf, version, to: 'overturned' });
      expect(noDate.status).to.equal(400);
      expect(noDate.text).to.contain('id="status-decisionDate-error">Required when moving to a decision<');
      const stale = await agent
        .post(`/cases/${opened.body.id}/status`)
        .type('form')
        .send({ _csrf: csrf, version: version - 1, to: 'overturned', decisionDate: '2026-11-20' });
      expect(stale.status).to.equal(409);
      expect(stale.text).to.contain('Someone else changed this case');
      const ok = await agent
        .post(`/cases/${opened.body.id}/status`)
        .type('form')
        .send({ _csrf: csrf, version, to: 'overturned', decisionDate: '2026-11-20' });
      expect(ok.status).to.equal(303);
      const file = await agent.get(ok.headers.location);
      expect(file.text)
        .to.contain('id="case-status">Overturned<')
        .and.contain('Internal appeal: Overturned on 20 Nov 2026');
      expect([...file.text.matchAll(/name="to" value="([a-z_]+)"/g)].map((m) => m[1])).to.deep.equal(['closed']);
    },
  );

  it(
    'when a clinician saves the narrative, then it is on the case; a medical ' + 'director sees it but gets no form',
    async () => {
      const { app, http } = testApp();
      const [clinician, director] = await Promise.all([makeWebUser('clinician'), makeWebUser('medical_director')]);
      const opened = await http.post('/api/v1/cases').set(clinician.auth).send(caseBody());
      const { agent, csrf } = await signedInAgent(app, clinician);
      const saved = await agent.post(`/cases/${opened.body.id}/narrative`).type('form').send({
        _csrf: csrf,
        version: opened.body.version,
        clinicalSummary: 'Eight weeks of radicular pain despite PT.',
        request: 'Approve the MRI.',
      });
      expect(saved.status).to.equal(303);
      const stored = await http.get(`/api/v1/cases/${opened.body.id}`).set(clinician.auth);
      expect(stored.body.narrative.clinicalSummary).to.equal('Eight weeks of radicular pain despite PT.');
      const dir = await signedInAgent(app, director);
      const page = await dir.agent.get(`/cases/${opened.body.id}`);
      expect(page.text).to.contain('Eight weeks of radicular pain despite PT.');
      expect(page.text).not.to.contain(`action="/cases/${opened.body.id}/narrative"`);
      const refused = await dir.agent
        .post(`/cases/${opened.body.id}/narrative`)
        .type('form')
        .send({ _csrf: dir.csrf, version: stored.body.version, request: 'x' });
      expect(refused.status).to.equal(403);
    },
  );

  it(
    'when there are more cases than the figures read, then they read the most ' +
      'recent denials and say how many of how many',
    async () => {
      const { http, clock } = testApp();
      const clinician = await makeWebUser('clinician');
      for (const noticeDate of ['2026-09-01', '2026-11-02', '2026-10-05']) {
        const res = await http
          .post('/api/v1/cases')
          .set(clinician.auth)
          .send(caseBody({ denial: { ...caseBody().denial, noticeDate, receivedDate: undefined } }));
        expect(res.status).to.equal(201);
      }
      const { cases, total } = await loadFigureCases(clinician, 2);
      expect(total).to.equal(3);
      expect(cases.map((c) => c.noticeDate)).to.deep.equal(['2026-11-02', '2026-10-05']);
      const figures = await loadBoardFigures(clinician, clock, 2);
      expect(figures.scope).to.equal('Figures cover the 2 most recent denials of the 3 cases you can see.');
      expect(figures.openCases).to.equal(2);
    },
  );

  it(
    'when a search result runs to several pages, then the next page and a new ' +
      'sort keep the search, which no link or address carries',
    async () => {
      const { app, http } = testApp();
      const billing = await makeWebUser('billing');
      const surname = `Zeller${Date.now()}`;
      const references: string[] = [];
      for (const [firstName, amount] of [
        ['Anna', 900],
        ['Bruno', 4200],
        ['Carla', 150],
      ] as const) {
        const res = await http
          .post('/api/v1/cases')
          .set(billing.auth)
          .send(caseBody({ patient: { ...caseBody().patient, firstName, lastName: surname }, amountAtStake: amount }));
        references.push(res.body.reference);
      }
      const { agent, csrf } = await signedInAgent(app, billing);
      const first = await agent
        .post('/board')
        .type('form')
        .send({ _csrf: csrf, q: surname.toLowerCase(), limit: 1, sort: '-amountAtStake' });
      expect(first.text).to.contain('Page 1 of 3').and.contain(references[1]);
      const fieldsOf = (html: string, id: string) => {
        const form = new RegExp(`<form id="${id}"[^>]*>(.*?)</form>`).exec(html)![1];
        return Object.fromEntries([...form.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      };
      const next = await agent
        .post('/board')
        .type('form')
        .send({ ...fieldsOf(first.text, 'carry-page'), page: 2 });
      expect(next.text).to.contain('Page 2 of 3').and.contain(references[0]).and.not.contain(references[1]);
      const resorted = await agent
        .post('/board')
        .type('form')
        .send({ ...fieldsOf(next.text, 'carry-sort'), sort: 'amountAtStake' });
      expect(resorted.text).to.contain('Page 1 of 3').and.contain(references[2]);
      expect([...resorted.text.matchAll(/(?:href|action)="([^"]*)"/g)].map((m) => m[1]).join(' ')).not.to.contain(
        surname.toLowerCase(),
      );
      // Its export holds the search's three cases, and only those.
      const exportForm = /<form method="post" action="\/board\/export.csv">(.*?)<\/form>/.exec(resorted.text)![1];
      const csv = await agent
        .post('/board/export.csv')
        .type('form')
        .send(Object.fromEntries([...exportForm.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]])));
      expect(csv.headers['content-type']).to.contain('text/csv');
      expect(csv.text.trim().split('\n')).to.have.length(4);
      for (const reference of references) expect(csv.text).to.contain(reference);
    },
  );
});
