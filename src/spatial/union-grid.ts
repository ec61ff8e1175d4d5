import { CLIP_SCALE } from '../geometry/integer-paths.js';
import type { PackedPaths } from '../geometry/paths-codec.js';
import type { PolygonSet } from '../model/polygon-set.js';
import { CellSpans, edgeSpans, insideSpans } from './grid-raster.js';
import { PairList, type PolygonGrid } from './polygon-grid.js';

/**
 * How far (degrees, ~0.5 m) a union edge must stay from a cell for the cell to count as inside the
 * union: the tile unions are on the 1e-7° integer grid and their vertices are rounded once per
 * cascade level, so they can sit a few 1e-7° from the exact union.
 */
const UNION_MARGIN = 5e-6;

/**
 * Refines a coverage grid (mode `bits`) with the per-layer unions of the tiles: a cell that lies
 * inside a layer's union, away from its edges, is covered by that layer even where no single
 * polygon covers it whole (dense overlapping sectors). Such cells need no exact test for that layer,
 * so their edge lists lose that layer's polygons. `tiles[t][l]` is layer l's union inside tile t.
 */
export function refineWithUnions(
  grid: PolygonGrid,
  set: PolygonSet,
  tiles: readonly (readonly PackedPaths[])[],
): PolygonGrid {
  const cells = grid.cols * grid.rows;
  if (cells === 0) return grid;
  const nearEdge = new Uint32Array(cells);
  const inside = new Uint32Array(cells);
  // Each union closed once, in integer units (the raster divides by the scale as it goes).
  const closed = tiles.map((layers) =>
    layers.map((packed) => ({ coords: closedCoords(packed), rings: closedRings(packed.offset) })),
  );
  const spans = new CellSpans();
  // Pass 1: every tile's union edges, margins included; pass 2: the inside cells away from them.
  for (const layers of closed) {
    layers.forEach(({ coords, rings }, layer) => {
      const bit = 1 << layer;
      for (let k = 0; k + 1 < rings.length; k++) {
        spans.length = 0;
        edgeSpans(grid, coords, rings[k], rings[k + 1], UNION_MARGIN, CLIP_SCALE, spans);
        for (let s = 0; s < spans.length; s++)
          for (let cell = spans.first[s]; cell <= spans.last[s]; cell++) nearEdge[cell] |= bit;
      }
    });
  }
  for (const layers of closed) {
    layers.forEach(({ coords, rings }, layer) => {
      if (rings.length < 2) return;
      const bit = 1 << layer;
      let minY = Number.POSITIVE_INFINITY;
      let maxY = Number.NEGATIVE_INFINITY;
      for (let v = 1; v < coords.length; v += 2) {
        minY = Math.min(minY, coords[v]);
        maxY = Math.max(maxY, coords[v]);
      }
      const r0 = Math.floor((minY / CLIP_SCALE - grid.y0) / grid.dy);
      const r1 = Math.floor((maxY / CLIP_SCALE - grid.y0) / grid.dy);
      spans.length = 0;
      insideSpans(grid, coords, rings, 0, rings.length - 1, CLIP_SCALE, r0, r1, spans);
      for (let s = 0; s < spans.length; s++) {
        for (let cell = spans.first[s]; cell <= spans.last[s]; cell++)
          if ((nearEdge[cell] & bit) === 0) inside[cell] |= bit;
      }
    });
  }

  const full = new Int32Array(new SharedArrayBuffer(cells * 4));
  const pairs = new PairList();
  for (let c = 0; c < cells; c++) {
    const bits = grid.full[c] | inside[c];
    full[c] = bits;
    for (let k = grid.edgeOffset[c]; k < grid.edgeOffset[c + 1]; k++) {
      const p = grid.edgePolygons[k];
      if ((bits & (1 << set.owner[p])) === 0) pairs.push(c, p);
    }
  }
  return { ...grid, full, ...pairs.toCsr(cells) };
}

/** The packed coordinates with each path closed (its first vertex repeated), still integers. */
function closedCoords(packed: PackedPaths): Int32Array {
  const { coords, offset } = packed;
  const paths = offset.length - 1;
  const out = new Int32Array(coords.length + 2 * paths);
  for (let k = 0; k < paths; k++) {
    const from = 2 * offset[k];
    const to = 2 * offset[k + 1];
    const at = from + 2 * k;
    out.set(coords.subarray(from, to), at);
    out[at + to - from] = coords[from];
    out[at + to - from + 1] = coords[from + 1];
  }
  return out;
}

/** Vertex offsets of the closed paths in `closedCoords`: path k is rings[k] .. rings[k+1]-1. */
function closedRings(offset: Uint32Array): Uint32Array {
  const rings = new Uint32Array(offset.length);
  for (let k = 0; k < offset.length; k++) rings[k] = offset[k] + k;
  return rings;
}
