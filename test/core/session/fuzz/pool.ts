// Runs fuzz cases in worker threads. Each worker gets batches of case numbers and says when each
// case starts; a case still running after the time limit is a hang: its worker is terminated and
// the case reported (the time limit is far above any case's cost, so only a case that never ends
// reaches it; the reader's work budget catches a read that does too much, whatever the machine's speed).
import { Worker } from 'node:worker_threads';
import type { CaseOutcome } from './check.js';
import { CATEGORIES, type Category } from './cases.js';

export interface WorkerOptions {
  seed: number;
  checkPrototypes: boolean;
  /** For the pool's own tests: the case that hangs, or fails. */
  hangAt?: number;
  failAt?: number;
}

export interface PoolOptions extends WorkerOptions {
  /** Case numbers to run: [from, to). */
  from: number;
  to: number;
  workers: number;
  /** A case running longer than this is a hang. */
  caseTimeLimitMs: number;
  /** Cases sent to a worker at a time. */
  batch?: number;
}

export type ToWorker = { from: number; to: number };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'start'; index: number }
  | { type: 'done'; index: number; category: Category; outcome: CaseOutcome }
  | { type: 'failure'; index: number; category: Category; seed: string | null; notes: string[]; message: string }
  | { type: 'batch-done' };

export interface CaseFailure {
  index: number;
  category: Category | null;
  seed: string | null;
  notes: string[];
  message: string;
}

export interface CategoryStats {
  cases: number;
  accepted: number;
  reachedContributor: number;
  mapped: number;
  worstRatio: number;
  /** The largest share of its work budget a case's read used. */
  maxWorkShare: number;
  prototypesChanged: number;
}

export interface PoolResult {
  done: number;
  failures: CaseFailure[];
  stats: Record<Category, CategoryStats>;
}

export async function runPool(options: PoolOptions): Promise<PoolResult> {
  const { from, to, caseTimeLimitMs } = options;
  const batch = options.batch ?? 50;
  const stats = Object.fromEntries(
    CATEGORIES.map((c) => [
      c,
      { cases: 0, accepted: 0, reachedContributor: 0, mapped: 0, worstRatio: 0, maxWorkShare: 0, prototypesChanged: 0 },
    ]),
  ) as Record<Category, CategoryStats>;
  const failures: CaseFailure[] = [];
  let next = from;
  let done = 0;
  const workerData: WorkerOptions = {
    seed: options.seed,
    checkPrototypes: options.checkPrototypes,
    hangAt: options.hangAt,
    failAt: options.failAt,
  };

  await new Promise<void>((resolve, reject) => {
    const running = new Map<Worker, { index: number | null; since: number }>();
    const finish = () => {
      clearInterval(watchdog);
      for (const w of running.keys()) void w.terminate();
      running.clear();
      resolve();
    };
    const sendBatch = (w: Worker) => {
      if (failures.length || next >= to) {
        running.delete(w);
        void w.terminate();
        if (running.size === 0) finish();
        return;
      }
      const range: ToWorker = { from: next, to: Math.min(to, next + batch) };
      next = range.to;
      w.postMessage(range);
    };
    const watchdog = setInterval(() => {
      for (const at of running.values())
        if (at.index !== null && performance.now() - at.since > caseTimeLimitMs) {
          failures.push({
            index: at.index,
            category: null,
            seed: null,
            notes: [],
            message: `hangs: still running after ${caseTimeLimitMs} ms (worker terminated)`,
          });
          finish();
          return;
        }
    }, 250);
    for (let i = 0; i < options.workers; i++) {
      const w = new Worker(new URL('./worker.mjs', import.meta.url), { workerData });
      running.set(w, { index: null, since: performance.now() });
      w.on('message', (m: FromWorker) => {
        const at = running.get(w);
        if (!at) return;
        if (m.type === 'ready' || m.type === 'batch-done') {
          at.index = null;
          sendBatch(w);
        } else if (m.type === 'start') {
          at.index = m.index;
          at.since = performance.now();
        } else if (m.type === 'done') {
          done++;
          const s = stats[m.category];
          s.cases++;
          if (m.outcome.accepted) s.accepted++;
          if (m.outcome.reachedContributor) s.reachedContributor++;
          if (m.outcome.mapped) s.mapped++;
          s.worstRatio = Math.max(s.worstRatio, m.outcome.worstRatio);
          s.maxWorkShare = Math.max(s.maxWorkShare, m.outcome.workShare);
          if (m.outcome.prototypesChanged) s.prototypesChanged++;
        } else if (m.type === 'failure') {
          failures.push(m);
          finish();
        }
      });
      w.on('error', (err) => {
        clearInterval(watchdog);
        for (const other of running.keys()) void other.terminate();
        reject(err);
      });
    }
  });
  return { done, failures, stats };
}
