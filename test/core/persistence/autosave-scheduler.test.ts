import { test, mock, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { AutosaveScheduler } from '../../../src/persistence/autosave-scheduler.js';
import { AutosaveUnavailableError } from '../../../src/persistence/autosave-store.js';

beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
afterEach(() => mock.timers.reset());

/** Lets pending promise callbacks run (mocked timers do not advance on their own). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

async function advance(ms: number): Promise<void> {
  mock.timers.tick(ms);
  await settle();
}

class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
  hide(): void {
    this.visibilityState = 'hidden';
    this.dispatchEvent(new Event('visibilitychange'));
  }
  show(): void {
    this.visibilityState = 'visible';
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

/** A save callback that records when it ran and can be held open to test overlap. */
function recorder() {
  const times: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let release: (() => void) | null = null;
  let hold = false;
  const save = async () => {
    times.push(Date.now());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    if (hold) await new Promise<void>((resolve) => (release = resolve));
    inFlight--;
  };
  return {
    save,
    times,
    get maxInFlight() {
      return maxInFlight;
    },
    holdNext(value: boolean) {
      hold = value;
    },
    release() {
      release?.();
      release = null;
    },
  };
}

function scheduler(save: () => Promise<void>, extra: Partial<ConstructorParameters<typeof AutosaveScheduler>[0]> = {}) {
  const document = new FakeDocument();
  const window = new EventTarget();
  const s = new AutosaveScheduler({
    save,
    delayMs: 1500,
    maxWaitMs: 10_000,
    document,
    window: window as unknown as Window,
    ...extra,
  });
  s.connect();
  return { s, document, window };
}

test('a burst of changes is saved once, 1.5 s after the last one', async () => {
  const r = recorder();
  const { s } = scheduler(r.save);
  s.notifyChange();
  await advance(1000);
  s.notifyChange();
  await advance(1000);
  s.notifyChange();
  await advance(1499);
  assert.deepEqual(r.times, []);
  assert.equal(s.pending, true);
  await advance(1);
  assert.deepEqual(r.times, [3500]);
  assert.equal(s.pending, false);
  await advance(20_000);
  assert.deepEqual(r.times, [3500]);
});

test('continuous changes are still saved within the maximum wait', async () => {
  const r = recorder();
  const { s } = scheduler(r.save);
  for (let t = 0; t < 25_000; t += 1000) {
    s.notifyChange();
    await advance(1000);
  }
  assert.deepEqual(r.times, [10_000, 20_000]);
});

test('changes during a save lead to exactly one more save, never two at once', async () => {
  const r = recorder();
  const { s } = scheduler(r.save);
  r.holdNext(true);
  s.notifyChange();
  await advance(1500);
  assert.equal(r.times.length, 1);
  r.holdNext(false);
  s.notifyChange();
  s.notifyChange();
  await advance(1500); // the debounce fires while the first save is still running
  assert.equal(r.times.length, 1);
  r.release();
  await settle();
  assert.equal(r.times.length, 2);
  assert.equal(r.maxInFlight, 1);
  assert.equal(s.pending, false);
});

test('hiding the page or leaving it saves at once; showing it does not', async () => {
  const r = recorder();
  const { s, document, window } = scheduler(r.save);
  document.show();
  await settle();
  assert.equal(r.times.length, 0, 'nothing pending: nothing to save');

  s.notifyChange();
  await advance(100);
  document.show();
  await settle();
  assert.equal(r.times.length, 0);
  document.hide();
  await settle();
  assert.deepEqual(r.times, [100]);

  s.notifyChange();
  await advance(200);
  window.dispatchEvent(new Event('pagehide'));
  await settle();
  assert.deepEqual(r.times, [100, 300]);
  await advance(5000);
  assert.equal(r.times.length, 2, 'the debounce timer was cancelled by the flush');
});

test('unavailable storage stops autosave for good and is reported once', async () => {
  const errors: unknown[] = [];
  let calls = 0;
  const { s, document } = scheduler(
    async () => {
      calls++;
      throw new AutosaveUnavailableError('quota', 'full');
    },
    { onError: (e) => errors.push(e) },
  );
  s.notifyChange();
  await advance(1500);
  assert.equal(calls, 1);
  assert.equal(errors.length, 1);
  assert.ok(errors[0] instanceof AutosaveUnavailableError);
  assert.equal(s.active, false);
  s.notifyChange();
  document.hide();
  await advance(20_000);
  assert.equal(calls, 1);
});

test('other failures are reported and the next change is saved again', async () => {
  const errors: unknown[] = [];
  let calls = 0;
  const { s } = scheduler(
    async () => {
      calls++;
      if (calls === 1) throw new Error('worker crashed');
    },
    { onError: (e) => errors.push(e) },
  );
  s.notifyChange();
  await advance(1500);
  assert.equal(errors.length, 1);
  assert.equal(s.active, true);
  s.notifyChange();
  await advance(1500);
  assert.equal(calls, 2);
  assert.equal(errors.length, 1);
});

test('a save that throws synchronously does not wedge the scheduler', async () => {
  let calls = 0;
  const { s } = scheduler(
    (() => {
      calls++;
      throw new Error('sync');
    }) as unknown as () => Promise<void>,
    { onError: () => {} },
  );
  s.notifyChange();
  await advance(1500);
  s.notifyChange();
  await s.flush();
  assert.equal(calls, 2);
});

test('disconnect flushes what is pending and stops listening', async () => {
  const r = recorder();
  const { s, document } = scheduler(r.save);
  s.notifyChange();
  await s.disconnect();
  assert.equal(r.times.length, 1);
  s.notifyChange();
  document.hide();
  await settle();
  assert.equal(r.times.length, 1, 'no longer listening to the page');
  await advance(1500);
  assert.equal(r.times.length, 2, 'changes are still debounced');
  s.stop();
  s.notifyChange();
  await advance(20_000);
  assert.equal(r.times.length, 2);
});

test('leaving the page writes what is pending with saveNow in the same task, and nothing more after', async () => {
  const r = recorder();
  let now = 0;
  const { s, window, document } = scheduler(r.save, { saveNow: () => (now++, true) });
  window.dispatchEvent(new Event('pagehide'));
  assert.equal(now, 0, 'nothing pending: nothing written');
  s.notifyChange();
  window.dispatchEvent(new Event('pagehide'));
  // Synchronously: no promise callback runs in a page that is going away.
  assert.equal(now, 1);
  assert.equal(s.pending, false);
  await advance(5000);
  assert.deepEqual(r.times, [], 'the debounced save is not run again');
  // A save still running when the page is hidden may never finish: written at once too.
  s.notifyChange();
  r.holdNext(true);
  await advance(1500);
  assert.equal(r.times.length, 1);
  document.hide();
  assert.equal(now, 2);
  r.release();
  await settle();
});

test('when saveNow cannot write (storage not open yet), leaving the page flushes as before', async () => {
  const r = recorder();
  const { s, window } = scheduler(r.save, { saveNow: () => false });
  s.notifyChange();
  window.dispatchEvent(new Event('pagehide'));
  await settle();
  assert.equal(r.times.length, 1);
});
