import { expect } from 'chai';
import {
  addBusinessDays,
  federalHolidaysIn,
  isFederalHoliday,
  isWorkingDay,
  nextWorkingDay,
  parseIsoDate,
  rollToWorkingDay,
} from '../../server/deadlines/index.js';
import { errorCodeOf } from './support.js';

describe('deadlines: calendar dates', () => {
  it('when a date is a real calendar day, then parseIsoDate returns it unchanged', () => {
    expect(parseIsoDate('2026-03-02')).to.equal('2026-03-02');
    expect(parseIsoDate('2026-12-31')).to.equal('2026-12-31');
  });

  it('when the date is 29 February of a leap year (2028), then it is accepted', () => {
    expect(parseIsoDate('2028-02-29')).to.equal('2028-02-29');
    expect(parseIsoDate('2000-02-29')).to.equal('2000-02-29');
  });

  it('when the date is 29 February of a non-leap year (2027, 2100), then it is refused with BAD_DATE', () => {
    expect(errorCodeOf(() => parseIsoDate('2027-02-29'))).to.equal('BAD_DATE');
    expect(errorCodeOf(() => parseIsoDate('2100-02-29'))).to.equal('BAD_DATE');
  });

  it('when the date is impossible or malformed, then it is refused with BAD_DATE', () => {
    for (const bad of [
      '2026-02-30',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-5',
      '2026/03/02',
      '02/03/2026',
      '',
      '2026-03-02T00:00:00Z',
    ]) {
      expect(
        errorCodeOf(() => parseIsoDate(bad)),
        bad,
      ).to.equal('BAD_DATE');
    }
  });
});

