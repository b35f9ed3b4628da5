import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { makeWebUser, signedInAgent } from './web-support.js';

describe('web error pages: HTML in the app’s own layout, the API keeps problem+json', () => {
  it('when a signed-in user opens an address that is no page, then a 404 page in the layout says so', async () => {
    const { app } = testApp();
    const billing = await makeWebUser('billing');
    const { agent } = await signedInAgent(app, billing);
    const res = await agent.get('/no-such-page');
    expect(res.status).to.equal(404);
    expect(res.headers['content-type']).to.match(/^text\/html/);
    expect(res.text).to.contain('<h1>Not found</h1>').and.contain('Page not found');
    expect(res.text).to.contain('href="/board"');
  });

  it('when nobody is signed in and an address is no page, then the 404 is still an HTML page', async () => {
    const { http } = testApp();
    const res = await http.get('/p2p/calendar/nowhere/at/all');
    expect(res.status).to.equal(404);
    expect(res.headers['content-type']).to.match(/^text\/html/);
    expect(res.text).to.contain('<h1>Not found</h1>');
  });

  it('when a clinician opens the denial board, then a 403 page in the layout says who may', async () => {
    const { app } = testApp();
    const clinician = await makeWebUser('clinician');
    const { agent } = await signedInAgent(app, clinician);
    const res = await agent.get('/board');
    expect(res.status).to.equal(403);
    expect(res.headers['content-type']).to.match(/^text\/html/);
    expect(res.text).to.contain('<h1>Not allowed</h1>').and.contain('href="/cases"');
  });

  it('when an API address does not exist, then it answers problem+json as before', async () => {
    const { http } = testApp();
    const res = await http.get('/api/v1/no-such-route');
    expect(res.status).to.equal(404);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body.code).to.equal('ROUTE_NOT_FOUND');
  });
});
