import { expect } from 'chai';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { createUser } from '../../server/auth/index.js';
import { makeWebUser, signedInAgent } from '../web/web-support.js';
import { claimKeyOf, openImportedCase, type ImportedClaim } from '../../server/cases/index.js';
import { deniedLine, importedClaim } from '../support/imported-claims.js';
import { northwindProfile } from '../support/factories.js';

/** A commercial claim denied on a remittance (CLP06 `CI`): the rules give plan type `other` no window. */
function commercialDenial(claimNumber: string, payer: { name: string; id?: string }): ImportedClaim {
  return importedClaim(claimNumber, [deniedLine('97110', 36000)], {
    claimKey: claimKeyOf({
      payer: payer.id ?? payer.name,
      payerClaimControlNumber: claimNumber,
      serviceStart: '2026-10-20',
    }),
    claim: payer.id ? { payerId: payer.id } : {},
    payer: { name: payer.name, planType: 'other' },
    denial: {
      noticeDate: '2026-11-16',
      category: 'prior_authorization',
      reasonCodes: [{ kind: 'CARC', group: 'CO', code: '197' }],
      payerReason: 'Remittance adjustment codes CO-197',
    },
  });
}

describe('a case whose filing deadline no rule gives', () => {
  const { app, http, clock } = testApp(new Date('2026-11-23T14:00:00Z'));
  let users: Record<'billing' | 'admin' | 'clinician', TestUser>;

  before(async () => {
    users = await makeUsers();
  });

  const read = async (caseId: string) => (await http.get(`/api/v1/cases/${caseId}`).set(users.billing.auth)).body;

  it(
    'when an imported commercial claim names a payer the clinic has a profile for, then the case ' +
      'takes the profile’s name and its appeal window gives the filing deadline',
    async () => {
      const profile = await http.post('/api/v1/payers').set(users.admin.auth).send(northwindProfile);
      expect(profile.status, JSON.stringify(profile.body)).to.equal(201);

      const made = await openImportedCase(
        // The remittance spells the name its own way; the electronic payer id finds the profile.
        commercialDenial('NW-2026-0001', { name: 'NORTHWIND HEALTH', id: 'NW771' }),
        users.billing,
        { clock },
      );
      const c = await read(made.caseId);
      expect(c.payer.profileId).to.equal(profile.body._id);
      // One payer on the board, under the clinic's name for it, not the remittance's spelling.
      expect(c.payer.name).to.equal('Northwind Commercial');
      const filing = c.deadlines.find((d: { kind: string }) => d.kind === 'filing');
      expect(filing.dueDate).to.equal('2027-05-15');
      expect(c).to.not.have.property('filingDeadlineMissing');
    },
  );

  it('when the remittance’s payer matches a profile only by name, then the name decides, case aside', async () => {
    await http
      .post('/api/v1/payers')
      .set(users.admin.auth)
      .send({ name: 'Lakeshore Health Plan', appealWindow: { days: 90, unit: 'calendar', countFrom: 'notice' } });
    const made = await openImportedCase(commercialDenial('LS-88', { name: 'LAKESHORE HEALTH PLAN' }), users.billing, {
      clock,
    });
    const c = await read(made.caseId);
    expect(c.deadlines.find((d: { kind: string }) => d.kind === 'filing').dueDate).to.equal('2027-02-14');
  });

  describe('when no profile gives the window', () => {
    let caseId: string;
    let made: Awaited<ReturnType<typeof openImportedCase>>;

    before(async () => {
      made = await openImportedCase(commercialDenial('UNK-1', { name: 'Tri-County Benefit Trust' }), users.billing, {
        clock,
      });
      caseId = made.caseId;
    });

    it('then the case says its filing deadline is unknown, and the board lists it under that filter', async () => {
      const c = await read(caseId);
      expect(c.deadlines).to.deep.equal([]);
      expect(c.filingDeadlineMissing).to.equal('payer_appeal');

      const unknown = await http.get('/api/v1/cases?deadlineUnknown=true').set(users.billing.auth);
      expect(unknown.body.cases.map((x: { id: string }) => x.id)).to.include(caseId);
      expect(unknown.body.cases.every((x: { filingDeadlineMissing?: string }) => x.filingDeadlineMissing)).to.equal(
        true,
      );

      const { agent } = await signedInAgent(app, await makeWebUser('billing'));
      const board = (await agent.get('/board?deadlineUnknown=true')).text;
      expect(board).to.include(made.reference).and.include('Filing deadline unknown');
    });

    it('then the case page warns and offers to enter the date printed on the notice', async () => {
      const { agent } = await signedInAgent(app, await makeWebUser('billing'));
      const page = (await agent.get(`/cases/${caseId}`)).text;
      expect(page).to.include('id="filing-deadline-missing"').and.include('<option value="filing"');
      expect(page).to.not.include('No open deadline at this status');
    });

    it(
      'then the date printed on the notice becomes the filing deadline, with who and why, ' + 'and the warning goes',
      async () => {
        const before = await read(caseId);
        const res = await http.post(`/api/v1/cases/${caseId}/deadline-overrides`).set(users.billing.auth).send({
          version: before.version,
          kind: 'filing',
          dueDate: '2027-01-15',
          reason: 'Appeal by 15 Jan 2027, printed on the EOB',
        });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        const filing = res.body.deadlines.find((d: { kind: string }) => d.kind === 'filing');
        expect(filing).to.include({ level: 'payer_appeal', dueDate: '2027-01-15' });
        expect(filing.override).to.include({
          byName: users.billing.name,
          reason: 'Appeal by 15 Jan 2027, printed on the EOB',
        });
        expect(filing.override).to.not.have.property('computedDueDate');
        expect(res.body).to.not.have.property('filingDeadlineMissing');
        expect(res.body.nextDueDate).to.equal('2027-01-15');

        // Any later change counts the deadlines again: the notice's date stays.
        const again = await http
          .patch(`/api/v1/cases/${caseId}`)
          .set(users.billing.auth)
          .send({ version: res.body.version, priority: 'standard' });
        expect(again.status, JSON.stringify(again.body)).to.equal(200);
        expect(again.body.deadlines.find((d: { kind: string }) => d.kind === 'filing').dueDate).to.equal('2027-01-15');
      },
    );
  });

  it('when no decision is awaited, then no decision deadline can be set from a notice', async () => {
    const made = await openImportedCase(
      commercialDenial('UNK-2', { name: 'Tri-County Benefit Trust' }),
      users.billing,
      { clock },
    );
    const c = await read(made.caseId);
    const res = await http
      .post(`/api/v1/cases/${made.caseId}/deadline-overrides`)
      .set(users.billing.auth)
      .send({ version: c.version, kind: 'decision', dueDate: '2027-01-15', reason: 'Printed on the notice' });
    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('NO_SUCH_DEADLINE');
  });

  it(
    'when the clinic then adds the payer’s profile with its window, then the imported cases ' +
      'naming it are linked and get their deadline',
    async () => {
      const made = await openImportedCase(
        commercialDenial('HM-31', { name: 'Harbor Mutual', id: 'HBR01' }),
        users.billing,
        {
          clock,
        },
      );
      expect((await read(made.caseId)).filingDeadlineMissing).to.equal('payer_appeal');

      const profile = await http
        .post('/api/v1/payers')
        .set(users.admin.auth)
        .send({
          name: 'Harbor Mutual Insurance',
          electronicPayerId: 'HBR01',
          appealWindow: { days: 60, unit: 'calendar', countFrom: 'notice' },
        });
      expect(profile.status, JSON.stringify(profile.body)).to.equal(201);
      expect(profile.body.casesWithNewDeadlines).to.equal(1);

      const c = await read(made.caseId);
      expect(c.payer.profileId).to.equal(profile.body._id);
      expect(c.deadlines.find((d: { kind: string }) => d.kind === 'filing').dueDate).to.equal('2027-01-15');
      expect(c).to.not.have.property('filingDeadlineMissing');
      expect(JSON.stringify(c.timeline)).to.include('the payer profile Harbor Mutual Insurance was linked');
    },
  );

  it('when the claim’s rendering provider has an account by that NPI, then the case is hers to see', async () => {
    const { user, token } = await createUser({ name: 'Dr. Priya Natarajan', role: 'clinician', npi: '1234567893' });
    const input = commercialDenial('NPI-1', { name: 'Tri-County Benefit Trust' });
    // A remittance prints the provider's name in capitals; the account's name is the clinic's.
    const made = await openImportedCase(
      { ...input, treatingClinician: { name: 'PRIYA NATARAJAN', npi: '1234567893' } },
      users.billing,
      {
        clock,
      },
    );
    const c = await read(made.caseId);
    expect(c.treatingClinician).to.deep.include({ name: 'Dr. Priya Natarajan', npi: '1234567893', userId: user.id });
    const hers = await http.get('/api/v1/cases?open=true').set({ Authorization: `Bearer ${token}` });
    expect(hers.body.cases.map((x: { id: string }) => x.id)).to.include(made.caseId);
  });
});
