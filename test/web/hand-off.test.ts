import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { csrfOf, intakeForm, makeWebUser, signedInAgent } from './web-support.js';

describe('web hand-off: billing opens a case for a clinician, who works it', () => {
  it(
    'when billing opens a case choosing the treating clinician from the list, then that clinician ' +
      'finds it in My cases, opens it and saves its narrative without anyone stepping in',
    async () => {
      const { app, http } = testApp();
      const billing = await makeWebUser('billing');
      const clinician = await makeWebUser('clinician', `Dr. Lena Ortiz ${Date.now()}`);
      const entering = await signedInAgent(app, billing);
      const form = await entering.agent.get('/cases/new');
      expect(form.text).to.contain(`<option value="${clinician.id}">${clinician.name} (Clinician)</option>`);
      const opened = await entering.agent
        .post('/cases/new')
        .type('form')
        .send({
          _csrf: entering.csrf,
          ...intakeForm({ 'treatingClinician[userId]': clinician.id, assigneeId: clinician.id }),
        });
      expect(opened.status, opened.text).to.equal(303);
      const caseId = /\/cases\/([0-9a-f]{24})/.exec(opened.headers.location)![1];

      const working = await signedInAgent(app, clinician);
      const mine = await working.agent.get('/cases');
      expect(mine.text).to.contain(`href="/cases/${caseId}"`);
      expect(mine.text).to.contain(`<td>${clinician.name}</td>`);
      const page = await working.agent.get(`/cases/${caseId}`);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain(`<dd>${clinician.name}</dd>`);
      const version = /name="version" value="(\d+)"/.exec(page.text)![1];
      const saved = await working.agent
        .post(`/cases/${caseId}/narrative`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), version, medicalNecessity: 'Six weeks of therapy failed.' });
      expect(saved.status, saved.text).to.equal(303);
      const api = await http.get(`/api/v1/cases/${caseId}`).set(clinician.auth);
      expect(api.status).to.equal(200);
      expect(api.body.treatingClinician).to.include({ userId: clinician.id, name: clinician.name });
      expect(api.body.narrative.medicalNecessity).to.equal('Six weeks of therapy failed.');
    },
  );

  it('when no clinician is chosen and no outside physician typed, then the choice says so beside it', async () => {
    const { app } = testApp();
    const billing = await makeWebUser('billing');
    const { agent, csrf } = await signedInAgent(app, billing);
    const res = await agent
      .post('/cases/new')
      .type('form')
      .send({ _csrf: csrf, ...intakeForm({ 'treatingClinician[name]': '' }) });
    expect(res.status).to.equal(400);
    expect(res.text).to.contain(
      'id="treatingClinician-userId-error">Choose the treating clinician, ' +
        'or type the name of a physician outside the clinic<',
    );
  });

  it('when an outside physician is typed, then the case opens under that name with no clinic user', async () => {
    const { app, http } = testApp();
    const billing = await makeWebUser('billing');
    const { agent, csrf } = await signedInAgent(app, billing);
    const res = await agent
      .post('/cases/new')
      .type('form')
      .send({ _csrf: csrf, ...intakeForm({ 'treatingClinician[name]': 'Dr. Ada Quist (outside)' }) });
    expect(res.status).to.equal(303);
    const caseId = /\/cases\/([0-9a-f]{24})/.exec(res.headers.location)![1];
    const stored = await http.get(`/api/v1/cases/${caseId}`).set(billing.auth);
    expect(stored.body.treatingClinician.name).to.equal('Dr. Ada Quist (outside)');
    expect(stored.body.treatingClinician.userId).to.equal(undefined);
  });

  it(
    'when billing reassigns a case from its file, then the board and the case list name the new assignee, ' +
      'who finds it under "Assigned to me"; a reassignment on a stale version is refused',
    async () => {
      const { app, http } = testApp();
      const billing = await makeWebUser('billing');
      const director = await makeWebUser('medical_director', `Dr. Sam Reyes ${Date.now()}`);
      const created = await http.post('/api/v1/cases').set(billing.auth).send(caseBody());
      const { agent } = await signedInAgent(app, billing);
      const page = await agent.get(`/cases/${created.body.id}`);
      expect(page.text).to.contain('id="assignee-name">Unassigned<');
      const moved = await agent
        .post(`/cases/${created.body.id}/assignee`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), version: String(created.body.version), assigneeId: director.id });
      expect(moved.status, moved.text).to.equal(303);
      const again = await agent
        .post(`/cases/${created.body.id}/assignee`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), version: String(created.body.version), assigneeId: billing.id });
      expect(again.status).to.equal(409);
      expect(again.text).to.contain('Someone else changed this case');
      expect((await agent.get(`/cases/${created.body.id}`)).text).to.contain(`id="assignee-name">${director.name}<`);
      const board = await agent.get(`/board?payer=Acme`);
      expect(board.text).to.contain(`<td>${director.name}</td>`);

      const theirs = await signedInAgent(app, director);
      const assigned = await theirs.agent.get('/cases?assignee=me');
      expect(assigned.text).to.contain(created.body.reference);
      expect(assigned.text).to.match(/name="assignee" value="me" checked/);
    },
  );

  it('every role has a Cases link in the navigation', async () => {
    const { app } = testApp();
    for (const role of ['billing', 'admin', 'medical_director', 'clinician'] as const) {
      const user = await makeWebUser(role);
      const { agent, home } = await signedInAgent(app, user);
      const res = await agent.get(home);
      expect(res.text, role).to.match(role === 'clinician' ? />My cases</ : /href="\/cases"[^>]*>Cases</);
    }
  });
});
