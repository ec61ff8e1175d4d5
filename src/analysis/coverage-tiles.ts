import { type Paths64, type Rect64, Rect64Utils } from 'clipper2-ts';
import type Flatbush from 'flatbush';
import { CLIP_SCALE } from '../geometry/integer-paths.js';
import { mortonKey } from '../geometry/morton.js';
import { cascadedUnion, FlatPolygon } from '../geometry/wasm-clipper.js';
import type { PolygonSet } from '../model/polygon-set.js';
import { fullCellPaths, type UnionCulling, unionGroups } from './full-cells.js';

/**
 * Tile size in degrees. Unioning the coverage once per tile instead of once per region halves the
 * work (Kreis bounding boxes overlap, so per region every sector is unioned 2.35× on average) and
 * gives the pool many even tasks. 0.25° measured fastest among 0.125–0.5° on the NRW scenario.
 */
export const TILE_DEGREES = 0.25;

/**
 * Each tile is clipped this much wider (integer units, 1e-5° ≈ 1 m) so neighbouring tiles' pieces
 * overlap: their union has no seam, whatever the rounding of the cut.
 */
export const TILE_MARGIN = 100;

export interface TileRect {
  /** Integer (CLIP_SCALE) bounds, margin included. */
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface TileInput {
  coverage: PolygonSet;
  coverageIndex: Flatbush;
  layerCount: number;
  lteMask: number;
  nrMask: number;
  /** Also union each layer on its own (for the grid), not only all LTE and all 5G layers. */
  perLayer: boolean;
  /**
   * Which polygons the unions need (`unionCulling` on the coverage grid, grouped as `unionGroups`
   * says for `perLayer`): the grid's full cells stand in for the rest. Without it, every polygon is
   * unioned.
   */
  culling?: UnionCulling;
}

/** One tile's unions: per layer (for the grid, when asked; else none), and of all LTE and all 5G layers (for the region clips). */
export interface TileCoverage {
  layers: Paths64[];
  lte: Paths64;
  nr: Paths64;
}

/** A tile without its margin: the cores of all tiles partition the plane. */
export function tileCore(tile: TileRect): Rect64 {
  return Rect64Utils.create(
    tile.left + TILE_MARGIN,
    tile.top + TILE_MARGIN,
    tile.right - TILE_MARGIN,
    tile.bottom - TILE_MARGIN,
  );
}

/** The tiles (with margin) covering a lon/lat extent in degrees, row by row. */
export function tileRects(
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
  size = TILE_DEGREES,
): TileRect[] {
  const tiles: TileRect[] = [];
  const step = Math.round(size * CLIP_SCALE);
  const x0 = Math.floor((minX * CLIP_SCALE) / step) * step;
  const y0 = Math.floor((minY * CLIP_SCALE) / step) * step;
  for (let y = y0; y <= maxY * CLIP_SCALE; y += step) {
    for (let x = x0; x <= maxX * CLIP_SCALE; x += step) {
      tiles.push({
        left: x - TILE_MARGIN,
        top: y - TILE_MARGIN,
        right: x + step + TILE_MARGIN,
        bottom: y + step + TILE_MARGIN,
      });
    }
  }
  return tiles;
}

/**
 * Each layer's union inside one tile (index = layer). The same pieces serve the dead zones and 5G
 * area (LTE and 5G layers, unioned again by NonZero filling in the region clip) and the grid, whose
 * cells inside a layer's union need no exact test.
 */
export function tileCoverage(input: TileInput, tile: TileRect): TileCoverage {
  const { coverage, coverageIndex, layerCount, lteMask, nrMask } = input;
  const rect = Rect64Utils.create(tile.left, tile.top, tile.right, tile.bottom);
  const minX = tile.left / CLIP_SCALE;
  const minY = tile.top / CLIP_SCALE;
  const width = (tile.right - tile.left) / CLIP_SCALE;
  const height = (tile.bottom - tile.top) / CLIP_SCALE;
  // Morton order of the centres, so the cascaded union meets neighbours early.
  const key = (p: number) =>
    mortonKey(
      Math.max(
        0,
        Math.min(65535, (((coverage.bbox[4 * p] + coverage.bbox[4 * p + 2]) / 2 - minX) / width) * 65535),
      ),
      Math.max(
        0,
        Math.min(
          65535,
          (((coverage.bbox[4 * p + 1] + coverage.bbox[4 * p + 3]) / 2 - minY) / height) * 65535,
        ),
      ),
    );
  const groups = unionGroups(layerCount, lteMask, nrMask, input.perLayer);
  const { culling } = input;
  const candidates = coverageIndex
    .search(minX, minY, minX + width, minY + height)
    .filter((p) => groups[coverage.owner[p]] !== 0 && (!culling || culling.needed[p] === 1))
    .map((p) => ({ p, key: key(p) }))
    .sort((a, b) => a.key - b.key || a.p - b.p);
  const clipped = candidates.map(({ p }) => ({ p, paths: new FlatPolygon(coverage, p) }));
  const rectPath: Paths64 = [Rect64Utils.asPath(rect)];
  // The union of a group's polygons within the tile: the needed ones, cascaded and cut to the tile
  // on the way, then the full cells standing in for the rest.
  const union = (group: number, pieces: FlatPolygon[]) => {
    const kept = cascadedUnion(pieces, rectPath);
    const full = culling && culling.culledLayers & group ? fullCellPaths(culling.grid, group, rect) : [];
    return full.length === 0 ? kept : cascadedUnion(kept.length > 0 ? [full, kept] : [full]);
  };
  if (!input.perLayer) {
    // Few points per polygon: the grid's per-layer refinement would not pay for its unions.
    const merged = (mask: number) =>
      union(
        mask,
        clipped.filter((c) => (mask >>> coverage.owner[c.p]) & 1).map((c) => c.paths),
      );
    return { layers: [], lte: merged(lteMask), nr: merged(nrMask) };
  }
  const byLayer: FlatPolygon[][] = Array.from({ length: layerCount }, () => []);
  for (const { p, paths } of clipped) byLayer[coverage.owner[p]].push(paths);
  const layers = byLayer.map((polygons, l) => union(1 << l, polygons));
  // The layer unions are few and simple: merging them is cheap next to unioning all sectors at once.
  const merge = (mask: number) =>
    cascadedUnion(layers.filter((paths, l) => (mask >>> l) & 1 && paths.length > 0));
  return { layers, lte: merge(lteMask), nr: merge(nrMask) };
}
