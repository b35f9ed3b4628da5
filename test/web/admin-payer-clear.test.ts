/**
 * Clearing a payer profile's field on its edit page clears it: a box emptied, or a whole window
 * left blank, is sent as null and the profile no longer has it (before, a blank was dropped and
 * the old value stood). The API's PATCH takes null the same way.
 */
import { expect } from 'chai';
import { testApp } from '../support/app.js';
import { csrfOf, makeWebUser, signedInAgent } from './web-support.js';

describe('web administration: clearing a payer profile’s fields', () => {
  it('when the fax, the P2P window and the notes are emptied on the edit page, then the profile has none', async () => {
    const { app, http } = testApp();
    const admin = await makeWebUser('admin');
    const created = await http
      .post('/api/v1/payers')
      .set(admin.auth)
      .send({
        name: 'Cedar Health',
        phone: '800-555-0100',
        fax: '612-555-0199',
        notes: 'Faxes are slow in December',
        p2pWindow: { days: 14, unit: 'business', countFrom: 'notice' },
        appealWindow: { days: 60, unit: 'calendar', countFrom: 'notice' },
      });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const { agent } = await signedInAgent(app, admin);
    const page = await agent.get(`/admin/payers/${created.body._id}`);
    expect(page.text).to.contain('612-555-0199');

    const saved = await agent
      .post(`/admin/payers/${created.body._id}`)
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        version: String(created.body.__v),
        name: 'Cedar Health',
        phone: '800-555-0100',
        fax: '',
        notes: '',
        'p2pWindow[days]': '',
        'p2pWindow[unit]': '',
        'p2pWindow[countFrom]': '',
        'p2pWindow[label]': '',
        'appealWindow[days]': '60',
        'appealWindow[unit]': 'calendar',
        'appealWindow[countFrom]': 'notice',
      });
    expect(saved.status, saved.text.slice(0, 400)).to.equal(303);
    const stored = (await http.get(`/api/v1/payers/${created.body._id}`).set(admin.auth)).body;
    expect(stored).to.include({ name: 'Cedar Health', phone: '800-555-0100' });
    expect(stored).not.to.have.any.keys('fax', 'notes', 'p2pWindow');
    expect(stored.appealWindow).to.include({ days: 60 });

    const api = await http
      .patch(`/api/v1/payers/${created.body._id}`)
      .set(admin.auth)
      .send({ version: stored.__v, phone: null });
    expect(api.status, JSON.stringify(api.body)).to.equal(200);
    expect(api.body).not.to.have.property('phone');
    const nameless = await http
      .patch(`/api/v1/payers/${created.body._id}`)
      .set(admin.auth)
      .send({ version: api.body.__v, name: null });
    expect(nameless.status, 'the name cannot be cleared').to.equal(400);
  });
});
