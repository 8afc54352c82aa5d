import { describe, expect, it } from 'vitest';
import { formatDate } from './dates.js';
import { resolveLocale } from './locale.js';

describe('formatDate', () => {
  it.each([
    ['en', 'medium', '2024-05-01', 'May 1, 2024'],
    ['en', 'long', '2024-12-31', 'December 31, 2024'],
    ['en-GB', 'long', '2024-01-01', '1 January 2024'],
    ['de', 'long', '2024-05-01', '1. Mai 2024'],
    ['de', 'medium', '2024-05-01', '01.05.2024'],
    ['fr', 'long', '2024-02-29', '29 février 2024'],
  ] as const)('%s %s %s → %s', (locale, style, date, expected) => {
    expect(formatDate(date, locale, style)).toBe(expected);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => formatDate('2024-02-30', 'en')).toThrow(/not a calendar date/);
    expect(() => formatDate('1 May 2024', 'en')).toThrow(/not a calendar date/);
  });
});

describe('resolveLocale', () => {
  it('keeps a known language tag and falls back to English otherwise', () => {
    expect(resolveLocale('de')).toBe('de');
    expect(resolveLocale('pt-BR')).toBe('pt-BR');
    expect(resolveLocale('not a tag!')).toBe('en');
  });
});
