/**
 * The hand-off of issue 12 in real headless Chromium, done only by clicking and typing: billing
 * enters a denial, choosing the treating clinician and the assignee from the clinic's users; the
 * clinician signs in, finds it in My cases and opens it. Screenshots at 1366×768; axe-core on
 * each page it passes.
 */
import { expect } from 'chai';
import { screenshot, signIn } from '../support/browser.js';
import { browserWorld, expectAccessible, makeWebUser } from './web-support.js';

describe('web journey: billing hands a new denial to its clinician', function () {
  this.timeout(180_000);
  const world = browserWorld();

  it('billing enters a denial for Dr. Ortiz and assigns it to her; she finds it in My cases and opens it', async () => {
    const billing = await makeWebUser('billing', 'Bea Lindqvist');
    const clinician = await makeWebUser('clinician', 'Dr. Lena Ortiz');
    const { context, page } = await world.newPage();
    await signIn(page, billing.email, billing.password);
    await screenshot(page, 'hand-off-board-empty', true);
    await expectAccessible(page, 'denial board');
    await page.getByRole('link', { name: 'New case' }).first().click();
    await page.waitForURL('**/cases/new');
    const fill = (label: string, value: string) => page.getByLabel(label, { exact: false }).first().fill(value);
    await fill('First name', 'Hannah');
    await fill('Last name', 'Berg');
    await fill('Date of birth', '1968-05-14');
    await fill('MRN', 'MRN-55102');
    await page.locator('#payer-name').fill('Acme Health Plan');
    await page.getByLabel('Plan type').selectOption({ label: 'Employer group (ERISA)' });
    await fill('Member ID', 'XJH-55102');
    await fill('CPT / HCPCS codes', '72148');
    await fill('Service description', 'MRI lumbar spine without contrast');
    await fill('Date on the notice', '2026-11-02');
    await page.getByLabel('Denial category').selectOption({ label: 'Medical necessity' });
    await fill('The payer’s stated reason', 'Not medically necessary without six weeks of conservative therapy.');
    await page.getByLabel('Treating clinician').selectOption({ label: 'Dr. Lena Ortiz (Clinician)' });
    await page.getByLabel('Assigned to').selectOption({ label: 'Dr. Lena Ortiz (Clinician)' });
    await page.getByLabel('Treating clinician').scrollIntoViewIfNeeded();
    await screenshot(page, 'hand-off-new-case');
    await expectAccessible(page, 'new case form');
    await Promise.all([page.waitForURL(/notice=created/), page.getByRole('button', { name: 'Open case' }).click()]);
    expect(await page.locator('#assignee-name').textContent()).to.equal('Dr. Lena Ortiz');
    const reference = (await page.locator('.case-head p.muted').textContent())!.replace('Case ', '').trim();
    await expectAccessible(page, 'case file with its assignment');
    await Promise.all([page.waitForURL('**/sign-in**'), page.getByRole('button', { name: 'Sign out' }).click()]);
    await context.close();

    const theirs = await world.newPage();
    await signIn(theirs.page, clinician.email, clinician.password);
    expect(new URL(theirs.page.url()).pathname).to.equal('/cases');
    const row = theirs.page.locator('#cases tbody tr', { hasText: reference });
    expect(await row.locator('td').nth(3).textContent()).to.equal('Dr. Lena Ortiz');
    expect(await row.locator('td').nth(4).textContent()).to.equal('Dr. Lena Ortiz');
    await screenshot(theirs.page, 'hand-off-my-cases');
    await expectAccessible(theirs.page, 'My cases');
    await Promise.all([
      theirs.page.waitForURL(/\/cases\/[0-9a-f]{24}$/),
      row.getByRole('link', { name: reference }).click(),
    ]);
    expect(await theirs.page.getByRole('heading', { name: 'Hannah Berg' }).isVisible()).to.equal(true);
    await screenshot(theirs.page, 'hand-off-case-file');
    await theirs.context.close();
  });
});
