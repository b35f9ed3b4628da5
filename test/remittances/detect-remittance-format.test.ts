import { expect } from 'chai';
import { detectRemittanceFormat } from '../../server/remittances/index.js';
import { fixtureText } from './support.js';

describe('remittances: telling the format from the first bytes', () => {
  it('when a file begins with an ISA, whatever its separators, then it is an 835', () => {
    expect(detectRemittanceFormat(Buffer.from(fixtureText('two-payers-partial-denials.835').slice(0, 200)))).to.equal(
      '835',
    );
    expect(detectRemittanceFormat(fixtureText('pipe-caret-newline.835').slice(0, 120))).to.equal('835');
    expect(detectRemittanceFormat(`\uFEFF\r\n${fixtureText('pipe-caret-newline.835')}`)).to.equal('835');
  });

  it('when a file is a JSON object with a resourceType, even after other members, then it is FHIR', () => {
    expect(detectRemittanceFormat(fixtureText('claim-responses.bundle.json').slice(0, 300))).to.equal('fhir');
    expect(detectRemittanceFormat('{ "meta": { "versionId": "2" }, "resourceType": "ClaimResponse" }')).to.equal(
      'fhir',
    );
  });

  it('when a file is text whose first line has comma-separated fields, then it is CSV', () => {
    expect(detectRemittanceFormat('payer,claim number,patient account,status\r\nAcme,26,OVT-1,4\r\n')).to.equal('csv');
  });

  it('when a file is JSON of another kind, a binary with commas, plain prose or empty, then it is unknown', () => {
    expect(detectRemittanceFormat('{"claims": []}')).to.equal('unknown');
    // A zip (an .xlsx, say) whose first bytes happen to hold a comma.
    expect(detectRemittanceFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x2c, 0x14, 0x00, 0x2c]))).to.equal('unknown');
    expect(detectRemittanceFormat('Dear provider\nyour claim was denied\n')).to.equal('unknown');
    expect(detectRemittanceFormat('')).to.equal('unknown');
  });
});
