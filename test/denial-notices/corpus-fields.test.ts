import { expect } from 'chai';
import { loadTestConfig } from '../../server/config.js';
import { readNotice, readNoticeText, type NoticeField } from '../../server/denial-notices/index.js';
import { corpusNotice } from './support.js';

/** A notice of the corpus read from its PDF, as an upload reads it. */
async function read(id: string) {
  const { pdf, expected } = corpusNotice(id);
  const text = await readNoticeText(pdf, loadTestConfig());
  return { ...readNotice(text.pages), expected, pages: text.pages };
}
const values = <T>(fields: NoticeField<T>[]) => fields.map((f) => f.value);

describe('denial notice fields read from corpus notices', () => {
  it('when a Medicare redetermination is read, then MBI, ICN, codes, LCD and QIC address are found', async () => {
    const { fields, expected, pages } = await read('medicare-redetermination');
    expect(pages.map((p) => p.source)).to.deep.equal(['text_layer']);
    expect(fields.memberId).to.include({ value: '7QW2HN4JA81', confidence: 'high' });
    expect(fields.memberId!.where.text).to.equal('7QW2-HN4-JA81');
    expect(fields.claimNumber).to.include({ value: expected.claimNumber, confidence: 'high' });
    expect(fields.noticeDate!.value).to.equal('2026-11-02');
    expect(values(fields.carcs)).to.deep.equal(['50']);
    expect(values(fields.rarcs)).to.deep.equal(['N115']);
    expect(values(fields.diagnosisCodes)).to.have.members(['I50.32', 'R06.02']);
    expect(values(fields.criteria)).to.deep.equal([{ kind: 'lcd', reference: 'L39242' }]);
    expect(values(fields.planHints)).to.deep.equal(['medicare_ab']);
    expect(fields.appealDeadline!.value).to.deep.equal({ days: 180 });
    expect(fields.appealsAddress!.value).to.equal(expected.appealsAddress);
    expect(fields.appealsFax!.value).to.equal('9045550122');
  });

  it('when a two-page ERISA notice is read, then its reason is verbatim, its appeal rights on page 2', async () => {
    const { fields, expected } = await read('erisa-employer-plan');
    expect(fields.denialReason!.value).to.equal(expected.denialReason);
    expect(fields.denialReason!.confidence).to.equal('high');
    expect(fields.reviewer!.value).to.deep.equal({ name: 'Priya Raman', credentials: ['MD', 'FACS'] });
    expect(values(fields.datesOfService)).to.deep.equal(['2026-09-14', '2026-09-16']);
    expect(fields.appealDeadline).to.deep.include({ value: { days: 180 }, confidence: 'high' });
    expect(fields.appealDeadline!.where.page).to.equal(2);
    expect(fields.appealsFax).to.deep.include({ value: '6125550188' });
    expect(fields.appealsFax!.where.page).to.equal(2);
    expect(values(fields.planHints)).to.include('erisa_group');
  });

  it('when a prior-auth denial offers a P2P call, then its phone and window are found; eviCore flags it', async () => {
    const { fields, automatedReview } = await read('prior-auth-p2p-evicore');
    expect(fields.peerToPeer!.value).to.deep.equal({
      phone: '8885550136',
      window:
        'within 14 calendar days of this notice by calling 1-888-555-0136, ' +
        'Monday through Friday, 8 a.m. to 6 p.m. Eastern',
    });
    expect(fields.authorizationNumber!.value).to.equal('EVC-1182736645');
    expect(automatedReview.flagged).to.equal(true);
    expect(automatedReview.words.map((w) => w.word)).to.include('eviCore');
  });

  it('when an InterQual denial is read, then criteria and the automated-review flag name it', async () => {
    const { fields, automatedReview } = await read('interqual-inpatient-ma');
    expect(values(fields.criteria)).to.deep.equal([{ kind: 'interqual' }]);
    expect(automatedReview.words[0]).to.include({ word: 'InterQual', page: 1 });
    expect(automatedReview.words[0].context).to.contain('reviewed using InterQual 2026 Acute Adult criteria');
  });

  it('when a Medicare Summary Notice masks the Medicare number, then no member id is taken from it', async () => {
    const { fields } = await read('medicare-summary-notice');
    expect(fields.memberId).to.equal(null);
    expect(fields.appealDeadline!.value).to.deep.equal({ date: '2027-01-29' });
    expect(values(fields.procedureCodes)).to.deep.equal(['G0399']);
    expect(fields.procedureCodes[0].confidence).to.equal('medium');
  });
});
