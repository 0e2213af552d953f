// The Cellucid app's four easings, applied to each segment's local time t ∈ [0, 1].
export type CameraPathEasing = 'linear' | 'ease-in-out' | 'ease-in' | 'ease-out';

export const EASINGS: ReadonlyMap<CameraPathEasing, (t: number) => number> = new Map<
  CameraPathEasing,
  (t: number) => number
>([
  ['linear', (t) => t],
  // Quadratic in, quadratic out, meeting at t = ½.
  ['ease-in-out', (t) => (t < 0.5 ? 2 * t * t : 1 - (2 - 2 * t) ** 2 / 2)],
  ['ease-in', (t) => t * t],
  ['ease-out', (t) => 1 - (1 - t) * (1 - t)],
]);

export function isEasing(value: unknown): value is CameraPathEasing {
  return typeof value === 'string' && EASINGS.has(value as CameraPathEasing);
}
