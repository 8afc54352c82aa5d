import { isUtf8 } from 'node:buffer';

/**
 * Watches a file's raw bytes on their way to the CSV parser. The parser decodes bytes that are
 * not valid UTF-8 to U+FFFD without a word; this remembers that the file had some (and whether
 * it had NUL bytes, which PostgreSQL text refuses), so the reader knows to look for the cells
 * that carry them. Whole chunks are checked with the native `isUtf8`, so a valid file costs
 * next to nothing.
 */
export class ByteCheck {
  invalidUtf8 = false;
  nul = false;
  private pending: Buffer = Buffer.alloc(0);

  /** Passes the chunks through unchanged, as Buffers. */
  async *pass(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      this.inspect(bytes);
      yield bytes;
    }
    // A multi-byte sequence cut off by the end of the file.
    if (this.pending.length > 0) this.invalidUtf8 = true;
  }

  private inspect(chunk: Buffer): void {
    if (!this.nul && chunk.includes(0)) this.nul = true;
    if (this.invalidUtf8) return;
    const data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const end = completeLength(data);
    if (!isUtf8(data.subarray(0, end))) this.invalidUtf8 = true;
    this.pending = Buffer.from(data.subarray(end));
  }
}

/** Length of `data` without a multi-byte sequence that the next chunk may complete. */
function completeLength(data: Buffer): number {
  for (let back = 1; back <= Math.min(4, data.length); back++) {
    const byte = data[data.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? data.length - back : data.length;
  }
  return data.length;
}
