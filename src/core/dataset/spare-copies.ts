// Second copies of decoded arrays, made in a decode worker for a consumer that takes them over
// (the render worker). Moving a copy costs the page nothing; copying 60 MB of positions on the
// way to the renderer was a long main-thread task.
const spares = new WeakMap<Float32Array, Float32Array>();

export function keepSpare(array: Float32Array, copy: Float32Array): void {
  spares.set(array, copy);
}

/** The spare copy of `array`, once (it is to be transferred), or undefined. */
export function takeSpare(array: Float32Array): Float32Array | undefined {
  const copy = spares.get(array);
  spares.delete(array);
  return copy;
}
