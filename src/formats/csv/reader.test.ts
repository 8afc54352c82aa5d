import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, readCsv, type CsvRecord } from './reader.js';

async function readAll(chunks: (Buffer | string)[], batchSize = 2): Promise<CsvRecord[][]> {
  const batches: CsvRecord[][] = [];
  for await (const batch of readCsv(Readable.from(chunks), { batchSize })) batches.push(batch);
  return batches;
}

const lines = (batches: CsvRecord[][]) => batches.flat().map((r) => [r.line, r.cells]);

describe('readCsv', () => {
  it('yields records in batches with the line each starts on', async () => {
    const text = 'a,b\n1,2\n\n"x\ny",3\n4,"5\r\n\r\n6"\n7,8\n';
    const batches = await readAll([text]);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(lines(batches)).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [4, ['x\ny', '3']],
      [6, ['4', '5\r\n\r\n6']],
      [9, ['7', '8']],
    ]);
  });

  it('numbers CR LF files the same way', async () => {
    const text = 'a,b\r\n1,2\r\n\r\n"x\r\ny",3\r\n4,5\r\n';
    expect(lines(await readAll([text])).map(([line]) => line)).toEqual([1, 2, 4, 6]);
  });

  it('drops a BOM and reads text cut anywhere, even inside a character', async () => {
    const bytes = Buffer.from('\uFEFFname,city\nZoë,Zürich\n', 'utf8');
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    const batches = await readAll(chunks, 10);
    expect(lines(batches)).toEqual([
      [1, ['name', 'city']],
      [2, ['Zoë', 'Zürich']],
    ]);
    expect(batches.flat().every((r) => r.badCell === undefined)).toBe(true);
  });

  it('accepts string chunks', async () => {
    expect(lines(await readAll(['a,', 'b\n1', ',2\n']))).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ]);
  });

  it('marks the cell holding bytes that are not UTF-8, or a NUL', async () => {
    const batches = await readAll([
      Buffer.from('a,b\nok,fine\n'),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x78, 0x0a]), // "Caf\xe9,x\n" in Latin-1
      Buffer.from('y,z\u0000\n'),
    ]);
    expect(batches.flat().map((r) => r.badCell)).toEqual([undefined, undefined, 0, 1]);
  });

  it('flags a multi-byte character cut off by the end of the file', async () => {
    const batches = await readAll([Buffer.from('a,b\n1,'), Buffer.from([0xc3])]);
    expect(batches.flat().at(-1)!.badCell).toBe(1);
  });

  it('yields what came before a syntax error, then throws it with its line', async () => {
    const seen: CsvRecord[] = [];
    const reading = (async () => {
      for await (const batch of readCsv(Readable.from(['a,b\n"1\n2",3\n4,"5\n']), { batchSize: 10 })) {
        seen.push(...batch);
      }
    })();
    await expect(reading).rejects.toBeInstanceOf(CsvSyntaxError);
    await expect(reading).rejects.toMatchObject({
      line: 4,
      message: 'a quoted cell that starts on this row is never closed',
    });
    expect(seen.map((r) => r.line)).toEqual([1, 2]);
  });

  it('names the line of a stray quote', async () => {
    const reading = readAll(['a,b\n1,2\n3,"4"x\n5,6\n'], 10);
    await expect(reading).rejects.toMatchObject({
      line: 3,
      message: 'a closing quote is followed by something other than a comma or the end of the line',
    });
  });

  it('stops reading when the caller stops', async () => {
    let pulled = 0;
    async function* endless() {
      yield 'a,b\n';
      for (;;) {
        pulled++;
        yield '1,2\n'.repeat(100);
      }
    }
    for await (const batch of readCsv(endless(), { batchSize: 50 })) {
      expect(batch.length).toBe(50);
      break;
    }
    const atStop = pulled;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulled).toBeLessThanOrEqual(atStop + 1);
  });
});
