import { nextTask, runSteps } from '../core/steps.js';

export { nextTask };

/** Runs a generator's steps, letting the page run every few milliseconds; null once `stale()`. */
export function runInSlices<T>(steps: Generator<void, T>, stale?: () => boolean): Promise<T | null> {
  return runSteps(steps, nextTask, { stale });
}
