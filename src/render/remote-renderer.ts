// The page's handle on the renderer. Normally a render worker draws into the transferred canvas;
// where a canvas cannot be transferred, or the worker gets no WebGL2, the same renderer module
// runs on the page behind a MessageChannel. Either way calls keep their order, `post` does not
// wait and `call` resolves with the renderer's answer (undefined once the renderer is gone).
import type { RenderMethods, RenderPort } from './render-service.js';
import { importWorkerModule, workerUrlOnce } from '../platform/worker-module.js';

type Args<M extends keyof RenderMethods> = Parameters<RenderMethods[M]>;
type Answer<M extends keyof RenderMethods> = Awaited<ReturnType<RenderMethods[M]>> | undefined;

const renderWorkerUrl = workerUrlOnce(() => new URL('../worker/render.worker.ts', import.meta.url));

export class RemoteRenderer {
  readonly #answers = new Map<number, (value: unknown) => void>();
  #lastId = 0;

  readonly #port: RenderPort;
  readonly #close: () => void;

  private constructor(port: RenderPort, close: () => void) {
    this.#port = port;
    this.#close = close;
    port.onmessage = ({ data: [id, value] }) => {
      this.#answers.get(id)?.(value);
      this.#answers.delete(id);
    };
  }

  post<M extends keyof RenderMethods>(method: M, args: Args<M>, transfer: Transferable[] = []): void {
    this.#port.postMessage([0, method, ...args], transfer);
  }

  call<M extends keyof RenderMethods>(method: M, args: Args<M>, transfer: Transferable[] = []): Promise<Answer<M>> {
    const id = ++this.#lastId;
    return new Promise((resolve) => {
      this.#answers.set(id, resolve as (value: unknown) => void);
      this.#port.postMessage([id, method, ...args], transfer);
    });
  }

  /** Stops the renderer (its GL context goes with it); calls still waiting resolve undefined. */
  dispose(): void {
    this.#close();
    for (const resolve of this.#answers.values()) resolve(undefined);
    this.#answers.clear();
  }

  /**
   * Starts a renderer for `canvas`, in a worker where the canvas can be transferred. `freshCanvas`
   * replaces a transferred canvas when the worker cannot draw. Without a renderer: why, in words.
   */
  static async start(
    canvas: HTMLCanvasElement,
    freshCanvas: () => HTMLCanvasElement,
  ): Promise<RemoteRenderer | string> {
    if (typeof canvas.transferControlToOffscreen === 'function') {
      const worker = new Worker(renderWorkerUrl(), { type: 'module' });
      const remote = new RemoteRenderer(worker, () => worker.terminate());
      // A worker that cannot start (a page's CSP, say) answers nothing: fail its calls.
      worker.onerror = (e) => {
        e.preventDefault();
        remote.dispose();
      };
      const offscreen = canvas.transferControlToOffscreen();
      if (await remote.call('start', [offscreen], [offscreen])) return remote;
      remote.dispose();
      canvas = freshCanvas();
    }
    try {
      const { serveRenderer } =
        await importWorkerModule<typeof import('../worker/render.worker.js')>(renderWorkerUrl());
      const channel = new MessageChannel();
      const served = serveRenderer(channel.port2, canvas);
      const remote = new RemoteRenderer(channel.port1, () => {
        served.dispose();
        channel.port1.close();
      });
      if (await remote.call('start', [])) return remote;
      remote.dispose();
    } catch (err) {
      // The module could not be loaded on the page either.
      return `The cells cannot be drawn: ${(err as Error).message}.`;
    }
    return 'WebGL2 is not available here, so the cells cannot be drawn.';
  }
}
