import type { TileRect } from '../analysis/coverage-tiles.js';
import type { UnionCulling } from '../analysis/full-cells.js';
import type { CountLayout } from '../analysis/household-counts.js';
import type { InputErrorWhere } from '../errors.js';
import type { EdgeBands } from '../geometry/edge-bands.js';
import type { PackedPaths } from '../geometry/paths-codec.js';
import type { Layer } from '../model/coverage.js';
import type { SetIndex } from '../spatial/indexes.js';
import type { PolygonGrid } from '../spatial/polygon-grid.js';

/** A PolygonSet as it crosses to a worker: the same SharedArrayBuffers. */
export interface SharedPolygonSet {
  polygonCount: number;
  ringStart: Uint32Array;
  ringOffset: Uint32Array;
  coords: Float64Array;
  owner: Uint32Array;
  bbox: Float64Array;
}

/**
 * Everything a worker reads, sent with every task but backed by SharedArrayBuffers, so it costs a
 * handful of handles.
 */
export interface SharedContext {
  lon: Float64Array;
  lat: Float64Array;
  weight: Uint32Array;
  coverage: SharedPolygonSet;
  coverageGrid: PolygonGrid;
  coverageBands: EdgeBands;
  regions: SharedPolygonSet;
  regionGrid: PolygonGrid;
  regionBands: EdgeBands;
  layers: Layer[];
  layout: CountLayout;
  /** The LTE layers, for assigning white-spot households to dead zones. */
  lteMask: number;
  /** Written by classification tasks, one slot per household point. */
  mask: Uint32Array;
  region: Int32Array;
}

/** What a tile union reads: the coverage alone, so it can start before the households are read. */
export interface TileSource {
  coverage: SharedPolygonSet;
  coverageIndex: ArrayBufferLike;
  layerCount: number;
  lteMask: number;
  nrMask: number;
  perLayer: boolean;
  /** The coverage grid and the polygons the unions need: full cells stand in for the others (full-cells.ts). */
  culling?: UnionCulling;
}

export type Task =
  | {
      kind: 'index';
      set: SharedPolygonSet;
      cellsAcross: number;
      /** Per layer, the layers it is unioned with (`unionGroups`). */
      groups: readonly number[];
    }
  | { kind: 'classify'; context: SharedContext; start: number; end: number }
  | {
      kind: 'tiles';
      source: TileSource;
      /** The tiles as left, top, right, bottom each, shared: every task reads them, none copies them. */
      rects: Float64Array;
      /** The next tile to take, shared by every thread on the job (Atomics.add). */
      next: Int32Array;
      /** Tiles this task takes at most. */
      max: number;
    }
  | {
      kind: 'geometry';
      context: SharedContext;
      region: number;
      /** The LTE pieces of all tiles around the region, in one set: dead zones are not split at tile seams. */
      lte: PackedPaths;
      /** The 5G pieces tile by tile: the 5G area is summed per tile. */
      nr: { tile: TileRect; pieces: PackedPaths }[];
    };

/**
 * What the coverage's tile unions and classification need, built on the pool while the main thread
 * reads on: the grid and edge bands, the R-tree (Flatbush data) and the union culling.
 */
export interface IndexResult extends SetIndex {
  kind: 'index';
  rtree: ArrayBufferLike;
  culling: UnionCulling;
}

export interface ClassifyResult {
  kind: 'classify';
  counts: Float64Array;
}

/** One tile's unions (with its margin): per layer (index = layer), and of all LTE and all 5G layers. */
export interface TileResult {
  layers: PackedPaths[];
  lte: PackedPaths;
  nr: PackedPaths;
}

/** The tiles one thread took, by their index in the job's list. */
export interface TilesResult {
  kind: 'tiles';
  tiles: number[];
  results: TileResult[];
}

export interface GeometryResult {
  kind: 'geometry';
  region: number;
  areaM2: number;
  area5gM2: number;
  deadZoneAreaM2: number;
  deadZones: { rings: Float64Array[]; areaM2: number }[];
}

/** Errors travel back inside the result, so an InputError keeps its name and message across the thread. */
export interface FailedResult {
  kind: 'error';
  name: string;
  message: string;
  stack?: string;
  /** An InputError's place (file, feature, field, value). */
  where?: InputErrorWhere;
}

export type TaskResult = IndexResult | ClassifyResult | TilesResult | GeometryResult | FailedResult;
