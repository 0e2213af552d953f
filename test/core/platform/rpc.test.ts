// The typed call helper every worker protocol uses (render, dataset decoding, session writing),
// over a MessageChannel: answers, transfers, errors, progress, aborts, a crash and termination.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { connect, Disconnected, serve, transfer, type Handlers, type Port } from '../../../src/platform/rpc.js';

interface Methods {
  add(a: number, b: number): number;
  later(ms: number, label: string): Promise<string>;
  fill(bytes: Uint8Array, value: number): Uint8Array;
  fail(message: string): void;
  throwString(): void;
  unclonable(): () => void;
  count(to: number): Promise<number>;
  wait(): Promise<string>;
  note(line: string): void;
}

const never = <T>() => new Promise<T>(() => {});

function channel(overrides: Partial<Handlers<Methods>> = {}) {
  const { port1, port2 } = new MessageChannel();
  const log: string[] = [];
  const aborted: unknown[] = [];
  const handlers: Handlers<Methods> = {
    add: (a, b) => a + b,
    later: (ms, label) => new Promise((resolve) => setTimeout(() => resolve(label), ms)),
    fill: (bytes, value) => transfer(bytes.fill(value), [bytes.buffer]),
    fail(message) {
      throw Object.assign(new RangeError(message), { file: 'a.bin', notFound: true });
    },
    throwString() {
      throw 'not an Error';
    },
    unclonable: () => () => {},
    async count(to, { progress }) {
      for (let i = 1; i <= to; i++) progress(i);
      return to;
    },
    wait: (context) =>
      new Promise((_, reject) =>
        context.signal.addEventListener('abort', () => {
          aborted.push(context.signal.reason);
          reject(new Error('stopped'));
        }),
      ),
    note: (line) => void log.push(line),
    ...overrides,
  };
  serve<Methods>(port2 as unknown as Port, handlers);
  const remote = connect<Methods>(port1 as unknown as Port);
  return { remote, log, aborted, close: () => (port1.close(), port2.close()) };
}

test('a call resolves with the method’s answer, typed by the method map; answers match their calls', async () => {
  const { remote, close } = channel();
  try {
    assert.equal(await remote.call('add', [2, 3]), 5);
    // The slower call was made first: each answer finds its own call.
    const [slow, fast] = await Promise.all([remote.call('later', [30, 'slow']), remote.call('later', [0, 'fast'])]);
    assert.deepEqual([slow, fast], ['slow', 'fast']);
  } finally {
    close();
  }
});

test('buffers named for transfer move both ways instead of being copied', async () => {
  const { remote, close } = channel();
  try {
    const bytes = new Uint8Array(8);
    const filled = await remote.call('fill', [bytes, 7], { transfer: [bytes.buffer] });
    assert.equal(bytes.byteLength, 0, 'the caller’s buffer was transferred');
    assert.deepEqual([...filled], [7, 7, 7, 7, 7, 7, 7, 7]);
    // The callee's answer was transferred too: its buffer is now the caller's.
    let kept: Uint8Array | null = null;
    const other = channel({
      fill: (b, value) => {
        kept = b;
        return transfer(b.fill(value), [b.buffer]);
      },
    });
    try {
      await other.remote.call('fill', [new Uint8Array(4), 1]);
      assert.equal(kept!.byteLength, 0, 'the callee’s answer was transferred');
    } finally {
      other.close();
    }
  } finally {
    close();
  }
});

