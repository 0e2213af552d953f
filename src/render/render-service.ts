// The renderer's end of the page–renderer connection (see platform/rpc.ts). Calls run in the
// order they arrive, each after the one before has ended (the first, `start`, creates the
// context and compiles, which the rest wait for).
import { PointRenderer } from './point-renderer.js';
import { serve, transfer, type Handlers, type Port } from '../platform/rpc.js';

/** The renderer's methods the page calls by name. */
export type RenderMethods = Omit<PointRenderer, 'ok'> & { start(canvas?: OffscreenCanvas): Promise<boolean> };

/**
 * Serves a renderer on `port`: drawing into the canvas the `start` call carries (in the render
 * worker), or into `pageCanvas` (on the page, where a canvas cannot be transferred).
 */
export function serveRenderer(port: Port, pageCanvas?: HTMLCanvasElement): { dispose(): void } {
  let renderer: PointRenderer | null = null;
  const start = async (canvas?: OffscreenCanvas): Promise<boolean> => {
    renderer = new PointRenderer(pageCanvas ?? canvas!);
    await renderer.compile();
    return renderer.ok;
  };
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = (method: string, args: unknown[]) => {
    const done = queue.then(async () => {
      const value = await (method === 'start'
        ? start(args[0] as OffscreenCanvas)
        : (renderer?.[method as keyof PointRenderer] as ((...a: unknown[]) => unknown) | undefined)?.apply(
            renderer,
            args,
          ));
      return value instanceof ImageBitmap ? transfer(value, [value]) : value;
    });
    // A call that fails fails alone (the page treats it as nothing drawn).
    queue = done.catch(() => {});
    return done;
  };
  // Every method by its name, without the call's context.
  const handlers = new Proxy({} as Handlers<RenderMethods>, {
    get:
      (_, method: string) =>
      (...args: unknown[]) =>
        inTurn(method, args.slice(0, -1)),
  });
  serve<RenderMethods>(port, handlers);
  return { dispose: () => renderer?.dispose() };
}
