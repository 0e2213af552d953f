// Messages between the page and the session writer worker.
import type { SessionDocument, WriteOptions } from '../core/session/index.js';

/** A complete fingerprint (counts and cell order), as the writer requires. */
export type WritableFingerprint = WriteOptions['fingerprint'];

export interface SessionWriteRequest {
  id: number;
  document: SessionDocument;
  fingerprint: WritableFingerprint;
  /** The manifest's createdAt; the writer's clock when absent. */
  createdAt?: Date;
}

export type SessionWriteResponse =
  | { id: number; ok: true; bytes: Uint8Array }
  | { id: number; ok: false; name: string; message: string };
