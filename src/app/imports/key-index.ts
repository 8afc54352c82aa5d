/**
 * A map from short strings (invoice numbers, external ids) to 32-bit integers (a line, a slot),
 * kept in typed arrays rather than a Map of strings: for a million invoice numbers about 40 MB
 * outside the JavaScript heap, instead of some 200 MB of heap at its peak (a Map holds a string
 * object per key, which the garbage collector must trace, and doubles its table as it grows).
 *
 * The characters of each key are copied into Uint16Array chunks of a million characters; an open-addressing table
 * of entry numbers, probed linearly, finds them by an FNV-1a hash, and keys are compared in
 * full, so the answer is exact.
 */
const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;

export class KeyIndex {
  private slots = new Int32Array(1024).fill(-1);
  private hashes = new Int32Array(512);
  private starts = new Int32Array(512);
  private values = new Int32Array(512);
  private lengths = new Uint16Array(512);
  /** Key characters in fixed-size chunks, so growing never copies (nor briefly doubles) them. */
  private chunks: Uint16Array[] = [];
  private used = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The value stored for `key`, or undefined. */
  get(key: string): number | undefined {
    const entry = this.find(key, hash(key));
    return entry >= 0 ? this.values[entry] : undefined;
  }

  /** Stores a value for `key`, replacing any stored before. */
  set(key: string, value: number): void {
    const h = hash(key);
    const found = this.find(key, h);
    if (found >= 0) {
      this.values[found] = value;
      return;
    }
    if ((this.count + 1) * 2 > this.slots.length) this.growSlots();
    if (this.count === this.hashes.length) this.growEntries();
    if (key.length > CHUNK) throw new RangeError('key too long for the index');
    // A key never straddles two chunks: start a new one when this one is too full.
    if ((this.used & (CHUNK - 1)) + key.length > CHUNK)
      this.used = (this.used >>> CHUNK_BITS) * CHUNK + CHUNK;
    const chunkIndex = this.used >>> CHUNK_BITS;
    while (this.chunks.length <= chunkIndex) this.chunks.push(new Uint16Array(CHUNK));
    const chunk = this.chunks[chunkIndex]!;
    const entry = this.count++;
    this.hashes[entry] = h;
    this.starts[entry] = this.used;
    this.values[entry] = value;
    this.lengths[entry] = key.length;
    let offset = this.used & (CHUNK - 1);
    for (let i = 0; i < key.length; i++) chunk[offset++] = key.charCodeAt(i);
    this.used += key.length;
    this.slots[this.freeSlot(h)] = entry;
  }

  private find(key: string, h: number): number {
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry < 0) return -1;
      if (this.hashes[entry] === h && this.keyEquals(entry, key)) return entry;
    }
  }

  private keyEquals(entry: number, key: string): boolean {
    if (this.lengths[entry] !== key.length) return false;
    const start = this.starts[entry]!;
    const chunk = this.chunks[start >>> CHUNK_BITS]!;
    const offset = start & (CHUNK - 1);
    for (let i = 0; i < key.length; i++) if (chunk[offset + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private freeSlot(h: number): number {
    const mask = this.slots.length - 1;
    let slot = h & mask;
    while (this.slots[slot]! >= 0) slot = (slot + 1) & mask;
    return slot;
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let entry = 0; entry < this.count; entry++) this.slots[this.freeSlot(this.hashes[entry]!)] = entry;
  }

  private growEntries(): void {
    const size = this.hashes.length * 2;
    this.hashes = grown(this.hashes, size);
    this.starts = grown(this.starts, size);
    this.values = grown(this.values, size);
    this.lengths = grown(this.lengths, size);
  }
}

function grown<T extends Int32Array | Uint16Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (size: number) => T)(size);
  bigger.set(array);
  return bigger;
}

/** 32-bit FNV-1a over UTF-16 code units. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}
