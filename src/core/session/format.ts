// Framing constants of the .cellucid-session container.
export const MAGIC = new TextEncoder().encode('CELLUCID_SESSION\n');
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
export const MAX_STORED_CHUNK_BYTES = 512 * 1024 * 1024;
export const MAX_UNCOMPRESSED_CHUNK_BYTES = 512 * 1024 * 1024;
