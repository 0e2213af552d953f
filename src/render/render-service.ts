// The renderer's end of the page–renderer channel. Calls arrive as [id, method, ...args] and run
// in order (the first, `start`, creates the context and compiles, which the rest wait for); a
// call with an id above 0 is answered [id, result] once it is done.
import { PointRenderer } from './point-renderer.js';

/** A worker's global scope, a Worker, or one end of a MessageChannel. */
export interface RenderPort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
}

/** The renderer's methods the page calls by name. */
export type RenderMethods = Omit<PointRenderer, 'ok'> & { start(canvas?: OffscreenCanvas): Promise<boolean> };

/**
 * Serves a renderer on `port`: drawing into the canvas the `start` call carries (in the render
 * worker), or into `pageCanvas` (on the page, where a canvas cannot be transferred).
 */
export function serveRenderer(port: RenderPort, pageCanvas?: HTMLCanvasElement): { dispose(): void } {
  let renderer: PointRenderer | null = null;
  const start = async (canvas?: OffscreenCanvas): Promise<boolean> => {
    renderer = new PointRenderer(pageCanvas ?? canvas!);
    await renderer.compile();
    return renderer.ok;
  };
  let queue: Promise<unknown> = Promise.resolve();
  port.onmessage = ({ data: [id, method, ...args] }: MessageEvent<[number, keyof RenderMethods, ...unknown[]]>) => {
    queue = queue
      .then(() =>
        method === 'start'
          ? start(args[0] as OffscreenCanvas)
          : (renderer?.[method] as ((...a: unknown[]) => unknown) | undefined)?.apply(renderer, args),
      )
      // A call that fails answers undefined: the page treats it as nothing drawn.
      .catch(() => undefined)
      .then((result) => id && port.postMessage([id, result], result instanceof ImageBitmap ? [result] : []));
  };
  return { dispose: () => renderer?.dispose() };
}
