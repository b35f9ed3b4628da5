import { expect } from 'chai';
import { caseBody } from '../support/factories.js';
import { signIn } from '../support/browser.js';
import { browserWorld, expectAccessible, makeWebUser } from './web-support.js';

/**
 * Each main page, as its users see it, checked by axe-core in real Chromium against WCAG 2.1 A
 * and AA (contrast, labels, names, landmarks). Serious and critical findings fail the test.
 */
describe('accessibility of the main pages (axe-core, WCAG 2.1 AA)', function () {
  this.timeout(180_000);
  let caseId: string;
  let users: Record<'billing' | 'clinician' | 'director', Awaited<ReturnType<typeof makeWebUser>>>;

  const world = browserWorld(new Date('2026-11-23T14:00:00Z'));

  before(async () => {
    users = {
      billing: await makeWebUser('billing'),
      clinician: await makeWebUser('clinician'),
      director: await makeWebUser('medical_director'),
    };
    const created = await world.http
      .post('/api/v1/cases')
      .set(users.clinician.auth)
      .send(caseBody({ treatingClinician: { ...caseBody().treatingClinician, userId: users.clinician.id } }));
    expect(created.status).to.equal(201);
    caseId = created.body.id;
  });

  it('the sign-in page', async () => {
    const { context, page } = await world.newPage();
    await page.goto('/sign-in');
    await expectAccessible(page, 'sign-in');
    await context.close();
  });

  it("billing staff's denial board and the case list", async () => {
    const { context, page } = await world.newPage();
    await signIn(page, users.billing.email, users.billing.password);
    await page.goto('/board');
    await expectAccessible(page, 'board');
    await page.goto('/cases?overdue=true');
    await expectAccessible(page, 'case list');
    await context.close();
  });

  it("a clinician's case file and the intake form with its errors", async () => {
    const { context, page } = await world.newPage();
    await signIn(page, users.clinician.email, users.clinician.password);
    await page.goto(`/cases/${caseId}`);
    await expectAccessible(page, 'case file');
    await page.goto('/cases/new');
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.waitForLoadState();
    await expectAccessible(page, 'intake form with errors');
    await context.close();
  });

  it("a medical director's peer-to-peer page", async () => {
    const { context, page } = await world.newPage();
    await signIn(page, users.director.email, users.director.password);
    await page.goto('/p2p');
    await expectAccessible(page, 'p2p');
    await context.close();
  });
});
