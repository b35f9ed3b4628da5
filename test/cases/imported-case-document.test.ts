import { expect } from 'chai';
import mongoose from 'mongoose';
import { testApp, makeUsers, type TestUser } from '../support/app.js';
import { createUser } from '../../server/auth/index.js';
import { addReferenceToImportedSearchTerms, openImportedCases, type ImportedClaim } from '../../server/cases/index.js';
import { CaseModel } from '../../server/cases/case.model.js';
import { plainValidationError } from '../../server/platform/db/plain-validation.js';
import { deniedLine, importedClaim } from '../support/imported-claims.js';
import { northwindProfile } from '../support/factories.js';

const { EJSON } = mongoose.mongo.BSON;

/** A document as the database holds it, in extended JSON: types kept (int, double, ObjectId, date), key order not. */
const stored = (doc: object) => EJSON.serialize(doc, { relaxed: false }) as Record<string, unknown>;

/** Four claims that between them fill every part of a case an import writes. */
function claims(): ImportedClaim[] {
  const paidLine = deniedLine('99214', 20000, {
    paidCents: 10832,
    allowedCents: 13540,
    deniedCents: 0,
    underAppeal: false,
    adjustments: [{ group: 'CO', reason: '45', amountCents: 6460 }],
    remarkCodes: ['N130'],
  });
  return [
    importedClaim('DOC-1', [deniedLine('72148', 184050), paidLine]),
    importedClaim('DOC-2', [deniedLine('97110', 36000)], {
      claim: { payerId: 'NW771', status: '1', patientResponsibilityCents: 0, remittance: 'EFT-77' },
      payer: { name: 'NORTHWIND HEALTH', planType: 'other' },
      treatingClinician: { name: 'Dana Orr', npi: '1669400001' },
    }),
    importedClaim('DOC-3', [deniedLine('97110', 36000, { procedure: { code: '97110', modifiers: ['GP', '59'] } })], {
      patient: { firstName: 'Lee', lastName: 'Poe', mrn: 'MRN-9' },
      payer: { name: 'State Medicaid MCO', planType: 'medicaid_managed_care', memberId: 'M-123' },
      service: { description: 'Claim lines 97110', cptCodes: ['97110'], dateOfService: '2026-10-20' },
      denial: {
        noticeDate: '2026-11-14',
        category: 'prior_authorization',
        reasonCodes: [
          { kind: 'CARC', group: 'CO', code: '197' },
          { kind: 'RARC', code: 'N54' },
        ],
        // Cites adherence: the flag the model's pre-validate hook keeps must be set.
        payerReason: 'Not covered: non-compliance with the plan of care',
      },
      recommendation: { route: 'correct_and_rebill', reason: 'authorization' },
    }),
    importedClaim('DOC-4', [deniedLine('G0283', 1550)], {
      claim: {
        serviceEnd: '2026-10-22',
        renderingProvider: { name: 'Sam Ode', npi: '1770000002' },
        facilityType: '11',
        importId: 'import-1',
      },
      payer: { name: 'Medicare', planType: 'medicare_ab' },
      treatingClinician: { name: 'Sam Ode', npi: '1770000002' },
    }),
  ];
}

