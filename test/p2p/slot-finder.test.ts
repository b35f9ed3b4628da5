import { expect } from 'chai';
import { findSlots, blockKeys, hoursOn, type SlotSearch } from '../../server/p2p/slot-finder.js';

const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));
const search = (over: Partial<SlotSearch>): SlotSearch => ({
  now: new Date('2026-11-23T12:00:00Z'),
  timeZone: 'America/Chicago',
  weekly: weekdays('09:00', '10:00'),
  exceptions: [],
  lastDate: '2026-12-31',
  busy: [],
  durationMinutes: 30,
  count: 2,
  ...over,
});
const starts = (q: SlotSearch) => findSlots(q).map((s) => s.start.toISOString());

describe('slot finder', () => {
  it(
    'when the same 09:00 weekly hours are in Chicago and in Los Angeles, then ' +
      'the slots are the same wall-clock times two hours apart in UTC',
    () => {
      expect(starts(search({}))).to.deep.equal(['2026-11-23T15:00:00.000Z', '2026-11-23T15:30:00.000Z']);
      expect(starts(search({ timeZone: 'America/Los_Angeles' }))).to.deep.equal([
        '2026-11-23T17:00:00.000Z',
        '2026-11-23T17:30:00.000Z',
      ]);
      expect(findSlots(search({ timeZone: 'America/Los_Angeles' }))[0].localStart).to.equal(
        '2026-11-23T09:00:00.000-08:00',
      );
    },
  );

  it(
    'when daylight saving ends in Chicago on Sunday 2026-11-01, then 09:00 is ' +
      '14:00 UTC on the Friday before and 15:00 UTC on the Monday after',
    () => {
      const q = search({ now: new Date('2026-10-30T12:00:00Z'), weekly: weekdays('09:00', '09:30'), count: 2 });
      expect(findSlots(q).map((s) => s.localStart)).to.deep.equal([
        '2026-10-30T09:00:00.000-05:00',
        '2026-11-02T09:00:00.000-06:00',
      ]);
      expect(starts(q)).to.deep.equal(['2026-10-30T14:00:00.000Z', '2026-11-02T15:00:00.000Z']);
    },
  );

  it(
    'when daylight saving starts in Chicago on Sunday 2027-03-14, then 09:00 ' + 'moves from 15:00 UTC to 14:00 UTC',
    () => {
      expect(
        starts(
          search({ now: new Date('2027-03-12T12:00:00Z'), weekly: weekdays('09:00', '09:30'), lastDate: '2027-03-31' }),
        ),
      ).to.deep.equal(['2027-03-12T15:00:00.000Z', '2027-03-15T14:00:00.000Z']);
    },
  );

  it(
    'when the window’s last day is Tuesday 2026-11-24, then a slot that day is ' +
      'offered and none after it, even late in the physician’s zone',
    () => {
      const q = search({ lastDate: '2026-11-24', count: 10 });
      expect(starts(q)).to.deep.equal([
        '2026-11-23T15:00:00.000Z',
        '2026-11-23T15:30:00.000Z',
        '2026-11-24T15:00:00.000Z',
        '2026-11-24T15:30:00.000Z',
      ]);
      // 17:00 in Los Angeles on the last day is already 01:00 UTC the next day: still offered.
      const evening = search({
        timeZone: 'America/Los_Angeles',
        weekly: weekdays('17:00', '17:30'),
        lastDate: '2026-11-24',
        count: 10,
      });
      expect(starts(evening)).to.deep.equal(['2026-11-24T01:00:00.000Z', '2026-11-25T01:00:00.000Z']);
    },
  );

  it('skips weekends, federal holidays (Thanksgiving 2026-11-26), leave, clinic days and times already booked', () => {
    const q = search({
      now: new Date('2026-11-25T12:00:00Z'),
      weekly: weekdays('09:00', '09:30'),
      exceptions: [
        { date: '2026-11-27', kind: 'clinic_day' },
        { date: '2026-11-30', kind: 'leave', start: '09:00', end: '09:15' },
        { date: '2026-12-02', kind: 'extra', start: '14:00', end: '14:30' },
      ],
      busy: [
        { start: new Date('2026-11-25T15:00:00Z'), end: new Date('2026-11-25T15:30:00Z') },
        { start: new Date('2026-12-01T15:15:00Z'), end: new Date('2026-12-01T15:45:00Z') },
      ],
      count: 2,
    });
    expect(starts(q)).to.deep.equal(['2026-12-02T15:00:00.000Z', '2026-12-02T20:00:00.000Z']);
  });

  it('starts no earlier than the next quarter hour after now', () => {
    expect(starts(search({ now: new Date('2026-11-23T15:05:00Z'), count: 1 }))).to.deep.equal([
      '2026-11-23T15:15:00.000Z',
    ]);
  });

  it('merges extra hours with the weekly pattern and takes partial leave out of it', () => {
    expect(
      hoursOn('2026-11-30', weekdays('09:00', '12:00'), [
        { date: '2026-11-30', kind: 'leave', start: '10:00', end: '11:00' },
        { date: '2026-11-30', kind: 'extra', start: '11:30', end: '13:00' },
      ]),
    ).to.deep.equal([
      [540, 600],
      [660, 780],
    ]);
  });

  it('reserves every 15-minute block a call covers', () => {
    expect(blockKeys(new Date('2026-11-24T15:15:00Z'), new Date('2026-11-24T16:00:00Z'))).to.deep.equal([
      '2026-11-24T15:15Z',
      '2026-11-24T15:30Z',
      '2026-11-24T15:45Z',
    ]);
  });
});
