import { expect } from 'chai';
import { displayDateTime } from '../../server/web/case-file.service.js';

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
