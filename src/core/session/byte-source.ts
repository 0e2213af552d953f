// Exact-length reads from a Blob, a ReadableStream or bytes, for the streaming reader.
import { abortError } from './errors.js';

export type SessionSource = Blob | ReadableStream<Uint8Array> | Uint8Array | ArrayBuffer;

export interface ByteSource {
  /** Total size when known (Blob, bytes), else null (streams). */
  readonly size: number | null;
  readonly position: number;
  /** Reads exactly n bytes, or fewer at the end of the data. */
  read(n: number): Promise<Uint8Array>;
  /** Moves past n bytes without keeping them. */
  skip(n: number): Promise<void>;
  /** True when no byte is left (reads one byte ahead on streams). */
  atEnd(): Promise<boolean>;
  close(): void;
}

export function openByteSource(source: SessionSource, signal?: AbortSignal): ByteSource {
  if (source instanceof Uint8Array) return new BytesSource(source, signal);
  if (source instanceof ArrayBuffer) return new BytesSource(new Uint8Array(source), signal);
  if (typeof Blob !== 'undefined' && source instanceof Blob) return new BlobSource(source, signal);
  if (source && typeof (source as ReadableStream).getReader === 'function')
    return new StreamSource(source as ReadableStream<Uint8Array>, signal);
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

class BlobSource implements ByteSource {
  position = 0;
  readonly #blob: Blob;
  readonly #signal: AbortSignal | undefined;

  constructor(blob: Blob, signal?: AbortSignal) {
    this.#blob = blob;
    this.#signal = signal;
  }
  get size() {
    return this.#blob.size;
  }
  async read(n: number) {
    if (this.#signal?.aborted) throw abortError();
    const end = Math.min(this.#blob.size, this.position + n);
    const out = new Uint8Array(await this.#blob.slice(this.position, end).arrayBuffer());
    if (this.#signal?.aborted) throw abortError();
    this.position = end;
    return out;
  }
  async skip(n: number) {
    this.position = Math.min(this.#blob.size, this.position + n);
  }
  async atEnd() {
    return this.position >= this.#blob.size;
  }
  close() {}
}

class StreamSource implements ByteSource {
  position = 0;
  readonly size = null;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #done = false;

  readonly #signal: AbortSignal | undefined;

  constructor(stream: ReadableStream<Uint8Array>, signal?: AbortSignal) {
    this.#signal = signal;
    this.#reader = stream.getReader();
    signal?.addEventListener('abort', () => this.#reader.cancel().catch(() => {}), { once: true });
  }

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

  async read(n: number) {
    await this.#fill(n);
    const take = Math.min(n, this.#pendingBytes);
    const out = new Uint8Array(take);
    let o = 0;
    while (o < take) {
      const head = this.#pending[0];
      const part = Math.min(head.length, take - o);
      out.set(head.subarray(0, part), o);
      o += part;
      if (part === head.length) this.#pending.shift();
      else this.#pending[0] = head.subarray(part);
    }
    this.#pendingBytes -= take;
    this.position += take;
    return out;
  }

  async skip(n: number) {
    await this.read(n);
  }

  async atEnd() {
    await this.#fill(1);
    return this.#pendingBytes === 0;
  }

  close() {
    this.#reader.cancel().catch(() => {});
  }
}
