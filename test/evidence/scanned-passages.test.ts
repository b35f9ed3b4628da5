import { expect } from 'chai';
import { containsPassage, findPassages } from '../../server/evidence/passages.js';

describe('evidence: quoting a page read by OCR', () => {
  const scan =
    'Conservative care has failed and decompression is medi-\n\ncally necessary after bone-on-\nbone  changes.';
  const scanned = { scanned: true };

  it('when a word is split at a line-end hyphen on a scanned page, then a quote with or without it matches', () => {
    expect(containsPassage(scan, 'decompression is medically necessary', scanned)).to.equal(true);
    expect(containsPassage(scan, 'decompression is medi-cally necessary', scanned)).to.equal(true);
    expect(containsPassage(scan, 'after bone-on-bone changes', scanned)).to.equal(true);
  });

  it('when a quoted word differs from the scanned page, then the quote fails', () => {
    expect(containsPassage(scan, 'decompression is not medically necessary', scanned)).to.equal(false);
    expect(containsPassage(scan, 'decompression is medicaly necessary', scanned)).to.equal(false);
    expect(containsPassage(scan, 'decompression is medi cally necessary', scanned)).to.equal(false);
  });

  it('when the same text is a PDF’s own text layer, then a split word is not joined', () => {
    expect(containsPassage(scan, 'decompression is medically necessary')).to.equal(false);
    expect(containsPassage(scan, 'decompression is medi-cally necessary')).to.equal(true);
  });

  it('when a passage found on a scanned page is quoted back verbatim, then it matches the page', () => {
    const [passage] = findPassages(scan, 'medically', scanned);
    expect(passage).to.include('medi-cally necessary');
    expect(containsPassage(scan, passage, scanned)).to.equal(true);
  });
});
