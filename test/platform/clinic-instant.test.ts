import { expect } from 'chai';
import { clinicInstant } from '../../server/platform/clock.js';
import { instant } from '../../server/platform/http/common-schemas.js';

/** A time typed without an offset is the clinic's wall-clock time, whatever zone the server runs in. */
describe('times typed on the clinic’s clock', () => {
  it('when 09:30 is typed in a New York clinic in November (EST), then it is 14:30 UTC', () => {
    expect(clinicInstant('2026-11-23T09:30', 'America/New_York').toISOString()).to.equal('2026-11-23T14:30:00.000Z');
  });

  it('when the clinic is on summer time (EDT), then the same wall-clock time is 13:30 UTC', () => {
    expect(clinicInstant('2026-07-01T09:30', 'America/New_York').toISOString()).to.equal('2026-07-01T13:30:00.000Z');
  });

  it('when a time carries its own offset, then the clinic’s zone does not change it', () => {
    expect(clinicInstant('2026-11-23T09:30:00+09:00', 'America/New_York').toISOString()).to.equal(
      '2026-11-23T00:30:00.000Z',
    );
    const at = new Date('2026-11-23T14:00:00Z');
    expect(clinicInstant(at, 'America/New_York')).to.equal(at);
  });

  it('the API schema keeps a time without an offset as typed and refuses one that is no time', () => {
    expect(instant.validate('2026-11-23T09:30').value).to.equal('2026-11-23T09:30');
    expect(instant.validate('2026-11-23T14:30:00Z').value).to.be.instanceOf(Date);
    expect(instant.validate('half past nine').error?.message).to.match(/date and time/);
  });
});
