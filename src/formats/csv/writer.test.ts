import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsv } from './reader.js';
import { CsvFileWriter, csvLine } from './writer.js';

describe('csv writer', () => {
  it('quotes only cells that need it', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', ' edge', ''])).toBe(
      'plain,"a,b","say ""hi""","two\nlines"," edge",\n',
    );
  });

  it('writes a file the reader reads back cell for cell', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'recoup-csv-'));
    try {
      const rows = [
        ['number', 'note'],
        ['0012', 'a, "quoted"\r\nnote'],
        ['Zoë', ''],
      ];
      const file = path.join(dir, 'out.csv');
      const writer = await CsvFileWriter.open(file);
      for (const row of rows) writer.write(row);
      await writer.drain();
      await writer.close();
      const read = [];
      for await (const batch of readCsv(Readable.from([await readFile(file)]), { batchSize: 10 })) {
        read.push(...batch.map((r) => r.cells));
      }
      expect(read).toEqual(rows);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
