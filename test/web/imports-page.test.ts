/**
 * The imports page of issue 13 in real headless Chromium: billing uploads a remittance, watches
 * the import job's progress reach the end, reads the summary and follows the link to the cases
 * the import made; a refused file is explained where it was sent; a clinician has no imports.
 * The import job runs in the test, as the service runs it (Agenda, polling often), started by the
 * first test once its upload is seen waiting; the tests follow one another, as a billing day would.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { loadTestConfig } from '../../server/config.js';
import { startImportJobs } from '../../server/imports/index.js';
import { screenshot, signIn } from '../support/browser.js';
import { silentLogger } from '../support/app.js';
import { caseBody } from '../support/factories.js';
import { fixtureText } from '../remittances/support.js';
import { browserWorld, expectAccessible, makeWebUser, signedInAgent } from './web-support.js';

/** The segments of one transaction set (ST to SE), with the SE's segment count. */
function transaction(st: string, body: string[]): string[] {
  return [`ST*835*${st}*005010X221A1`, ...body, `SE*${body.length + 2}*${st}`];
}

/**
 * An 835 from Lakeshore Health paying one claim and denying two: a lumbar MRI for medical necessity
 * (CO-50) and physical therapy for want of a prior authorization (CO-197). Names are invented.
 */
function lakeshoreRemittance(): string {
  const claims = [
    'LX*1',
    'CLP*IMP-2001*4*1840.5*0*0*12*2611600000201*11*1',
    'NM1*QC*1*MARLOWE*TESSA****MI*ZZLAKE20001',
    'NM1*82*1*NATARAJAN*PRIYA****XX*1234567893',
    'DTM*232*20261102',
    'DTM*233*20261102',
    'SVC*HC:72148*1840.5*0**1',
    'DTM*472*20261102',
    'CAS*CO*50*1840.5',
    'REF*6R*L1',
    'LQ*HE*N115',
    'CLP*IMP-2002*4*950*0*0*12*2611600000202*11*1',
    'NM1*QC*1*OYELARAN*FEMI****MI*ZZLAKE20002',
    'DTM*232*20261104',
    'DTM*233*20261106',
    'SVC*HC:97110:GP*950*0**3',
    'DTM*472*20261104',
    'CAS*CO*197*950',
    'REF*6R*L2',
    'LQ*HE*N54',
    'CLP*IMP-2003*1*300*180*45*12*2611600000203*11*1',
    'NM1*QC*1*ASHGROVE*NOOR****MI*ZZLAKE20003',
    'DTM*232*20261105',
    'DTM*233*20261105',
    'SVC*HC:99213*300*180**1',
    'DTM*472*20261105',
    'CAS*CO*45*75',
    'CAS*PR*3*45',
    'AMT*B6*225',
  ];
  const segments = [
    'ISA*00*          *00*          *ZZ*LAKESHORE      *ZZ*OVERTURNCLINIC *261120*1015*^*00501*000000731*0*P*:',
    'GS*HP*LAKESHORE*OVERTURNCLINIC*20261120*1015*31*X*005010X221A1',
    ...transaction('0001', [
      'BPR*I*180*C*ACH*CCP*01*011000015*DA*0001234567*1512345678**01*021000021*DA*0007654321*20261120',
      'TRN*1*EFT2026112000031*1512345678',
      'DTM*405*20261119',
      'N1*PR*LAKESHORE HEALTH',
      'N3*PO BOX 880',
      'N4*CHICAGO*IL*60601',
      'N1*PE*OVERTURN DEMO CLINIC*XX*1234567893',
      ...claims,
    ]),
    'GE*1*31',
    'IEA*1*000000731',
  ];
  return segments.map((s) => `${s}~\n`).join('');
}

