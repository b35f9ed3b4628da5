/**
 * The case file's own work in real Chromium, by clicking and typing: what to do next, the letter
 * preview inside the page, the submission time on the clinic's clock whatever the browser's zone,
 * a deadline set from the payer's notice and a decision extension, the narrative's key facts and
 * alternatives tried, and timeline notes with a quote and the alternatives offered.
 */
import { expect } from 'chai';
import { caseBody } from '../support/factories.js';
import { screenshot, signIn } from '../support/browser.js';
import { PacketModel } from '../../server/packets/packet.model.js';
import { browserWorld, expectAccessible, makeWebUser, submitApiForm } from './web-support.js';
// The clinician's narrative: a letter's template refuses generation without the sections it needs.
import { narrative } from '../packets/packet-support.js';

describe('the case file’s work in a real browser', function () {
  this.timeout(180_000);
  const world = browserWorld(new Date('2026-11-23T14:00:00Z'));

  beforeEach(() => world.clock.set(new Date('2026-11-23T14:00:00Z')));

  async function openCaseAs(role: 'clinician' | 'billing', overrides: Record<string, unknown> = {}) {
    const user = await makeWebUser(role);
    const opened = await world.http.post('/api/v1/cases').set(user.auth).send(caseBody(overrides));
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    return { user, caseId: opened.body.id as string };
  }

  it(
    'a new case says what to do next and why Record submission is not offered; generating the ' +
      'first packet drafts the appeal, notes it on the timeline and offers Record submission',
    async () => {
      const { user, caseId } = await openCaseAs('clinician', { narrative });
      const { context, page } = await world.newPage();
      await signIn(page, user.email, user.password);
      await page.goto(`/cases/${caseId}`);
      expect(await page.locator('#next-step-text').textContent()).to.contain('Upload the records');
      expect(await page.locator('#not-offered').textContent()).to.contain(
        'Record submission appears once a packet is generated',
      );
      expect(await page.getByRole('button', { name: 'Record submission' }).count()).to.equal(0);
      await expectAccessible(page, 'case file of a new case');

      await submitApiForm(page, page.locator('#letter'), 'Generate packet');
      expect(await page.locator('#case-status').textContent()).to.equal('Appeal drafted');
      expect(await page.locator('#timeline').textContent()).to.contain('Appeal packet v1 generated');
      expect(await page.locator('#next-step-text').textContent()).to.contain('record the submission');
      expect(await page.locator('#not-offered').count()).to.equal(0);
      expect(await page.getByRole('button', { name: 'Record submission' }).isVisible()).to.equal(true);
      await page.locator('#next-step').scrollIntoViewIfNeeded();
      await screenshot(page, 'case-file-next-step');
      await context.close();
    },
  );

  it(
    'with page script, a packet whose narrative is empty is refused with the list of what is missing; ' +
      'Generate a draft instead makes a draft, listed as one and offered no submission',
    async () => {
      const { user, caseId } = await openCaseAs('clinician');
      const { context, page } = await world.newPage();
      await signIn(page, user.email, user.password);
      await page.goto(`/cases/${caseId}`);
      const letter = page.locator('#letter');
      await letter.getByRole('button', { name: 'Generate packet' }).click();
      const missing = letter.locator('#packet-missing');
      await missing.waitFor();
      expect(await missing.locator('li').allTextContents()).to.deep.equal([
        'The clinical summary is empty',
        'The argument (why the payer should reverse) is empty',
      ]);
      await expectAccessible(page, 'case file with a packet refused for missing sections');
      // The refusal's summary stays up until the page reloads with the draft.
      await Promise.all([
        page.waitForEvent('load'),
        letter.getByRole('button', { name: 'Generate a draft instead (watermarked DRAFT)' }).click(),
      ]);
      const [packet] = await PacketModel.find({ caseId }).lean();
      expect(packet.draft).to.equal(true);
      expect(await letter.locator('#packet-1 h3').textContent()).to.equal('Packet version 1 Draft');
      expect(await page.getByRole('button', { name: 'Record submission' }).count()).to.equal(0);
      expect(await page.locator('#case-status').textContent()).to.equal('New');
      await context.close();
    },
  );

  it('the letter preview shows inside the case page', async () => {
    const { user, caseId } = await openCaseAs('clinician');
    const { context, page } = await world.newPage();
    await signIn(page, user.email, user.password);
    await page.goto(`/cases/${caseId}`);
    await page.getByText('Preview the letter as it would be generated now').click();
    const letter = page.frameLocator('iframe[title="Letter preview"]').locator('body');
    await letter.getByText('MRI lumbar spine without contrast').first().waitFor({ timeout: 10_000 });
    expect(await letter.textContent()).to.contain('Acme Health Plan');
    await page.locator('iframe[title="Letter preview"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-file-letter-preview');
    await context.close();
  });

  it(
    'a submission typed in a browser set to Tokyo time is read on the clinic’s clock ' +
      '(New York), and the form names that zone',
    async () => {
      const { user, caseId } = await openCaseAs('billing', { narrative });
      // Generated at 8:00 in New York; the fax is confirmed at 9:30 and recorded at 10:00.
      world.clock.set(new Date('2026-11-23T13:00:00Z'));
      const packet = await world.http.post(`/api/v1/cases/${caseId}/packets`).set(user.auth).send({});
      expect(packet.status, JSON.stringify(packet.body)).to.equal(201);
      world.clock.set(new Date('2026-11-23T15:00:00Z'));

      const context = await world.browser.newContext({
        baseURL: world.baseUrl,
        viewport: { width: 1366, height: 768 },
        timezoneId: 'Asia/Tokyo',
      });
      const page = await context.newPage();
      await signIn(page, user.email, user.password);
      await page.goto(`/cases/${caseId}`);
      const form = page.locator('.packet').first();
      const when = form.getByLabel('Received by the payer at (clinic time, America/New_York)');
      await form.getByLabel('Sent by', { exact: true }).selectOption('fax');
      await when.fill('2026-11-23T09:30');
      await form.getByLabel('Confirmation number').fill('FAX-9930');
      await submitApiForm(page, form, 'Record submission');
      expect(await page.locator('#case-status').textContent()).to.equal('Submitted');
      const stored = await PacketModel.findById(packet.body.id).lean();
      expect(stored!.submission!.submittedAt.toISOString()).to.equal('2026-11-23T14:30:00.000Z');
      expect(await page.locator('#letter .notice').textContent()).to.contain('23 Nov 2026, 09:30 EST');
      await context.close();
    },
  );

  it(
    'billing sets the filing deadline from the date printed on the notice: without a reason it is ' +
      'refused beside the field; with one the deadline moves and says who set it',
    async () => {
      const { user, caseId } = await openCaseAs('billing');
      const { context, page } = await world.newPage();
      await signIn(page, user.email, user.password);
      await page.goto(`/cases/${caseId}`);
      const deadlines = page.locator('section[aria-labelledby="deadlines-h"]');
      await deadlines.getByText('Set a deadline from the payer’s notice').click();
      await deadlines.getByLabel('Deadline', { exact: true }).selectOption('filing');
      await deadlines.getByLabel('Date printed on the notice').fill('2027-05-03');
      await deadlines.getByRole('button', { name: 'Set the deadline' }).click();
      await deadlines.locator('#override-reason-error').waitFor();
      expect(await deadlines.locator('#override-reason-error').textContent()).to.match(/required/i);
      expect(await deadlines.getByLabel('Why').getAttribute('aria-invalid')).to.equal('true');
      await expectAccessible(page, 'case file with a refused deadline form');

      await deadlines.getByLabel('Why').fill('EOB of 2 Nov 2026 says: appeal within 180 days, by 3 May 2027');
      // The refusal's summary is still showing, so wait for the reload itself.
      await Promise.all([
        page.waitForEvent('load'),
        deadlines.getByRole('button', { name: 'Set the deadline' }).click(),
      ]);
      const filing = page.locator('.deadline[data-kind="filing"]');
      expect(await filing.textContent())
        .to.contain('3 May 2027')
        .and.contain(`Date from the payer’s notice, set by ${user.name}: EOB of 2 Nov 2026`)
        .and.contain('Computed 5 May 2027');
      expect(await page.locator('#timeline').textContent()).to.contain('Deadline set from the payer’s notice');
      await page.locator('#deadlines-h').scrollIntoViewIfNeeded();
      await screenshot(page, 'case-file-deadline-override');
      await context.close();

      // A clinician reads the deadlines but is not offered the form: the API refuses clinicians.
      const clinician = await makeWebUser('clinician');
      const assigned = await world.http
        .patch(`/api/v1/cases/${caseId}`)
        .set(user.auth)
        .send({
          version: (await world.http.get(`/api/v1/cases/${caseId}`).set(user.auth)).body.version,
          assigneeId: clinician.id,
        });
      expect(assigned.status, JSON.stringify(assigned.body)).to.equal(200);
      const other = await world.newPage();
      await signIn(other.page, clinician.email, clinician.password);
      await other.page.goto(`/cases/${caseId}`);
      expect(await other.page.getByText('Set a deadline from the payer’s notice').count()).to.equal(0);
      await other.context.close();
    },
  );

  it('billing records a Medicaid plan’s 14-day decision extension; the decision deadline moves by it', async () => {
    const { user, caseId } = await openCaseAs('billing', {
      payer: { ...caseBody().payer, name: 'CareSource Medicaid', planType: 'medicaid_managed_care' },
      denial: { ...caseBody().denial, noticeDate: '2026-11-02', receivedDate: undefined },
    });
    let version = (await world.http.get(`/api/v1/cases/${caseId}`).set(user.auth)).body.version;
    for (const to of ['gathering_evidence', 'appeal_drafted', 'submitted']) {
      const res = await world.http
        .post(`/api/v1/cases/${caseId}/transitions`)
        .set(user.auth)
        .send({ to, version, ...(to === 'submitted' ? { submittedAt: '2026-11-23T14:00:00Z' } : {}) });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      version = res.body.version;
    }
    world.clock.set(new Date('2026-12-02T15:00:00Z'));
    const { context, page } = await world.newPage();
    await signIn(page, user.email, user.password);
    await page.goto(`/cases/${caseId}`);
    const decision = page.locator('.deadline[data-kind="decision"]');
    expect(await decision.textContent()).to.contain('23 Dec 2026');
    const deadlines = page.locator('section[aria-labelledby="deadlines-h"]');
    await deadlines.getByText('Record the payer’s extension of its decision').click();
    await deadlines.getByLabel('Days added').fill('14');
    await deadlines.getByLabel('Date of the reviewer’s notice').fill('2026-12-01');
    await deadlines.getByLabel('Reason given (optional)').fill('Plan awaits records from the imaging center');
    await submitApiForm(page, deadlines, 'Record the extension');
    expect(await decision.textContent()).to.contain('6 Jan 2027');
    expect(await page.locator('#timeline').textContent()).to.contain('extended its decision by 14 days');
    await expectAccessible(page, 'case file awaiting a decision');
    await context.close();
  });

  it(
    'a clinician adds key clinical facts and alternatives tried as rows, by typing; a fact without ' +
      'its words is refused beside it; the letter then lists them',
    async () => {
      const { user, caseId } = await openCaseAs('clinician');
      const { context, page } = await world.newPage();
      await signIn(page, user.email, user.password);
      await page.goto(`/cases/${caseId}`);
      const lists = page.locator('#narrative-lists');
      await lists.getByLabel('Date of fact 1').fill('2026-09-14');
      await lists.getByRole('button', { name: 'Save facts and alternatives' }).click();
      await lists.locator('#fact-0-fact-error').waitFor();
      expect(await lists.locator('#fact-0-fact-error').textContent()).to.match(/required/i);

      await lists.getByLabel('Fact 1', { exact: true }).fill('Radicular pain L5 with positive straight-leg raise');
      await lists.getByLabel('Date of fact 2').fill('2026-10-01');
      await lists.getByLabel('Fact 2', { exact: true }).fill('Weakness of great toe extension, 4/5');
      await lists.getByLabel('Treatment 1', { exact: true }).fill('Supervised physical therapy');
      await lists.getByLabel('When and how long, treatment 1').fill('Aug–Oct 2026, 8 weeks');
      await lists.getByLabel('Outcome of treatment 1').fill('No improvement in pain or function');
      await Promise.all([
        page.waitForEvent('load'),
        lists.getByRole('button', { name: 'Save facts and alternatives' }).click(),
      ]);
      // Stored in order, blank rows dropped; two new blank rows offered after them.
      const stored = (await world.http.get(`/api/v1/cases/${caseId}`).set(user.auth)).body.narrative;
      expect(stored.keyFacts).to.deep.equal([
        { date: '2026-09-14', fact: 'Radicular pain L5 with positive straight-leg raise' },
        { date: '2026-10-01', fact: 'Weakness of great toe extension, 4/5' },
      ]);
      expect(stored.alternativesTried).to.deep.equal([
        {
          treatment: 'Supervised physical therapy',
          period: 'Aug–Oct 2026, 8 weeks',
          outcome: 'No improvement in pain or function',
        },
      ]);
      expect(await page.locator('#narrative-lists').getByLabel('Fact 4', { exact: true }).inputValue()).to.equal('');
      await expectAccessible(page, 'case file with narrative rows');
      await page.locator('#narrative-lists').scrollIntoViewIfNeeded();
      await screenshot(page, 'case-file-narrative-lists');

      await page.getByText('Preview the letter as it would be generated now').click();
      const letter = page.frameLocator('iframe[title="Letter preview"]').locator('body');
      await letter.getByText('Weakness of great toe extension, 4/5').waitFor({ timeout: 10_000 });
      expect(await letter.textContent()).to.contain('Supervised physical therapy');
      await context.close();
    },
  );

  it('a note on the timeline keeps the payer’s own words as a quote and the alternatives it offered', async () => {
    const { user, caseId } = await openCaseAs('clinician');
    const { context, page } = await world.newPage();
    await signIn(page, user.email, user.password);
    await page.goto(`/cases/${caseId}`);
    const timeline = page.locator('#timeline');
    await timeline.getByLabel('Add a note').fill('Called the plan’s utilization review line.');
    await timeline.getByText('Someone’s own words, and the alternatives offered').click();
    // Words without who said them are refused beside the speaker.
    await timeline.getByLabel('Their words, exactly').fill('We would approve a CT myelogram instead.');
    await timeline.getByRole('button', { name: 'Add to the timeline' }).click();
    await timeline.locator('[id$="speaker-error"]').waitFor();
    await timeline.getByLabel('Who said it').selectOption('payer');
    await timeline.getByLabel('Alternative offered 1').fill('CT myelogram');
    await timeline.getByLabel('Alternative offered 2').fill('Repeat physical therapy, 6 weeks');
    await Promise.all([
      page.waitForEvent('load'),
      timeline.getByRole('button', { name: 'Add to the timeline' }).click(),
    ]);
    const entry = page.locator('#timeline ol.timeline li').first();
    expect(await entry.textContent())
      .to.contain('Called the plan’s utilization review line.')
      .and.contain('Payer: “We would approve a CT myelogram instead.”')
      .and.contain('CT myelogram; Repeat physical therapy, 6 weeks');
    await expectAccessible(page, 'case file with a quoted timeline entry');
    await context.close();
  });

  it('without page script, facts, alternatives and a quoted timeline entry are saved by the page forms', async () => {
    const { user, caseId } = await openCaseAs('clinician');
    const page = await world.scriptlessPage(user);
    await page.goto(`/cases/${caseId}`);
    const lists = page.locator('#narrative-lists');
    await lists.getByLabel('Treatment 1', { exact: true }).fill('Gabapentin 300 mg three times daily');
    await Promise.all([
      page.waitForEvent('load'),
      lists.getByRole('button', { name: 'Save facts and alternatives' }).click(),
    ]);
    // The outcome is required: the form comes back with the error beside it and what was typed.
    expect(await page.locator('#tried-0-outcome-error').textContent()).to.match(/required/i);
    expect(await page.locator('#tried-0-treatment').inputValue()).to.equal('Gabapentin 300 mg three times daily');
    await page.locator('#tried-0-outcome').fill('Drowsiness; stopped after 3 weeks');
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#narrative-lists').getByRole('button', { name: 'Save facts and alternatives' }).click(),
    ]);
    expect(new URL(page.url()).searchParams.get('notice')).to.equal('narrative-lists');

    const timeline = page.locator('#timeline');
    await timeline.getByText('Someone’s own words, and the alternatives offered').click();
    await timeline.getByLabel('Who said it').selectOption('patient');
    await timeline.getByLabel('Their words, exactly').fill('I cannot stand long enough to cook.');
    await Promise.all([
      page.waitForEvent('load'),
      timeline.getByRole('button', { name: 'Add to the timeline' }).click(),
    ]);
    expect(await page.locator('#timeline ol.timeline li').first().textContent()).to.contain(
      'Patient: “I cannot stand long enough to cook.”',
    );
    const stored = (await world.http.get(`/api/v1/cases/${caseId}`).set(user.auth)).body;
    expect(stored.narrative.alternativesTried).to.deep.equal([
      { treatment: 'Gabapentin 300 mg three times daily', outcome: 'Drowsiness; stopped after 3 weeks' },
    ]);
    await page.context().close();
  });
});
