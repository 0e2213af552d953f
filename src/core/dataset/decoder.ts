// Where an export folder's files are fetched and decoded. The core reads them in the calling
// thread (Node, tests); the page hands a pool of decode workers in instead (platform/decode-pool.ts).
import type { FetchContext } from './fetching.js';
import { readFile, type OnBytes, type ReadRequest } from './read.js';

export interface PayloadDecoder {
  /**
   * Reads one file (see readFile); rejects with the signal's reason once aborted. A worker pool
   * fetches with its workers' own fetch, not `ctx.fetch`.
   */
  read(ctx: FetchContext, request: ReadRequest, onBytes?: OnBytes): Promise<unknown>;
  dispose?(): void;
}

export const inThreadDecoder: PayloadDecoder = {
  read: (ctx, request, onBytes) => readFile(ctx, request, onBytes),
};
