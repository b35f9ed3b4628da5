/**
 * The guideline library in real headless Chromium, by clicking and typing only: a clinician
 * adds a CMS manual reference, finds it by words and by a code below its category, edits it and
 * is refused on a stale revision with the reason; the case file suggests a guideline that
 * matches the case by its ICD-10 code only, saying why, and says why when none matches.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { caseBody } from '../support/factories.js';
import { screenshot, signIn } from '../support/browser.js';
import { browserWorld, expectAccessible, makeWebUser } from './web-support.js';

describe('the guideline library in a real browser', function () {
  this.timeout(180_000);
  let clinician: Awaited<ReturnType<typeof makeWebUser>>;

  const world = browserWorld(new Date('2026-11-23T14:00:00Z'));

  before(async () => {
    clinician = await makeWebUser('clinician', 'Dr. Priya Natarajan');
  });

  async function submit(page: Page, button: string) {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button }).click()]);
  }

  async function openCaseWithCodes(cptCodes: string[], icd10Codes: string[]): Promise<string> {
    const base = caseBody();
    const res = await world.http
      .post('/api/v1/cases')
      .set(clinician.auth)
      .send(
        caseBody({
          service: { ...base.service, cptCodes, icd10Codes },
          treatingClinician: { ...base.treatingClinician, userId: clinician.id },
        }),
      );
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id;
  }

  it('a clinician adds a CMS manual reference, finds it by words and code, refused on a stale revision', async () => {
    const { context, page } = await world.newPage();
    await signIn(page, clinician.email, clinician.password);
    await page.getByRole('link', { name: 'Guidelines' }).click();
    await expectAccessible(page, 'guideline library');
    await page.getByRole('link', { name: 'Add a guideline' }).click();
    await page.getByLabel('Source (required)').selectOption({ label: 'CMS manual (Internet-Only Manual)' });
    await page.getByLabel('Issuing body (required)').fill('CMS');
    await page.getByLabel('Title (required)').fill('Medicare Benefit Policy Manual, Pub. 100-02');
    await page.getByLabel('Section or criterion').fill('Ch. 15 § 220.1');
    await page
      .getByLabel('The criterion in your own words (required)')
      .fill('Outpatient therapy needs a plan of care certified by the physician.');
    await page.getByLabel('Diagnosis codes (ICD-10-CM)').fill('M54, M5');
    await submit(page, 'Add the guideline');
    expect(await page.locator('#diagnosisCodes-error').textContent()).to.equal(
      'Code 2 must be an ICD-10-CM code or category such as M54 or M54.16',
    );
    await expectAccessible(page, 'guideline form with errors');

    await page.getByLabel('Diagnosis codes (ICD-10-CM)').fill('M54, M48.06');
    await page.getByLabel('Procedure codes (CPT/HCPCS)').fill('97110');
    await submit(page, 'Add the guideline');
    expect(await page.locator('.notice').textContent()).to.equal('Guideline added to the library.');

    await page.getByLabel('Words').fill('plan of care');
    await submit(page, 'Search');
    const rows = page.locator('#guidelines tbody tr');
    expect(await rows.count()).to.equal(1);
    expect(await rows.first().textContent())
      .to.contain('CMS, Medicare Benefit Policy Manual, Pub. 100-02, Ch. 15 § 220.1')
      .and.contain('CMS manual (Internet-Only Manual)');

    await page.getByLabel('Words').fill('');
    await page.getByLabel('Code').fill('m54.16');
    await submit(page, 'Search');
    expect(await rows.count()).to.equal(1);
    await page.getByLabel('Code').fill('banana');
    await submit(page, 'Search');
    expect(await page.locator('#g-code-error').textContent()).to.contain('CPT or HCPCS code');
    await page.getByLabel('Code').fill('M54.16');
    await submit(page, 'Search');
    await screenshot(page, 'guideline-library');

    await rows.first().getByRole('link').click();
    await expectAccessible(page, 'guideline edit');
    const id = new URL(page.url()).pathname.split('/').pop()!;
    // Someone else corrects the edition while the page is open.
    const other = await makeWebUser('medical_director');
    const meanwhile = await world.http
      .patch(`/api/v1/guidelines/${id}`)
      .set(other.auth)
      .send({ revision: 0, version: 'Rev. 12425' });
    expect(meanwhile.status).to.equal(200);

    await page.getByLabel('Title (required)').fill('Medicare Benefit Policy Manual (Pub. 100-02)');
    await submit(page, 'Save the guideline');
    expect(await page.locator('.error-summary').textContent()).to.contain(
      'Someone else changed this guideline while you had it open',
    );
    expect(await page.getByLabel('Edition or version').inputValue()).to.equal('Rev. 12425');
    expect(await page.locator('.lede').textContent()).to.contain('revision 1');
    await screenshot(page, 'guideline-stale');
    expect((await world.http.get(`/api/v1/guidelines/${id}`).set(clinician.auth)).body.title).to.equal(
      'Medicare Benefit Policy Manual, Pub. 100-02',
    );

    await page.getByLabel('Title (required)').fill('Medicare Benefit Policy Manual (Pub. 100-02)');
    await submit(page, 'Save the guideline');
    expect(await page.locator('.notice').textContent()).to.contain('Guideline saved');
    const saved = (await world.http.get(`/api/v1/guidelines/${id}`).set(clinician.auth)).body;
    expect(saved).to.include({
      title: 'Medicare Benefit Policy Manual (Pub. 100-02)',
      version: 'Rev. 12425',
      revision: 2,
    });
    await context.close();
  });

  it('the case file suggests a guideline matching by ICD-10 code only, saying why; with none, why none', async () => {
    const guideline = await world.http
      .post('/api/v1/guidelines')
      .set(clinician.auth)
      .send({
        source: 'specialty_society',
        title: 'Appropriate use of genetic testing in connective tissue disorders',
        issuingBody: 'American College of Medical Genetics and Genomics',
        criterionText: 'Testing is indicated when the clinical criteria of the disorder are met.',
        diagnosisCodes: ['Q87'],
      });
    expect(guideline.status).to.equal(201);
    const matching = await openCaseWithCodes(['81405'], ['Q87.40']);
    const unmatched = await openCaseWithCodes(['0998T'], ['Q86.8']);

    const { context, page } = await world.newPage();
    await signIn(page, clinician.email, clinician.password);
    await page.goto(`/cases/${matching}`);
    const suggested = page.locator('#suggested-guidelines');
    expect(await suggested.locator('li').allTextContents()).to.deep.equal([
      `${guideline.body.citation}. Matches the case’s diagnosis Q87.40 (the guideline covers Q87).`,
    ]);
    expect(await page.getByLabel('Guideline').locator('option').allTextContents()).to.include(guideline.body.citation);
    await suggested.scrollIntoViewIfNeeded();
    await screenshot(page, 'case-guideline-suggested');

    await page.goto(`/cases/${unmatched}`);
    expect(await suggested.locator('p.muted').textContent()).to.equal(
      'No guideline in the library lists the case’s procedure 0998T and diagnosis Q86.8 or a category above ' +
        'them. Search the library by words, or add the guideline.',
    );
    await context.close();
  });
});
