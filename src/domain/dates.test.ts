import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, endOfMonth, isCalendarDate, isTimeZone, localDate } from './dates.js';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-2-29')).toBe(false);
    expect(isCalendarDate('1/2/2013')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
  });

  it('counts days across leap years and DST changes', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2);
    expect(daysBetween('2024-01-10', '2024-01-01')).toBe(-9);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('finds the end of a month', () => {
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29');
    expect(endOfMonth('2023-02-10')).toBe('2023-02-28');
    expect(endOfMonth('2024-12-01')).toBe('2024-12-31');
  });

  it('turns an instant into the local date of a time zone', () => {
    const instant = new Date('2024-06-01T02:30:00Z');
    expect(localDate(instant, 'Europe/London')).toBe('2024-06-01');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2024-05-31');
    expect(localDate(instant, 'Pacific/Kiritimati')).toBe('2024-06-01');
  });

  it('knows IANA zone names', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
