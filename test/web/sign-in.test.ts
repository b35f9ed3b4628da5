import { expect } from 'chai';
import supertest from 'supertest';
import { testApp } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { csrfOf, makeWebUser, signedInAgent } from './web-support.js';

describe('web sign-in, sessions and CSRF', () => {
  it('when nobody is signed in, / leads to the sign-in page, which has a labelled email and password', async () => {
    const { app } = testApp();
    const agent = supertest.agent(app);
    const root = await agent.get('/');
    expect(root.status).to.equal(303);
    expect(root.headers.location).to.equal('/sign-in');
    const page = await agent.get('/sign-in');
    expect(page.status).to.equal(200);
    expect(page.text)
      .to.contain('<label for="email">Email</label>')
      .and.contain('<label for="password">Password</label>');
    // Scripts only from this site; no upgrade to an https:// that a plain-HTTP install lacks.
    expect(page.headers['content-security-policy'])
      .to.contain("script-src 'self'")
      .and.not.contain('upgrade-insecure-requests');
  });

  it('when sign-in is asked to return to /%2F%2Fevil.example, it lands on the home page', async () => {
    const { app } = testApp();
    const user = await makeWebUser('billing');
    const shown = await supertest(app).get('/sign-in?next=%2F%252F%252Fevil.example');
    expect(shown.text).to.not.contain('evil.example');
    for (const next of ['/%2F%2Fevil.example', '/%5C%5Cevil.example', '/\\evil.example']) {
      const agent = supertest.agent(app);
      const form = await agent.get('/sign-in');
      const res = await agent
        .post('/sign-in')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: user.email, password: user.password, next });
      expect(res.status, next).to.equal(303);
      expect(res.headers.location, next).to.equal('/board');
    }
  });

  it('when a page or an API answer carries patient data, then no browser or proxy may keep it', async () => {
    const { app } = testApp();
    expect((await supertest(app).get('/sign-in')).headers['cache-control']).to.equal('no-store');
    expect((await supertest(app).get('/api/v1/cases')).headers['cache-control']).to.equal('no-store');
    expect((await supertest(app).get('/static/app.css')).headers['cache-control']).to.not.equal('no-store');
  });

  it(
    'when each role signs in, then it lands on its own home page with a session ' +
      'cookie that is httpOnly and SameSite',
    async () => {
      const { app } = testApp();
      const homes = { billing: '/board', admin: '/board', clinician: '/cases', medical_director: '/p2p' } as const;
      for (const [role, home] of Object.entries(homes)) {
        const user = await makeWebUser(role as keyof typeof homes);
        const agent = supertest.agent(app);
        const form = await agent.get('/sign-in');
        const res = await agent
          .post('/sign-in')
          .type('form')
          .send({ _csrf: csrfOf(form.text), email: user.email, password: user.password });
        expect(res.status, role).to.equal(303);
        expect(res.headers.location, role).to.equal(home);
        const cookie = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('ovt_session='));
        expect(cookie, role)
          .to.match(/HttpOnly/i)
          .and.match(/SameSite=Lax/i);
      }
    },
  );

  it(
    'when the password is wrong, then the page says so without telling which ' +
      'part was wrong, and no session starts',
    async () => {
      const { app } = testApp();
      const user = await makeWebUser('billing');
      const agent = supertest.agent(app);
      const form = await agent.get('/sign-in');
      const res = await agent
        .post('/sign-in')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: user.email, password: 'wrong' });
      expect(res.status).to.equal(401);
      expect(res.text).to.contain('The email or password is not right.');
      expect(String(res.headers['set-cookie'] ?? '')).not.to.contain('ovt_session=');
      expect((await agent.get('/board')).headers.location).to.match(/^\/sign-in/);
    },
  );

  it(
    'when one address fails to sign in to an account ten times, across two instances ' +
      'of the service, then even the right password is refused with 429 for a while',
    async () => {
      const [first, second] = [testApp(), testApp()];
      const user = await makeWebUser('billing');
      const other = await makeWebUser('billing');
      for (const [k, { app }] of [first, second].entries()) {
        const agent = supertest.agent(app);
        const form = await agent.get('/sign-in');
        for (let i = 0; i < 5; i++) {
          const res = await agent
            .post('/sign-in')
            .type('form')
            .send({ _csrf: csrfOf(form.text), email: user.email, password: `guess-${k}-${i}` });
          expect(res.status).to.equal(401);
        }
      }
      const agent = supertest.agent(first.app);
      const form = await agent.get('/sign-in');
      const locked = await agent
        .post('/sign-in')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: user.email, password: user.password });
      expect(locked.status).to.equal(429);
      expect(locked.text).to.contain('Too many failed sign-ins');
      expect(String(locked.headers['set-cookie'] ?? '')).not.to.contain('ovt_session=');
      // Another account from the same address is not locked out by these guesses.
      const colleague = await agent
        .post('/sign-in')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: other.email, password: other.password });
      expect(colleague.status).to.equal(303);
    },
  );

  it('when the sign-in form comes without its CSRF token, then it is refused with 403', async () => {
    const { app } = testApp();
    const user = await makeWebUser('billing');
    const res = await supertest(app).post('/sign-in').type('form').send({ email: user.email, password: user.password });
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('Not allowed');
  });

  it(
    'when a signed-in form is posted without a valid CSRF token, then it is refused ' + 'and the case is unchanged',
    async () => {
      const { app, http } = testApp();
      const user = await makeWebUser('billing');
      const opened = await http.post('/api/v1/cases').set(user.auth).send(caseBody());
      const { agent } = await signedInAgent(app, user);
      for (const token of [undefined, 'forged-token']) {
        const res = await agent
          .post(`/cases/${opened.body.id}/status`)
          .type('form')
          .send({ _csrf: token, version: opened.body.version, to: 'gathering_evidence' });
        expect(res.status).to.equal(403);
        expect(res.text).to.contain('did not come from Overturn');
      }
      const after = await http.get(`/api/v1/cases/${opened.body.id}`).set(user.auth);
      expect(after.body.status).to.equal('new');
    },
  );

  it(
    'when page script calls the API with the session, then reads work, and writes ' + 'need the X-CSRF-Token header',
    async () => {
      const { app } = testApp();
      const user = await makeWebUser('billing');
      const { agent, csrf } = await signedInAgent(app, user);
      expect((await agent.get('/api/v1/cases')).status).to.equal(200);
      const refused = await agent.post('/api/v1/cases').send(caseBody());
      expect(refused.status).to.equal(403);
      expect(refused.headers['content-type']).to.contain('application/problem+json');
      const accepted = await agent.post('/api/v1/cases').set('X-CSRF-Token', csrf).send(caseBody());
      expect(accepted.status, JSON.stringify(accepted.body)).to.equal(201);
      expect(accepted.body.createdById).to.equal(user.id);
    },
  );

  it('when the user signs out, then the old session cookie no longer opens a page or the API', async () => {
    const { app } = testApp();
    const user = await makeWebUser('billing');
    const { agent, csrf, cookie } = await signedInAgent(app, user);
    expect((await supertest(app).get('/board').set('Cookie', cookie)).status).to.equal(200);
    const out = await agent.post('/sign-out').type('form').send({ _csrf: csrf });
    expect(out.status).to.equal(303);
    expect(out.headers.location).to.equal('/sign-in');
    const replay = await supertest(app).get('/board').set('Cookie', cookie);
    expect(replay.status).to.equal(303);
    expect((await supertest(app).get('/api/v1/cases').set('Cookie', cookie)).status).to.equal(401);
  });

  it('when the session has been idle longer than SESSION_IDLE_MINUTES, then the user must sign in again', async () => {
    const { app, clock } = testApp();
    const user = await makeWebUser('clinician');
    const { agent } = await signedInAgent(app, user);
    clock.advance(59 * 60_000);
    expect((await agent.get('/cases')).status).to.equal(200);
    clock.advance(61 * 60_000);
    const res = await agent.get('/cases');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/sign-in?next=%2Fcases');
  });
});
