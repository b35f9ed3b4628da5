import { expect } from 'chai';
import mongoose from 'mongoose';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import {
  amountAtStakeCents,
  applyPayment,
  claimKeyOf,
  openImportedCase,
  openImportedCases,
  recordClaimPayment,
  type ClaimLineRecord,
  type ImportedClaim,
} from '../../server/cases/index.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { CaseClaimKeyModel } from '../../server/cases/case-claim.model.js';
import { AuditEventModel } from '../../server/audit/audit.model.js';

function line(code: string, chargeCents: number, paidCents: number, deniedCents: number): ClaimLineRecord {
  return {
    procedure: { code, modifiers: [] },
    units: 1,
    serviceDate: '2026-10-20',
    chargeCents,
    paidCents,
    deniedCents,
    adjustments: deniedCents ? [{ group: 'CO', reason: '50', amountCents: deniedCents }] : [],
    remarkCodes: [],
    underAppeal: deniedCents > 0,
    resolution: { kind: 'open' },
  };
}

function importedClaim(claimNumber: string): ImportedClaim {
  const key = claimKeyOf({ payer: ' acme  60054', payerClaimControlNumber: claimNumber, serviceStart: '2026-10-20' });
  return {
    claimKey: key,
    claim: {
      patientControlNumber: 'OVT-1001',
      payerClaimControlNumber: claimNumber,
      status: '1',
      chargeCents: 204050,
      paidCents: 10832,
      serviceStart: '2026-10-20',
      serviceEnd: '2026-10-20',
    },
    lines: [line('99214', 20000, 10832, 0), line('72148', 184050, 0, 184050)],
    patient: { firstName: 'Avery', lastName: 'Quill' },
    payer: { name: 'Acme Health Plan', planType: 'erisa_group' },
    service: { description: 'Claim lines 99214, 72148', cptCodes: ['99214', '72148'], dateOfService: '2026-10-20' },
    denial: {
      noticeDate: '2026-11-14',
      category: 'medical_necessity',
      reasonCodes: [{ kind: 'CARC', group: 'CO', code: '50' }],
      payerReason: 'CO-50: not medically necessary',
    },
    recommendation: { route: 'appeal', reason: 'medical necessity' },
  };
}

