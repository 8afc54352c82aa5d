import { describe, expect, it } from 'vitest';
import { countSmsSegments } from './segments.js';

describe('countSmsSegments', () => {
  it.each([
    ['empty', '', 'GSM-7', 0, 0],
    ['one character', 'a', 'GSM-7', 1, 1],
    ['160 GSM characters', 'a'.repeat(160), 'GSM-7', 160, 1],
    ['161 GSM characters', 'a'.repeat(161), 'GSM-7', 161, 2],
    ['306 GSM characters', 'a'.repeat(306), 'GSM-7', 306, 2],
    ['307 GSM characters', 'a'.repeat(307), 'GSM-7', 307, 3],
    ['accented letters of the basic table', 'Grüße à Noel: 5 £ ¥ §', 'GSM-7', 21, 1],
    ['€ counts double', '€'.repeat(80), 'GSM-7', 160, 1],
    ['81 € no longer fit', '€'.repeat(81), 'GSM-7', 162, 2],
    ['every extension character counts double', '^{}\\[~]|€', 'GSM-7', 18, 1],
    // 152 septets, then an escape pair that would straddle the part boundary moves whole.
    ['an escape pair is not split', 'a'.repeat(152) + '€' + 'a'.repeat(10), 'GSM-7', 164, 2],
    ['an escape pair at the edge', 'a'.repeat(152) + '€'.repeat(77), 'GSM-7', 306, 3],
    ['70 UCS-2 characters', 'ж'.repeat(70), 'UCS-2', 70, 1],
    ['71 UCS-2 characters', 'ж'.repeat(71), 'UCS-2', 71, 2],
    ['134 UCS-2 characters', 'ж'.repeat(134), 'UCS-2', 134, 2],
    ['135 UCS-2 characters', 'ж'.repeat(135), 'UCS-2', 135, 3],
    ['one non-GSM character makes it all UCS-2', 'a'.repeat(69) + 'ç', 'UCS-2', 70, 1],
    ['an emoji is two code units', '😀'.repeat(35), 'UCS-2', 70, 1],
    ['a surrogate pair is not split', 'a'.repeat(66) + '😀' + 'a'.repeat(66), 'UCS-2', 134, 3],
    ['ë is not in the GSM table', 'Noël', 'UCS-2', 4, 1],
    ['curly quotes are not GSM', '“Thanks”', 'UCS-2', 8, 1],
  ])('%s', (_name, text, encoding, units, segments) => {
    expect(countSmsSegments(text)).toMatchObject({ encoding, units, segments });
  });

  it('reports the capacity per segment', () => {
    expect(countSmsSegments('hi').perSegment).toBe(160);
    expect(countSmsSegments('a'.repeat(200)).perSegment).toBe(153);
    expect(countSmsSegments('ж').perSegment).toBe(70);
    expect(countSmsSegments('ж'.repeat(100)).perSegment).toBe(67);
  });
});
