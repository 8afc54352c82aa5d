import { describe, expect, it } from 'vitest';
import { bulkId } from './ids.js';

describe('bulkId', () => {
  it('makes distinct, ordered UUID version 7 ids with the current time', () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, () => bulkId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 100)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    const ms = parseInt(ids[0]!.slice(0, 8) + ids[0]!.slice(9, 13), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 5);
  });
});
