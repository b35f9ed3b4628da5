/**
 * The appeal ladder as the clinic sees it (issue 8), in real headless Chromium against the app and
 * the real database: a QIO fast-track deadline by the hour, the document an appellant's route
 * needs on file, the form that records who files and what the payer did, and a level with no
 * regulatory decision deadline. Each step asserts what the page shows.
 */
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { caseBody } from '../support/factories.js';
import { screenshot, SCREENSHOTS, signIn } from '../support/browser.js';
import { notePdf, PROGRESS_NOTE } from '../evidence/support.js';
import { browserWorld, expectAccessible, makeWebUser } from './web-support.js';
import { urgencyOf } from '../../server/web/board.service.js';
import { routeOnFile } from '../../server/web/appeal-route.js';

type WebUser = Awaited<ReturnType<typeof makeWebUser>>;

/** Tuesday 1 December 2026, 07:00 in New York (the clinic's zone). */
const TUESDAY_7AM = new Date('2026-12-01T12:00:00Z');

describe('the appeal ladder on the case pages', function () {
  this.timeout(180_000);
  const world = browserWorld(TUESDAY_7AM);

  beforeEach(() => world.clock.set(TUESDAY_7AM));

  async function openCase(user: WebUser, overrides: Record<string, unknown>) {
    const res = await world.http.post('/api/v1/cases').set(user.auth).send(caseBody(overrides));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { id: string; reference: string; version: number };
  }

  async function signedInPage(user: WebUser): Promise<Page> {
    const { page } = await world.newPage();
    await signIn(page, user.email, user.password);
    return page;
  }

  /** Clicks a form's button and waits for the page the server answers with. */
  async function send(page: Page, scope: ReturnType<Page['locator']>, button: string) {
    await Promise.all([page.waitForEvent('load'), scope.getByRole('button', { name: button }).click()]);
  }

  const text = async (page: Page, selector: string) => (await page.locator(selector).innerText()).replace(/\s+/g, ' ');

  it(
    'a QIO fast-track notice recorded on a Medicare Advantage case reads "by noon, clinic time" and ' +
      'counts down by the hour on the case file and in My cases',
    async () => {
      const clinician = await makeWebUser('clinician');
      const base = caseBody();
      const opened = await openCase(clinician, {
        payer: { ...base.payer, name: `Fast Track Advantage ${Date.now()}`, planType: 'medicare_advantage' },
        service: { ...base.service, requestType: 'pre_service', description: 'Skilled nursing facility stay' },
        denial: { ...base.denial, noticeDate: '2026-11-25', receivedDate: '2026-11-25' },
      });
      const page = await signedInPage(clinician);
      await page.goto(`/cases/${opened.id}`);
      const notice = page.locator('#medicare-notice');
      expect(await notice.innerText()).to.contain('No notice recorded');

      // Without the day the patient received it, the form says so beside that field.
      await notice.getByLabel('Notice').selectOption('services_ending');
      await notice.getByLabel('Last covered day (or planned discharge)').fill('2026-12-02');
      await send(page, notice, 'Record the notice');
      expect(await page.locator('#medicare-notice .error-summary').isVisible()).to.equal(true);
      expect(await page.locator('#notice-received-error').innerText()).to.equal('This field is required');
      expect(await page.locator('#notice-received').getAttribute('aria-invalid')).to.equal('true');
      expect(await page.locator('#notice-service-end').inputValue()).to.equal('2026-12-02');
      await expectAccessible(page, 'the case file with the Medicare notice form refused');

      await page.locator('#notice-received').fill('2026-11-30');
      await page.locator('#notice-received-time').fill('10:15');
      await send(page, page.locator('#medicare-notice'), 'Record the notice');
      expect(new URL(page.url()).searchParams.get('notice')).to.equal('medicare-notice');
      expect(await text(page, '#notice-on-file')).to.equal(
        'Services ending (Notice of Medicare Non-Coverage): ' +
          'received 30 Nov 2026 at 10:15; last covered day 2 Dec 2026.',
      );
      const fastTrack = page.locator('.deadline[data-kind="fast_track"]');
      expect(await fastTrack.locator('strong').innerText()).to.equal(
        'Ask the QIO for a fast-track appeal: by noon, clinic time, Tue 1 Dec 2026',
      );
      expect(await fastTrack.locator('.badge').innerText()).to.equal('Due in 5 hours');
      await screenshot(page, 'case-file-qio-fast-track', true);
      const stored = await world.http.get(`/api/v1/cases/${opened.id}`).set(clinician.auth);
      // 10:15 on the clinic's clock in New York (EST) is 15:15 UTC.
      expect(Date.parse(stored.body.fastTrack.noticeReceivedAt)).to.equal(Date.parse('2026-11-30T15:15:00Z'));

      await page.goto('/cases');
      const row = page.locator(`#cases tbody tr[data-reference="${opened.reference}"]`);
      expect(await row.locator('td').last().innerText()).to.match(
        /^1 Dec 2026, by noon \(QIO fast track\)\s+Due in 5 hours$/,
      );
      await screenshot(page, 'my-cases-qio-fast-track');

      // 14:00 in New York: noon has passed, and the list and the case file say by how much (the
      // session ended while idle for those seven hours: sign in again).
      world.clock.set(new Date('2026-12-01T19:00:00Z'));
      await signIn(page, clinician.email, clinician.password);
      await page.goto('/cases');
      expect(await row.locator('.badge').innerText()).to.equal('Overdue 2 hours');
      expect(await row.getAttribute('class')).to.equal('urgency-overdue');
      await page.goto(`/cases/${opened.id}`);
      expect(await fastTrack.locator('.badge').innerText()).to.equal('Overdue 2 hours');
      await page.context().close();
    },
  );

  it(
    "when the patient's representative files a Medicare appeal, the case file asks for the Appointment " +
      'of Representative until a record of that kind is uploaded',
    async () => {
      const billing = await makeWebUser('billing');
      const base = caseBody();
      const opened = await openCase(billing, { payer: { ...base.payer, planType: 'medicare_ab' } });
      const page = await signedInPage(billing);
      await page.goto(`/cases/${opened.id}`);
      expect(await text(page, '#filed-by')).to.equal('Filed by: not recorded; the patient’s own appeal is assumed');
      expect(await page.locator('#needs-on-file').count()).to.equal(0);

      await page.locator('#route').getByLabel('Who files').selectOption('representative');
      await send(page, page.locator('#route'), 'Save who files');
      expect(new URL(page.url()).searchParams.get('notice')).to.equal('route');
      expect(await text(page, '#filed-by')).to.equal(
        'Filed by: the patient’s appointed representative · member appeal',
      );
      const flag =
        'Needs on file: Appointment of Representative (CMS-1696) or equivalent written notice (42 CFR 405.910)';
      expect(await text(page, '#needs-on-file')).to.contain(flag);

      /** Uploads one PDF record of a kind through the case file's upload form. */
      async function upload(title: string, kind: string, pages: string[][]) {
        await page.locator('#upload-title').fill(title);
        await page.locator('#upload-kind').selectOption(kind);
        await page.locator('#upload-date').fill('2026-11-20');
        await page
          .locator('#upload-file')
          .setInputFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: await notePdf(pages) });
        // The page is already at ?notice=uploaded after the first: wait for the page upload.js loads.
        await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Upload' }).click()]);
      }
      // A record of another kind does not satisfy the route.
      await upload('PT progress note', 'progress_note', PROGRESS_NOTE);
      expect(await text(page, '#needs-on-file')).to.contain(flag);
      await screenshot(page, 'case-file-needs-appointment', true);
      await expectAccessible(page, 'the case file flagging the document the route needs');

      await upload('Signed CMS-1696', 'appointment_of_representative', [
        ['Appointment of Representative', 'I appoint Ana Alvarez to act as my representative.'],
      ]);
      expect(await page.locator('#documents tbody').innerText()).to.contain('Appointment of Representative (CMS-1696)');
      expect(await page.locator('#needs-on-file').count()).to.equal(0);
      expect(await text(page, '#on-file')).to.equal('On file: Signed CMS-1696');
      await page.context().close();
    },
  );

  it(
    "who files and the payer's action are saved from the case file; a form opened before someone " +
      "else's change is refused and the newer answer stands",
    async () => {
      const [clinician, billing] = await Promise.all([makeWebUser('clinician'), makeWebUser('billing')]);
      const opened = await openCase(clinician, {});
      const [first, second] = await Promise.all([signedInPage(clinician), signedInPage(billing)]);
      await Promise.all([first.goto(`/cases/${opened.id}`), second.goto(`/cases/${opened.id}`)]);
      // An employer plan has no QIO fast track: no Medicare notice to record.
      expect(await first.locator('#medicare-notice').count()).to.equal(0);

      const form = first.locator('#route');
      await form.getByLabel('Who files').selectOption('patient');
      await form.getByLabel('What the payer did').selectOption('authorized_service_reduced');
      await form.getByLabel('Takes effect on').fill('2026-12-15');
      await send(first, form, 'Save who files');
      expect(await first.locator('.notice').first().innerText()).to.contain('Who files and the payer’s action saved');
      expect(await text(first, '#filed-by')).to.equal('Filed by: the patient · member appeal');
      const updated = await first.locator('#timeline li strong').first().innerText();
      expect(updated.replace(/^Updated /, '').split(', ')).to.have.members([
        'who files',
        'the payer’s action',
        'the date it takes effect',
      ]);
      expect(await text(first, '#summary-h + dl')).to.contain(
        'Payer’s action An authorized service reduced, taking effect 15 Dec 2026',
      );
      // An employer plan cutting an approved course: the clinic may ask to extend it, by the hour.
      expect(await first.locator('.deadline[data-kind="concurrent_care"] strong').innerText()).to.equal(
        'Ask the plan to extend the approved course: by the start of the day, clinic time, Mon 14 Dec 2026',
      );

      // The second page still holds the version before that change.
      const stale = second.locator('#route');
      await stale.getByLabel('Who files').selectOption('representative');
      await stale.getByLabel('What the payer did').selectOption('payment_denied');
      const [answer] = await Promise.all([
        second.waitForResponse((r) => r.url().endsWith('/route') && r.request().method() === 'POST'),
        stale.getByRole('button', { name: 'Save who files' }).click(),
      ]);
      await second.waitForLoadState();
      expect(answer.status()).to.equal(409);
      expect(await second.locator('#route .error-summary').innerText()).to.contain('Someone else changed this case');
      // The page shows the case as it stands now, with what was typed given back to apply again.
      expect(await text(second, '#filed-by')).to.equal('Filed by: the patient · member appeal');
      expect(await second.locator('#route-appellant').inputValue()).to.equal('representative');
      await second.locator('#route').screenshot({ path: path.join(SCREENSHOTS, 'case-file-route-refused-stale.png') });
      const stored = await world.http.get(`/api/v1/cases/${opened.id}`).set(clinician.auth);
      expect(stored.body.appellant).to.equal('patient');
      expect(stored.body.denial.action).to.equal('authorized_service_reduced');
      await Promise.all([first.context().close(), second.context().close()]);
    },
  );

  it(
    'a Medicare Advantage case awaiting an ALJ decision filed in February says "no regulatory decision ' +
      'deadline" and is never overdue, while a Part A/B one filed the same day is',
    async () => {
      const billing = await makeWebUser('billing');
      const base = caseBody();
      const payerName = `ALJ Ladder ${Date.now()}`;
      const awaitingAlj = async (planType: string) => {
        const opened = await openCase(billing, {
          payer: { ...base.payer, name: payerName, planType },
          appealLevel: 'alj_hearing',
          denial: { ...base.denial, noticeDate: '2026-01-05', receivedDate: '2026-01-08' },
        });
        let version = opened.version;
        const moves = [
          { to: 'gathering_evidence' },
          { to: 'appeal_drafted' },
          { to: 'submitted', submittedAt: '2026-02-02T15:00:00Z' },
          { to: 'awaiting_decision' },
        ];
        for (const move of moves) {
          const res = await world.http
            .post(`/api/v1/cases/${opened.id}/transitions`)
            .set(billing.auth)
            .send({ version, ...move });
          expect(res.status, JSON.stringify(res.body)).to.equal(200);
          version = res.body.version;
        }
        return opened;
      };
      const [advantage, original] = [await awaitingAlj('medicare_advantage'), await awaitingAlj('medicare_ab')];
      const page = await signedInPage(billing);

      await page.goto(`/cases/${advantage.id}`);
      const deadlines = page.locator('section[aria-labelledby="deadlines-h"]');
      expect(await text(page, '#decision-timeframe')).to.match(
        /^Decision timeframe at ALJ hearing: No regulatory decision deadline: .*Medicare Advantage/,
      );
      expect(await deadlines.innerText()).not.to.contain('Overdue');
      await screenshot(page, 'case-file-ma-alj-no-decision-deadline', true);

      await page.goto(`/cases/${original.id}`);
      expect(await page.locator('#decision-timeframe').count()).to.equal(0);
      expect(await page.locator('.deadline[data-kind="decision"] strong').innerText()).to.match(
        /^Payer’s decision due: \d{1,2} \w{3} 2026$/,
      );
      expect(await page.locator('.deadline[data-kind="decision"] .badge').innerText()).to.match(/^Overdue \d+ days$/);

      await page.goto(`/board?payer=${encodeURIComponent(payerName)}`);
      const badgeOf = (ref: string) => page.locator(`#cases tbody tr[data-reference="${ref}"] .badge`).innerText();
      expect(await badgeOf(advantage.reference)).to.equal('No deadline');
      expect(await badgeOf(original.reference)).to.match(/^Overdue \d+ days$/);
      await page.context().close();
    },
  );
});

