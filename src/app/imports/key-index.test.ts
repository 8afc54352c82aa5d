import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyIndex } from './key-index.js';

describe('KeyIndex', () => {
  it('answers like a Map, however the keys collide', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(fc.string({ maxLength: 3 }), fc.string({ unit: 'grapheme', maxLength: 12 })),
            fc.integer(),
          ),
          {
            maxLength: 3000,
          },
        ),
        (pairs) => {
          const index = new KeyIndex();
          const map = new Map<string, number>();
          for (const [key, line] of pairs) {
            expect(index.get(key)).toBe(map.get(key));
            index.set(key, line);
            map.set(key, line);
          }
          expect(index.size).toBe(map.size);
          for (const [key, line] of map) expect(index.get(key)).toBe(line);
          expect(index.get('never stored \u0000')).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('holds a million invoice numbers', () => {
    const index = new KeyIndex();
    for (let i = 0; i < 1_000_000; i++) index.set(String(i).padStart(10, '0'), i + 2);
    expect(index.size).toBe(1_000_000);
    expect(index.get('0000123456')).toBe(123458);
    expect(index.get('123456')).toBeUndefined();
  });
});

describe('KeyIndex across chunks', () => {
  it('finds every key when the characters fill several chunks', () => {
    const index = new KeyIndex();
    const count = 250_000; // about 2.4 million characters: three chunks
    for (let i = 0; i < count; i++) index.set(`INV-${String(i).padStart(6, '0')}`, i);
    expect(index.size).toBe(count);
    for (let i = 0; i < count; i += 997) expect(index.get(`INV-${String(i).padStart(6, '0')}`)).toBe(i);
    expect(index.get(`INV-${count}`)).toBeUndefined();
  });
});
