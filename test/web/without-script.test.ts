/**
 * The case file's appeal-work forms and the P2P outcome form in real Chromium with JavaScript
 * turned off: each is an ordinary form that posts to the page, which validates with the API's
 * schema, so a refusal is explained on the page and a success comes back with a notice.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { caseBody } from '../support/factories.js';
import { narrative } from '../packets/packet-support.js';
import { SCREENSHOTS } from '../support/browser.js';
import { filesUnder, notePdf, PROGRESS_NOTE, sha256 } from '../evidence/support.js';
import { loadTestConfig } from '../../server/config.js';
import { browserWorld, makeWebUser } from './web-support.js';
import { PacketModel } from '../../server/packets/packet.model.js';
import { EvidenceDocumentModel } from '../../server/evidence/evidence-document.model.js';

describe('web forms without page script', function () {
  this.timeout(180_000);
  const world = browserWorld(new Date('2026-11-23T18:00:00Z'));

  const scriptlessPage = world.scriptlessPage;

  /** Clicks a form's button and waits for the page the server answers with. */
  async function send(page: Page, scope: ReturnType<Page['locator']>, button: string) {
    await Promise.all([page.waitForEvent('load'), scope.getByRole('button', { name: button }).click()]);
  }

  it(
    'a clinician attaches a criterion, generates a packet and records its submission; ' +
      'each refusal is explained in its form',
    async () => {
      const clinician = await makeWebUser('clinician');
      // The letter's template refuses generation without the clinician's narrative.
      const opened = await world.http.post('/api/v1/cases').set(clinician.auth).send(caseBody({ narrative }));
      expect(opened.status).to.equal(201);
      const caseId = opened.body.id as string;
      await world.http
        .post(`/api/v1/cases/${caseId}/transitions`)
        .set(clinician.auth)
        .send({ version: opened.body.version, to: 'gathering_evidence' })
        .expect(200);
      const guideline = await world.http
        .post('/api/v1/guidelines')
        .set(clinician.auth)
        .send({
          source: 'payer_policy',
          title: `Lumbar MRI policy ${Date.now()}`,
          issuingBody: 'Acme Health Plan',
          section: 'criterion 2',
          criterionText: 'Six weeks of failed conservative therapy before MRI for radicular pain',
          procedureCodes: ['72148'],
        });
      expect(guideline.status).to.equal(201);

      const page = await scriptlessPage(clinician);
      await page.goto(`/cases/${caseId}`);
      const documents = page.locator('#documents');
      // Text that claims to be a PDF is refused by its content, and nothing is stored.
      await documents.getByLabel('Kind').selectOption('progress_note');
      await documents.getByLabel('Date of the record').fill('2026-11-10');
      await documents.locator('#upload-file').setInputFiles({
        name: 'note.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('not a PDF at all, only words'),
      });
      await send(page, documents, 'Upload');
      expect(await documents.locator('.error-summary').textContent()).to.contain('but its content is');
      expect(await EvidenceDocumentModel.countDocuments({ caseId })).to.equal(0);

      // Left without a title, a record is named by its kind and date (a plain form cannot read the file's name).
      await documents.getByLabel('Kind').selectOption('progress_note');
      await documents.getByLabel('Date of the record').fill('2026-11-10');
      await documents
        .locator('#upload-file')
        .setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: await notePdf(PROGRESS_NOTE) });
      await send(page, documents, 'Upload');
      expect(new URL(page.url()).searchParams.get('notice')).to.equal('uploaded');
      expect(await page.locator('#documents tbody').textContent()).to.contain('Progress note, 10 Nov 2026');

      const criteria = page.locator('#criteria');
      // The guideline list is on the page itself, not fetched by script.
      await criteria.getByLabel('Guideline').selectOption(guideline.body.id);
      await criteria.getByLabel('Judged').selectOption('met');
      await send(page, criteria, 'Attach criterion');
      expect(await criteria.locator('.error-summary').textContent()).to.contain(
        'a criterion marked met needs at least one piece of evidence',
      );
      expect(await criteria.locator('.error-summary').isVisible()).to.equal(true);
      await criteria.screenshot({ path: path.join(SCREENSHOTS, 'case-file-criterion-refused-without-script.png') });

      await criteria.getByLabel('Guideline').selectOption(guideline.body.id);
      await criteria.getByLabel('Judged').selectOption('met');
      await criteria.getByLabel('Evidence record').selectOption({ label: 'Progress note, 10 Nov 2026 (10 Nov 2026)' });
      await criteria.getByLabel('Page', { exact: true }).fill('9');
      await criteria
        .getByLabel('Quote, word for word from that page')
        .fill('Completed 8 weeks of supervised physical therapy');
      await send(page, criteria, 'Attach criterion');
      // Refused for the page, the form comes back as it was typed: only the page needs fixing.
      expect(await criteria.locator('.error-summary').textContent()).to.contain('page');
      expect(await criteria.getByLabel('Guideline').inputValue()).to.equal(guideline.body.id);
      expect(await criteria.getByLabel('Quote, word for word from that page').inputValue()).to.equal(
        'Completed 8 weeks of supervised physical therapy',
      );
      await criteria.getByLabel('Page', { exact: true }).fill('1');
      await send(page, criteria, 'Attach criterion');
      expect(new URL(page.url()).searchParams.get('notice')).to.equal('criterion');
      expect(await page.locator('#criteria').textContent())
        .to.contain('Met')
        .and.contain('Progress note, 10 Nov 2026, page 1')
        .and.contain('Completed 8 weeks of supervised physical therapy');

      await send(page, page.locator('#letter'), 'Generate packet');
      expect(await page.locator('.notice').first().textContent()).to.contain('Packet generated');
      expect(await page.getByRole('heading', { name: 'Packet version 1' }).isVisible()).to.equal(true);
      expect(await page.locator('#case-status').textContent()).to.equal('Appeal drafted');

      // Ten minutes on (13:10 in New York), the fax goes out.
      world.clock.advance(600_000);
      const packet = page.locator('.packet').first();
      await packet.getByLabel('Sent by', { exact: true }).selectOption('fax');
      await packet.getByLabel('Received by the payer at').fill('2026-11-23T13:30');
      await send(page, packet, 'Record submission');
      expect(await page.locator('.packet .error-summary').first().textContent()).to.contain(
        'The submission time is in the future',
      );

      await page.locator('.packet').first().getByLabel('Sent by', { exact: true }).selectOption('fax');
      // 13:05 on the clinic's wall clock in New York (EST) is 18:05 UTC.
      await page.locator('.packet').first().getByLabel('Received by the payer at').fill('2026-11-23T13:05');
      await page.locator('.packet').first().getByLabel('Confirmation number').fill('FAX-7781');
      await send(page, page.locator('.packet').first(), 'Record submission');
      expect(await page.locator('#letter .notice').textContent())
        .to.contain('Submitted: Fax')
        .and.contain('confirmation FAX-7781');
      expect(await page.locator('#case-status').textContent()).to.equal('Submitted');
      const stored = await PacketModel.findOne({ caseId }).lean();
      expect(stored!.submission!.submittedAt.toISOString()).to.equal('2026-11-23T18:05:00.000Z');
      await page.context().close();
    },
  );

  it(
    'a medical director records an overturn; without the decision date it is ' + 'refused and the call stays open',
    async () => {
      const [director, billing] = await Promise.all([makeWebUser('medical_director'), makeWebUser('billing')]);
      await world.http
        .put(`/api/v1/physicians/${director.id}/availability`)
        .set(director.auth)
        .send({
          version: 0,
          timeZone: 'America/New_York',
          weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
        })
        .expect(200);
      const opened = await world.http
        .post('/api/v1/cases')
        .set(billing.auth)
        .send(caseBody({ denial: { ...caseBody().denial, noticeDate: '2026-11-19', receivedDate: '2026-11-19' } }));
      const requested = await world.http
        .post(`/api/v1/cases/${opened.body.id}/p2p`)
        .set(billing.auth)
        .send({ physicianId: director.id, window: { lastDate: '2026-12-01' } });
      expect(requested.status, JSON.stringify(requested.body)).to.equal(201);
      const booked = await world.http
        .post(`/api/v1/p2p/${requested.body.id}/schedule`)
        .set(billing.auth)
        .send({ version: requested.body.version, start: '2026-11-24T15:00:00Z', durationMinutes: 30 });
      expect(booked.status, JSON.stringify(booked.body)).to.equal(200);

      const page = await scriptlessPage(director);
      await page.goto('/p2p');
      const call = () => page.locator(`#call-${requested.body.id}`);
      await call().getByLabel('Result').selectOption('overturned');
      await call().getByLabel('What was agreed').fill('MRI approved as requested');
      await send(page, call(), 'Record outcome');
      expect(await call().locator('.error-summary').textContent())
        .to.contain('Date of the payer’s revised decision is required')
        .and.contain('Payer’s reference number is required');
      expect((await world.http.get(`/api/v1/p2p/${requested.body.id}`).set(director.auth)).body.status).to.equal(
        'scheduled',
      );
      expect([
        await call().getByLabel('Result').inputValue(),
        await call().getByLabel('What was agreed').inputValue(),
      ]).to.deep.equal(['overturned', 'MRI approved as requested']);

      await call().getByLabel('Date of the payer’s revised decision').fill('2026-11-23');
      await call().getByLabel('Payer’s reviewer').fill('Dr. Lee');
      await call().getByLabel('Payer’s reference number').fill('UM-60231');
      await send(page, call(), 'Record outcome');
      expect(new URL(page.url()).searchParams.get('notice')).to.equal('outcome');
      expect(await call().locator('.notice').textContent()).to.equal('Outcome: Overturned: MRI approved as requested');
      expect((await world.http.get(`/api/v1/cases/${opened.body.id}`).set(billing.auth)).body.status).to.equal(
        'overturned',
      );
      await page.context().close();
    },
  );

  it('a medical director who may not generate packets is refused by the page route as by the API', async () => {
    const [director, clinician] = await Promise.all([makeWebUser('medical_director'), makeWebUser('clinician')]);
    const opened = await world.http.post('/api/v1/cases').set(clinician.auth).send(caseBody());
    const page = await scriptlessPage(director);
    await page.goto(`/cases/${opened.body.id}`);
    expect(await page.getByRole('button', { name: 'Generate packet' }).count()).to.equal(0);
    const token = await page.locator('input[name="_csrf"]').first().getAttribute('value');
    const res = await page.request.post(`/cases/${opened.body.id}/packets`, {
      form: { _csrf: token!, template: 'medical_necessity' },
    });
    expect(res.status()).to.equal(403);
    expect(await PacketModel.countDocuments({ caseId: opened.body.id })).to.equal(0);
    await page.context().close();
  });

  it(
    'an upload form posted without its CSRF token is refused before the file ' + 'is stored, and leaves nothing behind',
    async () => {
      const clinician = await makeWebUser('clinician');
      const opened = await world.http.post('/api/v1/cases').set(clinician.auth).send(caseBody());
      const page = await scriptlessPage(clinician);
      const bytes = await notePdf([[`Forged ${crypto.randomUUID()}`]]);
      const res = await page.request.post(`/cases/${opened.body.id}/documents`, {
        multipart: {
          title: 'Forged',
          kind: 'other',
          date: '2026-11-10',
          file: { name: 'x.pdf', mimeType: 'application/pdf', buffer: bytes },
        },
      });
      expect(res.status()).to.equal(403);
      expect(await EvidenceDocumentModel.countDocuments({ caseId: opened.body.id })).to.equal(0);
      const stored = path.join(loadTestConfig().uploadDir, sha256(bytes).slice(0, 2), sha256(bytes));
      expect(
        await fs.access(stored).then(
          () => 'stored',
          () => 'absent',
        ),
      ).to.equal('absent');
      const temporary = await filesUnder(path.join(loadTestConfig().uploadDir, 'tmp'));
      for (const name of temporary)
        expect(
          (await fs.readFile(path.join(loadTestConfig().uploadDir, 'tmp', name)).catch(() => Buffer.alloc(0))).equals(
            bytes,
          ),
          name,
        ).to.equal(false);
      await page.context().close();
    },
  );

  it(
    'a medical director sets weekly hours and a day off; an impossible time zone ' + 'is refused and nothing changes',
    async () => {
      const director = await makeWebUser('medical_director');
      const page = await scriptlessPage(director);
      await page.goto('/p2p');
      const form = page.locator('#availability');
      await form.getByLabel('Time zone').fill('Eastern Time');
      await form.getByLabel('Day of row 0').selectOption('Tuesday');
      await form.getByLabel('From, row 0').fill('08:00');
      await form.getByLabel('To, row 0').fill('11:30');
      await send(page, form, 'Save availability');
      expect(await form.locator('.error-summary').textContent()).to.contain('Time zone');
      expect(
        (await world.http.get(`/api/v1/physicians/${director.id}/availability`).set(director.auth)).body.weekly,
      ).to.deep.equal([]);

      await form.getByLabel('Time zone').fill('America/Chicago');
      await form.getByLabel('Day of row 0').selectOption('Tuesday');
      await form.getByLabel('From, row 0').fill('08:00');
      await form.getByLabel('To, row 0').fill('11:30');
      await form.getByLabel('Day of row 1').selectOption('Thursday');
      await form.getByLabel('From, row 1').fill('14:00');
      await form.getByLabel('To, row 1').fill('16:00');
      await form.getByLabel('Add a day off').fill('2026-12-24');
      await send(page, form, 'Save availability');
      expect(new URL(page.url()).searchParams.get('notice')).to.equal('availability');
      const saved = (await world.http.get(`/api/v1/physicians/${director.id}/availability`).set(director.auth)).body;
      expect(saved).to.deep.include({ timeZone: 'America/Chicago' });
      expect(saved.weekly).to.deep.equal([
        { weekday: 2, start: '08:00', end: '11:30' },
        { weekday: 4, start: '14:00', end: '16:00' },
      ]);
      expect(saved.exceptions).to.deep.equal([{ date: '2026-12-24', kind: 'leave' }]);
      await page.context().close();
    },
  );
});
