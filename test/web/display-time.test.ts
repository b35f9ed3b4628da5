import { expect } from 'chai';
import { displayDateTime } from '../../server/web/case-file.service.js';
import { datesInWords } from '../../server/web/web-labels.js';

describe('times on the case file', () => {
  it('when an event happened at 14:05 UTC on 23 November, then a New York clinic reads 09:05 EST', () => {
    expect(displayDateTime('2026-11-23T14:05:00Z', 'America/New_York')).to.equal('23 Nov 2026, 09:05 EST');
  });
  it('when the same moment falls in summer, then the page says EDT', () => {
    expect(displayDateTime('2026-07-01T14:05:00Z', 'America/New_York')).to.equal('1 Jul 2026, 10:05 EDT');
  });
  it('when it is just after midnight UTC, then a Los Angeles clinic sees the evening before', () => {
    expect(displayDateTime('2026-03-01T00:30:00Z', 'America/Los_Angeles')).to.equal('28 Feb 2026, 16:30 PST');
  });
});

describe('deadline explanations on a page', () => {
  it('when a basis counts from the notice date, then every date in it reads in words', () => {
    expect(
      datesInWords('120 days from the notice date (2026-03-02) → 2026-06-30; falls on Saturday 2026-07-04, rolled'),
    ).to.equal('120 days from the notice date (2 Mar 2026) → 30 Jun 2026; falls on Saturday 4 Jul 2026, rolled');
  });
  it('when a basis holds no date, then it is shown as written', () => {
    expect(datesInWords('no regulatory decision deadline: a commercial plan')).to.equal(
      'no regulatory decision deadline: a commercial plan',
    );
  });
});
