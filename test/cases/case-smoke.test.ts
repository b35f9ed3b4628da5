import { expect } from 'chai';
import { testApp, makeUsers } from '../support/app.js';
import { caseBody } from '../support/factories.js';

describe('smoke', () => {
  it('opens, reads, patches and transitions a case', async () => {
    const { http } = testApp();
    const { billing } = await makeUsers();
    const created = await http.post('/api/v1/cases').set(billing.auth).send(caseBody());
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    console.log(JSON.stringify(created.body.deadlines));
    const id = created.body.id;
    const got = await http.get(`/api/v1/cases/${id}`).set(billing.auth);
    expect(got.status).to.equal(200);
    const patched = await http.patch(`/api/v1/cases/${id}`).set(billing.auth).send({ version: got.body.version, priority: 'expedited' });
    expect(patched.status, JSON.stringify(patched.body)).to.equal(200);
    const stale = await http.patch(`/api/v1/cases/${id}`).set(billing.auth).send({ version: got.body.version, priority: 'standard' });
    expect(stale.status).to.equal(409);
    const t = await http.post(`/api/v1/cases/${id}/transitions`).set(billing.auth).send({ version: patched.body.version, to: 'gathering_evidence' });
    expect(t.status, JSON.stringify(t.body)).to.equal(200);
    const list = await http.get('/api/v1/cases?q=alva&status=gathering_evidence').set(billing.auth);
    expect(list.status, JSON.stringify(list.body)).to.equal(200);
    expect(list.body.total).to.equal(1);
    const wl = await http.get('/api/v1/worklist/deadlines?withinDays=400').set(billing.auth);
    console.log(wl.status, JSON.stringify(wl.body).slice(0, 300));
    const csv = await http.get('/api/v1/cases/export.csv').set(billing.auth);
    console.log(csv.status, csv.text.slice(0, 300));
  });
});
