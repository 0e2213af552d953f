// Dequantisation exactly as the Cellucid app does it: float64 arithmetic, one rounding to
// float32 on store, the top code is the missing marker.
export type QuantBits = 8 | 16;

function maxQuant(bits: QuantBits): number {
  return bits === 8 ? 254 : 65534;
}

function missingMarker(bits: QuantBits): number {
  return bits === 8 ? 255 : 65535;
}

/** q → Float32 value; the marker → `missing` (NaN for values, -1 for outlier quantiles). */
export function dequantize(
  q: Uint8Array | Uint16Array,
  bits: QuantBits,
  min: number,
  max: number,
  missing = NaN,
  out: Float32Array = new Float32Array(q.length),
): Float32Array {
  const marker = missingMarker(bits);
  if (max === min) {
    for (let i = 0; i < q.length; i++) out[i] = q[i] === marker ? missing : min;
    return out;
  }
  const step = (max - min) / maxQuant(bits);
  for (let i = 0; i < q.length; i++) {
    const v = q[i];
    out[i] = v === marker ? missing : min + v * step;
  }
  return out;
}
