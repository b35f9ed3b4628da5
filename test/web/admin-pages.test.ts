/**
 * Administration in real headless Chromium, by clicking and typing only: an administrator adds
 * a user (whose token is shown once), issues a new token, adds and edits a payer profile, and
 * has a broken letter template refused with the reason; billing staff are refused every
 * /admin page. Each new page is checked by axe-core; screenshots at 1366×768.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { screenshot, signIn } from '../support/browser.js';
import { browserWorld, expectAccessible, makeWebUser } from './web-support.js';

describe('administration pages in a real browser', function () {
  this.timeout(180_000);
  let admin: Awaited<ReturnType<typeof makeWebUser>>;

  const world = browserWorld(new Date('2026-11-23T14:00:00Z'));

  before(async () => {
    admin = await makeWebUser('admin', 'Avery Admin');
  });

  /** Clicks a button and waits for the page it posts to. */
  async function submit(page: Page, button: string) {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button }).click()]);
  }

  const tokenOnPage = (page: Page) => page.locator('input.token').inputValue();
  const apiWith = (token: string) => world.http.get('/api/v1/payers').set('Authorization', `Bearer ${token}`);

  it('an administrator adds a user, whose token is shown once and works; a new token replaces it, once', async () => {
    const { context, page } = await world.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Administration' }).click();
    await expectAccessible(page, 'administration');
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await expectAccessible(page, 'users');

    await page.getByLabel('Name (required)').fill('Dr. Lena Okafor');
    await page.getByLabel('Email').fill(`lena.okafor.${Date.now()}@clinic.test`);
    await page.getByLabel('Role (required)').selectOption({ label: 'Clinician' });
    await page.getByLabel('First password').fill('short');
    await submit(page, 'Add the user');
    expect(await page.locator('#password-error').textContent()).to.contain('at least 12 characters');
    expect(await page.locator('input.token').count()).to.equal(0);
    expect(await page.getByLabel('First password').inputValue(), 'a password is never given back').to.equal('');

    await page.getByLabel('First password').fill('a-long-enough-first-password');
    await submit(page, 'Add the user');
    expect(await page.locator('main').textContent()).to.contain('Dr. Lena Okafor was added');
    const first = await tokenOnPage(page);
    expect(first).to.match(/^ovt_[\w-]{43}$/);
    await expectAccessible(page, 'token shown once');
    await screenshot(page, 'admin-user-added-token');
    expect((await apiWith(first)).status).to.equal(200);

    // Reloading the page that showed it posts the form again, which is refused: the token is not shown again.
    page.once('dialog', (d) => void d.accept());
    await page.reload();
    expect(await page.locator('input.token').count()).to.equal(0);
    expect(await page.content()).not.to.contain(first);

    await page.goto('/admin/users');
    await page.getByRole('link', { name: 'Dr. Lena Okafor' }).click();
    expect(await page.locator('.lede').textContent())
      .to.contain('Clinician')
      .and.contain('signs in on the web');
    expect(await page.content()).not.to.contain(first);
    await expectAccessible(page, 'one user');
    await submit(page, 'Issue a new API token');
    const second = await tokenOnPage(page);
    expect(second).to.match(/^ovt_/).and.not.equal(first);
    expect(await page.locator('main').textContent()).to.contain('The previous token no longer works');
    expect((await apiWith(first)).status).to.equal(401);
    expect((await apiWith(second)).status).to.equal(200);

    page.once('dialog', (d) => void d.accept());
    await page.reload();
    expect(await page.content()).not.to.contain(second);
    expect(await page.locator('.error-summary').textContent()).to.contain('shown only once');
    expect((await apiWith(second)).status).to.equal(200);

    // Deactivated: the token stops working at once.
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('link', { name: 'Dr. Lena Okafor' }).click();
    await page.getByLabel('Access (required)').selectOption({ label: 'Deactivated' });
    await submit(page, 'Save role and access');
    expect(await page.locator('.notice').textContent()).to.equal('User saved.');
    expect(await page.locator('.lede').textContent()).to.contain('Deactivated');
    expect((await apiWith(second)).status).to.equal(401);
    await screenshot(page, 'admin-user');
    await context.close();
  });

  it('an administrator adds a payer profile with its windows and P2P rules, then edits it', async () => {
    const { context, page } = await world.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Payer profiles' }).click();
    await page.getByRole('link', { name: 'Add a payer profile' }).click();
    await expectAccessible(page, 'new payer profile');
    const name = `Northwind Health ${Date.now()}`;
    await page.getByLabel('Payer name (required)').fill(name);
    await page.getByLabel('Phone').fill('800-555-0100');
    await page.getByLabel('Appeals fax').fill('612-555-0199');
    await page.getByLabel('Provider portal').fill('https://providers.northwind.example');
    await page.getByLabel('Address', { exact: true }).fill('PO Box 100');
    await page.getByLabel('City').fill('Saint Paul');
    await page.getByLabel('State', { exact: true }).fill('MN');
    await page.getByLabel('ZIP code').fill('55101');
    await page.getByLabel('Appeal window: days').fill('60');
    await page.getByLabel('P2P window: days').fill('14');
    await page.getByLabel('P2P window: counted in').selectOption({ label: 'Business days' });
    await page.getByLabel('P2P window: counted from').selectOption({ label: 'The day the notice arrived' });
    await page.getByLabel('Post-decision calls are educational only').selectOption({ label: 'Yes' });
    await page.getByLabel('How to book a call').fill('P2P line 800-555-0111, weekdays 8–5 Central');
    await page.getByLabel('Medicaid state fair hearing window').selectOption({ label: '120 days' });
    await page.getByLabel('External review request: months').fill('3');
    await submit(page, 'Add the payer profile');
    // Refused beside each field, nothing saved, what was typed kept.
    expect(await page.locator('#appealWindow-unit-error').textContent()).to.contain('required');
    expect(await page.locator('#externalReviewMonths-error').textContent()).to.contain('greater than or equal to 4');
    expect(await page.getByLabel('Payer name (required)').inputValue()).to.equal(name);
    await expectAccessible(page, 'payer profile with errors');
    await screenshot(page, 'admin-payer-errors', true);

    await page.getByLabel('Appeal window: counted in').selectOption({ label: 'Calendar days' });
    await page.getByLabel('Appeal window: counted from').selectOption({ label: 'The date on the notice' });
    await page.getByLabel('External review request: months').fill('4');
    await submit(page, 'Add the payer profile');
    expect(await page.locator('.notice').textContent()).to.equal('Payer profile added.');
    const row = page.locator('#payers tr', { hasText: name });
    expect(await row.textContent())
      .to.contain('60 calendar days')
      .and.contain('14 business days')
      .and.contain('Educational only')
      .and.contain('612-555-0199');
    await expectAccessible(page, 'payer profiles');
    await screenshot(page, 'admin-payers');

    const stored = (await world.http.get('/api/v1/payers').set(admin.auth)).body.payers.find(
      (p: { name: string }) => p.name === name,
    );
    expect(stored).to.deep.include({
      stateFairHearingDays: 120,
      externalReviewMonths: 4,
      portalUrl: 'https://providers.northwind.example',
    });
    expect(stored.p2pRules).to.include({ postDecisionEducationalOnly: true });

    await row.getByRole('link', { name }).click();
    expect(await page.getByLabel('P2P window: days').inputValue()).to.equal('14');
    await page.getByLabel('Appeals fax').fill('612-555-0200');
    await submit(page, 'Save the payer profile');
    expect(await page.locator('.notice').textContent()).to.contain('Payer profile saved');
    expect(await page.getByLabel('Appeals fax').inputValue()).to.equal('612-555-0200');
    await screenshot(page, 'admin-payer', true);
    await context.close();
  });

  it('an administrator opens a letter template; one printing unescaped data is refused with the reason', async () => {
    const { context, page } = await world.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/admin/letter-templates');
    await expectAccessible(page, 'letter templates');
    await page.getByRole('link', { name: 'Medical necessity' }).click();
    const source = page.getByLabel('Handlebars source (required)');
    expect(await source.inputValue()).to.contain('{{');
    await expectAccessible(page, 'one letter template');
    await source.fill(`${await source.inputValue()}\n<p>{{{patient.fullName}}}</p>`);
    await submit(page, 'Check and save the template');
    expect(await page.locator('.error-summary').textContent()).to.contain('raw output "{{{" is not allowed');
    expect(await page.locator('.lede').textContent()).to.contain('Shipped with Overturn');
    await screenshot(page, 'admin-template-refused');
    await context.close();
  });

  it('billing staff get the HTML 403 page on every /admin page, and no Administration link', async () => {
    const billing = await makeWebUser('billing');
    const { context, page } = await world.newPage();
    await signIn(page, billing.email, billing.password);
    expect(await page.getByRole('link', { name: 'Administration' }).count()).to.equal(0);
    for (const path of ['/admin', '/admin/users', '/admin/payers/new', '/admin/letter-templates']) {
      const res = await page.goto(path);
      expect(res?.status(), path).to.equal(403);
      expect(res?.headers()['content-type']).to.contain('text/html');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Not allowed');
    }
    await screenshot(page, 'admin-refused-billing');
    await context.close();
  });
});
