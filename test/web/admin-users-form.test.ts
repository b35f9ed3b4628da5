/**
 * The administrator's user forms as a browser posts them: the new user's time zone, a form sent
 * twice (a double click, a reload, two tabs) adding one user only, and every change to a user on
 * the audit trail, from the pages and from the API alike.
 */
import { expect } from 'chai';
import { AuditEventModel } from '../../server/audit/audit.model.js';
import { UserModel } from '../../server/auth/user.model.js';
import { testApp } from '../support/app.js';
import { csrfOf, makeWebUser, signedInAgent } from './web-support.js';

/** The add-user form's one-time id on the users page. */
const formIdOf = (html: string) => /name="_once" value="([^"]+)"/.exec(html)![1];

describe('web administration: adding and changing users', () => {
  it(
    'when an administrator adds a physician in Chicago, then the time zone is stored, the form offered the ' +
      'clinic’s zone first, and the addition is audited without any value typed',
    async () => {
      const { app } = testApp();
      const admin = await makeWebUser('admin');
      const { agent } = await signedInAgent(app, admin);
      const page = (await agent.get('/admin/users')).text;
      expect(page).to.match(/id="timeZone"[^>]*value="America\/New_York"|value="America\/New_York"[^>]*id="timeZone"/);

      const added = await agent
        .post('/admin/users')
        .type('form')
        .send({
          _csrf: csrfOf(page),
          _once: formIdOf(page),
          name: 'Dr. Ana Ruiz',
          email: 'ana.ruiz@clinic.test',
          role: 'medical_director',
          password: 'ruiz-first-password',
          timeZone: 'America/Chicago',
        });
      expect(added.status).to.equal(200);
      expect(added.text).to.contain('Dr. Ana Ruiz was added');
      const stored = await UserModel.findOne({ email: 'ana.ruiz@clinic.test' }).lean();
      expect(stored?.timeZone).to.equal('America/Chicago');
      const audit = await AuditEventModel.find({ action: 'user.create', entityId: String(stored!._id) }).lean();
      expect(audit).to.have.length(1);
      expect(audit[0]).to.include({ actorId: admin.id, entityType: 'user', outcome: 'success' });
      expect(audit[0].fields).to.include.members(['name', 'password', 'timeZone']);
      expect(JSON.stringify(audit[0])).not.to.contain('ruiz-first-password').and.not.to.contain('Ana Ruiz');
    },
  );

  it('when an unknown time zone is typed, then it is refused beside the field and no user is added', async () => {
    const { app } = testApp();
    const admin = await makeWebUser('admin');
    const { agent } = await signedInAgent(app, admin);
    const page = (await agent.get('/admin/users')).text;
    const refused = await agent
      .post('/admin/users')
      .type('form')
      .send({ _csrf: csrfOf(page), _once: formIdOf(page), name: 'Dr. Zone', role: 'clinician', timeZone: 'Mars/Base' });
    expect(refused.status).to.equal(400);
    expect(refused.text).to.match(/id="timeZone-error">This field must be an IANA time zone such as America\/Chicago/);
    expect(await UserModel.countDocuments({ name: 'Dr. Zone' })).to.equal(0);
  });

  it(
    'when the same add-user form is sent twice, one after the other or both at once, then one user is ' +
      'added and the second answer says the form was sent already',
    async () => {
      const { app } = testApp();
      const admin = await makeWebUser('admin');
      const { agent } = await signedInAgent(app, admin);
      const send = async (name: string, page: string) =>
        agent
          .post('/admin/users')
          .type('form')
          .send({
            _csrf: csrfOf(page),
            _once: formIdOf(page),
            name,
            role: 'billing',
          });

      // A user with a token only (no email to collide on): the form id alone stops the second.
      const page = (await agent.get('/admin/users')).text;
      const first = await send('Script Runner', page);
      const again = await send('Script Runner', page);
      expect(first.status).to.equal(200);
      expect(again.status).to.equal(409);
      expect(again.text).to.contain('This form was sent already, and the user was added then');
      expect(again.text).not.to.contain('class="token"');
      expect(await UserModel.countDocuments({ name: 'Script Runner' })).to.equal(1);

      const other = (await agent.get('/admin/users')).text;
      const both = await Promise.all([send('Night Import', other), send('Night Import', other)]);
      expect(both.map((r) => r.status).sort()).to.deep.equal([200, 409]);
      expect(await UserModel.countDocuments({ name: 'Night Import' })).to.equal(1);

      // A refused form can be corrected and sent: the refusal gave its id back.
      const third = (await agent.get('/admin/users')).text;
      const short = await agent
        .post('/admin/users')
        .type('form')
        .send({ _csrf: csrfOf(third), _once: formIdOf(third), name: 'Late Hire', role: 'billing', npi: '12' });
      expect(short.status).to.equal(400);
      expect((await send('Late Hire', third)).status).to.equal(200);
    },
  );

  it('when a role is changed or a token issued, on the page or by the API, then each change is audited', async () => {
    const { app, http } = testApp();
    const admin = await makeWebUser('admin');
    const other = await makeWebUser('clinician');
    const { agent } = await signedInAgent(app, admin);
    const page = (await agent.get(`/admin/users/${other.id}`)).text;
    const changed = await agent
      .post(`/admin/users/${other.id}`)
      .type('form')
      .send({ _csrf: csrfOf(page), version: 0, role: 'medical_director', active: 'true' });
    expect(changed.status).to.equal(303);
    const token = await agent
      .post(`/admin/users/${other.id}/token`)
      .type('form')
      .send({ _csrf: csrfOf(page), version: 1 });
    expect(token.status).to.equal(200);
    const api = await http.patch(`/api/v1/users/${other.id}`).set(admin.auth).send({ version: 2, active: false });
    expect(api.status, JSON.stringify(api.body)).to.equal(200);

    const trail = await AuditEventModel.find({ entityType: 'user', entityId: other.id }).sort({ at: 1 }).lean();
    expect(trail.map((e) => [e.action, e.fields, e.actorId])).to.deep.equal([
      ['user.update', ['role', 'active'], admin.id],
      ['user.token', ['tokenHash'], admin.id],
      ['user.update', ['active'], admin.id],
    ]);
  });
});
