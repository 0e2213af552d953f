import { runSteps } from '../core/steps.js';

/** Resolves in a new task (a message to ourselves: no setTimeout clamping), so long work can be split. */
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

/** Runs a generator's steps, letting the page run every few milliseconds; null once `stale()`. */
export function runInSlices<T>(steps: Generator<void, T>, stale?: () => boolean): Promise<T | null> {
  return runSteps(steps, nextTask, stale);
}
