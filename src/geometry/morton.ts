/** Morton (Z-order) key of a point given in 0..65535 grid units: sorting by it keeps neighbours together. */
export function mortonKey(x: number, y: number): number {
  return spread(x) | (spread(y) << 1);
}

function spread(v: number): number {
  v &= 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v;
}
