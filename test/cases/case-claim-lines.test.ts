import { expect } from 'chai';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import {
  lineSettlement,
  openImportedCase,
  recordClaimPayment,
  type ClaimLineRecord,
} from '../../server/cases/index.js';
import { deniedLine, importedClaim } from '../support/imported-claims.js';

/** Two lines as a billing clerk types them from a paper EOB: an MRI denied CO-50 and an office visit paid. */
const handLines = [
  {
    procedure: { code: '72148', modifiers: ['26'] },
    units: 1,
    serviceDate: '2026-10-20',
    chargeCents: 184050,
    paidCents: 0,
    deniedCents: 184050,
    adjustments: [{ group: 'CO', reason: '50', amountCents: 184050 }],
    remarkCodes: ['N115'],
  },
  {
    procedure: { code: '99214', modifiers: [] },
    units: 1,
    chargeCents: 20000,
    allowedCents: 10832,
    paidCents: 10832,
    deniedCents: 0,
    adjustments: [{ group: 'CO', reason: '45', amountCents: 9168 }],
  },
];

describe('claim lines worked by people, and the case settled by them', () => {
  const { http, clock } = testApp(new Date('2026-11-23T14:00:00Z'));
  let users: Record<'clinician' | 'billing' | 'director' | 'admin', TestUser>;

  before(async () => {
    users = await makeUsers();
  });

  async function caseWithLines() {
    const opened = await http.post('/api/v1/cases').set(users.billing.auth).send(caseBody());
    const res = await http
      .post(`/api/v1/cases/${opened.body.id}/lines`)
      .set(users.billing.auth)
      .send({ version: opened.body.version, lines: handLines });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as { id: string; version: number; status: string; lines: ClaimLineRecord[] };
  }

  async function moveTo(caseId: string, statuses: string[]) {
    let view = (await http.get(`/api/v1/cases/${caseId}`).set(users.billing.auth)).body;
    for (const to of statuses) {
      const res = await http
        .post(`/api/v1/cases/${caseId}/transitions`)
        .set(users.billing.auth)
        .send({ to, version: view.version });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      view = res.body;
    }
    return view as { id: string; version: number };
  }

  it(
    'when billing adds lines to a hand-entered case, ' +
      'then the denied line is under appeal and is the amount at stake',
    async () => {
      const c = await caseWithLines();
      expect(c.lines.map((l) => [l.procedure?.code, l.underAppeal, l.resolution.kind])).to.deep.equal([
        ['72148', true, 'open'],
        ['99214', false, 'open'],
      ]);
      expect(c.lines[0].procedure?.modifiers).to.deep.equal(['26']);
      expect(c.lines[0].remarkCodes).to.deep.equal(['N115']);
      const read = await http.get(`/api/v1/cases/${c.id}`).set(users.billing.auth);
      expect(read.body.amountAtStake).to.equal(1840.5);
      expect(read.body.timeline.at(-1)).to.include({ type: 'updated', note: 'Added 2 lines: 72148, 99214.' });
    },
  );

  it(
    'when a clinician adds lines or records a line’s outcome, ' + 'then both are refused (403): money is billing’s',
    async () => {
      const c = await caseWithLines();
      const add = await http
        .post(`/api/v1/cases/${c.id}/lines`)
        .set(users.clinician.auth)
        .send({ version: c.version, lines: handLines });
      const resolve = await http
        .post(`/api/v1/cases/${c.id}/lines/1/resolution`)
        .set(users.clinician.auth)
        .send({ version: c.version, kind: 'upheld' });
      expect([add.status, resolve.status]).to.deep.equal([403, 403]);
    },
  );

  it('when a line is denied more than its charge, then adding it is refused with the field named', async () => {
    const opened = await http.post('/api/v1/cases').set(users.billing.auth).send(caseBody());
    const res = await http
      .post(`/api/v1/cases/${opened.body.id}/lines`)
      .set(users.billing.auth)
      .send({ version: opened.body.version, lines: [{ ...handLines[0], deniedCents: 200000 }] });
    expect(res.status).to.equal(400);
    expect(res.headers['content-type']).to.contain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).to.include('body.lines.0.deniedCents');
  });

  it(
    'when more is recovered than was denied on the line, ' +
      'then it is refused (422 problem+json) and nothing changes',
    async () => {
      const c = await caseWithLines();
      const res = await http
        .post(`/api/v1/cases/${c.id}/lines/1/resolution`)
        .set(users.billing.auth)
        .send({ version: c.version, kind: 'overturned_paid', amountCents: 184051, remittance: 'EFT-5521' });
      expect(res.status).to.equal(422);
      expect(res.headers['content-type']).to.contain('application/problem+json');
      expect(res.body.code).to.equal('AMOUNT_ABOVE_DENIED');
      expect(res.body.detail).to.equal('The amount ($1,840.51) is more than was denied on line 1 ($1,840.50)');
      const read = await http.get(`/api/v1/cases/${c.id}`).set(users.billing.auth);
      expect([read.body.version, read.body.lines[0].resolution.kind]).to.deep.equal([c.version, 'open']);
    },
  );

  it('when a line’s outcome is recorded on a stale version, then it is 409 and the line stays open', async () => {
    const c = await caseWithLines();
    const res = await http
      .post(`/api/v1/cases/${c.id}/lines/1/resolution`)
      .set(users.billing.auth)
      .send({ version: c.version - 1, kind: 'upheld' });
    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('STALE_VERSION');
    const read = await http.get(`/api/v1/cases/${c.id}`).set(users.billing.auth);
    expect(read.body.lines[0].resolution.kind).to.equal('open');
  });

  it('when a line not under appeal, or no line, is resolved, then it is refused saying which', async () => {
    const c = await caseWithLines();
    const paidLine = await http
      .post(`/api/v1/cases/${c.id}/lines/2/resolution`)
      .set(users.billing.auth)
      .send({ version: c.version, kind: 'upheld' });
    const missing = await http
      .post(`/api/v1/cases/${c.id}/lines/3/resolution`)
      .set(users.billing.auth)
      .send({ version: c.version, kind: 'upheld' });
    expect([paidLine.status, paidLine.body.code]).to.deep.equal([409, 'LINE_NOT_UNDER_APPEAL']);
    expect([missing.status, missing.body.code]).to.deep.equal([404, 'LINE_NOT_FOUND']);
  });

  it('when a write-off lacks its reason and approver, or a clinician approves it, then it is refused', async () => {
    const c = await caseWithLines();
    const bare = await http
      .post(`/api/v1/cases/${c.id}/lines/1/resolution`)
      .set(users.billing.auth)
      .send({ version: c.version, kind: 'written_off' });
    expect(bare.status).to.equal(400);
    expect(bare.body.errors.map((e: { field: string }) => e.field).sort()).to.deep.equal([
      'body.approvedById',
      'body.reason',
    ]);
    const byClinician = await http.post(`/api/v1/cases/${c.id}/lines/1/resolution`).set(users.billing.auth).send({
      version: c.version,
      kind: 'written_off',
      reason: 'Below the appeal threshold',
      approvedById: users.clinician.id,
    });
    expect([byClinician.status, byClinician.body.code]).to.deep.equal([422, 'APPROVER_NOT_ALLOWED']);
  });

  it(
    'when the last line under appeal is written off, ' +
      'then the approver is named and the timeline says all lines are resolved',
    async () => {
      const c = await caseWithLines();
      const res = await http.post(`/api/v1/cases/${c.id}/lines/1/resolution`).set(users.billing.auth).send({
        version: c.version,
        kind: 'written_off',
        reason: 'Below the appeal threshold',
        approvedById: users.admin.id,
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.lines[0].resolution).to.include({
        kind: 'written_off',
        reason: 'Below the appeal threshold',
        approvedBy: users.admin.name,
      });
      // Written off while still being prepared: no decision to record, so the case stays for people to close.
      expect(res.body.status).to.equal('new');
      expect(res.body.timeline.at(-1).note).to.equal(
        `Line 1 (72148-26): written off, $1,840.50, approved by ${users.admin.name}. Below the appeal threshold. ` +
          'All lines resolved: $0.00 recovered, $1,840.50 written off.',
      );
    },
  );

  it(
    'when billing records the only line paid in full while the payer owes its decision, ' +
      'then the case is overturned that day',
    async () => {
      const c = await caseWithLines();
      const submitted = await moveTo(c.id, ['gathering_evidence', 'appeal_drafted', 'submitted']);
      const res = await http
        .post(`/api/v1/cases/${c.id}/lines/1/resolution`)
        .set(users.billing.auth)
        .send({ version: submitted.version, kind: 'overturned_paid', amountCents: 150000, remittance: 'EFT-5521' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.status).to.equal('overturned');
      expect(res.body.levelHistory.at(-1)).to.include({ outcome: 'overturned', decidedOn: clock.today() });
      const moved = res.body.timeline.find(
        (e: { type: string; toStatus?: string }) => e.type === 'status_changed' && e.toStatus === 'overturned',
      );
      expect(moved.note).to.equal(
        'Every line under appeal was paid. All lines resolved: $1,500.00 recovered, $0.00 written off.',
      );
    },
  );

  it(
    'when a later remittance pays every appealed line of a submitted imported case, ' + 'then it moves to overturned',
    async () => {
      const input = importedClaim(`LINES-${Date.now()}`, [deniedLine('72148', 184050), deniedLine('97110', 9000)]);
      const made = await openImportedCase(input, users.billing, { clock });
      await moveTo(made.caseId, ['gathering_evidence', 'appeal_drafted', 'submitted']);
      const paid = [
        { procedureCode: '72148', serviceDate: '2026-10-20', paidCents: 120000, deniedCents: 0 },
        { procedureCode: '97110', serviceDate: '2026-10-20', paidCents: 9000, deniedCents: 0 },
      ];
      const outcome = await recordClaimPayment(input.claimKey, paid, 'EFT-7001', users.billing, { clock });
      expect(outcome).to.deep.equal({ outcome: 'recovered', caseId: made.caseId, recoveredCents: 129000 });
      const read = await http.get(`/api/v1/cases/${made.caseId}`).set(users.billing.auth);
      expect(read.body.status).to.equal('overturned');
      expect(read.body.timeline.map((e: { type: string }) => e.type).slice(-2)).to.deep.equal([
        'remittance',
        'status_changed',
      ]);
    },
  );

  it(
    'when a remittance pays only part of a line of a submitted case, ' +
      'then it stays awaiting the decision with the settlement noted',
    async () => {
      const input = importedClaim(`PART-${Date.now()}`, [deniedLine('72148', 184050)]);
      const made = await openImportedCase(input, users.billing, { clock });
      await moveTo(made.caseId, ['gathering_evidence', 'appeal_drafted', 'submitted']);
      const paid = [{ procedureCode: '72148', serviceDate: '2026-10-20', paidCents: 50000, deniedCents: 134050 }];
      await recordClaimPayment(input.claimKey, paid, 'EFT-7002', users.billing, { clock });
      const read = await http.get(`/api/v1/cases/${made.caseId}`).set(users.billing.auth);
      expect(read.body.status).to.equal('submitted');
      expect(read.body.timeline.at(-1).note).to.equal(
        'A remittance (EFT-7002) paid $500.00 on lines under appeal. ' +
          'All lines resolved: $500.00 recovered, $0.00 written off.',
      );
      expect(lineSettlement(read.body.lines)).to.include({ settled: true, paidInFull: false, recoveredCents: 50000 });
    },
  );

  it(
    'when a line’s outcome was recorded by mistake, then a new one on the version read replaces it, ' +
      'the timeline saying who changed what',
    async () => {
      const c = await caseWithLines();
      const wrong = await http.post(`/api/v1/cases/${c.id}/lines/1/resolution`).set(users.billing.auth).send({
        version: c.version,
        kind: 'written_off',
        reason: 'Below the appeal threshold',
        approvedById: users.admin.id,
      });
      expect(wrong.status, JSON.stringify(wrong.body)).to.equal(200);
      const fixed = await http
        .post(`/api/v1/cases/${c.id}/lines/1/resolution`)
        .set(users.admin.auth)
        .send({ version: wrong.body.version, kind: 'upheld' });
      expect(fixed.status, JSON.stringify(fixed.body)).to.equal(200);
      expect(fixed.body.lines[0].resolution).to.deep.include({ kind: 'upheld' });
      expect(fixed.body.lines[0].resolution).to.not.have.property('approvedBy');
      const entry = fixed.body.timeline.at(-1);
      expect([entry.type, entry.actorName]).to.deep.equal(['correction', users.admin.name]);
      expect(entry.note).to.equal(
        `Line 1 (72148-26): upheld (corrected: was written off, $1,840.50, approved by ${users.admin.name}). ` +
          'All lines resolved: $0.00 recovered, $0.00 written off.',
      );

      // The first outcome's page, sent again after the correction, is stale; the same outcome again changes nothing.
      const stale = await http
        .post(`/api/v1/cases/${c.id}/lines/1/resolution`)
        .set(users.billing.auth)
        .send({ version: wrong.body.version, kind: 'partially_paid', amountCents: 5000, remittance: 'EFT-1' });
      expect([stale.status, stale.body.code]).to.deep.equal([409, 'STALE_VERSION']);
      const same = await http
        .post(`/api/v1/cases/${c.id}/lines/1/resolution`)
        .set(users.billing.auth)
        .send({ version: fixed.body.version, kind: 'upheld' });
      expect([same.status, same.body.code]).to.deep.equal([409, 'LINE_OUTCOME_UNCHANGED']);
      const read = await http.get(`/api/v1/cases/${c.id}`).set(users.billing.auth);
      expect([read.body.version, read.body.lines[0].resolution.kind]).to.deep.equal([fixed.body.version, 'upheld']);
    },
  );

  it('when lines are added to an imported case, then it is refused: its lines are its remittance’s', async () => {
    const made = await openImportedCase(
      importedClaim(`IMP-${Date.now()}`, [deniedLine('72148', 1000)]),
      users.billing,
      {
        clock,
      },
    );
    const read = await http.get(`/api/v1/cases/${made.caseId}`).set(users.billing.auth);
    const res = await http
      .post(`/api/v1/cases/${made.caseId}/lines`)
      .set(users.billing.auth)
      .send({ version: read.body.version, lines: handLines });
    expect([res.status, res.body.code]).to.deep.equal([409, 'LINES_FROM_REMITTANCE']);
  });
});
