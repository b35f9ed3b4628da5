import { expect } from 'chai';
import { testApp, makeUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';

/**
 * Names and identifiers refuse characters that change how they read without showing (issue 14,
 * defect 8): a patient named "Ann\u202Eecila" reads as another name on a page; free text keeps them.
 */
describe('invisible characters in names and identifiers', () => {
  const { http } = testApp();
  const base = caseBody();
  const hidden = {
    'a NUL': '\u0000',
    'an escape': '\u001b',
    'a right-to-left override': '\u202E',
    'a zero-width space': '\u200B',
    'a byte-order mark': '\uFEFF',
  };

  for (const [what, char] of Object.entries(hidden)) {
    it(`when a patient's last name holds ${what}, then the case is refused naming the field`, async () => {
      const billing = await makeUser('billing');
      const res = await http
        .post('/api/v1/cases')
        .set(billing.auth)
        .send(caseBody({ patient: { ...base.patient, lastName: `Alva${char}rez` } }));
      expect(res.status).to.equal(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).to.include('body.patient.lastName');
      expect(res.body.errors[0].message).to.contain('text-direction');
    });
  }

  it('when a member id or claim number holds a zero-width space, then each is refused', async () => {
    const billing = await makeUser('billing');
    const res = await http
      .post('/api/v1/cases')
      .set(billing.auth)
      .send(
        caseBody({
          payer: { ...base.payer, memberId: 'XJH\u200B884512' },
          service: { ...base.service, claimNumber: 'CLM\u200B-1' },
        }),
      );
    expect(res.status).to.equal(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).to.include.members([
      'body.payer.memberId',
      'body.service.claimNumber',
    ]);
  });

  it('when the payer’s reason quotes text with a direction mark, then the free text is kept as written', async () => {
    const billing = await makeUser('billing');
    const payerReason = 'Denied: see policy \u202Bסעיף 4\u202C for details.';
    const res = await http
      .post('/api/v1/cases')
      .set(billing.auth)
      .send(caseBody({ denial: { ...base.denial, payerReason } }));
    expect(res.status, res.text).to.equal(201);
    expect(res.body.denial.payerReason).to.equal(payerReason);
  });

  it('when an administrator names a user with a right-to-left override, then the user is refused', async () => {
    const admin = await makeUser('admin');
    const res = await http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ name: 'Bea\u202E ztirO', email: `bidi${Date.now()}@clinic.example.org`, role: 'billing' });
    expect(res.status).to.equal(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).to.include('body.name');
  });
});
