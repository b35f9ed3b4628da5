import { expect } from 'chai';
import { testApp, makeUser } from '../support/app.js';

describe('methods an API address does not take', () => {
  it('when TRACE is sent to the case list, then it is 405 naming the methods the address takes', async () => {
    const { http } = testApp();
    const user = await makeUser('billing');
    const res = await http.trace('/api/v1/cases').set(user.auth);
    expect(res.status).to.equal(405);
    expect(res.type).to.equal('application/problem+json');
    expect(res.headers.allow).to.equal('POST, GET, HEAD, OPTIONS');
  });

  it('when GET is sent to the document search, then it is 405 allowing only POST, not a document read', async () => {
    const { http } = testApp();
    const user = await makeUser('clinician');
    const res = await http.get('/api/v1/cases/6a0000000000000000000001/documents/search').set(user.auth);
    expect(res.status).to.equal(405);
    expect(res.headers.allow).to.equal('POST, OPTIONS');
  });

  it('when OPTIONS is asked of a case, then it is 204 with the methods a case takes, without a token', async () => {
    const { http } = testApp();
    const res = await http.options('/api/v1/cases/6a0000000000000000000001');
    expect(res.status).to.equal(204);
    expect(res.headers.allow).to.equal('GET, HEAD, PATCH, OPTIONS');
  });

  it('when an address is not the API’s at all, then it is still 404', async () => {
    const { http } = testApp();
    const user = await makeUser('billing');
    const res = await http.trace('/api/v1/no-such-thing').set(user.auth);
    expect(res.status).to.equal(404);
  });
});
