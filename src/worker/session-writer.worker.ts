// Session writer worker: encodes a structured-cloned SessionDocument into bundle bytes off the main
// thread (gzip and varint encoding of large highlight groups are the expensive part of an autosave).
// The bytes are transferred back, not copied.
import { writeSessionBundle } from '../core/session/index.js';
import type { SessionWriteRequest, SessionWriteResponse } from '../persistence/session-writer-protocol.js';

const scope = self as unknown as Worker;

scope.onmessage = (event: MessageEvent<SessionWriteRequest>) => {
  const { id, document, fingerprint, createdAt } = event.data;
  let response: SessionWriteResponse;
  let transfer: Transferable[] = [];
  try {
    const bytes = writeSessionBundle(document, { fingerprint, createdAt });
    response = { id, ok: true, bytes };
    transfer = [bytes.buffer];
  } catch (error) {
    response = {
      id,
      ok: false,
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  scope.postMessage(response, transfer);
};
