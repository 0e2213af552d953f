// The page's handle on the renderer. Normally a render worker draws into the transferred canvas;
// where a canvas cannot be transferred, or the worker gets no WebGL2, the same renderer module
// runs on the page behind a MessageChannel (platform/rpc.ts either way). Calls keep their order,
// `post` does not wait and `call` resolves with the renderer's answer (undefined once the renderer
// is gone, or when the call failed).
import type { RenderMethods } from './render-service.js';
import { connect, type Remote } from '../platform/rpc.js';
import { importWorkerModule, workerUrlOnce } from '../platform/worker-module.js';

type Args<M extends keyof RenderMethods> = Parameters<RenderMethods[M]>;
type Answer<M extends keyof RenderMethods> = Awaited<ReturnType<RenderMethods[M]>> | undefined;

const renderWorkerUrl = workerUrlOnce(() => new URL('../worker/render.worker.ts', import.meta.url));

export class RemoteRenderer {
  readonly #remote: Remote<RenderMethods>;
  readonly #close: () => void;

  private constructor(remote: Remote<RenderMethods>, close: () => void = () => {}) {
    this.#remote = remote;
    this.#close = close;
  }

  post<M extends keyof RenderMethods>(method: M, args: Args<M>, transfer: Transferable[] = []): void {
    this.#remote.post(method, args, transfer);
  }

  call<M extends keyof RenderMethods>(method: M, args: Args<M>, transfer: Transferable[] = []): Promise<Answer<M>> {
    // A call that failed, or that the renderer's end never answered, drew nothing.
    return this.#remote.call(method, args, { transfer }).catch(() => undefined);
  }

  /** Stops the renderer (its GL context goes with it); calls still waiting resolve undefined. */
  dispose(): void {
    this.#remote.close();
    this.#close();
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
      // A worker that cannot start (a page's CSP, say) fails its calls.
      const remote = new RemoteRenderer(connect(new Worker(renderWorkerUrl(), { type: 'module' })));
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
      const remote = new RemoteRenderer(connect(channel.port1), served.dispose);
      if (await remote.call('start', [])) return remote;
      remote.dispose();
    } catch (err) {
      // The module could not be loaded on the page either.
      return `The cells cannot be drawn: ${(err as Error).message}.`;
    }
    return 'WebGL2 is not available here, so the cells cannot be drawn.';
  }
}
