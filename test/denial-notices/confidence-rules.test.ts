import { expect } from 'chai';
import { readNotice, type NoticePage } from '../../server/denial-notices/index.js';

/** A one-page notice of these lines, as its text layer would read. */
const notice = (...lines: string[]): NoticePage[] => [{ page: 1, text: lines.join('\n'), source: 'text_layer' }];
const fieldsOf = (...lines: string[]) => readNotice(notice(...lines)).fields;

describe('denial notice fields: confidence rules', () => {
  it('when a labelled value is printed as read and passes its rule, then it is high and says where it was', () => {
    const { claimNumber, dateOfBirth } = fieldsOf('Claim number: CHC-2026-00938871', 'Date of birth: 12/05/1979');
    expect(claimNumber).to.deep.equal({
      value: 'CHC-2026-00938871',
      confidence: 'high',
      where: {
        page: 1,
        text: 'CHC-2026-00938871',
        context: 'Claim number: CHC-2026-00938871 Date of birth: 12/05/1979',
      },
    });
    expect(dateOfBirth).to.include({ value: '1979-12-05', confidence: 'high' });
  });

  it('when an OCR read a zero as the letter O in a date, then the repaired date is medium, never high', () => {
    const { dateOfBirth } = fieldsOf('Date of birth: 1O/09/1988');
    expect(dateOfBirth).to.include({ value: '1988-10-09', confidence: 'medium' });
    expect(dateOfBirth!.where.text).to.equal('1O/09/1988');
  });

  it('when an OCR read a one as the letter l in an NPI, then the repaired NPI is medium, never high', () => {
    expect(fieldsOf('Provider NPI: l234567893').providerNpi).to.include({ value: '1234567893', confidence: 'medium' });
  });

  it('when an NPI fails its Luhn check digit, then it is low', () => {
    expect(fieldsOf('NPI: 1234567890').providerNpi).to.include({ value: '1234567890', confidence: 'low' });
  });

  it('when a Medicare number breaks the MBI format (S is never used), then it is low, and a valid one is high', () => {
    expect(fieldsOf('Medicare Number: 1SQ2-HN4-JA81').memberId).to.include({ confidence: 'low' });
    expect(fieldsOf('Medicare Number: 7QW2-HN4-JA81').memberId).to.include({
      value: '7QW2HN4JA81',
      confidence: 'high',
    });
  });

  it('when a date of birth is no calendar day (30 February), then it is low', () => {
    expect(fieldsOf('DOB: 02/30/1988').dateOfBirth).to.include({ value: '02/30/1988', confidence: 'low' });
  });

  it('when codes fail their shapes (CDT as HCPCS, a U code as ICD-10, an unknown CARC), then each is low', () => {
    const fields = fieldsOf('HCPCS: D1110, J1030', 'Diagnosis: U99.9, M54.50', 'CARC: 999, 50');
    const byValue = (list: { value: string; confidence: string }[]) =>
      Object.fromEntries(list.map((f) => [f.value, f.confidence]));
    expect(byValue(fields.procedureCodes)).to.deep.equal({ D1110: 'low', J1030: 'high' });
    expect(byValue(fields.diagnosisCodes)).to.deep.equal({ 'U99.9': 'low', 'M54.50': 'high' });
    expect(byValue(fields.carcs)).to.deep.equal({ '999': 'low', '50': 'high' });
  });

  it('when a value is found without a label (a greeting, a dotted code in prose), then it is medium', () => {
    const fields = fieldsOf('Dear Maria Lopez:', 'Your knee (M17.11) was reviewed.');
    expect(fields.patientName).to.include({ value: 'Maria Lopez', confidence: 'medium' });
    expect(fields.diagnosisCodes.map((f) => [f.value, f.confidence])).to.deep.equal([['M17.11', 'medium']]);
  });

  it('when a fax number is no North American number (area code starting 1), then it is low', () => {
    const { appealsFax } = fieldsOf('Send your appeal to us.', 'Appeals fax: (123) 555-0188');
    expect(appealsFax).to.include({ confidence: 'low' });
  });

  it('when an OCR was unsure of a word in a value, then the value is medium; a value of sure words stays high', () => {
    const text = ['Patient name: Winifred P. Osel', 'Claim number: CHC-2026-00938871'].join('\n');
    const unsure = { start: text.indexOf('Osel'), end: text.indexOf('Osel') + 4 };
    const ocrPage = (spans?: NoticePage['unsure']): NoticePage[] => [
      { page: 1, text, source: 'ocr', confidence: 88, ...(spans ? { unsure: spans } : {}) },
    ];
    const read = readNotice(ocrPage([unsure])).fields;
    expect(read.patientName).to.include({ value: 'Winifred P. Osel', confidence: 'medium' });
    expect(read.claimNumber).to.include({ value: 'CHC-2026-00938871', confidence: 'high' });
    // A notice read before the unsure words were kept has none recorded: rated as before.
    expect(readNotice(ocrPage()).fields.patientName).to.include({ confidence: 'high' });
  });

  it('when the notice has no such field, then it is null or empty: nothing is guessed', () => {
    const fields = fieldsOf('Thank you for your letter.');
    expect(fields.claimNumber).to.equal(null);
    expect(fields.memberId).to.equal(null);
    expect(fields.carcs).to.deep.equal([]);
    expect(readNotice(notice('Thank you.')).automatedReview).to.deep.equal({ flagged: false, words: [] });
  });

  it('when a notice names an algorithm and a UM vendor, then the review is flagged with the words and where', () => {
    const { automatedReview } = readNotice(
      notice('Requests are reviewed by Carelon Medical Benefits Management.', 'An algorithm estimated your stay.'),
    );
    expect(automatedReview.flagged).to.equal(true);
    expect(automatedReview.words.map((w) => [w.word, w.page])).to.deep.equal([
      ['Carelon', 1],
      ['algorithm', 1],
    ]);
  });
});
