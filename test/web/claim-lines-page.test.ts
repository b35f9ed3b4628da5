import { expect } from 'chai';
import { makeWebUser, signedInAgent, browserWorld, csrfOf, expectAccessible } from './web-support.js';
import { screenshot, signIn } from '../support/browser.js';
import {
  openImportedCase,
  recordClaimPayment,
  type ClaimLineRecord,
  type ImportedClaim,
} from '../../server/cases/index.js';
import { deniedLine, importedClaim } from '../support/imported-claims.js';

/** A physical-therapy claim as an 835 gives it: two lines of 97110 paid less the contract, an MRI denied CO-50. */
function remittedClaim(claimNumber: string): ImportedClaim {
  const contractual = (chargeCents: number, allowedCents: number) => ({
    paidCents: allowedCents,
    allowedCents,
    deniedCents: 0,
    adjustments: [{ group: 'CO' as const, reason: '45', amountCents: chargeCents - allowedCents }],
    underAppeal: false,
  });
  const lines: ClaimLineRecord[] = [
    deniedLine('97110', 9000, {
      procedure: { code: '97110', modifiers: ['GP'] },
      units: 2,
      ...contractual(9000, 6200),
    }),
    deniedLine('97110', 4500, { procedure: { code: '97110', modifiers: ['GP', '59'] }, ...contractual(4500, 3100) }),
    deniedLine('72148', 184050, { procedure: { code: '72148', modifiers: ['26'] }, remarkCodes: ['N115'] }),
  ];
  return importedClaim(claimNumber, lines, {
    claim: {
      patientControlNumber: 'PT-88213',
      status: '1',
      patientResponsibilityCents: 0,
      serviceEnd: '2026-10-20',
      renderingProvider: { name: 'Lena Ortiz', npi: '1588667638' },
      remittance: 'EFT-260114',
      recommendation: { route: 'appeal', reason: 'medical necessity' },
    },
    patient: { firstName: 'Tomas', lastName: 'Reyes' },
    // As an import wrote it before codes were made unique: each line's code, repeats included.
    service: { description: 'Claim lines 97110, 97110, 72148', cptCodes: ['97110', '97110', '72148'] },
  });
}

describe('the case file’s claim and lines', () => {
  const world = browserWorld();

  async function importedCase(actor: Awaited<ReturnType<typeof makeWebUser>>) {
    const input = remittedClaim(`2611${Date.now()}`);
    const made = await openImportedCase(input, actor, { clock: world.clock });
    return { ...made, input };
  }

  it(
    'when billing opens an imported case, ' +
      'then each line shows its money, codes in words, and only what is known of the patient',
    async () => {
      const billing = await makeWebUser('billing');
      const { caseId } = await importedCase(billing);
      const { agent } = await signedInAgent(world.app, billing);
      const page = await agent.get(`/cases/${caseId}`);
      expect(page.status).to.equal(200);
      const text = page.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(text).to.contain('Claim and lines');
      expect(text).to.contain('Payer claim number').and.contain('Status when denied 1 (processed as primary)');
      expect(text).to.contain('Line 1: 97110-GP, 2 units').and.contain('Line 3: 72148-26, 1 unit');
      expect(text).to.contain('CO-50 Payer finds the service not medically necessary (appealable): $1,840.50');
      expect(text).to.contain(
        'CO-45 Above the contracted or scheduled fee: contractual write-off, not a denial: $28.00',
      );
      expect(text).to.contain('N115 Decided under a Local Coverage Determination (LCD)');
      expect(text).to.contain('Charge Allowed Paid when denied Denied $1,840.50 — $0.00 $1,840.50');
      expect(text).to.contain('1 of 1 lines under appeal still open.');
      // Only the open line under appeal has a form.
      expect(page.text.match(/Record how line \d ended/g)).to.deep.equal(['Record how line 3 ended']);
      // A remittance names no birth date or MRN: the page does not pretend it does.
      expect(text).to.contain('Patient Tomas Reyes Service Claim lines 97110, 72148 Claim ');
      expect(text).not.to.match(/born ,|MRN Service|Member ID Service/);
    },
  );

  it(
    'when billing records more than was denied, ' +
      'then the form says so; then a payment in dollars is recorded and the settlement offered',
    async () => {
      const billing = await makeWebUser('billing');
      const { caseId } = await importedCase(billing);
      const { agent } = await signedInAgent(world.app, billing);
      const before = await agent.get(`/cases/${caseId}`);
      const version = /name="version" value="(\d+)"/.exec(before.text)![1];
      const form = { _csrf: csrfOf(before.text), version, kind: 'overturned_paid', remittance: 'EFT-270301' };
      const tooMuch = await agent
        .post(`/cases/${caseId}/lines/3/resolution`)
        .type('form')
        .send({ ...form, amount: '$1,900.00' });
      expect(tooMuch.status).to.equal(422);
      expect(tooMuch.text).to.contain('The amount ($1,900.00) is more than was denied on line 3 ($1,840.50)');
      expect(tooMuch.text).to.contain('value="$1,900.00"');
      const paid = await agent
        .post(`/cases/${caseId}/lines/3/resolution`)
        .type('form')
        .send({ ...form, amount: '1,500.00' });
      expect(paid.status).to.equal(303);
      const after = await agent.get(paid.headers.location);
      const text = after.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(text).to.contain('Resolution: Overturned and paid · $1,500.00 · remittance EFT-270301');
      expect(text).to.contain('All lines resolved: $1,500.00 recovered, $0.00 written off.');
      // Still new: no appeal was filed, so no decision; closing is the one move left, offered.
      expect(after.text).to.match(/<input type="hidden" name="to" value="closed">/);
      expect(after.text).to.contain('Close the case');
      expect(after.text).not.to.contain('Record how line 3 ended');
    },
  );

  it('when a clinician opens the case, then the lines show but no form to record an outcome', async () => {
    const clinician = await makeWebUser('clinician');
    const { caseId } = await importedCase(clinician);
    const { agent } = await signedInAgent(world.app, clinician);
    const page = await agent.get(`/cases/${caseId}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Claim and lines').and.not.to.contain('Record how line');
  });

  it('when a remittance paid one line, then in Chromium the section and timeline read it and pass axe', async () => {
    const billing = await makeWebUser('billing');
    const { caseId, input } = await importedCase(billing);
    await recordClaimPayment(
      input.claimKey,
      [{ procedureCode: '72148', serviceDate: '2026-10-20', paidCents: 120000, deniedCents: 0 }],
      'EFT-270388',
      billing,
      { clock: world.clock },
    );
    const { page, context } = await world.newPage();
    try {
      await signIn(page, billing.email, billing.password);
      await page.goto(`${world.baseUrl}/cases/${caseId}`);
      const section = page.locator('#claim-lines');
      await section.scrollIntoViewIfNeeded();
      expect(await section.locator('#line-3 .line-resolution').textContent()).to.contain(
        'Overturned and paid · $1,200.00 · remittance EFT-270388',
      );
      // The payment is on the timeline in words, and a line's table has no stray visible caption.
      expect(await page.locator('#timeline').textContent()).to.contain('From a later remittance');
      expect((await section.locator('#line-3 caption').boundingBox())?.height).to.be.at.most(1);
      await expectAccessible(page, 'case file with claim lines');
      await screenshot(page, 'case-claim-lines');
      await page.locator('#line-3').evaluate((el) => el.scrollIntoView());
      await screenshot(page, 'case-claim-lines-paid-line');
    } finally {
      await context.close();
    }
  });
});
