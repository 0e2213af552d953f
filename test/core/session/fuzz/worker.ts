// A fuzz worker: makes and checks the cases it is sent, one at a time, and says when each starts,
// so the pool can tell a hang (a case that never ends) from slow progress.
import { parentPort, workerData } from 'node:worker_threads';
import { categoryOf, makeCase, type FuzzCase } from './cases.js';
import { FuzzFailure, runCase } from './check.js';
import { PrototypeGuard } from './prototypes.js';
import { demoCatalog, seedBundles } from './seeds.js';
import type { FromWorker, ToWorker, WorkerOptions } from './pool.js';

const options = workerData as WorkerOptions;
const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

const [seeds, catalog] = await Promise.all([seedBundles(), demoCatalog()]);
const guard = new PrototypeGuard();

port.on('message', async ({ from, to }: ToWorker) => {
  for (let index = from; index < to; index++) {
    post({ type: 'start', index });
    let c: FuzzCase | null = null;
    try {
      c = makeCase(seeds, options.seed, index);
      if (options.hangAt === index) for (;;); // the pool's own test: a case that never ends
      if (options.failAt === index) throw new FuzzFailure('a failure the pool was asked for');
      const outcome = await runCase(c, { catalog });
      const changed = guard.changes();
      if (changed.length && options.checkPrototypes) throw new FuzzFailure(`prototypes changed: ${changed.join('; ')}`);
      outcome.prototypesChanged = changed.length > 0;
      post({ type: 'done', index, category: c.category, outcome });
    } catch (err) {
      guard.changes();
      post({
        type: 'failure',
        index,
        category: categoryOf(index),
        seed: c?.seed ?? null,
        notes: c?.notes ?? [],
        message:
          err instanceof FuzzFailure ? err.message : `the harness threw: ${(err as Error)?.stack ?? String(err)}`,
      });
    }
  }
  post({ type: 'batch-done' });
});
post({ type: 'ready' });
