/**
 * The "done when" journeys of issue 12 in real headless Chromium, on one case and done only by
 * clicking and typing: an administrator adds the clinician and the payer's profile; billing enters
 * the denial and assigns it; the clinician uploads notes, attaches a criterion from the guideline
 * library, writes the narrative, generates the packet and records the submission; the medical
 * director sets hours for calls, requests and books a peer-to-peer inside the payer's window, opens
 * the prep sheet and records the outcome. Only the starting accounts (administrator, billing,
 * director) are made outside the browser: the app has no sign-up page. Every page passed is
 * checked by axe-core; screenshots at 1366×768 go to test-output/screenshots.
 */
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { screenshot, signIn } from '../support/browser.js';
import { notePdf, PROGRESS_NOTE } from '../evidence/support.js';
import { browserWorld, expectAccessible, makeWebUser } from './web-support.js';

describe('web journeys of issue 12, by clicking and typing only, on one case', function () {
  this.timeout(240_000);
  const world = browserWorld();
  // The test file has a database of its own, so plain names are unique.
  const payerName = 'Lakeshore Health';
  const clinician = {
    name: 'Dr. Lena Ortiz',
    email: 'lena.ortiz@clinic.test',
    password: 'ortiz-first-password',
  };
  let starting: Record<'admin' | 'billing' | 'director', Awaited<ReturnType<typeof makeWebUser>>>;
  let casePath: string;
  let reference: string;

  before(async () => {
    starting = {
      admin: await makeWebUser('admin', 'Ada Nwosu'),
      billing: await makeWebUser('billing', 'Bea Lindqvist'),
      director: await makeWebUser('medical_director', 'Dr. Hannah Okafor'),
    };
  });

  /** Clicks a button and waits for the page the form's post answers with. */
  async function send(page: Page, scope: Page | Locator, button: string) {
    await Promise.all([page.waitForEvent('load'), scope.getByRole('button', { name: button }).click()]);
  }

  /** Checks the page with axe-core and takes its screenshot at 1366×768 (the whole page when long). */
  async function look(page: Page, name: string, fullPage = false) {
    await expectAccessible(page, name);
    await screenshot(page, `journey-${name}`, fullPage);
  }

  /** Sends a form that page script posts to the API; fails with the form's own refusal, if any. */
  async function sendApiForm(page: Page, scope: Locator, button: string) {
    const loaded = page.waitForEvent('load');
    await scope.getByRole('button', { name: button }).click();
    const summary = scope.locator('[data-api-summary]:not([hidden])');
    const refusal = await Promise.race([loaded.then(() => null), summary.waitFor().then(() => summary.textContent())]);
    expect(refusal, `${button} was refused`).to.equal(null);
  }

  it('an administrator adds the clinician and the payer profile with its peer-to-peer window', async () => {
    const { context, page } = await world.newPage();
    await signIn(page, starting.admin.email, starting.admin.password);
    await page.getByRole('link', { name: 'Administration' }).click();
    await look(page, 'admin');
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByLabel('Name (required)').fill(clinician.name);
    await page.getByLabel('Email').fill(clinician.email);
    await page.getByLabel('Role (required)').selectOption({ label: 'Clinician' });
    await page.getByLabel('First password').fill(clinician.password);
    await look(page, 'admin-users');
    await send(page, page, 'Add the user');
    expect(await page.locator('main').textContent()).to.contain(`${clinician.name} was added`);
    await look(page, 'admin-user-token');

    await page.goto('/admin');
    await page.getByRole('link', { name: 'Payer profiles' }).click();
    await page.getByRole('link', { name: 'Add a payer profile' }).click();
    await page.getByLabel('Payer name (required)').fill(payerName);
    await page.getByLabel('Appeals fax').fill('612-555-0199');
    await page.getByLabel('Address', { exact: true }).fill('PO Box 100');
    await page.getByLabel('City').fill('Saint Paul');
    await page.getByLabel('State', { exact: true }).fill('MN');
    await page.getByLabel('ZIP code').fill('55101');
    await page.getByLabel('P2P window: days').fill('7');
    await page.getByLabel('P2P window: counted in').selectOption({ label: 'Business days' });
    await page.getByLabel('P2P window: counted from').selectOption({ label: 'The date on the notice' });
    await page
      .getByLabel('P2P window: as the payer words it')
      .fill('Provider manual 4.2: peer-to-peer within 7 business days of the determination');
    await page.getByLabel('How to book a call').fill('P2P line 800-555-0111, weekdays 8–5 Central');
    await look(page, 'admin-payer-new', true);
    await send(page, page, 'Add the payer profile');
    expect(await page.locator('.notice').textContent()).to.equal('Payer profile added.');
    expect(await page.locator('#payers tr', { hasText: payerName }).textContent()).to.contain('7 business days');
    await look(page, 'admin-payers');
    await context.close();
  });

  it('billing enters the denial under that payer, names the clinician and assigns it to her', async () => {
    const { context, page } = await world.newPage();
    await signIn(page, starting.billing.email, starting.billing.password);
    expect(await page.locator('main').textContent()).to.contain('Figures appear once there are cases.');
    await look(page, 'board', true);
    await page.getByRole('link', { name: 'New case' }).first().click();
    await page.getByLabel('First name').fill('Hannah');
    await page.getByLabel('Last name').fill('Berg');
    await page.getByLabel('Date of birth').fill('1968-05-14');
    await page.getByLabel('MRN').fill('MRN-55102');
    await page.locator('#payer-name').fill(payerName);
    await page.getByLabel('Plan type').selectOption({ label: 'Employer group (ERISA)' });
    await page.getByLabel('Payer profile').selectOption({ label: payerName });
    await page.getByLabel('Member ID').fill('XJH-55102');
    await page.getByLabel('CPT / HCPCS codes').fill('72148');
    await page.getByLabel('ICD-10 codes').fill('M54.16');
    await page.getByLabel('Service description').fill('MRI lumbar spine without contrast');
    await page.getByLabel('Date of service', { exact: true }).fill('2026-10-20');
    await page.getByLabel('Date on the notice').fill('2026-11-19');
    await page.getByLabel('Denial category').selectOption({ label: 'Medical necessity' });
    await page.getByLabel('The payer’s stated reason').fill('Not medically necessary without six weeks of therapy.');
    await page.getByLabel('Treating clinician').selectOption({ label: `${clinician.name} (Clinician)` });
    await page.getByLabel('Assigned to').selectOption({ label: `${clinician.name} (Clinician)` });
    await look(page, 'new-case', true);
    await Promise.all([page.waitForURL(/notice=created/), page.getByRole('button', { name: 'Open case' }).click()]);
    casePath = new URL(page.url()).pathname;
    reference = (await page.locator('.case-head p.muted').textContent())!.replace('Case ', '').trim();
    expect(await page.locator('#assignee-name').textContent()).to.equal(clinician.name);
    // The payer profile's window is on the case before anyone asks for a call.
    expect(await page.locator('#p2p-window').textContent()).to.contain('the call must be held by 1 Dec 2026');
    await look(page, 'case-file-new', true);
    await context.close();
  });

  it(
    'the clinician finds it in My cases, uploads notes, attaches a criterion from the library, writes the ' +
      'narrative, generates the packet and records the submission',
    async () => {
      const { context, page } = await world.newPage();
      await signIn(page, clinician.email, clinician.password);
      const row = page.locator('#cases tbody tr', { hasText: reference });
      expect(await row.count(), 'the case is in My cases').to.equal(1);
      await look(page, 'my-cases');
      await row.getByRole('link', { name: reference }).click();
      expect(new URL(page.url()).pathname).to.equal(casePath);

      // The progress note, a real PDF, through the upload form.
      const upload = page.locator('#documents');
      await upload.getByLabel('Title').fill('PT progress note');
      await upload.getByLabel('Kind').selectOption({ label: 'Progress note' });
      await upload.getByLabel('Date of the record').fill('2026-11-10');
      await upload.locator('#upload-file').setInputFiles({
        name: 'progress-note.pdf',
        mimeType: 'application/pdf',
        buffer: await notePdf(PROGRESS_NOTE),
      });
      await Promise.all([page.waitForURL(/notice=uploaded/), upload.getByRole('button', { name: 'Upload' }).click()]);
      expect(await page.locator('#documents tbody').textContent()).to.contain('PT progress note');
      await upload.getByLabel('Words in the records').fill('straight-leg raise');
      await send(page, upload, 'Search the records');
      expect(await page.locator('#passages').textContent()).to.contain('PT progress note');
      await look(page, 'document-search');
      await page.getByRole('link', { name: `Back to case ${reference}` }).click();

      // The payer's policy goes into the guideline library, then onto the case.
      await page.getByRole('link', { name: 'Guidelines' }).click();
      await page.getByRole('link', { name: 'Add a guideline' }).click();
      await page.getByLabel('Source (required)').selectOption({ label: 'Payer medical policy' });
      await page.getByLabel('Issuing body (required)').fill(payerName);
      await page.getByLabel('Title (required)').fill('Advanced imaging of the lumbar spine');
      await page.getByLabel('Section or criterion').fill('criterion 2');
      await page
        .getByLabel('The criterion in your own words (required)')
        .fill('Six weeks of failed conservative therapy before MRI for radicular pain');
      await page.getByLabel('Procedure codes (CPT/HCPCS)').fill('72148');
      await look(page, 'guideline-new', true);
      await send(page, page, 'Add the guideline');
      expect(await page.locator('.notice').textContent()).to.equal('Guideline added to the library.');
      await look(page, 'guideline-added');

      await page.getByRole('link', { name: 'My cases' }).click();
      await page.locator('#cases tbody tr', { hasText: reference }).getByRole('link', { name: reference }).click();
      const criteria = page.locator('#criteria');
      expect(await criteria.locator('#suggested-guidelines').textContent()).to.contain(
        'Advanced imaging of the lumbar spine',
      );
      await criteria
        .getByLabel('Guideline', { exact: true })
        .selectOption({ label: `${payerName}, Advanced imaging of the lumbar spine, criterion 2` });
      await criteria.getByLabel('Judged').selectOption({ label: 'Met' });
      await criteria.getByLabel('Evidence record').selectOption({ label: 'PT progress note (10 Nov 2026)' });
      await criteria.getByLabel('Page', { exact: true }).fill('1');
      await criteria
        .getByLabel('Quote, word for word from that page')
        .fill('Completed 8 weeks of supervised physical therapy');
      await sendApiForm(page, criteria, 'Attach criterion');
      expect(await page.locator('#criteria').textContent())
        .to.contain('PT progress note, page 1')
        .and.contain('Completed 8 weeks of supervised physical therapy');

      // The narrative: its text, then the key facts and the alternatives tried.
      const narrative = page.locator('#narrative');
      await narrative
        .getByLabel('Clinical summary')
        .fill('Radicular pain down the left leg for ten weeks despite therapy and medication.');
      await narrative
        .getByLabel('Why it is medically necessary')
        .fill('Six weeks of conservative therapy failed, which is the payer’s own criterion 2.');
      await narrative.getByLabel('The ask, in one line').fill('Approve the lumbar MRI so surgery can be planned.');
      await send(page, narrative, 'Save narrative');
      const lists = page.locator('#narrative-lists');
      await lists.getByLabel('Date of fact 1').fill('2026-11-10');
      await lists.getByLabel('Fact 1', { exact: true }).fill('Straight-leg raise positive on the left at 40°');
      await lists.getByLabel('Record showing fact 1').selectOption({ label: 'PT progress note (10 Nov 2026)' });
      await lists.getByLabel('Treatment 1', { exact: true }).fill('Supervised physical therapy');
      await lists.getByLabel('When and how long, treatment 1').fill('Sep–Nov 2026, 8 weeks');
      await lists.getByLabel('Outcome of treatment 1').fill('No lasting relief');
      await sendApiForm(page, lists, 'Save facts and alternatives');
      expect(await page.locator('#timeline li').first().textContent()).to.contain(
        'Updated key clinical facts, alternatives tried',
      );
      expect(await lists.getByLabel('Fact 1', { exact: true }).inputValue()).to.contain('Straight-leg raise');
      expect(await page.locator('#tried-0-treatment').inputValue()).to.equal('Supervised physical therapy');
      await look(page, 'case-file-worked', true);

      // The packet: generating it drafts the appeal; then the submission is recorded once.
      const letter = page.locator('#letter');
      await sendApiForm(page, letter, 'Generate packet');
      expect(await page.locator('#case-status').textContent()).to.equal('Appeal drafted');
      expect(await page.getByText('Narrative saved.').count(), 'no notice of an earlier change').to.equal(0);
      expect(await page.getByText('Record submission', { exact: true }).count(), 'offered once').to.equal(1);
      await letter.getByLabel('Sent by', { exact: true }).selectOption({ label: 'Fax' });
      await letter.getByLabel('Received by the payer at').fill('2026-11-23T09:00');
      await letter.getByLabel('Confirmation number').fill('FAX-2231');
      await look(page, 'case-file-packet', true);
      await sendApiForm(page, letter, 'Record submission');
      expect(await page.locator('#letter .notice').textContent())
        .to.contain('Submitted: Fax')
        .and.contain('FAX-2231');
      expect(await page.locator('#case-status').textContent()).to.equal('Submitted');
      await look(page, 'case-file-submitted', true);
      await context.close();
    },
  );

  it(
    'the medical director sets hours for calls, requests and books a call inside the window, opens the ' +
      'prep sheet and records the outcome',
    async () => {
      const { context, page } = await world.newPage();
      await signIn(page, starting.director.email, starting.director.password);
      expect(new URL(page.url()).pathname).to.equal('/p2p');
      const hours = page.locator('#availability');
      await hours.getByLabel('Time zone').fill('America/Chicago');
      for (const [row, day] of ['Monday', 'Tuesday'].entries()) {
        await hours.getByLabel(`Day of row ${row}`).selectOption({ label: day });
        await hours.getByLabel(`From, row ${row}`).fill('09:00');
        await hours.getByLabel(`To, row ${row}`).fill('12:00');
      }
      await sendApiForm(page, hours, 'Save availability');
      await look(page, 'p2p-week', true);

      await page.getByRole('link', { name: 'Cases' }).click();
      await page.locator('#cases tbody tr', { hasText: reference }).getByRole('link', { name: reference }).click();
      const section = page.locator('#peer-to-peer');
      await section.getByLabel('Physician').selectOption({ label: `${starting.director.name} (Medical director)` });
      await section.getByLabel('Payer contact').fill('Utilization review desk');
      await section.getByLabel('Contact’s phone').fill('800-555-0111');
      await send(page, section, 'Request the call');
      expect(new URL(page.url()).pathname).to.match(/^\/p2p\/[0-9a-f]{24}$/);
      expect(await page.locator('#booked').textContent()).to.contain('Must be held by 1 Dec 2026');
      await look(page, 'p2p-call-requested', true);

      const booking = page.locator('#booking');
      await booking.getByLabel('Mon 23 Nov 2026, 10:30 AM CST').check();
      await booking.getByLabel('Dial-in').fill('800-555-0100 code 4411#');
      await booking.getByLabel('Payer’s reviewer').fill('Dr. Lee');
      await send(page, booking, 'Book this time');
      expect(await page.locator('#booked-time').textContent()).to.equal('Mon 23 Nov 2026, 10:30 AM CST (30 minutes)');

      const [prep] = await Promise.all([
        page.waitForEvent('popup'),
        page.getByRole('link', { name: 'Open prep sheet' }).click(),
      ]);
      await prep.waitForLoadState();
      expect(await prep.textContent('body'))
        .to.contain(`Peer-to-peer prep sheet · ${reference}`)
        .and.contain('Straight-leg raise positive on the left at 40°')
        .and.contain('Supervised physical therapy');
      await look(prep, 'p2p-prep-sheet', true);
      await prep.close();

      // The call is held at 10:30 Chicago time; at noon the director signs in again (the session
      // has gone idle) and records what the payer decided.
      const callPath = new URL(page.url()).pathname;
      world.clock.set(new Date('2026-11-23T18:00:00Z'));
      await signIn(page, starting.director.email, starting.director.password);
      await page.getByRole('link', { name: 'This call’s page' }).click();
      expect(new URL(page.url()).pathname).to.equal(callPath);
      const outcome = page.locator('#outcome');
      await outcome.getByLabel('Result').selectOption({ label: 'Overturned' });
      await outcome.getByLabel('Date of the payer’s revised decision').fill('2026-11-23');
      await outcome.getByLabel('Payer’s reviewer').fill('Dr. Lee');
      await outcome.getByLabel('Payer’s reference number').fill('UM-60231');
      await outcome.getByLabel('What was agreed').fill('MRI approved as requested');
      await look(page, 'p2p-call-booked', true);
      await sendApiForm(page, outcome, 'Record outcome');
      expect(await page.locator('#p2p-outcome').textContent()).to.equal('Overturned: MRI approved as requested');
      await page.locator('.case-head').getByRole('link', { name: reference }).click();
      expect(await page.locator('#case-status').textContent()).to.equal('Overturned');
      await look(page, 'case-file-overturned', true);
      await context.close();
    },
  );
});