describe('urgency by the hour and the route’s document, as words', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('a deadline at noon tomorrow is due in hours, and past its hour overdue in hours, not "due today"', () => {
    expect(urgencyOf('2026-12-01', '2026-12-01', { dueAt: '2026-12-01T17:00:00Z', now })).to.include({
      key: 'due3',
      text: 'Due in 5 hours',
    });
    expect(urgencyOf('2026-12-01', '2026-12-01', { dueAt: '2026-12-01T09:30:00Z', now })).to.include({
      key: 'overdue',
      text: 'Overdue 2 hours',
    });
    expect(urgencyOf('2026-12-01', '2026-12-01', { dueAt: '2026-12-01T12:20:00Z', now })).to.include({
      key: 'due3',
      text: 'Due within the hour',
    });
    expect(urgencyOf('2026-12-06', '2026-12-01', { dueAt: '2026-12-06T17:00:00Z', now })).to.include({
      key: 'due7',
      text: 'Due in 5 days',
    });
    // Without an instant, the same date is counted in days as before.
    expect(urgencyOf('2026-12-01', '2026-12-01', { now })).to.include({ key: 'due3', text: 'Due today' });
  });

  it('a route needing the enrollee’s consent is flagged until a record of the consent kind is on file', () => {
    const route = {
      appellant: 'medicaid_provider_with_consent' as const,
      appealLevel: 'plan_appeal' as const,
      route: {
        appellant: 'medicaid_provider_with_consent',
        route: 'member_appeal' as const,
        requiredDocument: {
          kind: 'enrollee_written_consent' as const,
          name: "the enrollee's written consent to the provider (or representative) filing",
          citation: '42 CFR 438.402(c)(1)(ii)',
        },
        basis: 'a provider files the plan appeal for the enrollee with written consent',
      },
    };
    expect(routeOnFile(route, [{ kind: 'progress_note', title: 'Visit note' }]).needs).to.deep.equal({
      name: "The enrollee's written consent to the provider (or representative) filing",
      citation: '42 CFR 438.402(c)(1)(ii)',
      kindText: 'Enrollee’s written consent',
    });
    const onFile = routeOnFile(route, [{ kind: 'enrollee_consent', title: 'Consent, signed 20 Nov' }]);
    expect(onFile).to.deep.include({ onFile: ['Consent, signed 20 Nov'] });
    expect(onFile.needs).to.equal(undefined);
  });
});
