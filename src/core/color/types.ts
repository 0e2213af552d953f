/** A colour as 0..255 bytes. */
export type RGB = [number, number, number];
