// The session format's integers: frame lengths, the manifest's length, gzip's trailer and an
// artifact's metadata length are unsigned 32-bit little-endian.

/** The unsigned 32-bit little-endian integer at `at`. */
export function readU32(b: Uint8Array, at = 0): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}