describe('deadlines: federal holidays', () => {
  it('when the year is 2026, then exactly the 11 federal holidays and the observed 3 July are holidays', () => {
    expect(federalHolidaysIn(2026).map((h) => h.date)).to.deep.equal([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-07-04',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it(
    'when the year is 2027, then weekend holidays bring their observed Friday ' +
      'or Monday, including 31 December for New Year 2028',
    () => {
      expect(federalHolidaysIn(2027).map((h) => h.date)).to.deep.equal([
        '2027-01-01',
        '2027-01-18',
        '2027-02-15',
        '2027-05-31',
        '2027-06-18',
        '2027-06-19',
        '2027-07-04',
        '2027-07-05',
        '2027-09-06',
        '2027-10-11',
        '2027-11-11',
        '2027-11-25',
        '2027-12-24',
        '2027-12-25',
        '2027-12-31',
      ]);
    },
  );

  it('when New Year 2022 falls on a Saturday, then Friday 2021-12-31 is the observed holiday', () => {
    expect(isFederalHoliday('2021-12-31')).to.equal(true);
  });

  it('when July 4 2026 falls on a Saturday, then Friday 2026-07-03 is the observed holiday', () => {
    expect(isFederalHoliday('2026-07-03')).to.equal(true);
  });

  it('when the dates are Juneteenth, Columbus Day, Veterans Day and Thanksgiving 2026, then each is a holiday', () => {
    expect(isFederalHoliday('2026-06-19')).to.equal(true);
    expect(isFederalHoliday('2026-10-12')).to.equal(true);
    expect(isFederalHoliday('2026-11-11')).to.equal(true);
    expect(isFederalHoliday('2026-11-26')).to.equal(true);
  });

  it(
    'when Veterans Day 2028 falls on a Saturday, then Friday 2028-11-10 is observed ' +
      '(date-holidays types it "bank")',
    () => {
      expect(isFederalHoliday('2028-11-10')).to.equal(true);
    },
  );

  it(
    'when Christmas 2022 and Juneteenth 2021 fall on weekends, then Monday 2022-12-26 ' +
      'and Friday 2021-06-18 are observed',
    () => {
      expect(isFederalHoliday('2022-12-26')).to.equal(true);
      expect(isFederalHoliday('2021-06-18')).to.equal(true);
    },
  );

  it('when the day is only a popular or state observance, then it is not a federal holiday', () => {
    for (const day of [
      '2026-11-27',
      '2026-12-24',
      '2026-12-31',
      '2026-02-14',
      '2026-04-15',
      '2026-11-03',
      '2026-03-17',
    ]) {
      expect(isFederalHoliday(day), day).to.equal(false);
    }
  });

  it('when the year is before Juneteenth became a holiday (2020), then 19 June is an ordinary day', () => {
    expect(isFederalHoliday('2020-06-19')).to.equal(false);
  });

  it(
    'when any year from 2022 to 2060 is listed, then each of the 11 holidays ' + 'appears exactly once on its own date',
    () => {
      for (let year = 2022; year <= 2060; year += 1) {
        const actual = federalHolidaysIn(year).filter((h) => !h.name.endsWith(', observed'));
        expect(actual, String(year)).to.have.length(11);
      }
    },
  );

  it('when the date is impossible, then isFederalHoliday throws BAD_DATE', () => {
    expect(errorCodeOf(() => isFederalHoliday('2026-02-30'))).to.equal('BAD_DATE');
  });
});

describe('deadlines: working days', () => {
  it('when the day is a Saturday, a Sunday or a holiday, then it is not a working day', () => {
    expect(isWorkingDay('2026-03-07')).to.equal(false);
    expect(isWorkingDay('2026-03-08')).to.equal(false);
    expect(isWorkingDay('2026-11-26')).to.equal(false);
    expect(isWorkingDay('2026-03-09')).to.equal(true);
  });

  it(
    'when the next day is the observed 3 July 2026, then the next working day ' +
      'after Thursday 2 July is Monday 6 July',
    () => {
      expect(nextWorkingDay('2026-07-02')).to.equal('2026-07-06');
    },
  );

  it('when the date is itself a working day, then nextWorkingDay still moves to the following one', () => {
    expect(nextWorkingDay('2026-03-09')).to.equal('2026-03-10');
    expect(rollToWorkingDay('2026-03-09')).to.equal('2026-03-09');
  });

  it(
    'when the day is Friday 31 December 2021 (observed New Year), then the next ' +
      'working day is Monday 3 January 2022',
    () => {
      expect(nextWorkingDay('2021-12-30')).to.equal('2022-01-03');
      expect(rollToWorkingDay('2021-12-31')).to.equal('2022-01-03');
    },
  );

  it(
    'when 5 business days are counted from Friday 20 November 2026, then Thanksgiving ' +
      'is skipped and they end Monday 30 November',
    () => {
      expect(addBusinessDays('2026-11-20', 5)).to.equal('2026-11-30');
    },
  );

  it('when 1 business day is counted from the Wednesday before Thanksgiving, then it ends the Friday after', () => {
    expect(addBusinessDays('2026-11-25', 1)).to.equal('2026-11-27');
  });

  it(
    'when 5 business days are counted from Tuesday 22 December 2026, then Christmas ' +
      'is skipped but Christmas Eve counts: Wednesday 30 December',
    () => {
      expect(addBusinessDays('2026-12-22', 5)).to.equal('2026-12-30');
    },
  );

  it(
    'when 3 business days are counted from Wednesday 30 December 2026, then New ' +
      'Year 2027 is skipped: Tuesday 5 January',
    () => {
      expect(addBusinessDays('2026-12-30', 3)).to.equal('2027-01-05');
    },
  );

  it('when 0 business days are counted, then the date is returned; when negative, the count runs backwards', () => {
    expect(addBusinessDays('2026-03-07', 0)).to.equal('2026-03-07');
    expect(addBusinessDays('2026-11-30', -2)).to.equal('2026-11-25');
  });

  it('when the count is fractional, then addBusinessDays throws BAD_WINDOW', () => {
    expect(errorCodeOf(() => addBusinessDays('2026-03-02', 1.5))).to.equal('BAD_WINDOW');
  });
});
