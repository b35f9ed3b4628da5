import { expect } from 'chai';
import { CSV_COLUMNS, claimDisposition, csvTemplate, readCsvRemittance } from '../../server/remittances/index.js';
import { chunked, claimNumbered, fixture, fixtureText, readAll, refusal } from './support.js';

const DENIALS = 'three-payers-denials.csv';
const read = (text: string) => readAll(readCsvRemittance(chunked(text, 97)));

describe('remittances: reading a CSV remittance (one row per claim line)', () => {
  it('when rows of three payers are read, then the consecutive rows of a claim are one claim', async () => {
    const { claims } = await readAll(readCsvRemittance(fixture(DENIALS)));
    expect(claims.map((c) => [c.position, c.patientControlNumber, c.status, c.lines.length])).to.deep.equal([
      [2, 'OVT-24117', '1', 2],
      [4, 'OVT-24160', '4', 1],
      [5, 'OVT-24133', '1', 1],
      [6, 'OVT-24171', '4', 1],
      [10, 'OVT-23990', '22', 1],
    ]);
    const partial = claimNumbered(claims, 'OVT-24117');
    expect(partial).to.deep.include({
      charge: 59700,
      paid: 10592,
      patientResponsibility: 2648,
      payerClaimControlNumber: 'NWH2611040318',
      filingIndicator: 'CI',
      memberId: 'NWH48213307',
      serviceStart: '2026-10-14',
      serviceEnd: '2026-10-14',
      patient: { name: { last: 'Okafor', first: 'Adaeze' } },
      renderingProvider: { name: { last: 'Priya Raman' }, idQualifier: 'XX', id: '1649327705' },
    });
    expect(partial.remittance).to.deep.include({
      format: 'csv',
      payer: { name: 'Northwind Health Plan', id: '60054' },
      traceNumber: 'EFT2611040091',
      paymentDate: '2026-11-04',
    });
    expect(partial.lines[1]).to.deep.include({
      position: 3,
      procedure: { qualifier: 'HC', code: '97110', modifiers: ['GP', '59'] },
      units: 4,
      charge: 41200,
      allowed: 0,
      paid: 0,
      adjustments: [{ group: 'CO', reason: '50', amount: 41200 }],
      remarkCodes: ['N115', 'M127'],
    });
    const disposition = claimDisposition(partial);
    expect([disposition.kind, disposition.kind === 'partly_denied' && disposition.deniedCents]).to.deep.equal([
      'partly_denied',
      41200,
    ]);
  });

  it('when a payer name holds a comma and dates are MM/DD/YYYY, then both are read', async () => {
    const { claims } = await readAll(readCsvRemittance(fixture(DENIALS)));
    const denied = claimNumbered(claims, 'OVT-24160');
    expect(denied.remittance.payer.name).to.equal('Bluestem Mutual Insurance, Inc.');
    expect([denied.serviceStart, denied.remittance.paymentDate]).to.deep.equal(['2026-10-21', '2026-11-05']);
  });

  it('when an amount in a row is not money, then its claim is skipped at that row and the rest read', async () => {
    const { claims, problems } = await readAll(readCsvRemittance(fixture(DENIALS)));
    expect(problems).to.deep.equal([{ position: 7, element: 'charge', reason: 'charge is not an amount' }]);
    // The claim's second row is passed over with it: a claim with a line missing would have the wrong money.
    expect(claims.map((c) => c.patientControlNumber)).not.to.include('OVT-24172');
  });

  it('when the header is reordered, spaced, capitalised and lacks optional columns, then it is read', async () => {
    const { claims, problems } = await readAll(readCsvRemittance(fixture('bluestem-pays-after-appeal.csv')));
    expect(problems).to.deep.equal([]);
    expect(claims[0]).to.deep.include({ payerClaimControlNumber: 'BSM-77-40211', status: '1', paid: 147240 });
    expect(claims[0].remittance.traceNumber).to.equal('CHK0049920');
    expect(claims[0].lines[0]).to.deep.include({ units: 1, serviceEnd: '2026-10-21' });
  });

  it('when the header lacks a required column and has an unknown one, then it is refused naming both', async () => {
    const text = fixtureText(DENIALS).replace('payer_claim_number', 'Whitfield Tomas');
    const err = await refusal(read(text));
    expect([err.status, err.code, err.extra.segment]).to.deep.equal([422, 'REMITTANCE_CSV_INVALID', 1]);
    expect(err.fields).to.deep.equal([
      { field: 'column 3', message: 'not a column of the layout' },
      { field: 'payer_claim_number', message: 'required column missing' },
    ]);
    // A header row may be a data row by mistake: its text is never repeated.
    expect(JSON.stringify({ message: err.message, fields: err.fields })).not.to.contain('Whitfield');
  });

  it('when a quote is never closed, then the file is refused at its row without quoting it', async () => {
    const lines = fixtureText(DENIALS).split('\n');
    lines[3] = lines[3].replace('"Bluestem', '"Bluestem Okafor').replace('Inc."', 'Inc.');
    const err = await refusal(read(lines.join('\n')));
    expect(err.code).to.equal('REMITTANCE_CSV_INVALID');
    expect(err.extra.segment).to.be.a('number').at.least(4);
    expect(err.message).not.to.contain('Okafor');
  });

  it('when a row has more fields than the header, then it is reported and the claims around it read', async () => {
    const lines = fixtureText(DENIALS).split('\n');
    lines[4] = `${lines[4]},extra`;
    const { claims, problems } = await read(lines.join('\n'));
    expect(problems[0]).to.deep.equal({ position: 5, reason: 'the row has 24 fields, the header 23' });
    expect(claims.map((c) => c.patientControlNumber)).to.include.members(['OVT-24160', 'OVT-24171']);
  });

  it('when an adjustment is not group-CARC:amount, then the claim is reported naming the column', async () => {
    const text = fixtureText(DENIALS).replace('CO-96:65.00', 'CO96=65');
    const { problems } = await read(text);
    expect(problems.map((p) => [p.position, p.element])).to.deep.include([6, 'adjustments']);
  });

  it('when the template is read back, then its example row is one denied claim line', async () => {
    const template = csvTemplate();
    const [header, example, rest] = template.split('\r\n');
    expect(header.split(',')).to.deep.equal(CSV_COLUMNS.map((c) => c.name));
    expect(rest).to.equal('');
    const { claims, problems } = await read(template);
    expect(problems).to.deep.equal([]);
    expect(claims).to.have.length(1);
    expect(claimDisposition(claims[0]).kind).to.equal('denied');
    expect(example.split(',')).to.have.length(CSV_COLUMNS.length);
  });
});
