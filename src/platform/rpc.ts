// One typed call protocol between the page and a worker (or the two ends of a MessageChannel):
// `connect` is the caller's end, `serve` the callee's. A method map (an interface of functions)
// types both. Calls carry an id; the answer is the method's value (its buffers transferred when
// the method says so), its error (an Error with the same message and own fields), or progress.
// A call can be aborted; a worker that crashes, or an end that is closed, rejects every call
// still waiting with Disconnected.
//
// On the wire: [id, method, args] calls (id 0: no answer wanted), [id] cancels, and
// [id, kind, payload] answers.

/** A Worker, a worker's global scope, or one end of a MessageChannel. */
export interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onmessageerror?: ((e: MessageEvent) => void) | null;
}

/** What the callee's method gets after its arguments. */
export interface CallContext {
  /** Aborted when the caller aborts the call. */
  signal: AbortSignal;
  /** Sends the caller a progress value (see CallOptions.onProgress). */
  progress(value: unknown): void;
}

export interface CallOptions {
  transfer?: Transferable[];
  signal?: AbortSignal;
  onProgress?: (value: never) => void;
}

// Methods are declared as an interface of functions: `any` lets each keep its own arguments.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Methods<M> = { [K in keyof M]: (...args: any[]) => unknown };

/** The callee's implementation of `M`: each method with the call's context after its arguments. */
export type Handlers<M extends Methods<M>> = {
  [K in keyof M]: (...args: [...Parameters<M[K]>, CallContext]) => ReturnType<M[K]> | Awaited<ReturnType<M[K]>>;
};

export interface Remote<M extends Methods<M>> {
  /** Calls `method` and resolves with its answer. */
  call<K extends keyof M>(method: K, args: Parameters<M[K]>, options?: CallOptions): Promise<Awaited<ReturnType<M[K]>>>;
  /** Calls `method` without waiting for (or hearing of) its end. */
  post<K extends keyof M>(method: K, args: Parameters<M[K]>, transfer?: Transferable[]): void;
  /** Closes the connection (and terminates a worker): the calls still waiting reject with `reason`. */
  close(reason?: Error): void;
}

/** The other end is gone (crashed, never started, or closed): the call was not answered. */
export class Disconnected extends Error {}

const VALUE = 0;
const ERROR = 1;
const PROGRESS = 2;

type Answer = [id: number, kind: typeof VALUE | typeof ERROR | typeof PROGRESS, payload: unknown];
type Call = [id: number, method?: string, args?: unknown[]];

const transfers = new WeakMap<object, Transferable[]>();

/** `value`, to be answered with `list` transferred rather than copied. */
export function transfer<T extends object>(value: T, list: Transferable[]): T {
  transfers.set(value, list);
  return value;
}

/** The caller's end of `port`. A Worker's crash (or a message that cannot be read) closes it. */
export function connect<M extends Methods<M>>(port: Port & { terminate?(): void; close?(): void }): Remote<M> {
  const waiting = new Map<
    number,
    { resolve(value: unknown): void; reject(err: unknown): void; onProgress?: (value: never) => void }
  >();
  let lastId = 0;
  let closed: Error | null = null;

  const close = (reason: Error = new Disconnected('the connection was closed')) => {
    closed ??= reason;
    port.onmessage = null;
    port.terminate?.();
    port.close?.();
    for (const { reject } of waiting.values()) reject(reason);
    waiting.clear();
  };
  port.onmessage = ({ data: [id, kind, payload] }: MessageEvent<Answer>) => {
    const call = waiting.get(id);
    if (kind === PROGRESS) return call?.onProgress?.(payload as never);
    waiting.delete(id);
    if (kind === VALUE) call?.resolve(payload);
    else call?.reject(Object.assign(new Error((payload as Error).message), payload));
  };
  port.onmessageerror = () => close(new Disconnected('an answer could not be read'));
  // A worker that cannot start (a page's CSP, a bad URL) or that crashed answers nothing more.
  (port as Partial<Worker>).onerror = (e: ErrorEvent) => {
    e.preventDefault();
    close(new Disconnected(e.message || 'the worker stopped'));
  };

  return {
    call: (method, args, { transfer, signal, onProgress } = {}) =>
      new Promise((resolve, reject) => {
        if (closed) return reject(closed);
        if (signal?.aborted) return reject(signal.reason);
        const id = ++lastId;
        const onAbort = () => {
          // The callee hears of it and stops; the caller hears of it at once.
          if (waiting.delete(id)) port.postMessage([id] satisfies Call);
          reject(signal!.reason);
        };
        const done =
          <T>(settle: (v: T) => void) =>
          (v: T) => {
            signal?.removeEventListener('abort', onAbort);
            settle(v);
          };
        waiting.set(id, { resolve: done(resolve), reject: done(reject), onProgress });
        signal?.addEventListener('abort', onAbort);
        try {
          port.postMessage([id, method as string, args] satisfies Call, transfer);
        } catch (err) {
          waiting.delete(id);
          done(reject)(err);
        }
      }),
    post: (method, args, transfer) => {
      if (!closed) port.postMessage([0, method as string, args] satisfies Call, transfer);
    },
    close,
  };
}

/** Serves `handlers` on `port`: each call runs at once, in the order the calls arrive. */
export function serve<M extends Methods<M>>(port: Port, handlers: Handlers<M>): void {
  const running = new Map<number, AbortController>();
  const answer = (id: number, kind: Answer[1], payload: unknown, list: Transferable[] = []) => {
    if (!id) return;
    try {
      port.postMessage([id, kind, payload] satisfies Answer, list);
    } catch (err) {
      // An answer that cannot be sent (a value that cannot be cloned) is an error of the call.
      port.postMessage([id, ERROR, { message: String(err) }] satisfies Answer);
    }
  };
  port.onmessage = async ({ data: [id, method, args] }: MessageEvent<Call>) => {
    if (method === undefined) return running.get(id)?.abort();
    const abort = new AbortController();
    if (id) running.set(id, abort);
    const context: CallContext = { signal: abort.signal, progress: (value) => answer(id, PROGRESS, value) };
    try {
      const handler = handlers[method as keyof M] as (...a: unknown[]) => unknown;
      const value = await handler(...args!, context);
      answer(id, VALUE, value, transfers.get(value as object));
    } catch (err) {
      answer(id, ERROR, err instanceof Error ? { ...err, message: err.message } : { message: String(err) });
    } finally {
      running.delete(id);
    }
  };
}
