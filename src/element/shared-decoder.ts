// One pool of decode workers for every viewer on the page: several viewers must not each
// start up to four workers. The pool is released when the last viewer lets go of it.
import { createWorkerDecoder, type PayloadDecoder } from '../core/dataset/index.js';

let decoder: PayloadDecoder | null = null;
let users = 0;

export function acquireDecoder(): PayloadDecoder {
  if (!decoder) decoder = createWorkerDecoder();
  users++;
  return decoder;
}

export function releaseDecoder(): void {
  users = Math.max(0, users - 1);
  if (users === 0 && decoder) {
    decoder.dispose?.();
    decoder = null;
  }
}
