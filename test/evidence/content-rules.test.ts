import { expect } from 'chai';
import { containsPassage, findPassages, flatten } from '../../server/evidence/passages.js';
import { splitTextPages, decodeText } from '../../server/evidence/document-content.js';
import { pngInfo, jpegInfo, DamagedImageError } from '../../server/evidence/image-info.js';
import { identifyContent } from '../../server/evidence/content-check.js';
import { fixture } from './support.js';

describe('evidence rules: passages, text pages, images, content types', () => {
  describe('passages', () => {
    const page =
      'Patient completed 8 weeks of supervised\nphysical  therapy with “no improvement” ' +
      '— see PT discharge\nsummary. Straight-leg raise positive.';

    it('when a quote spans a line break, typographic quotes and a different case, then it is found', () => {
      expect(containsPassage(page, 'supervised physical therapy with "NO improvement" - see')).to.equal(true);
    });

    it('when a quote changes a word, then it is not found', () => {
      expect(containsPassage(page, 'completed 6 weeks of supervised physical therapy')).to.equal(false);
      expect(containsPassage(page, '   ')).to.equal(false);
    });

    it('when words occur, then the passage around them can itself be quoted', () => {
      const [passage] = findPassages(page, 'physical therapy', { context: 20 });
      expect(passage).to.equal('…of supervised physical therapy with "no…');
      expect(containsPassage(page, passage.replace(/…/g, ''))).to.equal(true);
    });

    describe('a hyphenated word wrapped at its hyphen', () => {
      const xray = 'Standing films show severe medial joint space loss with bone-on-\nbone contact and osteophytes.';

      it('when "bone-on-bone" wraps at a line end, then the true quote is found', () => {
        expect(containsPassage(xray, 'severe medial joint space loss with bone-on-bone contact')).to.equal(true);
        expect(containsPassage('bone-on-  \r\n  bone contact', 'bone-on-bone contact')).to.equal(true);
      });

      it('when a word of the quote is changed, or the hyphen dropped, then it is still refused', () => {
        expect(containsPassage(xray, 'with bone-on-cartilage contact')).to.equal(false);
        expect(containsPassage(xray, 'with bone on bone contact')).to.equal(false);
        expect(containsPassage(xray, 'with bone-on- contact')).to.equal(false);
      });

      it('when the case is searched for "bone-on-bone", then the wrapped passage is found and can be quoted', () => {
        const [passage] = findPassages(xray, 'bone-on-bone', { context: 10 });
        expect(passage).to.equal('…with bone-on-bone contact…');
        expect(containsPassage(xray, passage.replace(/…/g, ''))).to.equal(true);
      });

      it('when a dash stands between spaces, or a soft hyphen breaks a word, then only layout is ignored', () => {
        expect(flatten('knee - worse at\nnight')).to.equal('knee - worse at night');
        expect(containsPassage('osteo\u00ad\narthritis of the knee', 'osteoarthritis of the knee')).to.equal(true);
      });
    });

    it('when a query holds regular-expression characters, then they are taken literally', () => {
      expect(findPassages('Dose (mg) 200 q3w', '(mg)')).to.deep.equal(['Dose (mg) 200 q3w']);
      expect(flatten('ﬁbrosis')).to.equal('fibrosis');
    });
  });

  describe('text pages', () => {
    it('when a note has 120 short lines, then it has three pages of at most 50 lines', () => {
      const pages = splitTextPages(Array.from({ length: 120 }, (_, i) => `line ${i + 1}`).join('\n'));
      expect(pages.map((p) => p.split('\n').length)).to.deep.equal([50, 50, 20]);
    });

    it('when lines are long, then they count as the printed lines they wrap to', () => {
      const pages = splitTextPages(Array.from({ length: 30 }, () => 'x'.repeat(180)).join('\n'));
      expect(pages.map((p) => p.split('\n').length)).to.deep.equal([25, 5]);
    });

    it('when a file has no line breaks at all, then it is cut into page-sized pieces', () => {
      expect(splitTextPages('y'.repeat(10_000)).map((p) => p.length)).to.deep.equal([4500, 4500, 1000]);
    });

    it('when form feeds separate pages, then each starts a page and empty pages are dropped', () => {
      expect(splitTextPages('one\fTwo\n\f\f  \fthree')).to.deep.equal(['one', 'Two', 'three']);
    });

    it('when a file has a byte-order mark and Windows line endings, then both are dropped', () => {
      expect(decodeText(Buffer.from('\uFEFFa\r\nb\rc', 'utf8'))).to.equal('a\nb\nc');
    });
  });

  describe('images', () => {
    it('when a PNG and a JPEG are whole, then their pixel sizes are read', async () => {
      expect(pngInfo(await fixture('scanned-log.png'))).to.deep.equal({ width: 167, height: 112 });
      expect(jpegInfo(await fixture('scanned-log.jpg'))).to.deep.equal({ width: 167, height: 112 });
    });

    it('when a PNG has a flipped byte, or a JPEG is cut off, then it is reported damaged', async () => {
      const png = Buffer.from(await fixture('scanned-log.png'));
      png[60] ^= 0xff;
      expect(() => pngInfo(png)).to.throw(DamagedImageError, /damaged/);
      const jpg = await fixture('scanned-log.jpg');
      expect(() => jpegInfo(jpg.subarray(0, jpg.length - 2))).to.throw(DamagedImageError, 'the image is incomplete');
    });
  });

  describe('content types', () => {
    it(
      'when UTF-8 text arrives with no declared type, then it is plain text; Latin-1 ' + 'bytes or NULs are not',
      async () => {
        expect(await identifyContent(Buffer.from('Tomás: pain ≥ 6/10\n'), {})).to.equal('text/plain');
        const latin1 = Buffer.from('Tom\xe1s', 'latin1');
        await identifyContent(latin1, {}).then(
          () => expect.fail('accepted'),
          (err: { status: number }) => expect(err.status).to.equal(415),
        );
        await identifyContent(Buffer.from('a\u0000b'), {}).then(
          () => expect.fail('accepted'),
          (err: { status: number }) => expect(err.status).to.equal(415),
        );
      },
    );

    it(
      'when the extension claims another type than the bytes, then it is refused; ' +
        'an unknown extension claims nothing',
      async () => {
        const png = await fixture('scanned-log.png');
        expect(await identifyContent(png, { mimetype: 'application/octet-stream', extension: 'scan' })).to.equal(
          'image/png',
        );
        await identifyContent(png, { mimetype: 'application/octet-stream', extension: 'jpg' }).then(
          () => expect.fail('accepted'),
          (err: Error) =>
            expect(err.message).to.equal(
              'The file was sent as a ".jpg" file, but its content is a PNG image (image/png)',
            ),
        );
      },
    );
  });
});
