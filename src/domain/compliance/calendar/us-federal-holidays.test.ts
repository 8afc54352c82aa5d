import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from '../../dates.js';
import { isUsFederalNonBusinessDay, usFederalHolidays } from './us-federal-holidays.js';

const dates = (year: number) =>
  usFederalHolidays(year).map((h) => [h.name, fromDayNumber(h.day), fromDayNumber(h.observed)]);

describe('US federal holidays', () => {
  it('produces the 2026 dates and observed days', () => {
    expect(dates(2026)).toEqual([
      ['New Year’s Day', '2026-01-01', '2026-01-01'],
      ['Birthday of Martin Luther King, Jr.', '2026-01-19', '2026-01-19'],
      ['Washington’s Birthday', '2026-02-16', '2026-02-16'],
      ['Memorial Day', '2026-05-25', '2026-05-25'],
      ['Juneteenth National Independence Day', '2026-06-19', '2026-06-19'],
      ['Independence Day', '2026-07-04', '2026-07-03'],
      ['Labor Day', '2026-09-07', '2026-09-07'],
      ['Columbus Day', '2026-10-12', '2026-10-12'],
      ['Veterans Day', '2026-11-11', '2026-11-11'],
      ['Thanksgiving Day', '2026-11-26', '2026-11-26'],
      ['Christmas Day', '2026-12-25', '2026-12-25'],
    ]);
  });

  it('moves a Sunday holiday to Monday and a Saturday one to Friday', () => {
    expect(dates(2027).find(([name]) => name === 'Independence Day')).toEqual([
      'Independence Day',
      '2027-07-04',
      '2027-07-05',
    ]);
    expect(dates(2022).find(([name]) => name === 'New Year’s Day')?.[2]).toBe('2021-12-31');
  });

  it('has Juneteenth from 2021 only', () => {
    expect(dates(2020).some(([name]) => name?.startsWith('Juneteenth'))).toBe(false);
    expect(dates(2021).find(([name]) => name?.startsWith('Juneteenth'))?.[2]).toBe('2021-06-18');
  });

  it.each([
    ['2026-07-03', true], // observed Independence Day
    ['2026-07-04', true], // Saturday
    ['2026-07-06', false],
    ['2021-12-31', true], // New Year 2022 observed in the year before
    ['2026-11-27', false], // the day after Thanksgiving is not a legal public holiday
    ['2026-05-25', true],
  ])('%s closed: %s', (date, closed) => {
    expect(isUsFederalNonBusinessDay(toDayNumber(date))).toBe(closed);
  });
});
