/**
 * The payer's reasons, the objective measures and the attendance corrections on the case file, in
 * real Chromium with JavaScript turned off: the knee case of issue 11 (eight more visits denied
 * because she "missed 4 of 12 authorized visits", "reached a plateau" and "a home exercise program
 * is appropriate"), worked from the page alone, until the generated letter answers each reason in
 * order with its evidence.
 */
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { caseBody } from '../support/factories.js';
import { binary } from '../packets/packet-support.js';
import { markedPdf } from '../packets/fixtures.js';
import { pdfPagesText } from '../packets/pdf-text.js';
import { reasonAnswers } from '../packets/letter-reasons.js';
import { kneeCaseBody } from '../packets/knee-case.js';
import { AuditEventModel } from '../../server/audit/audit.model.js';
import { browserWorld, makeWebUser } from './web-support.js';

describe('the payer’s reasons, measures and attendance corrections on the case page without script', function () {
  this.timeout(240_000);
  const world = browserWorld(new Date('2026-11-23T14:00:00Z'));

  /** Clicks a form's button and waits for the page the server answers with. */
  async function send(page: Page, scope: Locator, button: string) {
    await Promise.all([page.waitForEvent('load'), scope.getByRole('button', { name: button, exact: true }).click()]);
  }

  /** The knee case, the clinician's own, with her narrative and her re-evaluation note (3 pages). */
  async function kneeCase(clinician: Awaited<ReturnType<typeof makeWebUser>>) {
    const created = await world.http
      .post('/api/v1/cases')
      .set(clinician.auth)
      .send(
        kneeCaseBody({
          treatingClinician: { ...caseBody().treatingClinician, userId: clinician.id },
          narrative: {
            clinicalSummary: 'Mrs. Okafor, 69, had a right total knee replacement on 2026-09-14.',
            medicalNecessity: 'Skilled therapy is still improving flexion, gait speed and balance.',
          },
        }),
      );
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const caseId: string = created.body.id;
    const uploaded = await world.http
      .post(`/api/v1/cases/${caseId}/documents`)
      .set(clinician.auth)
      .attach('file', await markedPdf('RE-EVALUATION', 3), { filename: 'reeval.pdf', contentType: 'application/pdf' })
      .field('title', 'Re-evaluation')
      .field('kind', 'progress_note')
      .field('date', '2026-11-16');
    expect(uploaded.status, JSON.stringify(uploaded.body)).to.equal(201);
    return { caseId, documentId: uploaded.body.id as string };
  }

  /** A clinician of her own knee case, on its case file without script. */
  async function kneeCasePage() {
    const clinician = await makeWebUser('clinician');
    const { caseId } = await kneeCase(clinician);
    const page = await world.scriptlessPage(clinician);
    await page.goto(`/cases/${caseId}`);
    return { clinician, caseId, page };
  }

  const reasonRow = (page: Page, n: number) => page.locator(`#reason-${n - 1}`);
  const listed = (page: Page) => page.locator('#stated-reasons-list > li > q').allTextContents();

  it(
    'a clinician proposes the reasons from the payer’s words, reorders, rewords, adds and removes, answers each ' +
      'with measures, the barriers record and a quoted page, and the generated letter answers each in order',
    async () => {
      const { clinician, caseId, page } = await kneeCasePage();
      const reasons = page.locator('#stated-reasons');
      expect(await reasons.locator('#stated-reasons-none').isVisible()).to.equal(true);

      await send(page, reasons, 'Propose the list from the payer’s words');
      expect(await reasons.locator('.notice').textContent()).to.contain('Proposed from the payer’s words');
      expect(
        await Promise.all(
          [1, 2, 3, 4].map((n) =>
            reasonRow(page, n)
              .getByLabel(/in the payer’s words/)
              .inputValue(),
          ),
        ),
      ).to.deep.equal([
        'The member missed 4 of 12 authorized visits',
        'Has reached a plateau in functional gains',
        'A home exercise program is appropriate to continue recovery',
        '',
      ]);
      expect(await reasonRow(page, 2).getByLabel('What reason 2 is about').inputValue()).to.equal('plateau');
      // Nothing is stored by a proposal.
      expect((await world.http.get(`/api/v1/cases/${caseId}`).set(clinician.auth)).body.statedReasons ?? []).to.be
        .empty;

      // The plateau first, the missed visits second; one reworded, one added in a blank row.
      await reasonRow(page, 1).getByLabel('Order').fill('2');
      await reasonRow(page, 2).getByLabel('Order').fill('1');
      await reasonRow(page, 3)
        .getByLabel('Reason 3, in the payer’s words')
        .fill('A home exercise program is appropriate to continue recovery.');
      await reasonRow(page, 4).getByLabel('Reason 4, in the payer’s words').fill('Skilled care is no longer needed');
      await send(page, reasons, 'Confirm the reasons and answers');
      expect(new URL(page.url()).searchParams.get('notice')).to.equal('stated-reasons');
      expect(await listed(page)).to.deep.equal([
        'Has reached a plateau in functional gains',
        'The member missed 4 of 12 authorized visits',
        'A home exercise program is appropriate to continue recovery.',
        'Skilled care is no longer needed',
      ]);
      // Unanswered reasons are flagged on the list and beside the packet controls.
      expect(await reasons.locator('#stated-reasons-list .flag').allTextContents()).to.include('Not answered yet');
      expect(await page.locator('#reasons-unanswered').textContent()).to.contain(
        'The answer to reason 1 (“Has reached a plateau in functional gains”) is not written',
      );

      // The measures the answers will cite: a refusal keeps what was typed and names the field.
      const measures = page.locator('#measures');
      const addMeasure = async (what: string, unit: string, before: [string, string], after?: [string, string]) => {
        await measures.getByText('Add a measure').click();
        await measures.getByLabel('Measure', { exact: true }).fill(what);
        await measures.getByLabel('Unit').fill(unit);
        await measures.getByLabel('Reading before', { exact: true }).fill(before[0]);
        await measures.getByLabel('Date of the reading before').fill(before[1]);
        await measures
          .getByLabel('Document of the reading before')
          .selectOption({ label: 'Re-evaluation (16 Nov 2026)' });
        await measures.getByLabel('Page of the reading before').fill('1');
        if (after) {
          await measures.getByLabel('Reading after', { exact: true }).fill(after[0]);
          await measures.getByLabel('Date of the reading after').fill(after[1]);
          await measures
            .getByLabel('Document of the reading after')
            .selectOption({ label: 'Re-evaluation (16 Nov 2026)' });
          await measures.getByLabel('Page of the reading after').fill('2');
        }
        await send(page, measures, 'Add the measure');
      };
      await addMeasure('Knee flexion', '', ['95', '2026-10-05'], ['110', '2026-11-16']);
      expect(await measures.locator('.error-summary').textContent()).to.contain('Unit is required');
      expect(await measures.locator('#measure-unit-error').textContent()).to.equal('This field is required');
      expect(await measures.getByLabel('Reading after', { exact: true }).inputValue()).to.equal('110');
      await measures.getByLabel('Unit').fill('degrees');
      await send(page, measures, 'Add the measure');
      expect(new URL(page.url()).searchParams.get('notice')).to.equal('measure');
      await addMeasure('Timed Up and Go', 'seconds', ['18.4', '2026-10-05'], ['13.1', '2026-11-16']);
      await addMeasure('Gait speed', 'm/s', ['0.62', '2026-10-05']);
      const table = () => page.locator('#measures-table tbody tr');
      expect(await table().allInnerTexts()).to.have.length(3);
      expect((await table().nth(0).innerText()).replace(/\s+/g, ' '))
        .to.contain('Knee flexion')
        .and.contain('95 degrees, 5 Oct 2026')
        .and.contain('110 degrees, 16 Nov 2026')
        .and.contain('Re-evaluation (16 Nov 2026), page 2')
        .and.contain('+15 degrees');
      expect(await table().nth(2).innerText()).to.contain('No later reading');
      // A reading entered by mistake is removed.
      await page.locator('#measure-readings summary').click();
      await send(page, page.locator('#measure-readings'), 'Remove Gait speed: 0.62 m/s on 5 Oct 2026');
      expect(new URL(page.url()).searchParams.get('notice')).to.equal('measure-removed');
      expect(await table().allInnerTexts()).to.have.length(2);

      // Back to the payer's order, the added reason removed, each answered with its evidence.
      await page.locator('#stated-reasons-editor summary').click();
      await reasonRow(page, 1).getByLabel('Order').fill('2');
      await reasonRow(page, 2).getByLabel('Order').fill('1');
      await reasonRow(page, 4).getByLabel('Remove reason 4').check();
      await reasonRow(page, 1)
        .getByLabel('Answer to reason 1, in one line')
        .fill('She is still gaining: flexion and Timed Up and Go both improved between her last two evaluations.');
      await reasonRow(page, 1).getByLabel('Measure: Knee flexion').check();
      await reasonRow(page, 1).getByLabel('Measure: Timed Up and Go').check();
      await reasonRow(page, 2)
        .getByLabel('Answer to reason 2, in one line')
        .fill('Every missed visit was a two-hour bus ride; since the transport benefit began she has missed none.');
      await reasonRow(page, 2).getByLabel('The attendance and barriers record').check();
      await reasonRow(page, 3)
        .getByLabel('Answer to reason 3, in one line')
        .fill('At a Timed Up and Go of 13.1 seconds she remains at risk of falls.');
      await reasonRow(page, 3).getByLabel('Quoted document').selectOption({ label: 'Re-evaluation (16 Nov 2026)' });
      await reasonRow(page, 3).getByLabel('Page', { exact: true }).fill('3');
      // The quote is left out: refused beside the page's row, everything typed kept in the new order.
      await send(page, reasons, 'Confirm the reasons and answers');
      expect(await reasons.locator('.error-summary').textContent()).to.contain('Pages quoted for reason 3');
      expect(await reasonRow(page, 3).locator('.error').textContent()).to.contain('is required');
      expect(await reasonRow(page, 1).getByLabel('Reason 1, in the payer’s words').inputValue()).to.equal(
        'The member missed 4 of 12 authorized visits',
      );
      expect(await reasonRow(page, 1).getByLabel('The attendance and barriers record').isChecked()).to.equal(true);
      expect(await reasonRow(page, 2).getByLabel('Measure: Timed Up and Go').isChecked()).to.equal(true);
      expect(await reasonRow(page, 4).getByLabel('Reason 4, in the payer’s words').inputValue()).to.equal('');
      await reasonRow(page, 3)
        .getByLabel('Quote, word for word from that page')
        .first()
        .fill('Two near-falls at home this month; fear of falling limits walking.');
      await send(page, reasons, 'Confirm the reasons and answers');
      expect(new URL(page.url()).searchParams.get('notice')).to.equal('stated-reasons');
      expect(await listed(page)).to.deep.equal([
        'The member missed 4 of 12 authorized visits',
        'Has reached a plateau in functional gains',
        'A home exercise program is appropriate to continue recovery.',
      ]);
      expect(await reasons.locator('.flag').count()).to.equal(0);
      expect(await page.locator('#reasons-unanswered').count()).to.equal(0);

      await send(page, page.locator('#letter'), 'Generate packet');
      expect(await page.locator('.notice').first().textContent()).to.contain('Packet generated');
      const packets = await world.http.get(`/api/v1/cases/${caseId}/packets`).set(clinician.auth);
      const packet = packets.body.packets[0];
      const pdf = await world.http
        .get(`/api/v1/cases/${caseId}/packets/${packet.id}/pdf`)
        .set(clinician.auth)
        .buffer(true)
        .parse(binary);
      const letter = (await pdfPagesText(pdf.body as Buffer))
        .slice(0, packet.letterPages)
        .join('\n')
        .replace(/\s+/g, ' ');
      const [missed, plateau, home] = reasonAnswers(letter, [
        '1. “The member missed 4 of 12 authorized visits”',
        '2. “Has reached a plateau in functional gains”',
        '3. “A home exercise program is appropriate to continue recovery.”',
      ]);
      expect(missed).to.include('since the transport benefit began she has missed none');
      for (const cell of ['Knee flexion', '95 degrees', '110 degrees', '18.4 seconds', '13.1 seconds'])
        expect(plateau, `the plateau's answer lacks ${cell}`).to.include(cell);
      expect(home).to.include('she remains at risk of falls');
      expect(home).to.include('“Two near-falls at home this month; fear of falling limits walking.”');

      // Audited as the API is: the proposal read the quoted reason, each save and each reading written.
      const actions = (await AuditEventModel.find({ caseId, 'actor.id': clinician.id }).lean()).map(
        (a) => (a as { action: string }).action,
      );
      expect(actions).to.include.members([
        'case.reasons_proposed',
        'case.stated_reasons',
        'case.measure_added',
        'case.measure_removed',
      ]);
      await page.context().close();
    },
  );

  it(
    'a stale save of the reasons is refused with the case as it stands now, ' + 'and the other change is kept',
    async () => {
      const { clinician, caseId, page } = await kneeCasePage();
      const reasons = page.locator('#stated-reasons');
      await reasonRow(page, 1).getByLabel('Reason 1, in the payer’s words').fill('Missed visits');
      // Meanwhile a colleague lists the reasons through the API.
      const now = await world.http.get(`/api/v1/cases/${caseId}`).set(clinician.auth);
      await world.http
        .put(`/api/v1/cases/${caseId}/stated-reasons`)
        .set(clinician.auth)
        .send({ version: now.body.version, reasons: [{ text: 'Has reached a plateau', kind: 'plateau' }] })
        .expect(200);
      await send(page, reasons, 'Confirm the reasons and answers');
      expect(await reasons.locator('.error-summary').textContent()).to.contain('Someone else changed this case');
      expect(await listed(page)).to.deep.equal(['Has reached a plateau']);
      const stored = await world.http.get(`/api/v1/cases/${caseId}`).set(clinician.auth);
      expect(stored.body.statedReasons.map((r: { text: string }) => r.text)).to.deep.equal(['Has reached a plateau']);
      await page.context().close();
    },
  );

  it(
    'a session refused for a missing barrier comes back with the alternatives ticked; a recorded session is ' +
      'corrected on the page, and a stale correction is refused without overwriting',
    async () => {
      const { clinician, caseId, page } = await kneeCasePage();
      const attendance = page.locator('#attendance');
      await attendance.getByText('Record a session').click();
      const form = attendance.locator('.attendance-form');
      await form.getByLabel('Date').fill('2026-11-10');
      await form.getByLabel('How it went').selectOption('no_show');
      await form.getByLabel('Reason, in the patient’s own words').fill('The bus takes two hours each way.');
      await form.getByRole('group', { name: 'Alternatives offered' }).getByLabel('Telehealth').check();
      await form.getByRole('group', { name: 'Alternatives offered' }).getByLabel('Transport benefit').check();
      await form.getByRole('group', { name: 'The patient took up' }).getByLabel('Transport benefit').check();
      await send(page, form, 'Record the session');
      expect(await form.locator('.error-summary').textContent()).to.contain('needs its barrier');
      const ticked = async (group: string) =>
        form
          .getByRole('group', { name: group })
          .locator('input:checked')
          .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
      expect(await ticked('Alternatives offered')).to.deep.equal(['telehealth', 'transport_benefit']);
      expect(await ticked('The patient took up')).to.deep.equal(['transport_benefit']);
      await form.getByLabel('Barrier').selectOption('transport');
      await send(page, form, 'Record the session');
      expect(new URL(page.url()).searchParams.get('notice')).to.equal('attendance');

      const sessions = await world.http.get(`/api/v1/cases/${caseId}/attendance`).set(clinician.auth);
      const session = sessions.body.sessions[0];
      const correction = () => page.locator(`#correct-${session.id}`);
      await Promise.all([page.waitForEvent('load'), page.locator(`#correct-link-${session.id}`).click()]);
      expect(await correction().getByLabel('Reason, in the patient’s own words').inputValue()).to.equal(
        'The bus takes two hours each way.',
      );
      await correction()
        .getByLabel('Reason, in the patient’s own words')
        .fill('The bus takes two hours each way; no ride.');
      await correction().getByRole('group', { name: 'Alternatives offered' }).getByLabel('Telehealth').uncheck();
      await correction().getByLabel('What the patient chose or declined (optional)').fill('Took the ride benefit');
      await send(page, correction(), 'Save the correction');
      expect(new URL(page.url()).searchParams.get('notice')).to.equal('session-corrected');
      const corrected = (await world.http.get(`/api/v1/cases/${caseId}/attendance`).set(clinician.auth)).body
        .sessions[0];
      expect(corrected).to.include({
        reason: 'The bus takes two hours each way; no ride.',
        patientChoice: 'Took the ride benefit',
        barrier: 'transport',
      });
      expect(corrected.alternativesOffered).to.deep.equal(['transport_benefit']);
      expect(await page.locator('#attendance-sessions').textContent()).to.contain(`corrected by ${clinician.name}`);

      // Someone corrects it through the API while the page's form is open: the page's correction is refused.
      await Promise.all([page.waitForEvent('load'), page.locator(`#correct-link-${session.id}`).click()]);
      await world.http
        .patch(`/api/v1/cases/${caseId}/attendance/${session.id}`)
        .set(clinician.auth)
        .send({ version: corrected.version, patientChoice: 'Chose telehealth on Thursdays' })
        .expect(200);
      await correction().getByLabel('What the patient chose or declined (optional)').fill('Declined everything');
      await send(page, correction(), 'Save the correction');
      expect(await correction().locator('.error-summary').textContent()).to.contain('Someone else changed');
      expect(await correction().getByLabel('What the patient chose or declined (optional)').inputValue()).to.equal(
        'Chose telehealth on Thursdays',
      );
      const kept = (await world.http.get(`/api/v1/cases/${caseId}/attendance`).set(clinician.auth)).body.sessions[0];
      expect(kept.patientChoice).to.equal('Chose telehealth on Thursdays');
      await page.context().close();
    },
  );
});
