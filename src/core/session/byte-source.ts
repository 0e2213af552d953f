// Exact-length reads from a Blob, a ReadableStream or bytes, for the streaming reader.
import { abortError } from './errors.js';

export type SessionSource = Blob | ReadableStream<Uint8Array> | Uint8Array | ArrayBuffer;

/** Told of every buffer a source allocates for the file's data, with its size. */
export type ByteMeter = (bytes: number) => void;

export interface ByteSource {
  /** Total size when known (Blob, bytes), else null (streams). */
  readonly size: number | null;
  readonly position: number;
  /** Reads exactly n bytes, or fewer at the end of the data. */
  read(n: number): Promise<Uint8Array>;
  /** Moves past n bytes without keeping them (nothing is allocated for them). */
  skip(n: number): Promise<void>;
  /** True when no byte is left (reads one byte ahead on streams). */
  atEnd(): Promise<boolean>;
  close(): void;
}

export function openByteSource(source: SessionSource, signal?: AbortSignal, meter?: ByteMeter): ByteSource {
  if (source instanceof Uint8Array) return new BytesSource(source, signal);
  if (source instanceof ArrayBuffer) return new BytesSource(new Uint8Array(source), signal);
  // A Blob is read as a stream (a Blob read per frame header cost a page 49 s for 60,000 chunks).
  if (typeof Blob !== 'undefined' && source instanceof Blob)
    return new StreamSource(source.stream(), signal, meter, source.size);
  if (source && typeof (source as ReadableStream).getReader === 'function')
    return new StreamSource(source as ReadableStream<Uint8Array>, signal, meter);
  throw new TypeError('A session source must be a Blob, a ReadableStream, a Uint8Array or an ArrayBuffer.');
}

class BytesSource implements ByteSource {
  position = 0;
  readonly #bytes: Uint8Array;
  readonly #signal: AbortSignal | undefined;

  constructor(bytes: Uint8Array, signal?: AbortSignal) {
    this.#bytes = bytes;
    this.#signal = signal;
  }
  get size() {
    return this.#bytes.length;
  }
  async read(n: number) {
    if (this.#signal?.aborted) throw abortError();
    const out = this.#bytes.subarray(this.position, Math.min(this.#bytes.length, this.position + n));
    this.position += out.length;
    return out;
  }
  async skip(n: number) {
    this.position = Math.min(this.#bytes.length, this.position + n);
  }
  async atEnd() {
    return this.position >= this.#bytes.length;
  }
  close() {}
}

class StreamSource implements ByteSource {
  position = 0;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  /** Stream chunks not yet taken, from #head on (an index, not shift(): a stream of tiny chunks stays linear). */
  #pending: Uint8Array[] = [];
  #head = 0;
  #pendingBytes = 0;
  #done = false;

  readonly #signal: AbortSignal | undefined;
  readonly #meter: ByteMeter | undefined;

  constructor(
    stream: ReadableStream<Uint8Array>,
    signal?: AbortSignal,
    meter?: ByteMeter,
    /** Known for a Blob's stream. */
    readonly size: number | null = null,
  ) {
    this.#signal = signal;
    this.#meter = meter;
    this.#reader = stream.getReader();
    signal?.addEventListener('abort', () => this.#reader.cancel().catch(() => {}), { once: true });
  }

  /** Reads until `n` bytes are pending or the stream ends. */
  async #fill(n: number): Promise<void> {
    while (this.#pendingBytes < n && !this.#done) {
      if (this.#signal?.aborted) throw abortError();
      const { value, done } = await this.#reader.read();
      if (this.#signal?.aborted) throw abortError();
      if (done) this.#done = true;
      else if (value.length) {
        this.#pending.push(value);
        this.#pendingBytes += value.length;
      }
    }
  }

  /** Takes up to `n` pending bytes, copying them into `out` when given. */
  #take(n: number, out?: Uint8Array): number {
    const take = Math.min(n, this.#pendingBytes);
    let o = 0;
    while (o < take) {
      const head = this.#pending[this.#head];
      const part = Math.min(head.length, take - o);
      out?.set(head.subarray(0, part), o);
      o += part;
      if (part === head.length) this.#head++;
      else this.#pending[this.#head] = head.subarray(part);
    }
    if (this.#head > 1024 && this.#head * 2 > this.#pending.length) {
      this.#pending = this.#pending.slice(this.#head);
      this.#head = 0;
    }
    this.#pendingBytes -= take;
    this.position += take;
    return take;
  }

  async read(n: number) {
    await this.#fill(n);
    const out = new Uint8Array(Math.min(n, this.#pendingBytes));
    this.#meter?.(out.length);
    this.#take(out.length, out);
    return out;
  }

  async skip(n: number) {
    // A stream chunk at a time: a skipped frame is never held whole.
    for (let left = n; left > 0;) {
      await this.#fill(1);
      if (this.#pendingBytes === 0) return;
      left -= this.#take(Math.min(left, this.#pending[this.#head].length));
    }
  }

  async atEnd() {
    await this.#fill(1);
    return this.#pendingBytes === 0;
  }

  close() {
    this.#reader.cancel().catch(() => {});
  }
}
