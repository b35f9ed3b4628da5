import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { makeUsers, testApp } from '../support/app.js';
import { faxTiff, scannedJpegs } from '../support/fax-tiff.js';
import { DenialNoticeModel } from '../../server/denial-notices/denial-notice.model.js';
import { corpusNotice } from './support.js';

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

describe('denial notices that arrive as a faxed TIFF', function () {
  // OCR of two fax pages takes tens of seconds on a busy machine; the test waits for it, it does not time it.
  this.timeout(300_000);
  const { http } = testApp();
  let users: Awaited<ReturnType<typeof makeUsers>>;
  before(async () => {
    users = await makeUsers();
  });

  // The corpus's scan of the notice (render-notices.ts), faxed black and white in fine mode (204 × 196 dpi)
  // and in standard mode (204 × 98 dpi), whose pixels are twice as tall as wide.
  for (const mode of ['fine', 'standard'] as const)
    it(
      `when a two-page ERISA notice arrives as a G4 fax TIFF in ${mode} mode, then 201 gives both pages read by ` +
        'OCR and its claim, member id, notice date and the appeals fax printed on page 2',
      async () => {
        const scanned = fs.readFileSync(path.resolve('test/fixtures/denial-notices/erisa-employer-plan.scanned.pdf'));
        const fax = await faxTiff(await scannedJpegs(scanned), { mode });
        const { expected } = corpusNotice('erisa-employer-plan');

        const res = await http.post('/api/v1/denial-notices').set(users.billing.auth).attach('file', fax, 'fax.tif');
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        expect(res.body).to.include({ mediaType: 'image/tiff', pageCount: 2, sha256: sha256(fax) });
        expect(res.body).to.not.have.property('textFlag');
        expect(res.body.pages.map((p: { page: number; source: string }) => [p.page, p.source])).to.deep.equal([
          [1, 'ocr'],
          [2, 'ocr'],
        ]);
        for (const page of res.body.pages) expect(page.confidence).to.be.within(60, 100);
        expect(res.body.pages[0].text).to.include('Northstar Mutual Insurance Company');
        expect(res.body.pages[1].text).to.include('Your rights under ERISA');

        const { fields } = res.body;
        expect(fields.claimNumber).to.include({ value: expected.claimNumber });
        expect(fields.memberId).to.include({ value: expected.memberId });
        expect(fields.noticeDate).to.include({ value: expected.noticeDate });
        expect(fields.appealsFax).to.include({ value: expected.appealsFax });
        expect(fields.appealsFax.where.page).to.equal(2);
        const record = await DenialNoticeModel.findById(res.body.id).lean();
        expect(record).to.include({ mediaType: 'image/tiff', pageCount: 2 });
      },
    );

  it('when a notice named .tif is not a TIFF, then 415 problem+json names what it is and nothing is kept', async () => {
    const before = await DenialNoticeModel.countDocuments();
    const { pdf } = corpusNotice('snf-navihealth-ma');
    const res = await http
      .post('/api/v1/denial-notices')
      .set(users.billing.auth)
      .attach('file', pdf, { filename: 'fax.tif', contentType: 'application/octet-stream' });
    expect(res.status).to.equal(415);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body).to.include({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detectedType: 'application/pdf',
      detail: 'The file was sent as a ".tif" file, but its content is a PDF (application/pdf)',
    });
    expect(await DenialNoticeModel.countDocuments()).to.equal(before);
  });
});
