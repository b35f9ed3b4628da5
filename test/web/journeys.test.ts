/**
 * The three journeys of issue 5 in real headless Chromium against the app on 127.0.0.1 and the
 * real database: billing staff work the board, a clinician takes a denial from intake to a
 * submitted packet, and a medical director prepares and records a peer-to-peer call. Each step
 * asserts what the page shows; screenshots of each main page go to test-output/screenshots.
 */
import fs from 'node:fs/promises';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { caseBody } from '../support/factories.js';
import { screenshot, signIn } from '../support/browser.js';
import { notePdf, PROGRESS_NOTE } from '../evidence/support.js';
import { browserWorld, makeWebUser, submitApiForm } from './web-support.js';

describe('web journeys in a real browser', function () {
  this.timeout(180_000);
  const world = browserWorld(new Date('2026-11-23T14:00:00Z'));

  after(async () => {
    world.clock.set(new Date('2026-11-23T14:00:00Z'));
  });

  const rowsOf = (page: Page) => page.locator('#cases tbody tr');

  it('billing staff sign in, filter the board to overdue cases and export them as CSV', async () => {
    const billing = await makeWebUser('billing');
    const payerName = `Journey Health ${Date.now()}`;
    const base = caseBody();
    const overdue = await world.http
      .post('/api/v1/cases')
      .set(billing.auth)
      .send(
        caseBody({
          payer: { ...base.payer, name: payerName },
          denial: { ...base.denial, noticeDate: '2026-03-02', receivedDate: '2026-03-04' },
        }),
      );
    const current = await world.http
      .post('/api/v1/cases')
      .set(billing.auth)
      .send(caseBody({ payer: { ...base.payer, name: payerName } }));
    expect(overdue.status).to.equal(201);

    const { context, page } = await world.newPage();
    await page.goto('/');
    expect(new URL(page.url()).pathname).to.equal('/sign-in');
    await screenshot(page, 'sign-in');

    await signIn(page, billing.email, billing.password);
    expect(new URL(page.url()).pathname).to.equal('/board');
    expect(await page.getByRole('heading', { name: 'Denial board', level: 1 }).isVisible()).to.equal(true);
    // Eight figures of cases and decisions, four of money on claim lines, one of missed sessions by barrier.
    expect(await page.locator('figure').count()).to.equal(13);
    expect(await page.locator('figure#open-by-payer').textContent()).to.contain(payerName.slice(0, 18));
    await screenshot(page, 'board');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Skip to main content');

    await page.getByLabel('Payer', { exact: true }).fill(payerName);
    await page.getByLabel('Overdue only').check();
    await Promise.all([page.waitForURL(/overdue=true/), page.getByRole('button', { name: 'Apply filters' }).click()]);
    const rows = rowsOf(page);
    expect(await rows.count()).to.equal(1);
    expect(await rows.first().getAttribute('data-reference')).to.equal(overdue.body.reference);
    expect(await rows.first().locator('.badge').textContent()).to.match(/^Overdue \d+ days$/);
    expect(await page.content()).not.to.contain(current.body.reference);
    await screenshot(page, 'board-overdue');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export these cases as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).to.equal('overturn-cases-2026-11-23.csv');
    const csv = await fs.readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).to.match(/^reference,status,/);
    expect(lines).to.have.length(2);
    expect(lines[1]).to.contain(overdue.body.reference).and.contain(payerName);

    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto('/board');
    await screenshot(page, 'board-tablet');
    await context.close();
  });

  it(
    'a clinician opens a case, uploads a PDF note, attaches a criterion, generates ' +
      'and downloads the packet, and records its submission',
    async () => {
      const clinician = await makeWebUser('clinician');
      const guideline = await world.http
        .post('/api/v1/guidelines')
        .set(clinician.auth)
        .send({
          source: 'payer_policy',
          title: `Advanced imaging of the lumbar spine ${Date.now()}`,
          issuingBody: 'Acme Health Plan',
          section: 'criterion 2',
          criterionText: 'Six weeks of failed conservative therapy before MRI for radicular pain',
          procedureCodes: ['72148'],
        });
      expect(guideline.status, JSON.stringify(guideline.body)).to.equal(201);

      const { context, page } = await world.newPage();
      await signIn(page, clinician.email, clinician.password);
      expect(new URL(page.url()).pathname).to.equal('/cases');
      await page.getByRole('link', { name: 'New case' }).first().click();
      await page.waitForURL('**/cases/new');
      const fill = async (id: string, value: string) => page.locator(`#${id}`).fill(value);
      await fill('patient-firstName', 'Hannah');
      await fill('patient-lastName', 'Berg');
      await fill('patient-dateOfBirth', '1968-05-14');
      await fill('patient-mrn', 'MRN-55102');
      await fill('payer-name', 'Acme Health Plan');
      await page.locator('#payer-planType').selectOption('erisa_group');
      await fill('payer-memberId', 'XJH-55102');
      await fill('service-cptCodes', '72148');
      await fill('service-icd10Codes', 'M54.16, M51.26');
      await fill('service-description', 'MRI lumbar spine without contrast');
      await fill('service-dateOfService', '2026-10-20');
      await fill('service-billedAmount', '1840.50');
      await page.locator('#denial-category').selectOption('medical_necessity');
      await fill('denial-carc', 'CO-50');
      await fill('denial-payerReason', 'Not medically necessary without six weeks of conservative therapy.');
      // The notice date is left out first: the error must show beside that field.
      await page.getByRole('button', { name: 'Open case' }).click();
      await page.locator('#denial-noticeDate-error').waitFor();
      expect(await page.locator('#denial-noticeDate-error').textContent()).to.equal('This field is required');
      expect(await page.locator('#denial-noticeDate').getAttribute('aria-invalid')).to.equal('true');
      expect(await page.locator('#patient-firstName').inputValue()).to.equal('Hannah');
      await screenshot(page, 'new-case-errors', true);
      await fill('denial-noticeDate', '2026-11-02');
      await Promise.all([page.waitForURL(/notice=created/), page.getByRole('button', { name: 'Open case' }).click()]);
      expect(await page.getByRole('status').filter({ hasText: 'Case opened.' }).count()).to.equal(1);
      expect(await page.getByRole('heading', { name: 'Hannah Berg' }).isVisible()).to.equal(true);
      const reference = (await page.locator('.case-head p.muted').textContent())!.replace('Case ', '').trim();
      expect(reference).to.match(/^OVT-2026-\d{5}$/);

      // Only the moves allowed from New are offered; the clinician starts on the appeal.
      const offered = await page
        .locator('#status-actions input[name="to"]')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      expect(offered).to.deep.equal(['gathering_evidence', 'withdrawn', 'closed']);
      await page.getByLabel('Start gathering evidence').check();
      await Promise.all([
        page.waitForURL(/notice=status/),
        page.getByRole('button', { name: 'Change status' }).click(),
      ]);
      expect(await page.locator('#case-status').textContent()).to.equal('Gathering evidence');

      // Upload the PDF note through the file picker.
      await page.locator('#upload-title').fill('PT progress note');
      await page.locator('#upload-kind').selectOption('progress_note');
      await page.locator('#upload-date').fill('2026-11-10');
      await page.locator('#upload-file').setInputFiles({
        name: 'progress-note.pdf',
        mimeType: 'application/pdf',
        buffer: await notePdf(PROGRESS_NOTE),
      });
      await Promise.all([page.waitForURL(/notice=uploaded/), page.getByRole('button', { name: 'Upload' }).click()]);
      expect(await page.locator('#documents tbody').textContent())
        .to.contain('PT progress note')
        .and.contain('Progress note')
        .and.contain('10 Nov 2026');

      // Attach the guideline criterion with the note as evidence.
      await page.locator('#criterion-guideline').selectOption(guideline.body.id);
      await page.locator('#criterion-status').selectOption('met');
      await page.locator('#criterion-document').selectOption({ label: 'PT progress note (10 Nov 2026)' });
      await page.locator('#criterion-page').fill('1');
      await page.locator('#criterion-quote').fill('Completed 8 weeks of supervised physical therapy');
      await submitApiForm(page, page.locator('#criteria'), 'Attach criterion');
      const criteria = await page.locator('#criteria').textContent();
      expect(criteria)
        .to.contain('Met')
        .and.contain('PT progress note, page 1')
        .and.contain('Completed 8 weeks of supervised physical therapy');

      // The letter needs the clinician's summary and argument before it may be generated.
      const narrative = page.locator('#narrative');
      await narrative
        .getByLabel('Clinical summary')
        .fill('Radicular pain down the left leg for ten weeks despite therapy.');
      await narrative
        .getByLabel('Why it is medically necessary')
        .fill('Eight weeks of supervised physical therapy failed, which is the payer’s own criterion.');
      await submitApiForm(page, narrative, 'Save narrative');

      // Generate the packet, then download it.
      await submitApiForm(page, page.locator('#letter'), 'Generate packet');
      await page.getByRole('heading', { name: 'Packet version 1' }).waitFor();
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download PDF' }).click(),
      ]);
      expect(pdf.suggestedFilename()).to.contain(reference).and.not.contain('Berg');
      const bytes = await fs.readFile((await pdf.path())!);
      expect(bytes.subarray(0, 5).toString()).to.equal('%PDF-');
      await screenshot(page, 'case-file', true);

      // Record the submission by fax.
      await page.getByLabel('Sent by', { exact: true }).selectOption('fax');
      await page.getByLabel('Received by the payer at').fill('2026-11-23T09:00');
      await page.getByLabel('Confirmation number').fill('FAX-2231');
      await submitApiForm(page, page.locator('#letter'), 'Record submission');
      expect(await page.locator('#letter .notice').textContent())
        .to.contain('Submitted: Fax')
        .and.contain('confirmation FAX-2231');
      expect(await page.locator('#case-status').textContent()).to.equal('Submitted');
      await context.close();
    },
  );

  it('a medical director opens this week’s peer-to-peer, reads the prep sheet and records an overturn', async () => {
    const [director, billing] = await Promise.all([makeWebUser('medical_director'), makeWebUser('billing')]);
    const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' }));
    const avail = await world.http
      .put(`/api/v1/physicians/${director.id}/availability`)
      .set(director.auth)
      .send({ version: 0, timeZone: 'America/Chicago', weekly: hours });
    expect(avail.status, JSON.stringify(avail.body)).to.equal(200);
    const opened = await world.http
      .post('/api/v1/cases')
      .set(billing.auth)
      .send(caseBody({ denial: { ...caseBody().denial, noticeDate: '2026-11-19', receivedDate: '2026-11-19' } }));
    const requested = await world.http
      .post(`/api/v1/cases/${opened.body.id}/p2p`)
      .set(billing.auth)
      .send({
        physicianId: director.id,
        window: { lastDate: '2026-12-01' },
        reviewer: { name: 'Dr. Lee', specialty: 'Radiology' },
      });
    expect(requested.status, JSON.stringify(requested.body)).to.equal(201);
    const booked = await world.http.post(`/api/v1/p2p/${requested.body.id}/schedule`).set(billing.auth).send({
      version: requested.body.version,
      start: '2026-11-25T16:00:00Z',
      durationMinutes: 30,
      dialIn: '800-555-0100 code 4411#',
    });
    expect(booked.status, JSON.stringify(booked.body)).to.equal(200);

    // Two days on, the call has happened: the director prepares it, then records the overturn.
    world.clock.set(new Date('2026-11-25T17:00:00Z'));
    const { context, page } = await world.newPage();
    await signIn(page, director.email, director.password);
    expect(new URL(page.url()).pathname).to.equal('/p2p');
    expect(await page.locator('.pager strong').textContent()).to.equal('Week of 23 Nov 2026 – 29 Nov 2026');
    const wednesday = page.locator('.calendar .day').nth(2);
    expect(await wednesday.textContent())
      .to.contain('Wednesday')
      .and.contain(`10:00 AM · ${opened.body.reference}`);
    await wednesday.getByRole('link', { name: new RegExp(opened.body.reference) }).click();
    const call = page.locator(`#call-${requested.body.id}`);
    expect(await call.textContent())
      .to.contain('Wed 25 Nov, 10:00 AM CST')
      .and.contain('with Dr. Lee, Radiology')
      .and.contain('Scheduled');
    await screenshot(page, 'p2p', true);

    const prepHref = await call.getByRole('link', { name: 'Open prep sheet' }).getAttribute('href');
    const prep = await context.newPage();
    const prepResponse = await prep.goto(prepHref!);
    expect(prepResponse!.status()).to.equal(200);
    expect(await prep.textContent('body'))
      .to.contain(`Peer-to-peer prep sheet · ${opened.body.reference}`)
      .and.contain('Imaging is not medically necessary');
    await screenshot(prep, 'p2p-prep-sheet', true);
    await prep.close();

    await call.getByLabel('Result').selectOption('overturned');
    await call.getByLabel('Date of the payer’s revised decision').fill('2026-11-25');
    await call.getByLabel('Payer’s reviewer').fill('Dr. Lee');
    await call.getByLabel('Payer’s reference number').fill('UM-60231');
    await call.getByLabel('What was agreed').fill('MRI approved as requested');
    await submitApiForm(page, call, 'Record outcome');
    expect(await page.locator(`#call-${requested.body.id} .notice`).textContent()).to.equal(
      'Outcome: Overturned: MRI approved as requested',
    );
    await page.locator(`#call-${requested.body.id}`).getByRole('link', { name: opened.body.reference }).click();
    expect(await page.locator('#case-status').textContent()).to.equal('Overturned');
    await context.close();

    // A clinician with no part in the case sees neither the call nor the case on their P2P page.
    const stranger = await makeWebUser('clinician');
    const other = await world.newPage();
    await signIn(other.page, stranger.email, stranger.password);
    await other.page.goto('/p2p');
    expect(await other.page.content()).not.to.contain(opened.body.reference);
    expect((await other.page.goto(`/cases/${opened.body.id}`))!.status()).to.equal(404);
    await other.context.close();
  });
});
