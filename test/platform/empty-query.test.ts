import { expect } from 'chai';
import { testApp, makeUsers } from '../support/app.js';

describe('empty query parameters', () => {
  it(
    'when a filter is sent empty (?q=&code=, as a form with blank fields sends ' +
      'it), then it means no filter, not a 400',
    async () => {
      const { http } = testApp();
      const { billing } = await makeUsers();
      const all = await http.get('/api/v1/guidelines').set(billing.auth);
      const blank = await http.get('/api/v1/guidelines?q=&code=').set(billing.auth);
      expect(blank.status, JSON.stringify(blank.body)).to.equal(200);
      expect(blank.body.total).to.equal(all.body.total);
      const calls = await http.get('/api/v1/p2p?physician=&from=&to=').set(billing.auth);
      expect(calls.status, JSON.stringify(calls.body)).to.equal(200);
      // A filter that is there and wrong is still refused.
      expect((await http.get('/api/v1/p2p?from=yesterday').set(billing.auth)).status).to.equal(400);
    },
  );
});
