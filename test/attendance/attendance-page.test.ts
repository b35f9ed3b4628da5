import { expect } from 'chai';
import { browserWorld, expectAccessible, makeWebUser } from '../web/web-support.js';
import { screenshot, signIn } from '../support/browser.js';
import { noShow, openKneeCase } from './support.js';

describe('the case file’s attendance and barriers (Chromium)', function () {
  this.timeout(180_000);
  const world = browserWorld();

  it(
    'when the clinician records a third missed session in the browser, then it is listed in the patient’s words ' +
      'with the weekly figures, and the page says the care team was told',
    async () => {
      const clinician = await makeWebUser('clinician');
      const billing = await makeWebUser('billing');
      const knee = await openKneeCase(world.http, billing, clinician);
      for (const date of ['2026-11-12', '2026-11-16'])
        await world.http.post(`/api/v1/cases/${knee.id}/attendance`).set(clinician.auth).send(noShow(date)).expect(201);
      await world.http
        .post(`/api/v1/cases/${knee.id}/attendance`)
        .set(clinician.auth)
        .send({ date: '2026-11-17', outcome: 'attended' })
        .expect(201);

      const { page, context } = await world.newPage();
      await signIn(page, clinician.email, clinician.password);
      await page.goto(`/cases/${knee.id}`);
      const section = page.locator('#attendance');
      expect(await section.locator('#attendance-rate').textContent()).to.equal('1 of 3 scheduled sessions held (33%)');
      expect(await section.locator('#attendance-barriers').textContent()).to.contain('Transport: 2 · 2 no-show');

      await section.getByText('Record a session').click();
      await section.getByLabel('Date').fill('2026-11-20');
      await section.getByLabel('How it went').selectOption({ label: 'Refused' });
      await section
        .getByLabel('Reason, in the patient’s own words')
        .fill('I am afraid of falling on the clinic stairs.');
      // Without the barrier the form is refused, and says so beside the field.
      await Promise.all([
        page.waitForURL(/\/attendance$/),
        section.getByRole('button', { name: 'Record the session' }).click(),
      ]);
      const refused = page.locator('#attendance');
      expect(await refused.locator('#attendance-barrier-error').textContent()).to.match(/barrier/);
      expect(await refused.locator('.error-summary').textContent()).to.contain('Nothing was saved');

      await refused.getByLabel('Date').fill('2026-11-20');
      await refused.getByLabel('How it went').selectOption({ label: 'Refused' });
      await refused.getByLabel('Barrier', { exact: true }).selectOption({ label: 'Fear (of falling, of pain)' });
      await refused
        .getByLabel('Reason, in the patient’s own words')
        .fill('I am afraid of falling on the clinic stairs.');
      await refused.getByRole('group', { name: 'Alternatives offered' }).getByLabel('Telehealth').check();
      await refused.getByRole('group', { name: 'Alternatives offered' }).getByLabel('Education').check();
      await refused.getByRole('group', { name: 'The patient took up' }).getByLabel('Telehealth').check();
      await refused.getByLabel('What the patient chose or declined (optional)').fill('Declined home health.');
      await Promise.all([
        page.waitForURL(/notice=attendance-alert/),
        refused.getByRole('button', { name: 'Record the session' }).click(),
      ]);
      expect(await page.locator('.notice, [role=status]').first().textContent()).to.contain('the care team were told');
      const after = page.locator('#attendance');
      expect(await after.locator('#attendance-rate').textContent()).to.equal('1 of 4 scheduled sessions held (25%)');
      const last = after.locator('#attendance-sessions li').last();
      const text = (await last.textContent())!.replace(/\s+/g, ' ');
      expect(text).to.contain('20 Nov 2026: Refused');
      expect(text).to.contain('Fear (of falling, of pain)');
      expect(text).to.contain('Patient: “I am afraid of falling on the clinic stairs.”');
      expect(text).to.contain('Offered: Telehealth, Education · took up: Telehealth');
      expect(text).to.contain('Patient’s choice: Declined home health.');
      expect(text).to.contain(`Recorded by ${clinician.name}`);
      await after.getByText('Show the numbers').click();
      const weeks = await after
        .locator('#attendance-weeks tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => [...(r as HTMLTableRowElement).cells].map((c) => c.textContent).join(' ')),
        );
      expect(weeks).to.deep.equal(['9 Nov 2026 1 0 0 1 0 0%', '16 Nov 2026 3 1 1 1 0 33%']);
      await expectAccessible(page, 'case file with attendance');
      await after.scrollIntoViewIfNeeded();
      await screenshot(page, 'attendance-section');
      await context.close();
    },
  );

  it('when billing opens the case, then the record and figures show but no form to record a session', async () => {
    const clinician = await makeWebUser('clinician');
    const billing = await makeWebUser('billing');
    const knee = await openKneeCase(world.http, billing, clinician);
    await world.http
      .post(`/api/v1/cases/${knee.id}/attendance`)
      .set(clinician.auth)
      .send(noShow('2026-11-12'))
      .expect(201);
    const { page, context } = await world.newPage();
    await signIn(page, billing.email, billing.password);
    await page.goto(`/cases/${knee.id}`);
    const section = page.locator('#attendance');
    expect(await section.locator('#attendance-rate').textContent()).to.equal('0 of 1 scheduled session held (0%)');
    expect(await section.getByText('Record a session').count()).to.equal(0);
    await context.close();
  });
});
