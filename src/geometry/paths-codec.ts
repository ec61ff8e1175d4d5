import type { Paths64 } from 'clipper2-ts';

/** Integer paths packed for a thread hop: interleaved x, y and path start offsets (transferable, no objects). */
export interface PackedPaths {
  coords: Int32Array;
  /** Path k is coords[2·offset[k] .. 2·offset[k+1]). */
  offset: Uint32Array;
}

export function packPaths(paths: Paths64): PackedPaths {
  let vertices = 0;
  for (const path of paths) vertices += path.length;
  const coords = new Int32Array(2 * vertices);
  const offset = new Uint32Array(paths.length + 1);
  let v = 0;
  paths.forEach((path, k) => {
    for (const pt of path) {
      coords[2 * v] = pt.x;
      coords[2 * v + 1] = pt.y;
      v++;
    }
    offset[k + 1] = v;
  });
  return { coords, offset };
}

/** One packed set holding all of `parts` in order. */
export function concatPacked(parts: readonly PackedPaths[]): PackedPaths {
  let vertices = 0;
  let paths = 0;
  for (const part of parts) {
    vertices += part.coords.length / 2;
    paths += part.offset.length - 1;
  }
  const coords = new Int32Array(2 * vertices);
  const offset = new Uint32Array(paths + 1);
  let v = 0;
  let k = 0;
  for (const part of parts) {
    coords.set(part.coords, 2 * v);
    for (let j = 1; j < part.offset.length; j++) offset[++k] = v + part.offset[j];
    v += part.coords.length / 2;
  }
  return { coords, offset };
}
