import { expect } from 'chai';
import { makeUsers, testApp } from '../support/app.js';

describe('users API: administrators manage the clinic’s users', () => {
  const { http } = testApp();
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });
  const withToken = (token: string) => http.get('/api/v1/payers').set('Authorization', `Bearer ${token}`);

  it('when an administrator adds a user, then the answer holds a working token; the list shows no hash', async () => {
    const res = await http.post('/api/v1/users').set(users.admin.auth).send({
      name: 'Dr. Sam Reyes',
      email: 'sam.reyes@clinic.internal',
      role: 'clinician',
      password: 'a-long-password-1',
    });
    expect(res.status).to.equal(201);
    expect(res.body.user).to.include({ name: 'Dr. Sam Reyes', role: 'clinician', active: true, signsInOnTheWeb: true });
    expect((await withToken(res.body.token)).status).to.equal(200);
    const list = await http.get('/api/v1/users').set(users.admin.auth);
    expect(JSON.stringify(list.body)).not.to.contain('Hash').and.not.to.contain(res.body.token);
    expect(list.body.users.map((u: { id: string }) => u.id)).to.include(res.body.user.id);
  });

  it('when a role changes on a stale version, then 409; a new token ends the old; deactivation ends both', async () => {
    const added = (await http.post('/api/v1/users').set(users.admin.auth).send({ name: 'Jo Billing', role: 'billing' }))
      .body;
    const changed = await http
      .patch(`/api/v1/users/${added.user.id}`)
      .set(users.admin.auth)
      .send({ version: 0, role: 'medical_director' });
    expect(changed.status).to.equal(200);
    expect(changed.body).to.include({ role: 'medical_director', version: 1 });
    const stale = await http
      .patch(`/api/v1/users/${added.user.id}`)
      .set(users.admin.auth)
      .send({ version: 0, role: 'clinician' });
    expect(stale.status).to.equal(409);
    expect(stale.body.code).to.equal('STALE_VERSION');

    const issued = await http.post(`/api/v1/users/${added.user.id}/token`).set(users.admin.auth).send({ version: 1 });
    expect(issued.status).to.equal(201);
    expect((await withToken(added.token)).status).to.equal(401);
    expect((await withToken(issued.body.token)).status).to.equal(200);

    await http
      .patch(`/api/v1/users/${added.user.id}`)
      .set(users.admin.auth)
      .send({ version: issued.body.user.version, active: false })
      .expect(200);
    expect((await withToken(issued.body.token)).status).to.equal(401);
  });

  it('when administrators change their own account or others call the routes, then they are refused', async () => {
    const own = await http
      .patch(`/api/v1/users/${users.admin.id}`)
      .set(users.admin.auth)
      .send({ version: 0, role: 'billing' });
    expect(own.status).to.equal(409);
    expect(own.body.code).to.equal('OWN_ACCOUNT');
    for (const who of [users.billing, users.clinician, users.director])
      expect((await http.get('/api/v1/users').set(who.auth)).status).to.equal(403);
  });
});