test('a method that throws rejects its call with an Error of the same message and own fields', async () => {
  const { remote, close } = channel();
  try {
    const err = await remote.call('fail', ['bad chunk']).then(
      () => assert.fail('resolved'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof Error);
    assert.equal(err.message, 'bad chunk');
    assert.equal((err as Error & { file: string }).file, 'a.bin');
    assert.equal((err as Error & { notFound: boolean }).notFound, true);
    assert.ok(!(err instanceof Disconnected));
    await assert.rejects(remote.call('throwString', []), { message: 'not an Error' });
    // An answer that cannot be sent is the call's error, not a call left waiting.
    await assert.rejects(remote.call('unclonable', []), (e: Error) => e instanceof Error && /clone/i.test(e.message));
    assert.equal(await remote.call('add', [1, 1]), 2, 'the connection is still usable');
  } finally {
    close();
  }
});

test('progress reaches the caller in order, before the answer', async () => {
  const { remote, close } = channel();
  try {
    const seen: number[] = [];
    const answer = await remote.call('count', [4], { onProgress: (n: number) => seen.push(n) });
    assert.deepEqual(seen, [1, 2, 3, 4]);
    assert.equal(answer, 4);
  } finally {
    close();
  }
});

test('an aborted call rejects with the abort reason at once and the callee’s signal is aborted', async () => {
  const { remote, aborted, close } = channel();
  try {
    const abort = new AbortController();
    const pending = remote.call('wait', [], { signal: abort.signal });
    // The call reached the callee before it is aborted.
    assert.equal(await remote.call('add', [0, 0]), 0);
    const reason = new Error('user aborted');
    abort.abort(reason);
    await assert.rejects(pending, (e) => e === reason);
    await remote.call('add', [0, 0]);
    assert.equal(aborted.length, 1, 'the callee heard of the abort');
    // Aborted before it starts: never sent.
    await assert.rejects(remote.call('add', [1, 2], { signal: AbortSignal.abort('early') }), (e) => e === 'early');
  } finally {
    close();
  }
});

test('a post runs without an answer, in order with calls', async () => {
  const { remote, log, close } = channel({
    note(line) {
      log.push(line);
      throw new Error('nobody hears of this');
    },
  });
  try {
    remote.post('note', ['first']);
    remote.post('note', ['second']);
    assert.equal(await remote.call('add', [1, 2]), 3);
    assert.deepEqual(log, ['first', 'second']);
  } finally {
    close();
  }
});

/** A Worker's page end: what `connect` sees of it, with its crash and termination recorded. */
function fakeWorker() {
  const posted: unknown[] = [];
  const worker = {
    terminated: false,
    onmessage: null,
    onerror: null as ((e: { message: string; preventDefault(): void }) => void) | null,
    postMessage: (message: unknown) => void posted.push(message),
    terminate() {
      this.terminated = true;
    },
  };
  return { worker, posted };
}

test('a worker that crashes rejects every call still waiting, and every call after, with Disconnected', async () => {
  const { worker, posted } = fakeWorker();
  const remote = connect<Methods>(worker as unknown as Port);
  const waiting = [remote.call('later', [1, 'a']), remote.call('add', [1, 2])];
  let prevented = false;
  worker.onerror!({ message: 'Uncaught RangeError: out of memory', preventDefault: () => (prevented = true) });
  for (const call of waiting)
    await assert.rejects(call, (e) => e instanceof Disconnected && /out of memory/.test((e as Error).message));
  assert.ok(prevented, 'the crash is handled, not reported as the page’s error');
  assert.ok(worker.terminated);
  await assert.rejects(remote.call('add', [1, 1]), Disconnected);
  const before = posted.length;
  remote.post('note', ['after the crash']);
  assert.equal(posted.length, before, 'nothing is posted to a crashed worker');
});

test('closing terminates the worker and rejects the calls still waiting with the reason given', async () => {
  const { worker } = fakeWorker();
  const remote = connect<Methods>(worker as unknown as Port);
  const waiting = remote.call('wait', []);
  const reason = new Error('the dataset was closed');
  remote.close(reason);
  await assert.rejects(waiting, (e) => e === reason);
  assert.ok(worker.terminated);
  await assert.rejects(remote.call('add', [1, 1]), (e) => e === reason);

  // A channel end is closed rather than terminated, by default with Disconnected.
  const { remote: other } = channel({ wait: never });
  const pending = other.call('wait', []);
  other.close();
  await assert.rejects(pending, Disconnected);
});
