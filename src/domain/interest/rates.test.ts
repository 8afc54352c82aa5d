import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../dates.js';
import { RecoupError } from '../errors.js';
import { isDecimal } from './decimal.js';
import { RATE_SERIES, rateOn } from './rates/index.js';

describe('reference rate data', () => {
  for (const series of Object.values(RATE_SERIES)) {
    it(`${series.id}: dated changes, in order, from 2008 or earlier, with a known-through date`, () => {
      const dates = series.changes.map(([date]) => date);
      expect(dates.every(isCalendarDate)).toBe(true);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      expect(series.changes.every(([, rate]) => isDecimal(rate))).toBe(true);
      expect(dates[0]! <= '2008-01-01').toBe(true);
      expect(isCalendarDate(series.knownThrough)).toBe(true);
      expect(series.knownThrough >= dates[dates.length - 1]!).toBe(true);
      expect(series.source).toMatch(/^https:\/\//);
    });
  }

  it('lists the Basiszinssatz for every half-year, on 1 January and 1 July only', () => {
    const dates = RATE_SERIES.de_basiszinssatz.changes.map(([date]) => date);
    expect(dates.every((d) => d.endsWith('-01-01') || d.endsWith('-07-01'))).toBe(true);
    expect(dates.length).toBe((2026 - 2008) * 2 + 1);
  });

  it('reads the rate in force on a day, including the day of a change', () => {
    const boe = RATE_SERIES.boe_bank_rate;
    expect(rateOn(boe, '2023-12-31')).toMatchObject({
      percent: '5.25',
      since: '2023-08-03',
      beyondData: false,
    });
    expect(rateOn(boe, '2024-08-01').percent).toBe('5.00');
    expect(rateOn(boe, '2024-07-31').percent).toBe('5.25');
    expect(rateOn(RATE_SERIES.ecb_mro, '2024-07-01').percent).toBe('4.25');
    expect(rateOn(RATE_SERIES.ecb_mro, '2025-01-01').percent).toBe('3.15');
    expect(rateOn(RATE_SERIES.de_basiszinssatz, '2024-06-30').percent).toBe('3.62');
  });

  it('uses the last known rate beyond the data and says so', () => {
    const boe = RATE_SERIES.boe_bank_rate;
    const later = rateOn(boe, '2030-01-01');
    expect(later).toMatchObject({ percent: '3.75', since: '2025-12-18', beyondData: true });
    expect(rateOn(boe, boe.knownThrough).beyondData).toBe(false);
  });

  it('refuses a day before the data starts', () => {
    expect(() => rateOn(RATE_SERIES.ecb_mro, '2001-01-01')).toThrow(RecoupError);
    expect(() => rateOn(RATE_SERIES.ecb_mro, '2001-01-01')).toThrow(/starts on 2007-06-13/);
  });
});