describe('an imported case, written as a plain document', () => {
  const { http, clock } = testApp(new Date('2026-11-23T14:00:00Z'));
  let users: Record<'billing' | 'admin', TestUser>;
  let cases: Record<string, unknown>[];

  before(async () => {
    users = await makeUsers();
    // A payer profile (its name and window) and a physician with an account: both change the case.
    const profile = await http.post('/api/v1/payers').set(users.admin.auth).send(northwindProfile);
    expect(profile.status).to.equal(201);
    await createUser({ name: 'Dr. Dana Orr', role: 'clinician', npi: '1669400001' });
    const made = await openImportedCases(claims(), users.billing, { clock }, { keyAbsent: true });
    expect(made.map((m) => m.outcome)).to.deep.equal(['created', 'created', 'created', 'created']);
    const ids = made.map((m) => new mongoose.Types.ObjectId(m.outcome === 'created' ? m.caseId : ''));
    cases = await CaseModel.collection.find({ _id: { $in: ids } }).toArray();
    expect(cases).to.have.length(4);
  });

  it('when claims become cases, then each is stored as the case model would store it, field by field', async () => {
    for (const raw of cases) {
      // The stored case, read into a new case document, validated (its hooks run) and serialised as on save:
      // no default is added, no value cast or dropped, no flag changed.
      const doc = new CaseModel(raw);
      await doc.validate();
      expect(stored(doc.toBSON() as object), String(raw.claimKey)).to.deep.equal(stored(raw));
    }
    const byKey = (n: string) => cases.find((c) => String(c.claimKey).includes(`|DOC-${n}|`))!;
    expect(byKey('2')).to.deep.include({ treatingClinician: byKey('2').treatingClinician });
    expect((byKey('2').treatingClinician as { userId?: string }).userId).to.be.a('string');
    expect((byKey('2').payer as { name: string }).name).to.equal('Northwind Commercial');
    expect((byKey('3').denial as { adherenceCited: boolean }).adherenceCited).to.equal(true);
  });

  it('when a case is imported, then its reference is among its search terms, as a typed case’s is', async () => {
    for (const raw of cases) expect(raw.searchTerms).to.include(String(raw.reference).toLowerCase());
    const res = await http
      .post('/api/v1/cases/search')
      .set(users.billing.auth)
      .send({ q: String(cases[0].reference) });
    expect(res.status).to.equal(200);
    expect(res.body.cases.map((c: { reference: string }) => c.reference)).to.deep.equal([cases[0].reference]);
  });

  it('when an imported case was stored unsearchable by reference, then the migration adds it, once', async () => {
    const [first] = cases;
    const reference = String(first.reference);
    // As an import stored it before: the terms counted before the reference was given.
    await CaseModel.updateOne({ _id: String(first._id) }, { $pull: { searchTerms: reference.toLowerCase() } });
    const search = () => http.post('/api/v1/cases/search').set(users.billing.auth).send({ q: reference });
    expect((await search()).body.cases).to.deep.equal([]);
    expect(await addReferenceToImportedSearchTerms()).to.equal(1);
    expect(await addReferenceToImportedSearchTerms(), 'a second run finds none').to.equal(0);
    expect((await search()).body.cases.map((c: { reference: string }) => c.reference)).to.deep.equal([reference]);
  });

  it('when a plain case breaks a rule of the case model, then its check names the fields the model names', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each change reaches into a different part
    type Loose = Record<string, any>;
    const breaks: Record<string, (c: Loose) => void> = {
      'no first name': (c) => (c.patient.firstName = ''),
      'a category not in the table': (c) => (c.denial.category = 'weather'),
      'a fraction of a cent': (c) => (c.lines[0].chargeCents = 12.5),
      'an adjustment group X12 does not have': (c) => (c.lines[0].adjustments[0].group = 'XX'),
      'a negative amount at stake': (c) => (c.amountAtStake = -1),
      'a route not known': (c) => (c.claim.recommendation.route = 'shrug'),
      'a quote too long': (c) => (c.timeline[0].quote.text = 'x'.repeat(5_001)),
      'a billed amount that is not a number': (c) => (c.service.billedAmount = 'a lot'),
      'no claim, so the typed case’s fields are required': (c) => delete c.claim,
      'a remark code kind unknown': (c) => (c.denial.reasonCodes[0].kind = 'XYZ'),
      'a line resolution unknown': (c) => (c.lines[0].resolution.kind = 'vanished'),
      'no claim control number': (c) => (c.claim.patientControlNumber = ''),
    };
    expect(plainValidationError(CaseModel.schema, cases[0])).to.equal(null);
    for (const [why, change] of Object.entries(breaks)) {
      const broken = structuredClone(cases[0]) as Loose;
      // structuredClone keeps ObjectIds as plain objects: give them back their type.
      broken._id = cases[0]._id;
      broken.timeline[0]._id = (cases[0].timeline as { _id: unknown }[])[0]._id;
      change(broken);
      const plain = plainValidationError(CaseModel.schema, broken);
      const model = await new CaseModel(broken).validate().then(
        () => null,
        (err: mongoose.Error.ValidationError) => err,
      );
      expect(model, why).to.be.instanceOf(mongoose.Error.ValidationError);
      expect(Object.keys(plain?.errors ?? {}).sort(), why).to.deep.equal(Object.keys(model!.errors).sort());
    }
  });
});
