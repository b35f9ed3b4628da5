import { expect } from 'chai';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeRemittanceFile } from '../../scripts/bench/remittance-file.js';
import { readX12Remittance } from '../../server/remittances/index.js';
import { chunked, claimNumbered, fixture, fixtureText, readAll, refusal } from './support.js';

const TWO_PAYERS = 'two-payers-partial-denials.835';

describe('remittances: reading an X12 835', () => {
  describe('a file with two payers, partial denials, a denial, a reversal and a PLB', () => {
    it('when it is read, then every claim comes out in file order with its payer and payment', async () => {
      const { claims, problems, summaries } = await readAll(readX12Remittance(fixture(TWO_PAYERS)));
      expect(problems).to.deep.equal([]);
      expect(claims.map((c) => `${c.remittance.payer.name}/${c.patientControlNumber}/${c.status}`)).to.deep.equal([
        'ACME HEALTH PLAN/OVT-1001/1',
        'ACME HEALTH PLAN/OVT-1002/4',
        'ACME HEALTH PLAN/OVT-1003/1',
        'ACME HEALTH PLAN/OVT-0950/22',
        'ACME HEALTH PLAN/OVT-0950/1',
        'BLUE HARBOR MUTUAL/OVT-2001/2',
        'BLUE HARBOR MUTUAL/OVT-2002/1',
      ]);
      expect(summaries.map((s) => [s.header.transactionControlNumber, s.claims, s.problems])).to.deep.equal([
        ['0001', 5, 0],
        ['0002', 2, 0],
      ]);
      const acme = summaries[0].header;
      expect(acme).to.include({
        format: '835',
        interchangeControlNumber: '000000417',
        groupControlNumber: '17',
        paymentAmount: 16857,
        handling: 'I',
        creditDebit: 'C',
        paymentMethod: 'ACH',
        paymentDate: '2026-11-15',
        traceNumber: 'EFT2026111500017',
        productionDate: '2026-11-14',
      });
      expect(acme.payer).to.deep.equal({ name: 'ACME HEALTH PLAN', id: '60054', idQualifier: '2U' });
      expect(acme.payee).to.deep.equal({ name: 'OVERTURN DEMO CLINIC', npi: '1234567893', tin: '999999999' });
      const blue = summaries[1].header;
      expect(blue).to.include({ paymentAmount: 41280, paymentMethod: 'CHK', traceNumber: 'CHK0048812' });
      expect(blue.payer).to.deep.equal({ name: 'BLUE HARBOR MUTUAL', id: 'BHM77', idQualifier: 'XV' });
      expect(blue.payee).to.deep.equal({ name: 'OVERTURN DEMO CLINIC', tin: '999999999' });
    });

    it('when a claim is partly denied, then the paid line has CO-45/PR-2, the denied one CO-50 and N115', async () => {
      const { claims } = await readAll(readX12Remittance(fixture(TWO_PAYERS)));
      const claim = claimNumbered(claims, 'OVT-1001');
      expect(claim).to.include({
        status: '1',
        charge: 204050,
        paid: 10832,
        patientResponsibility: 2708,
        filingIndicator: '12',
        payerClaimControlNumber: '2611500000101',
        facilityType: '11',
        frequency: '1',
        memberId: 'ZZFAKE10001',
        serviceStart: '2026-10-20',
        serviceEnd: '2026-10-20',
        receivedDate: '2026-11-04',
      });
      expect(claim.patient).to.deep.equal({
        name: { last: 'QUILL', first: 'AVERY', middle: 'J' },
        idQualifier: 'MI',
        id: 'ZZFAKE10001',
      });
      expect(claim.renderingProvider).to.deep.equal({
        name: { last: 'NATARAJAN', first: 'PRIYA' },
        idQualifier: 'XX',
        id: '1234567893',
      });
      expect(claim.remarkCodes).to.deep.equal(['MA01']);
      const [office, mri] = claim.lines;
      expect(office).to.deep.include({
        procedure: { qualifier: 'HC', code: '99214', modifiers: ['25'] },
        charge: 20000,
        paid: 10832,
        allowed: 13540,
        units: 1,
        serviceStart: '2026-10-20',
        serviceEnd: '2026-10-20',
        lineControlNumber: 'A1L1',
        remarkCodes: [],
      });
      expect(office.adjustments).to.deep.equal([
        { group: 'CO', reason: '45', amount: 6460 },
        { group: 'PR', reason: '2', amount: 2708 },
      ]);
      expect(mri).to.deep.include({
        procedure: { qualifier: 'HC', code: '72148', modifiers: [] },
        charge: 184050,
        paid: 0,
      });
      expect(mri.allowed).to.equal(undefined);
      expect(mri.adjustments).to.deep.equal([{ group: 'CO', reason: '50', amount: 184050 }]);
      expect(mri.remarkCodes).to.deep.equal(['N115']);
    });

    it('when a claim is denied whole (status 4), then its CO-197, subscriber and period are read', async () => {
      const { claims } = await readAll(readX12Remittance(fixture(TWO_PAYERS)));
      const claim = claimNumbered(claims, 'OVT-1002');
      expect(claim).to.include({ status: '4', charge: 95000, paid: 0, patientResponsibility: 0 });
      expect(claim.adjustments).to.deep.equal([{ group: 'CO', reason: '197', amount: 95000 }]);
      expect(claim.remarkCodes).to.deep.equal(['N54']);
      expect(claim.subscriber).to.deep.equal({
        name: { last: 'BRAMBLE', first: 'CASEY' },
        idQualifier: 'MI',
        id: 'ZZFAKE10099',
      });
      expect(claim.memberId).to.equal('ZZFAKE10099');
      expect([claim.serviceStart, claim.serviceEnd]).to.deep.equal(['2026-10-12', '2026-10-14']);
      expect(claim.lines).to.have.length(1);
      expect(claim.lines[0]).to.deep.include({
        procedure: { qualifier: 'HC', code: '97110', modifiers: ['GP', '59'] },
        units: 3,
        serviceStart: '2026-10-12',
        serviceEnd: '2026-10-14',
        remarkCodes: ['N54'],
      });
    });

    it('when a paid claim carries only a contractual CO-45, then no line has another CO reason', async () => {
      const { claims } = await readAll(readX12Remittance(fixture(TWO_PAYERS)));
      const claim = claimNumbered(claims, 'OVT-1003');
      expect(claim.lines.flatMap((l) => l.adjustments)).to.deep.equal([
        { group: 'CO', reason: '45', amount: 7500 },
        { group: 'PR', reason: '3', amount: 4500 },
      ]);
      expect(claim.adjustments).to.deep.equal([]);
    });

    it('when a payment is reversed (status 22), then its amounts are negative and it names the original', async () => {
      const { claims } = await readAll(readX12Remittance(fixture(TWO_PAYERS)));
      const reversal = claimNumbered(claims, 'OVT-0950', 0);
      const corrected = claimNumbered(claims, 'OVT-0950', 1);
      expect(reversal).to.include({
        status: '22',
        charge: -40000,
        paid: -26000,
        patientResponsibility: -4000,
        payerClaimControlNumber: '2609900000950',
      });
      expect(reversal.references).to.deep.equal([{ qualifier: 'F8', value: '2609900000950' }]);
      expect(reversal.lines[0]).to.deep.include({ charge: -40000, paid: -26000, units: -1 });
      expect(reversal.lines[0].adjustments).to.deep.equal([
        { group: 'CO', reason: '45', amount: -10000 },
        { group: 'PR', reason: '2', amount: -4000 },
      ]);
      expect(corrected).to.include({
        status: '1',
        paid: 26000,
        frequency: '7',
        payerClaimControlNumber: '2611500000104',
      });
    });

    it('when the payer recovers an overpayment (PLB), then it is on the remittance, not on a claim', async () => {
      const { summaries } = await readAll(readX12Remittance(fixture(TWO_PAYERS)));
      expect(summaries[0].providerAdjustments).to.deep.equal([
        {
          position: 69,
          providerId: '1234567893',
          fiscalPeriodEnd: '2026-12-31',
          reason: 'WO',
          reference: '2609900000950',
          amount: 12500,
        },
        { position: 69, providerId: '1234567893', fiscalPeriodEnd: '2026-12-31', reason: 'L6', amount: -525 },
      ]);
      expect(summaries[1].providerAdjustments).to.deep.equal([]);
    });

    it('when a secondary claim has CO-96 on one line, then that line is denied with N130, the other paid', async () => {
      const { claims } = await readAll(readX12Remittance(fixture(TWO_PAYERS)));
      const claim = claimNumbered(claims, 'OVT-2001');
      expect(claim).to.include({ status: '2', filingIndicator: 'CI', payerClaimControlNumber: 'BH-55-0001' });
      // The patient is identified by SSN (34), which is no member id: the subscriber's is used.
      expect(claim.memberId).to.equal('ZZFAKE20001');
      expect([claim.serviceStart, claim.serviceEnd]).to.deep.equal(['2026-10-25', '2026-10-26']);
      expect(
        claim.lines.map((l) => [l.procedure?.code, l.paid, l.adjustments.map((a) => `${a.group}-${a.reason}`)]),
      ).to.deep.equal([
        ['93000', 0, ['CO-96']],
        ['80053', 23280, ['CO-45', 'PR-1']],
      ]);
      expect(claim.lines[0].remarkCodes).to.deep.equal(['N130']);
      expect(claim.lines[1].quantities).to.deep.equal([{ qualifier: 'ZK', quantity: 1 }]);
    });

    it('when the payer adjudicated another code than billed (SVC06), then both codes are kept', async () => {
      const { claims } = await readAll(readX12Remittance(fixture(TWO_PAYERS)));
      const line = claimNumbered(claims, 'OVT-2002').lines[0];
      expect(line.procedure).to.deep.equal({ qualifier: 'HC', code: '97110', modifiers: ['GP', '59', 'KX'] });
      expect(line.billedProcedure).to.deep.equal({ qualifier: 'HC', code: '97112', modifiers: [] });
      expect(claimNumbered(claims, 'OVT-2002').patientResponsibility).to.equal(undefined);
    });

    it('when the bytes arrive in 7-byte chunks, then the same claims are read', async () => {
      const whole = await readAll(readX12Remittance(fixture(TWO_PAYERS)));
      const bits = await readAll(readX12Remittance(chunked(fixtureText(TWO_PAYERS), 7)));
      expect(bits).to.deep.equal(whole);
    });

    it('when the consumer stops after the first claim, then the reader stops without error', async () => {
      const seen: string[] = [];
      for await (const item of readX12Remittance(fixture(TWO_PAYERS))) {
        if (item.kind === 'claim') seen.push(item.claim.patientControlNumber);
        break;
      }
      expect(seen).to.deep.equal(['OVT-1001']);
    });
  });

  describe('a large generated remittance', () => {
    let dir: string;
    before(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'overturn-835-'))));
    after(() => fs.rm(dir, { recursive: true, force: true }));

    it('when 1,200 claims come in three transaction sets and two groups, then each is read once', async () => {
      const file = path.join(dir, 'bench-shaped.835');
      await writeRemittanceFile(file, 1200, { element: '^', component: '>', repetition: '{', segment: '~' });
      const { claims, problems, summaries } = await readAll(readX12Remittance(file));
      expect(problems).to.deep.equal([]);
      expect(
        summaries.map((s) => [s.header.groupControlNumber, s.header.transactionControlNumber, s.claims]),
      ).to.deep.equal([
        ['1', '0001', 500],
        ['1', '0002', 500],
        ['2', '0003', 200],
      ]);
      expect(new Set(claims.map((c) => c.payerClaimControlNumber)).size).to.equal(1200);
      const denials = claims.filter(
        (c) =>
          c.status === '4' ||
          c.lines.some((l) => l.adjustments.some((a) => a.group === 'CO' && ['50', '197', '96'].includes(a.reason))),
      );
      expect(denials).to.have.length(300);
      // Every line's money adds up: charge = paid + its adjustments, to the cent.
      for (const line of claims.flatMap((c) => c.lines))
        expect(line.paid + line.adjustments.reduce((sum, a) => sum + a.amount, 0)).to.equal(line.charge);
    });
  });

  describe('separators', () => {
    it('when the ISA declares | ^ { and newline terminators, in two groups, then both claims are read', async () => {
      const { claims, summaries } = await readAll(readX12Remittance(fixture('pipe-caret-newline.835')));
      expect(claims.map((c) => [c.remittance.groupControlNumber, c.patientControlNumber, c.status])).to.deep.equal([
        ['1', 'OVT-3001', '4'],
        ['2', 'OVT-3002', '1'],
      ]);
      const [denied, paid] = claims;
      expect(denied.adjustments).to.deep.equal([{ group: 'CO', reason: '50', amount: 125000 }]);
      expect(denied.remarkCodes).to.deep.equal(['N386']);
      expect(denied.remittance).to.include({ handling: 'H', paymentMethod: 'NON', paymentAmount: 0 });
      expect(denied.remittance.payer).to.deep.equal({ name: 'CEDAR VALLEY HEALTH', id: 'CVH01', idQualifier: 'XV' });
      expect(paid.lines[0].procedure).to.deep.equal({ qualifier: 'HC', code: '99212', modifiers: ['95'] });
      expect(summaries.map((s) => s.header.transactionControlNumber)).to.deep.equal(['1001', '2001']);
    });

    it('when the same file uses ~ with CRLF line ends and a byte-order mark, then it reads the same', async () => {
      const text = fixtureText(TWO_PAYERS).replace(/~\n/g, '~\r\n');
      const plain = await readAll(readX12Remittance(fixture(TWO_PAYERS)));
      const windows = await readAll(readX12Remittance(chunked(`\uFEFF${text}`, 50)));
      expect(windows.claims.map((c) => [c.patientControlNumber, c.paid, c.lines.length])).to.deep.equal(
        plain.claims.map((c) => [c.patientControlNumber, c.paid, c.lines.length]),
      );
    });

    it('when the segments are all on one line with no line breaks, then it reads the same', async () => {
      const text = fixtureText(TWO_PAYERS).replace(/~\n/g, '~');
      const { claims } = await readAll(readX12Remittance(chunked(text, 100)));
      expect(claims).to.have.length(7);
      expect(claimNumbered(claims, 'OVT-1001').lines[1].adjustments[0]).to.deep.equal({
        group: 'CO',
        reason: '50',
        amount: 184050,
      });
    });
  });

  describe('a malformed envelope is refused whole, naming the segment', () => {
    const refused = async (text: string) => refusal(readAll(readX12Remittance(chunked(text, 4096))));

    it('when the file does not begin with an ISA, then it is refused at segment 1', async () => {
      const err = await refused('GS*HP*A*B*20261115*0930*1*X*005010X221A1~');
      expect(err).to.include({ status: 422, code: 'REMITTANCE_ENVELOPE_INVALID' });
      expect(err.extra).to.deep.equal({ segment: 1 });
      expect(err.message).to.contain('does not begin with an ISA');
    });

    it('when the file is empty, then it is refused at segment 1', async () => {
      const err = await refused('');
      expect(err.extra).to.deep.equal({ segment: 1 });
    });

    it('when the ISA elements are not at their fixed widths, then the separators are refused', async () => {
      const text = fixtureText(TWO_PAYERS).replace('*ACMEHEALTH     *', '*ACMEHEALTH*');
      const err = await refused(text);
      expect(err.extra).to.deep.equal({ segment: 1 });
      expect(err.message).to.contain('fixed widths');
    });

    it('when the ISA declares one character for two separators, then it is refused', async () => {
      // ISA16 (the component separator) set to '*', the element separator.
      const text = fixtureText(TWO_PAYERS).replace('*P*:~', '*P**~');
      const err = await refused(text);
      expect(err.message).to.contain('same character for two different separators');
    });

    it('when the ISA declares a letter as separator, then it is refused', async () => {
      const text = fixtureText(TWO_PAYERS).replace('*P*:~', '*P*X~');
      const err = await refused(text);
      expect(err.message).to.contain('letter, digit or space');
    });

    it('when the file is cut in the middle of a claim, then it is refused after its last segment', async () => {
      const err = await refusal(readAll(readX12Remittance(fixture('truncated.835'))));
      expect(err).to.include({ status: 422, code: 'REMITTANCE_ENVELOPE_INVALID' });
      expect(err.extra).to.deep.equal({ segment: 46 });
      expect(err.message).to.contain('ends before its SE');
    });

    it('when IEA02 does not match ISA13, then it is refused at the IEA', async () => {
      const text = fixtureText(TWO_PAYERS).replace('IEA*1*000000417', 'IEA*1*000000418');
      const err = await refused(text);
      expect(err.extra).to.deep.equal({ segment: 102 });
      expect(err.message).to.contain('IEA02 does not match');
    });

    it('when GE02 does not match GS06, then it is refused at the GE', async () => {
      const err = await refused(fixtureText(TWO_PAYERS).replace('GE*2*17~', 'GE*2*71~'));
      expect(err.extra).to.deep.equal({ segment: 101 });
      expect(err.message).to.contain('GE02 does not match');
    });

    it('when GE01 counts the wrong number of transaction sets, then it is refused at the GE', async () => {
      const err = await refused(fixtureText(TWO_PAYERS).replace('GE*2*17~', 'GE*3*17~'));
      expect(err.message).to.contain('GE01 does not match the 2 transaction sets');
    });

    it('when SE02 does not match ST02, then it is refused at the SE', async () => {
      const err = await refused(fixtureText(TWO_PAYERS).replace('SE*68*0001', 'SE*68*0009'));
      expect(err.extra).to.deep.equal({ segment: 70 });
      expect(err.message).to.contain('SE02 does not match');
    });

    it('when SE01 counts the wrong number of segments, then it is refused at the SE', async () => {
      const err = await refused(fixtureText(TWO_PAYERS).replace('SE*68*0001', 'SE*67*0001'));
      expect(err.message).to.contain('SE01 does not match the 68 segments');
    });

    it('when the transaction set is not an 835, then it is refused at the ST', async () => {
      const err = await refused(fixtureText(TWO_PAYERS).replace('ST*835*0002', 'ST*277*0002'));
      expect(err.extra).to.deep.equal({ segment: 71 });
      expect(err.message).to.contain('not an 835');
    });

    it('when data follows the IEA, then it is refused there', async () => {
      const err = await refused(`${fixtureText(TWO_PAYERS)}CLP*X~`);
      expect(err.extra).to.deep.equal({ segment: 103 });
    });

    it('when a refusal is made, then its message names no patient, member id or claim number', async () => {
      const texts = [
        fixtureText(TWO_PAYERS).replace('SE*68*0001', 'SE*67*0001'),
        fixtureText('truncated.835'),
        fixtureText(TWO_PAYERS).replace('BPR*I*168.57', 'BPR*I*QUILL'),
      ];
      for (const text of texts) {
        const err = await refused(text);
        expect(err.message).not.to.match(/QUILL|AVERY|ZZFAKE|OVT-|26115/);
        expect(JSON.stringify(err.fields)).not.to.match(/QUILL|AVERY|ZZFAKE|OVT-|26115/);
      }
    });
  });

  describe('a bad claim in a well-formed file', () => {
    it('when one CLP charge is not an amount, then the other claims are read and that one reported', async () => {
      const { claims, problems, summaries } = await readAll(readX12Remittance(fixture('malformed-claim.835')));
      expect(claims.map((c) => [c.patientControlNumber, c.paid])).to.deep.equal([
        ['OVT-4001', 16000],
        ['OVT-4003', 10800],
      ]);
      expect(problems).to.deep.equal([{ position: 15, element: 'CLP03', reason: 'CLP03 is not an amount' }]);
      expect(summaries[0]).to.include({ claims: 2, problems: 1 });
      expect(claims[1].lines[0].adjustments).to.deep.equal([{ group: 'CO', reason: '45', amount: 4200 }]);
    });

    it('when a line has an unknown adjustment group, then that claim is reported at its CAS', async () => {
      const text = fixtureText(TWO_PAYERS).replace('CAS*CO*45*75~', 'CAS*XX*45*75~');
      const { claims, problems } = await readAll(readX12Remittance(chunked(text)));
      expect(claims.map((c) => c.patientControlNumber)).not.to.include('OVT-1003');
      expect(claims).to.have.length(6);
      expect(problems).to.deep.equal([
        { position: 49, element: 'CAS01', reason: 'CAS01 is not an adjustment group code (CO, PR, OA, PI, CR)' },
      ]);
    });

    it('when a claim has an impossible service date, then it is reported with the element', async () => {
      const text = fixtureText(TWO_PAYERS).replace('DTM*472*20261021', 'DTM*472*20260231');
      const { problems } = await readAll(readX12Remittance(chunked(text)));
      expect(problems).to.deep.equal([{ position: 48, element: 'DTM02', reason: 'DTM02 is not a calendar date' }]);
    });

    it('when a claim names no patient, then it is reported at its CLP', async () => {
      const text = fixtureText(TWO_PAYERS)
        .replace('NM1*QC*1*CROFT*RILEY****MI*ZZFAKE10003~\n', '')
        .replace('SE*68*0001', 'SE*67*0001');
      const { problems } = await readAll(readX12Remittance(chunked(text)));
      expect(problems).to.deep.equal([{ position: 45, element: 'NM1', reason: 'the claim names no patient (NM1*QC)' }]);
    });

    it('when an amount has fractions of a cent, then the claim is reported rather than rounded', async () => {
      const text = fixtureText(TWO_PAYERS).replace('CLP*OVT-1003*1*300*180', 'CLP*OVT-1003*1*300*180.005');
      const { problems } = await readAll(readX12Remittance(chunked(text)));
      expect(problems).to.deep.equal([{ position: 45, element: 'CLP04', reason: 'CLP04 has fractions of a cent' }]);
    });
  });
});
