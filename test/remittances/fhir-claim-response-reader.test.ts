import { expect } from 'chai';
import { Readable } from 'node:stream';
import { fhirRemittanceItems, readFhirRemittance } from '../../server/remittances/index.js';
import { fixture, fixtureText, readAll, refusal } from './support.js';

const BUNDLE = 'claim-responses.bundle.json';
const bundle = () => JSON.parse(fixtureText(BUNDLE));
const fromJson = (value: unknown) => readFhirRemittance(Readable.from([Buffer.from(JSON.stringify(value))]));

describe('remittances: reading a FHIR R4 ClaimResponse', () => {
  it('when a Bundle holds two ClaimResponses and another resource, then two claims are read in order', async () => {
    const { claims, problems, summaries } = await readAll(readFhirRemittance(fixture(BUNDLE)));
    expect(problems).to.deep.equal([]);
    expect(claims.map((c) => [c.position, c.patientControlNumber, c.payerClaimControlNumber, c.status])).to.deep.equal([
      [1, 'OVT-5001', 'PA-2026-7781', '4'],
      [2, 'OVT-5002', 'NW-CLM-9902', '1'],
    ]);
    expect(summaries.map((s) => s.header.format)).to.deep.equal(['fhir', 'fhir']);
  });

  it('when a prior authorization is denied with CARC 50 and RARC N115, then it is a status-4 denial', async () => {
    const { claims } = await readAll(readFhirRemittance(fixture('prior-auth-denied.claim-response.json')));
    const [claim] = claims;
    expect(claim).to.include({ status: '4', charge: 184050, paid: 0, memberId: 'ZZFAKE50001' });
    expect(claim.patient).to.deep.equal({
      name: { last: 'Larkspur', first: 'Noor' },
      idQualifier: 'MI',
      id: 'ZZFAKE50001',
    });
    expect(claim.remittance.payer).to.deep.equal({
      name: 'Northwind Health',
      id: 'NWH-PAYER-01',
      idQualifier: 'http://hl7.org/fhir/sid/us-npi',
    });
    expect(claim.remittance.payee).to.deep.equal({ name: 'Overturn Demo Clinic', npi: '1234567893' });
    expect([claim.serviceStart, claim.serviceEnd]).to.deep.equal(['2026-11-20', '2026-11-20']);
    expect(claim.lines).to.have.length(1);
    expect(claim.lines[0]).to.deep.include({
      procedure: { qualifier: 'HC', code: '72148', modifiers: ['RT'] },
      charge: 184050,
      paid: 0,
      units: 1,
      remarkCodes: ['N115'],
    });
    expect(claim.lines[0].adjustments).to.deep.equal([{ group: 'CO', reason: '50', amount: 184050 }]);
  });

  it('when a claim is partly paid, then its lines carry charge, allowed, paid, CO-45, PR-3 and CO-96', async () => {
    const { claims } = await readAll(readFhirRemittance(fixture(BUNDLE)));
    const claim = claims[1];
    expect(claim).to.include({ charge: 35000, paid: 11200, patientResponsibility: 2800, memberId: 'ZZFAKE50002' });
    // Named only by the reference's display, "Family, Given".
    expect(claim.patient.name).to.deep.equal({ last: 'Quince', first: 'Harper' });
    expect(claim.remittance).to.include({
      paymentAmount: 11200,
      paymentDate: '2026-11-14',
      traceNumber: 'EFT-NW-4410',
    });
    expect(claim.lines.map((l) => [l.lineControlNumber, l.charge, l.allowed, l.paid])).to.deep.equal([
      ['1', 20000, 14000, 11200],
      ['2', 15000, undefined, 0],
    ]);
    expect(claim.lines[0].adjustments).to.deep.equal([
      { group: 'PR', reason: '3', amount: 2800 },
      { group: 'CO', reason: '45', amount: 6000 },
    ]);
    expect(claim.lines[1].adjustments).to.deep.equal([{ group: 'CO', reason: '96', amount: 15000 }]);
    expect(claim.lines[1].remarkCodes).to.deep.equal(['N130']);
  });

  it('when a required element is missing, then the resource is refused with each FHIR path and no value', async () => {
    const b = bundle();
    delete b.entry[2].resource.status;
    b.entry[2].resource.use = 'reimbursement';
    delete b.entry[0].resource.insurer;
    const err = await refusal(readAll(fromJson(b)));
    expect(err).to.include({ status: 422, code: 'REMITTANCE_FHIR_INVALID' });
    expect(err.fields.map((f) => f.field)).to.deep.equal(['entry.0.resource.insurer']);
    // A bundle is refused at its first invalid ClaimResponse; a fixed one would show the next.
    delete b.entry[0];
    b.entry = b.entry.filter(Boolean);
    const next = await refusal(readAll(fromJson(b)));
    expect(next.fields.map((f) => f.field)).to.deep.equal(['entry.1.resource.status', 'entry.1.resource.use']);
    expect(JSON.stringify(next)).not.to.contain('reimbursement');
  });

  it('when an amount is in another currency, then the resource is refused', async () => {
    const response = bundle().entry[2].resource;
    response.total[0].amount.currency = 'EUR';
    const err = await refusal(readAll(fromJson(response)));
    expect(err.fields.map((f) => f.field)).to.deep.equal(['total.0.amount.currency']);
  });

  it('when the resource is another kind, an empty Bundle or not JSON, then it is refused with why', async () => {
    const other = await refusal(readAll(fromJson({ resourceType: 'Patient', id: 'x' })));
    expect(other.message).to.contain('neither a ClaimResponse nor a Bundle');
    const empty = await refusal(readAll(fromJson({ resourceType: 'Bundle', type: 'collection', entry: [] })));
    expect(empty.message).to.contain('holds no ClaimResponse');
    const text = await refusal(readAll(readFhirRemittance(Readable.from([Buffer.from('{"resourceType": ')]))));
    expect(text.message).to.contain('not JSON');
  });

  it('when one ClaimResponse has an amount in fractions of a cent, then it is reported and the other read', () => {
    const b = bundle();
    b.entry[2].resource.item[0].adjudication[0].amount.value = 200.005;
    const items = fhirRemittanceItems(b);
    expect(items.filter((i) => i.kind === 'claim')).to.have.length(1);
    expect(
      items.filter((i) => i.kind === 'claim-problem').map((i) => i.kind === 'claim-problem' && i.problem),
    ).to.deep.equal([
      {
        position: 2,
        element: 'entry.2.item.0.adjudication.0.amount',
        reason: 'entry.2.item.0.adjudication.0.amount has fractions of a cent',
      },
    ]);
  });
});
