/**
 * Issue 10's "done when", in real headless Chromium: a newcomer drops a scanned denial letter on
 * the intake page and gets a pre-filled, checkable case. The letter is the corpus's smallest scan
 * (one page at 200 dpi, rotated, with noise), read by OCR on the way: slow on a small machine, so
 * the test waits as long as its mocha timeout allows and times nothing.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { screenshot, signIn } from '../support/browser.js';
import { NoticeProgressModel } from '../../server/denial-notices/notice-progress.model.js';
import { browserWorld, expectAccessible, makeWebUser } from './web-support.js';

const SCAN = path.resolve('test/fixtures/denial-notices/bcbs-home-infusion-denial.scanned.pdf');
/** Two scanned pages: the page following the reading has a page to count. */
const TWO_PAGE_SCAN = path.resolve('test/fixtures/denial-notices/erisa-employer-plan.scanned.pdf');

describe('intake from a scanned denial letter in a real browser', function () {
  this.timeout(600_000);
  const world = browserWorld(new Date('2026-11-23T14:00:00Z'));

  /** A billing user signed in on a fresh page with script, on the intake page as its link opens it. */
  async function billingOnIntake() {
    const billing = await makeWebUser('billing');
    const { page } = await world.newPage();
    await signIn(page, billing.email, billing.password);
    await page.getByRole('link', { name: 'New case' }).click();
    await page.waitForURL('**/cases/new');
    return { billing, page };
  }

  it(
    'when a newcomer drops a scanned denial letter on the intake page, then the form is filled with confidence ' +
      'marks and "show where" highlights, and confirming opens the case with the notice attached and the ' +
      'printed deadline beside the computed one',
    async () => {
      const { page } = await billingOnIntake();

      // The letter dropped on the zone, as a file dragged from the desktop arrives.
      const bytes = (await fs.readFile(SCAN)).toString('base64');
      const dropped = await page.evaluateHandle((base64) => {
        const raw = atob(base64);
        const data = new Uint8Array(raw.length);
        for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
        const transfer = new DataTransfer();
        transfer.items.add(new File([data], 'denial letter scan.pdf', { type: 'application/pdf' }));
        return transfer;
      }, bytes);
      await page.dispatchEvent('#notice-dropzone', 'drop', { dataTransfer: dropped });
      expect(await page.locator('#notice-status').textContent()).to.contain('Reading the notice');
      // OCR of the scan: as long as it takes (the mocha timeout bounds it).
      await page.waitForURL(/\/cases\/new\?notice=[0-9a-f]{24}$/, { timeout: 0 });

      // Pre-filled from the scan, each value marked with how far it can be trusted.
      expect(await page.getByLabel('Claim number').inputValue()).to.equal('2026300-884172');
      expect(await page.getByLabel('Member ID').inputValue()).to.equal('BRM-W77104529');
      expect(await page.getByLabel('Date on the notice').inputValue()).to.equal('2026-10-30');
      expect(await page.getByLabel('Appeal deadline printed on the notice').inputValue()).to.equal('2027-04-28');
      const claimField = page.locator('.field', { has: page.getByLabel('Claim number') });
      expect(await claimField.locator('.found .confidence').textContent()).to.match(/^(high|medium|low) confidence$/);
      expect(await page.locator('.found').count()).to.be.greaterThan(8);
      await screenshot(page, 'intake-from-scanned-notice');
      await expectAccessible(page, 'the intake form read from a notice');

      // "Show where" goes to the words the value was read from, highlighted in the notice's text.
      await claimField.getByRole('link', { name: 'show where' }).click();
      const target = page.locator('mark:target');
      expect(await target.textContent()).to.equal('2026300-884172');
      expect(await target.evaluate((m) => getComputedStyle(m).backgroundColor)).to.equal('rgb(250, 204, 21)');
      expect(await target.isVisible()).to.equal(true);

      // What a scan cannot say, the person types; then they open the case.
      await page.getByLabel('Date of birth').fill('1958-02-11');
      await page.getByLabel('MRN').fill('MRN-30771');
      await page.getByLabel('Plan type').selectOption('erisa_group');
      await page.getByLabel('Date received').fill('2026-11-04');
      await page.getByLabel('Denial category').selectOption('prior_authorization');
      await page.getByLabel('Service description').fill('Home infusion of immune globulin');
      await page.getByLabel('Or a physician outside the clinic').fill('Dr. Ama Mensah');
      await Promise.all([
        page.waitForURL(/\/cases\/[0-9a-f]{24}\?notice=created/),
        page.getByRole('button', { name: 'Open case' }).click(),
      ]);

      // The case: the notice attached as payer correspondence, the printed and computed deadlines side by side.
      const documents = page.locator('#documents tbody tr');
      expect(await documents.count()).to.equal(1);
      expect(await documents.first().textContent())
        .to.contain('Denial notice of 30 Oct 2026')
        .and.contain('Payer correspondence');
      const printed = page.locator('#printed-deadline');
      expect(await printed.locator('[data-printed]').textContent()).to.equal('28 Apr 2027');
      // 180 days from receipt on 4 Nov (29 CFR 2560.503-1(h)(3)(i)).
      expect(await printed.locator('[data-computed]').textContent()).to.equal('3 May 2027');
      // Until someone decides, the earlier date governs.
      const filing = page.locator('.deadline[data-kind="filing"] strong').first();
      expect(await filing.textContent()).to.contain('28 Apr 2027');
      await screenshot(page, 'case-from-scanned-notice', true);

      // Billing keeps the computed date; the timeline says so.
      await Promise.all([
        page.waitForURL(/notice=printed-deadline/),
        page.getByRole('button', { name: 'Keep the computed 3 May 2027' }).click(),
      ]);
      expect(await page.locator('.deadline[data-kind="filing"] strong').first().textContent()).to.contain('3 May 2027');
      expect(await page.locator('#printed-deadline').count()).to.equal(0);
      expect(await page.locator('#timeline').textContent()).to.contain(
        'filing deadline kept at the computed 2027-05-03, not the 2027-04-28 printed on the notice',
      );
    },
  );

  it(
    'when a newcomer without page script sends a scanned letter from the intake page, then a page says which ' +
      'page of how many is being read, and then the form opens filled from the letter',
    async () => {
      const billing = await makeWebUser('billing');
      const page = await world.scriptlessPage(billing);
      await page.goto('/cases/new');
      await page.getByLabel('choose its file').setInputFiles(TWO_PAGE_SCAN);
      await Promise.all([
        page.waitForURL(/\/cases\/new\/notice\/[0-9a-f]{32}$/),
        page.getByRole('button', { name: 'Read the notice' }).click(),
      ]);
      await screenshot(page, 'notice-reading-without-script');

      // The page looks again by itself (a refresh), as long as the reading takes (the mocha timeout bounds it).
      const seen: string[] = [];
      while (page.url().includes('/cases/new/notice/')) {
        const loaded = page.waitForEvent('load', { timeout: 0 });
        const words = await page
          .locator('#notice-reading-status')
          .textContent({ timeout: 1000 })
          .catch(() => null);
        if (words) seen.push(words);
        await loaded;
      }
      expect(
        seen.some((words) => /^Reading text… page [12] of 2$/.test(words)),
        seen.join(' | '),
      ).to.equal(true);
      expect(page.url()).to.match(/\/cases\/new\?notice=[0-9a-f]{24}$/);
      expect(await page.getByLabel('Member ID').inputValue()).to.equal('NMI-50819273');
      expect(await page.getByLabel('Date on the notice').inputValue()).to.equal('2026-12-01');
      expect(await page.locator('.found').count()).to.be.greaterThan(8);
    },
  );

  it(
    'when the service reading a dropped notice stops (no answer comes, its reading left at page 3 of 5), then ' +
      'the page says the reading stopped and the notice may be sent again',
    async () => {
      const { billing, page } = await billingOnIntake();
      // The upload reaches a service that stops: it never answers, and its record is as it left it.
      await page.route('**/api/v1/denial-notices?progress=*', async (route) => {
        const key = new URL(route.request().url()).searchParams.get('progress');
        await NoticeProgressModel.create({
          _id: `${billing.id}:${key}`,
          page: 3,
          pageCount: 5,
          at: new Date(Date.now() - 90_000),
        });
      });
      await page.getByLabel('choose its file').setInputFiles(SCAN);
      await page.getByRole('button', { name: 'Read the notice' }).click();
      const problem = page.locator('#notice-problem');
      await problem.waitFor();
      expect(await problem.textContent()).to.equal(
        'The notice was not read. Its reading stopped before the end (the service restarted or failed); ' +
          'send the notice again.',
      );
      expect(await page.locator('#notice-status').textContent()).to.equal('');
      expect(page.url()).to.match(/\/cases\/new$/);
    },
  );
});
