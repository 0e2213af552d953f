// Long computations written as generators that yield between steps, so the same code runs in
// one go (Node, workers, small inputs) or spread over several tasks of a page (a million cells).

/** Runs every step now and returns the result. */
export function finishSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How runSteps slices: a pause after each `sliceMs` of work, measured by `now` (the page's clock by default). */
export interface SliceOptions {
  /** Says at a pause that the work is no longer wanted: runSteps then resolves with null. */
  stale?: () => boolean;
  sliceMs?: number;
  now?: () => number;
}

/**
 * Runs the steps, awaiting `pause` (the caller's "let the page run") whenever a slice of steps
 * took `sliceMs`. Resolves with the result, or null when `stale()` says at a pause that the
 * work is no longer wanted.
 */
export async function runSteps<T>(
  steps: Generator<void, T>,
  pause: () => Promise<void>,
  { stale = () => false, sliceMs = 8, now = () => performance.now() }: SliceOptions = {},
): Promise<T | null> {
  let sliceStart = now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (now() - sliceStart < sliceMs) continue;
    await pause();
    if (stale()) return null;
    sliceStart = now();
  }
}

/**
 * Resolves in a new task (a message to ourselves: no setTimeout clamping), so long work can be
 * split. MessageChannel exists in pages, workers and Node.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