describe('claims and lines on a case', () => {
  const { http, clock } = testApp(new Date('2026-11-23T14:00:00Z'));
  let users: Record<'billing', TestUser>;

  before(async () => {
    users = await makeUsers();
  });

  it('when a claim key is made, then its parts are normalised, the end defaulting to the start', () => {
    expect(
      claimKeyOf({ payer: ' acme  health ', payerClaimControlNumber: 'ab-1 ', serviceStart: '2026-10-20' }),
    ).to.equal('ACME HEALTH|AB-1|2026-10-20|2026-10-20');
  });

  it('when lines are denied in part, then the amount at stake is the denied amount on lines under appeal only', () => {
    const lines = [
      line('99214', 20000, 10832, 0),
      line('72148', 184050, 0, 184050),
      { ...line('97110', 9000, 0, 9000), underAppeal: false },
    ];
    expect(amountAtStakeCents(lines)).to.equal(184050);
  });

  it('when a later remittance pays a denied line less a contractual reduction, then it is overturned and paid', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const { lines, recoveredCents } = applyPayment(
      [line('99214', 20000, 10832, 0), line('72148', 184050, 0, 184050)],
      [
        { procedureCode: '99214', serviceDate: '2026-10-20', paidCents: 10832, deniedCents: 0 },
        { procedureCode: '72148', serviceDate: '2026-10-20', paidCents: 120000, deniedCents: 0 },
      ],
      'EFT-2',
      at,
    );
    expect(recoveredCents).to.equal(120000);
    expect(lines[1].resolution).to.deep.equal({
      kind: 'overturned_paid',
      amountCents: 120000,
      remittance: 'EFT-2',
      at,
    });
    expect(lines[0].resolution.kind).to.equal('open');
  });

  it('when a later remittance pays part and still denies the rest, then the line is partially paid', () => {
    const { lines } = applyPayment(
      [line('72148', 184050, 0, 184050)],
      [{ procedureCode: '72148', paidCents: 50000, deniedCents: 90000 }],
      'EFT-3',
      new Date(),
    );
    expect(lines[0].resolution).to.include({ kind: 'partially_paid', amountCents: 50000 });
  });

  it('when an imported claim becomes a case, then it shows claim and lines in cents, the denial at stake', async () => {
    const made = await openImportedCase(importedClaim('2611500000101'), users.billing, { clock });
    expect(made.outcome).to.equal('created');
    const res = await http.get(`/api/v1/cases/${made.caseId}`).set(users.billing.auth);
    expect(res.status).to.equal(200);
    expect(res.body.claim).to.include({
      payerClaimControlNumber: '2611500000101',
      chargeCents: 204050,
      paidCents: 10832,
    });
    expect(res.body.claim.recommendation).to.deep.equal({ route: 'appeal', reason: 'medical necessity' });
    expect(
      res.body.lines.map((l: ClaimLineRecord) => [l.procedure?.code, l.deniedCents, l.resolution.kind]),
    ).to.deep.equal([
      ['99214', 0, 'open'],
      ['72148', 184050, 'open'],
    ]);
    expect(res.body.amountAtStake).to.equal(1840.5);
    expect(res.body).to.not.have.property('claimKey');
  });

  it('when one claim is imported three times at once, then one case is made and the others matched', async () => {
    const input = importedClaim('2611500000777');
    const outcomes = await Promise.all([1, 2, 3].map(() => openImportedCase(input, users.billing, { clock })));
    expect(outcomes.map((o) => o.outcome).sort()).to.deep.equal(['created', 'matched', 'matched']);
    expect(new Set(outcomes.map((o) => o.caseId)).size).to.equal(1);
    expect(await CaseModel.countDocuments({ claimKey: input.claimKey })).to.equal(1);
  });

  it('when a later remittance pays the claim, then the recovery is on the line and the timeline, once', async () => {
    const input = importedClaim('2611500000888');
    const made = await openImportedCase(input, users.billing, { clock });
    const paid = [{ procedureCode: '72148', serviceDate: '2026-10-20', paidCents: 120000, deniedCents: 0 }];
    const first = await recordClaimPayment(input.claimKey, paid, 'EFT-9', users.billing, { clock });
    const again = await recordClaimPayment(input.claimKey, paid, 'EFT-9', users.billing, { clock });
    expect([first.outcome, first.recoveredCents, again.outcome]).to.deep.equal(['recovered', 120000, 'no_change']);
    const res = await http.get(`/api/v1/cases/${made.caseId}`).set(users.billing.auth);
    expect(res.body.lines[1].resolution).to.include({
      kind: 'overturned_paid',
      amountCents: 120000,
      remittance: 'EFT-9',
    });
    expect(res.body.timeline.filter((e: { type: string }) => e.type === 'remittance')).to.have.length(1);
  });

  it('when a case is matched by its claim key, then it is two _id reads, pushed down on FerretDB', async () => {
    const input = importedClaim('2611500000999');
    const made = await openImportedCase(input, users.billing, { clock });
    const sent: [string, Record<string, unknown>][] = [];
    mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
      if (method === 'findOne') sent.push([collection, filter as Record<string, unknown>]);
    });
    try {
      expect((await openImportedCase(input, users.billing, { clock })).outcome).to.equal('matched');
    } finally {
      mongoose.set('debug', false);
    }
    expect(sent.map(([collection, filter]) => [collection, String(filter._id), Object.keys(filter)])).to.deep.equal([
      ['case_claim_keys', input.claimKey, ['_id']],
      ['cases', made.caseId, ['_id']],
    ]);
    const ferret = 'ferretdbVersion' in (await mongoose.connection.db!.admin().command({ buildInfo: 1 }));
    const plan = (await mongoose.connection
      .db!.collection('case_claim_keys')
      .find({ _id: input.claimKey as never })
      .explain('queryPlanner')) as Record<string, unknown>;
    if (ferret) expect(plan).to.include({ filterPushdown: true });
    else expect(JSON.stringify(plan)).to.match(/IDHACK|EXPRESS_IXSCAN|IXSCAN/);
  });

  describe('a batch of claims opened at once', () => {
    const batch = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, k) => importedClaim(`${prefix}${String(k).padStart(3, '0')}`));

    it('when two imports open overlapping batches at once, then one case a claim, the loser told matched', async () => {
      const claims = batch('RACE-', 30);
      // Both read their keys before either wrote: each sends its batch as new.
      const [one, two] = await Promise.all([
        openImportedCases(claims.slice(0, 20), users.billing, { clock }, { keyAbsent: true }),
        openImportedCases(claims.slice(10), users.billing, { clock }, { keyAbsent: true }),
      ]);
      const overlap = [...one.slice(10), ...two.slice(0, 10)];
      expect(overlap.map((o) => o.outcome).sort()).to.deep.equal([
        ...Array<string>(10).fill('created'),
        ...Array<string>(10).fill('matched'),
      ]);
      for (const claim of claims)
        expect(await CaseModel.countDocuments({ claimKey: claim.claimKey }), claim.claimKey).to.equal(1);
      const made = [...one, ...two].filter((o) => o.outcome === 'created');
      expect(made).to.have.length(30);
      // One audit entry per case opened, as claim by claim; references all different.
      const ids = made.map((o) => (o.outcome === 'created' ? o.caseId : ''));
      expect(await AuditEventModel.countDocuments({ action: 'case.import', caseId: { $in: ids } })).to.equal(30);
      const references = made.map((o) => (o.outcome === 'created' ? o.reference : ''));
      expect(new Set(references).size).to.equal(30);
    });

    it('when a claim of a batch cannot be a case, then it alone is refused and its key is not kept', async () => {
      const claims = batch('NONAME-', 3);
      claims[1] = { ...claims[1], patient: { firstName: '', lastName: '' } };
      const made = await openImportedCases(claims, users.billing, { clock }, { keyAbsent: true });
      expect(made.map((o) => o.outcome)).to.deep.equal(['created', 'refused', 'created']);
      expect(await CaseClaimKeyModel.countDocuments({ _id: claims[1].claimKey })).to.equal(0);
      expect(await CaseModel.countDocuments({ claimKey: { $in: claims.map((c) => c.claimKey) } })).to.equal(2);
    });

    it('when a crash left a claim key without its case, then it is matched for a minute, then opened', async () => {
      const [claim] = batch('CRASH-', 1);
      const orphan = new mongoose.Types.ObjectId();
      await CaseClaimKeyModel.create({ _id: claim.claimKey, caseId: orphan, at: clock.now() });
      // Another import may be writing its case right now: the claim is its, not opened twice.
      const [meanwhile] = await openImportedCases([claim], users.billing, { clock });
      expect(meanwhile).to.deep.equal({ outcome: 'matched', caseId: String(orphan) });
      await CaseClaimKeyModel.updateOne({ _id: claim.claimKey }, { at: new Date(clock.now().getTime() - 61_000) });
      const [later] = await openImportedCases([claim], users.billing, { clock });
      expect(later.outcome).to.equal('created');
      expect(await CaseModel.countDocuments({ claimKey: claim.claimKey })).to.equal(1);
    });
  });
});
