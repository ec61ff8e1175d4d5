/**
 * Douglas–Peucker on one closed ring of projected coordinates (x, y interleaved, metres): the
 * vertices kept, so that no dropped vertex lies farther than `tolerance` from the kept outline.
 * Display only: each ring is simplified on its own, so neighbours' shared edges may part by up to
 * `tolerance` (sub-pixel at the report's scale). A ring that would fall under 4 vertices is kept whole.
 */
export function simplifyRing(xy: Float64Array, tolerance: number): Float64Array {
  const n = xy.length / 2;
  if (n <= 4 || tolerance <= 0) return xy;
  const keep = new Uint8Array(n);
  // A closed ring: split at the first vertex and the one farthest from it, then each half.
  let far = 0;
  let farDistance = -1;
  for (let k = 1; k < n - 1; k++) {
    const d = (xy[2 * k] - xy[0]) ** 2 + (xy[2 * k + 1] - xy[1]) ** 2;
    if (d > farDistance) [far, farDistance] = [k, d];
  }
  keep[0] = keep[far] = keep[n - 1] = 1;
  const stack = [0, far, far, n - 1];
  const tolerance2 = tolerance * tolerance;
  while (stack.length > 0) {
    const last = stack.pop() as number;
    const first = stack.pop() as number;
    let index = -1;
    let max = tolerance2;
    for (let k = first + 1; k < last; k++) {
      const d = segmentDistance2(xy, k, first, last);
      if (d > max) [index, max] = [k, d];
    }
    if (index < 0) continue;
    keep[index] = 1;
    stack.push(first, index, index, last);
  }
  let count = 0;
  for (let k = 0; k < n; k++) count += keep[k];
  if (count < 4) return xy;
  const out = new Float64Array(2 * count);
  let j = 0;
  for (let k = 0; k < n; k++)
    if (keep[k]) {
      out[j++] = xy[2 * k];
      out[j++] = xy[2 * k + 1];
    }
  return out;
}

/** The squared distance of vertex k from the segment (a, b). */
function segmentDistance2(xy: Float64Array, k: number, a: number, b: number): number {
  const ax = xy[2 * a];
  const ay = xy[2 * a + 1];
  const dx = xy[2 * b] - ax;
  const dy = xy[2 * b + 1] - ay;
  const px = xy[2 * k] - ax;
  const py = xy[2 * k + 1] - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / length2));
  return (px - t * dx) ** 2 + (py - t * dy) ** 2;
}
