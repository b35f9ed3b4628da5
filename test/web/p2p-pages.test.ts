/**
 * The peer-to-peer work in real headless Chromium, by clicking and typing only: the case file
 * shows the payer's window before any request, a medical director requests a call, books a
 * proposed time, reschedules it and records the outcome on the review's own page (the
 * invitation's link), and a stale form or a review the user may not see is explained on a page.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { caseBody } from '../support/factories.js';
import { screenshot, signIn } from '../support/browser.js';
import { browserWorld, expectAccessible, makeWebUser } from './web-support.js';
import { AuditEventModel } from '../../server/audit/audit.model.js';

describe('peer-to-peer pages in a real browser', function () {
  this.timeout(180_000);
  const MONDAY = new Date('2026-11-23T14:00:00Z');

  const world = browserWorld(MONDAY);

  afterEach(() => world.clock.set(MONDAY));

  /** A payer (with a P2P window of 7 business days from the notice, or none) and a case of it denied on 19 Nov. */
  async function caseWithPayer(billing: { auth: Record<string, string> }, p2pWindow: boolean) {
    const payer = await world.http
      .post('/api/v1/payers')
      .set(billing.auth)
      .send({
        name: `Lakeshore Health ${Date.now()}`,
        ...(p2pWindow
          ? {
              p2pWindow: {
                days: 7,
                unit: 'business',
                countFrom: 'notice',
                label: 'Provider manual 4.2: peer-to-peer within 7 business days of the determination',
              },
            }
          : {}),
      });
    expect(payer.status, JSON.stringify(payer.body)).to.equal(201);
    const base = caseBody();
    const opened = await world.http
      .post('/api/v1/cases')
      .set(billing.auth)
      .send(
        caseBody({
          payer: { ...base.payer, name: payer.body.name, profileId: payer.body._id },
          denial: { ...base.denial, noticeDate: '2026-11-19', receivedDate: '2026-11-19' },
        }),
      );
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    return opened.body as { id: string; reference: string };
  }

  /** A medical director who takes calls Monday to Friday, 9 to noon in Chicago. */
  async function directorWithHours() {
    const director = await makeWebUser('medical_director', `Dr. Hannah Okafor ${Date.now()}`);
    const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' }));
    await world.http
      .put(`/api/v1/physicians/${director.id}/availability`)
      .set(director.auth)
      .send({ version: 0, timeZone: 'America/Chicago', weekly: hours })
      .expect(200);
    return director;
  }

  /** Clicks a plain form's button and waits for the page the server answers with. */
  async function send(page: Page, scope: ReturnType<Page['locator']>, button: string) {
    await Promise.all([page.waitForEvent('load'), scope.getByRole('button', { name: button }).click()]);
  }

  it(
    'a medical director requests a call inside the payer’s window, books a proposed time, reschedules it ' +
      'and records the overturn on the call’s page',
    async () => {
      const [director, billing] = await Promise.all([directorWithHours(), makeWebUser('billing')]);
      const opened = await caseWithPayer(billing, true);
      const { context, page } = await world.newPage();
      await signIn(page, director.email, director.password);

      // Before any request the case file shows the window the payer profile gives.
      await page.goto(`/cases/${opened.id}`);
      const section = page.locator('#peer-to-peer');
      expect(await section.locator('#p2p-window').textContent())
        .to.contain('the call must be held by 1 Dec 2026')
        .and.contain('Provider manual 4.2');
      expect(await AuditEventModel.countDocuments({ caseId: opened.id, action: 'p2p.window' })).to.equal(1);
      // The status actions hold the appeal level's moves only: no bare "Request peer-to-peer" or "Mark scheduled".
      expect(
        await page
          .locator('#status-actions')
          .getByText(/peer-to-peer/i)
          .count(),
      ).to.equal(0);
      await section.getByLabel('Physician').selectOption({ label: `${director.name} (Medical director)` });
      await section.getByLabel('Payer contact').fill('Utilization review desk');
      await section.getByLabel('Contact’s phone').fill('800-555-0199');
      await section.getByLabel('Payer’s reference').fill('UM-1188');
      await screenshot(page, 'p2p-request-on-case-file');
      await send(page, section, 'Request the call');

      // The request opens the call's own page, with times inside the window and the director's hours.
      const reviewPath = new URL(page.url()).pathname;
      expect(reviewPath).to.match(/^\/p2p\/[0-9a-f]{24}$/);
      expect(await page.locator('.notice').textContent()).to.contain('Peer-to-peer requested');
      expect(await page.locator('#p2p-status').textContent()).to.equal('Requested');
      const reviewId = reviewPath.split('/').pop();
      expect(await AuditEventModel.countDocuments({ entityId: reviewId, action: 'p2p.read' })).to.equal(1);
      const facts = page.locator('#booked');
      expect(await facts.textContent())
        .to.contain('Must be held by 1 Dec 2026, from the payer profile’s rule')
        .and.contain('Utilization review desk · 800-555-0199')
        .and.contain('UM-1188')
        .and.contain('Not booked yet');
      const booking = page.locator('#booking');
      const offered = await booking.locator('label.checkbox').allTextContents();
      expect(offered.map((t) => t.trim())).to.deep.equal([
        'Mon 23 Nov 2026, 9:00 AM CST',
        'Mon 23 Nov 2026, 9:30 AM CST',
        'Mon 23 Nov 2026, 10:00 AM CST',
        'Mon 23 Nov 2026, 10:30 AM CST',
        'Mon 23 Nov 2026, 11:00 AM CST',
        'Mon 23 Nov 2026, 11:30 AM CST',
        'Another time',
      ]);
      await expectAccessible(page, 'p2p review, requested');
      await screenshot(page, 'p2p-review-requested', true);

      await booking.getByLabel('Mon 23 Nov 2026, 10:30 AM CST').check();
      await booking.getByLabel('Dial-in').fill('800-555-0100 code 4411#');
      await booking.getByLabel('Payer’s reviewer').fill('Dr. Lee');
      await send(page, booking, 'Book this time');
      expect(await page.locator('.notice').textContent()).to.contain('Call booked');
      expect(await page.locator('#booked-time').textContent()).to.equal('Mon 23 Nov 2026, 10:30 AM CST (30 minutes)');
      expect(await facts.getByRole('link', { name: 'Calendar invitation' }).count()).to.equal(1);

      // The case header says when, and leads back to this page.
      await page.locator('.case-head').getByRole('link', { name: opened.reference }).click();
      const header = page.locator('#case-p2p');
      expect(await header.textContent()).to.equal('P2P scheduled Mon 23 Nov, 10:30 AM CST');
      expect(await header.getAttribute('href')).to.equal(reviewPath);
      await header.click();
      expect(new URL(page.url()).pathname).to.equal(reviewPath);

      // A second tab, left open on the booked call, goes stale once the call moves.
      const stale = await context.newPage();
      await stale.goto(reviewPath);

      await booking.getByLabel('Another time', { exact: true }).check();
      await booking.getByLabel(/The time offered/).fill('2026-11-24T11:00');
      await send(page, booking, 'Reschedule to this time');
      expect(await page.locator('#booked-time').textContent()).to.equal('Tue 24 Nov 2026, 10:00 AM CST (30 minutes)');
      expect(await page.locator('#history').textContent())
        .to.contain('Rescheduled')
        .and.contain('(was Mon 23 Nov 2026, 10:30 AM CST)');

      await stale.locator('#cancel').getByLabel('Why').fill('Payer asked to call it off');
      await send(stale, stale.locator('#cancel'), 'Cancel the peer-to-peer');
      expect(await stale.locator('#cancel .error-summary').textContent()).to.contain(
        'Someone else changed this peer-to-peer while you had it open, so nothing was saved',
      );
      expect(await stale.locator('#p2p-status').textContent()).to.equal('Scheduled');
      expect(await stale.locator('#booked-time').textContent()).to.contain('Tue 24 Nov 2026, 10:00 AM CST');
      await screenshot(stale, 'p2p-review-stale-cancel');
      await stale.close();

      // The next day, after the call, the director signs in again and records the payer's revised decision.
      world.clock.set(new Date('2026-11-24T17:00:00Z'));
      await signIn(page, director.email, director.password);
      await page.goto(reviewPath);
      await expectAccessible(page, 'p2p review, scheduled');
      const outcome = page.locator('#outcome');
      await outcome.getByLabel('Result').selectOption('overturned');
      await outcome.getByLabel('Date of the payer’s revised decision').fill('2026-11-24');
      await outcome.getByLabel('Payer’s reviewer').fill('Dr. Lee');
      await outcome.getByLabel('Payer’s reference number').fill('UM-60231');
      await outcome.getByLabel('What was agreed').fill('MRI approved as requested');
      await screenshot(page, 'p2p-review-scheduled', true);
      await outcome.getByRole('button', { name: 'Record outcome' }).click();
      // With script the form posts to the API and reloads; a refusal would show in its summary instead.
      const answer = page.locator('#p2p-outcome, #outcome [data-api-summary]:not([hidden])').first();
      expect(await answer.textContent()).to.equal('Overturned: MRI approved as requested');
      expect(await page.locator('#p2p-status').textContent()).to.equal('Completed');
      await page.getByRole('link', { name: opened.reference }).first().click();
      expect(await page.locator('#case-status').textContent()).to.equal('Overturned');
      expect(
        await page
          .locator('#peer-to-peer')
          .getByRole('link', { name: /Completed/ })
          .getAttribute('href'),
      ).to.equal(reviewPath);
      await context.close();
    },
  );

  it(
    'without page script: when the payer profile gives no window the case file says so, a request without ' +
      'the notice’s date is refused in its form, and so is a booking without a time or after the window',
    async () => {
      const [director, billing] = await Promise.all([directorWithHours(), makeWebUser('billing')]);
      const opened = await caseWithPayer(billing, false);
      const page = await world.scriptlessPage(billing);
      const context = page.context();
      await page.goto(`/cases/${opened.id}`);
      const section = page.locator('#peer-to-peer');
      expect(await section.locator('#p2p-window').textContent()).to.contain(
        'The payer profile gives no peer-to-peer window',
      );
      await section.getByLabel('Physician').selectOption({ label: `${director.name} (Medical director)` });
      await section.getByLabel('Payer contact').fill('Ms. Ortiz');
      await send(page, section, 'Request the call');
      expect(await section.locator('.error-summary').textContent()).to.contain(
        'The payer profile has no peer-to-peer window',
      );
      expect(await section.getByLabel('Payer contact').inputValue()).to.equal('Ms. Ortiz');

      await section.getByLabel('Last date on the notice (optional)').fill('2026-11-30');
      await send(page, section, 'Request the call');
      expect(new URL(page.url()).pathname).to.match(/^\/p2p\/[0-9a-f]{24}$/);
      expect(await page.locator('#booked').textContent()).to.contain(
        'Must be held by 30 Nov 2026, from the denial notice',
      );

      // Booking without a time, or after the window, is refused in the form; the call stays unbooked.
      const booking = page.locator('#booking');
      await send(page, booking, 'Book this time');
      expect(await booking.locator('.error-summary').textContent()).to.equal('Nothing was saved. Time is required.');
      expect(await booking.locator('#booking-start-error').textContent()).to.equal('This field is required');
      await booking.getByLabel('Another time', { exact: true }).check();
      await booking.getByLabel(/The time offered/).fill('2026-12-01T11:00');
      await send(page, booking, 'Book this time');
      expect(await booking.locator('.error-summary').textContent()).to.contain(
        "The payer's peer-to-peer window ends on 2026-11-30",
      );
      expect(await page.locator('#booked-time').textContent()).to.equal('Not booked yet');
      await booking.getByRole('radio').first().check();
      await send(page, booking, 'Book this time');
      expect(await page.locator('#booked-time').textContent()).to.equal('Mon 23 Nov 2026, 9:00 AM CST (30 minutes)');
      await context.close();
    },
  );

  it('a clinician not on the case, and an unknown or malformed id, get an HTML “Not found” page', async () => {
    const [director, billing, stranger] = await Promise.all([
      directorWithHours(),
      makeWebUser('billing'),
      makeWebUser('clinician'),
    ]);
    const opened = await caseWithPayer(billing, true);
    const requested = await world.http
      .post(`/api/v1/cases/${opened.id}/p2p`)
      .set(billing.auth)
      .send({ physicianId: director.id });
    expect(requested.status, JSON.stringify(requested.body)).to.equal(201);

    const { context, page } = await world.newPage();
    await signIn(page, stranger.email, stranger.password);
    for (const path of [`/p2p/${requested.body.id}`, '/p2p/6740a1b2c3d4e5f6a7b8c9d0', '/p2p/not-a-review']) {
      const res = await page.goto(path);
      expect(res!.status(), path).to.equal(404);
      expect(res!.headers()['content-type'], path).to.contain('text/html');
      expect(await page.getByRole('heading', { level: 1 }).textContent(), path).to.equal('Not found');
      expect(await page.content(), path).not.to.contain(opened.reference);
    }
    await screenshot(page, 'p2p-review-not-found');
    await context.close();
  });
});