describe('the imports page (issue 13)', function () {
  this.timeout(180_000);
  const world = browserWorld(new Date('2026-11-23T14:00:00Z'));
  let users: Record<'billing' | 'clinician', Awaited<ReturnType<typeof makeWebUser>>>;
  let stopJobs: (() => Promise<unknown>) | undefined;

  before(async () => {
    users = {
      billing: await makeWebUser('billing', 'Bea Lindqvist'),
      clinician: await makeWebUser('clinician', 'Dr. Lena Ortiz'),
    };
    // A case typed in by hand, which no import made: the board's import filter must leave it out.
    const typed = await world.http.post('/api/v1/cases').set(users.billing.auth).send(caseBody());
    expect(typed.status).to.equal(201);
  });
  after(() => stopJobs?.());

  /** Starts the import jobs in this process, as the service does (Agenda, here polling often). */
  async function startJobs() {
    stopJobs = await startImportJobs(
      { config: loadTestConfig(), clock: world.clock, logger: silentLogger },
      { processEvery: 50 },
    );
  }

  const scriptlessPage = world.scriptlessPage;

  /** Chooses a file on the imports page and sends it with the Import button. */
  async function upload(page: Page, name: string, text: string) {
    await page.getByLabel('Remittance file').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: 'Import' }).click();
  }

  it(
    'billing uploads an 835 with two denied claims and one paid; the page waits for the job, follows it to the ' +
      'end, gives the counts and opens the two cases it made',
    async () => {
      const { context, page } = await world.newPage();
      await signIn(page, users.billing.email, users.billing.password);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Imports');
      await expectAccessible(page, 'imports page');
      const template = page.getByRole('link', { name: 'download the CSV template' });
      expect(await template.getAttribute('href')).to.equal('/api/v1/imports/csv-template');
      const csv = await page.request.get('/api/v1/imports/csv-template');
      expect([csv.status(), csv.headers()['content-type']]).to.deep.equal([200, 'text/csv; charset=utf-8']);

      await upload(page, 'lakeshore-2026-11-20.835', lakeshoreRemittance());
      await page.waitForURL(/\/imports\/[0-9a-f]{24}$/);
      // No job runs yet: the import waits, and its bar has no value until the job counts the claims.
      const status = page.locator('#import-status-text');
      const words = page.locator('#import-progress-text');
      expect([await status.textContent(), await words.textContent()]).to.deep.equal([
        'Waiting to start',
        'Waiting for the import job to start',
      ]);
      const bar = page.getByRole('progressbar', { name: 'Claims read' });
      expect(await bar.getAttribute('value')).to.equal(null);
      expect(await words.getAttribute('aria-live')).to.equal('polite');
      await expectAccessible(page, 'an import waiting for its job');
      await screenshot(page, 'imports-page-waiting');
      // Without script the same page refreshes itself while the import waits or runs.
      const scriptless = await scriptlessPage(users.billing);
      await scriptless.goto(new URL(page.url()).pathname);
      expect(await scriptless.locator('meta[http-equiv="refresh"]').getAttribute('content')).to.equal('3');
      expect(await scriptless.getByRole('link', { name: 'Refresh now' }).count()).to.equal(1);
      await scriptless.context().close();

      // The job starts; the page follows it without being told and shows the summary once it is done.
      await startJobs();
      const summary = page.getByRole('region', { name: 'Summary' });
      await summary.waitFor();
      expect([await status.textContent(), await words.textContent()]).to.deep.equal(['Done', '3 of 3 claims']);
      expect([await bar.getAttribute('value'), await bar.getAttribute('max')]).to.deep.equal(['3', '3']);

      const counts = Object.fromEntries(
        await summary
          .locator('dl.facts dt')
          .evaluateAll((terms) => terms.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])),
      );
      expect(counts).to.deep.equal({
        'Claims read': '3',
        'Denied or partly denied claims found': '2',
        'Cases created': '2',
        'Denials matched to a case already open': '0',
        'Payments matched to open cases': '0',
        'Reversals recorded on their case': '0',
        'Claims skipped': '0',
      });
      await expectAccessible(page, 'an import done');
      await screenshot(page, 'imports-page-done', true);

      await page.getByRole('link', { name: 'See the 2 cases this import made' }).click();
      await page.waitForURL(/\/board\?importId=[0-9a-f]{24}$/);
      const rows = page.locator('#cases tbody tr');
      expect(await rows.count()).to.equal(2);
      const listed = (await rows.allTextContents()).join(' ');
      expect(listed)
        .to.match(/marlowe/i)
        .and.match(/oyelaran/i)
        .and.not.match(/ashgrove/i);
      await context.close();
    },
  );

  it('the past imports are listed newest first, with status, when, who and counts', async () => {
    const { context, page } = await world.newPage();
    await signIn(page, users.billing.email, users.billing.password);
    await page.goto('/imports');
    await upload(page, 'truncated.835', fixtureText('truncated.835'));
    await page.waitForURL(/\/imports\/[0-9a-f]{24}$/);
    await page.getByText('The file was refused').waitFor();
    await page.goto('/imports');
    const rows = await page
      .locator('#imports tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    expect(rows.map((cells) => cells.slice(1))).to.deep.equal([
      ['Bea Lindqvist', 'X12 835', 'Refused', '0', '0', '0', '0'],
      ['Bea Lindqvist', 'X12 835', 'Done', '3', '2', '2', '0'],
    ]);
    // When, on the clinic's clock with its zone named (the record's own time, not the test's clock).
    expect(rows[0][0]).to.match(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d E[SD]T$/);
    await screenshot(page, 'imports-page');
    await context.close();
  });

  it('a truncated 835 is refused whole: its page says so and names the segment', async () => {
    const { context, page } = await world.newPage();
    await signIn(page, users.billing.email, users.billing.password);
    await page.goto('/imports');
    await page.locator('#imports tbody tr').filter({ hasText: 'Refused' }).getByRole('link').click();
    const problem = page.locator('#import-problem');
    expect((await problem.textContent())?.trim()).to.match(
      /^The file was refused, and nothing was taken from it\. .*\bsegment \d+\b/,
    );
    // Nothing was counted: no bar, no summary.
    expect(await page.getByRole('progressbar').count()).to.equal(0);
    expect(await page.getByRole('region', { name: 'Summary' }).count()).to.equal(0);
    await expectAccessible(page, 'a refused import');
    await screenshot(page, 'imports-page-refused');
    await context.close();
  });

  it('a file that is not a remittance is refused on the upload form, which says why; the user stays', async () => {
    const { context, page } = await world.newPage();
    await signIn(page, users.billing.email, users.billing.password);
    await page.goto('/imports');
    await upload(page, 'notes.txt', 'Called the payer on Monday; they will fax the denial letter.');
    const problem = page.locator('#import-problem');
    await problem.waitFor();
    expect(await problem.textContent()).to.match(/^The file was not imported\. The file is not an X12 835.+\.$/);
    expect(new URL(page.url()).pathname).to.equal('/imports');
    expect(await page.getByLabel('Remittance file').getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(page, 'a refused upload');
    await context.close();
  });

  it(
    'without script, the form posts the file and opens its import, which refreshes itself to the summary; ' +
      'the same claims again make no new case',
    async () => {
      const page = await scriptlessPage(users.billing);
      await page.goto('/imports');
      // The same claims in another interchange (its own control number): another file, the same denials.
      const again = lakeshoreRemittance().replace(/000000731/g, '000000732');
      await upload(page, 'lakeshore-resent.835', again);
      await page.waitForURL(/\/imports\/[0-9a-f]{24}$/);
      await page.getByRole('region', { name: 'Summary' }).waitFor();
      const facts = await page.locator('dl.facts').textContent();
      expect(facts).to.include('Cases created0').and.include('Denials matched to a case already open2');
      expect(await page.getByText('This import made no new case.').count()).to.equal(1);
      await page.context().close();
    },
  );

  it('without script, a file that is not a remittance is refused on the form, which says why', async () => {
    const page = await scriptlessPage(users.billing);
    await page.goto('/imports');
    const [response] = await Promise.all([
      page.waitForResponse((res) => res.request().method() === 'POST'),
      upload(page, 'notes.txt', 'Called the payer on Monday; they will fax the denial letter.'),
    ]);
    await page.waitForLoadState();
    expect(response.status()).to.equal(422);
    expect(new URL(page.url()).pathname).to.equal('/imports');
    expect(await page.locator('#import-problem').textContent()).to.match(
      /^The file was not imported\. The file is not an X12 835.+\.$/,
    );
    await page.getByRole('button', { name: 'Import' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#import-problem').textContent()).to.equal('Choose the remittance file to import.');
    await page.context().close();
  });

  it('without script, a file over 50 MB and a forged form are refused, and nothing of either is kept', async () => {
    const { agent, csrf } = await signedInAgent(world.app, users.billing);
    const stored = () =>
      fs.readdir(path.join(loadTestConfig().uploadDir, 'imports'), { recursive: true }).catch(() => []);
    const [filesBefore, importsBefore] = [await stored(), (await agent.get('/api/v1/imports')).body.imports.length];

    const big = Buffer.concat([Buffer.from(lakeshoreRemittance()), Buffer.alloc(50 * 1024 * 1024, ' ')]);
    const tooLarge = await agent.post('/imports').field('_csrf', csrf).attach('file', big, 'large.835');
    expect(tooLarge.status).to.equal(413);
    expect(tooLarge.text).to.include('The file was not imported: it is larger than the 50 MB an import takes.');

    const forged = await agent
      .post('/imports')
      .field('_csrf', 'not-the-token')
      .attach('file', Buffer.from('ISA*00'), 'a.835');
    expect(forged.status).to.equal(403);

    expect(await stored()).to.have.members(filesBefore);
    expect((await agent.get('/api/v1/imports')).body.imports).to.have.length(importsBefore);
  });

  it('a clinician has no Imports link and is refused the page', async () => {
    const { context, page } = await world.newPage();
    await signIn(page, users.clinician.email, users.clinician.password);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).to.not.include('Imports');
    const res = await page.goto('/imports');
    expect(res?.status()).to.equal(403);
    await context.close();
  });
});
