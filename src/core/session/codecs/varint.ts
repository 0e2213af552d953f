// Unsigned LEB128 varints (up to 2^53 - 1). `strict` also rejects non-canonical encodings.
export class VarintReader {
  offset = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly strict: boolean,
  ) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  read(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.offset >= this.bytes.length) throw new Error('truncated varint');
      const byte = this.bytes[this.offset++];
      value += (byte & 0x7f) * scale;
      if (!Number.isSafeInteger(value)) throw new Error('varint value exceeds the safe integer range');
      if ((byte & 0x80) === 0) {
        if (this.strict && i > 0 && byte === 0) throw new Error('non-canonical varint encoding');
        return value;
      }
      scale *= 128;
    }
    throw new Error('varint too long');
  }
}

export function encodeUvarint(value: number, out: number[]): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`cannot encode ${value} as an unsigned varint`);
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** Growable byte buffer for encoders (avoids number[] for million-entry payloads). */
export class ByteWriter {
  #buf = new Uint8Array(1024);
  length = 0;

  #ensure(extra: number): void {
    if (this.length + extra <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.length));
    this.#buf = next;
  }

  byte(b: number): void {
    this.#ensure(1);
    this.#buf[this.length++] = b;
  }

  uvarint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`cannot encode ${value} as an unsigned varint`);
    this.#ensure(10);
    let v = value;
    while (v >= 0x80) {
      this.#buf[this.length++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.#buf[this.length++] = v;
  }

  bytes(data: Uint8Array): void {
    this.#ensure(data.length);
    this.#buf.set(data, this.length);
    this.length += data.length;
  }

  finish(): Uint8Array {
    return this.#buf.slice(0, this.length);
  }
}
