import type { Classification, ClassifyInput } from '../analysis/classify.js';
import type { RegionCoverageGeometry, TilePieces } from '../analysis/coverage-geometry.js';
import type { TileInput } from '../analysis/coverage-tiles.js';
import type { UnionCulling } from '../analysis/full-cells.js';
import type { CountLayout } from '../analysis/household-counts.js';
import type { WhiteSpots } from '../analysis/white-spots.js';
import type { InputErrorWhere } from '../errors.js';
import type { PackedPaths } from '../geometry/paths-codec.js';
import type { CoverageRead } from '../io/coverage.js';
import type { NamedReadOptions } from '../io/read-options.js';
import type { Layer } from '../model/coverage.js';
import type { Households } from '../model/households.js';
import type { PolygonSet } from '../model/polygon-set.js';
import type { GridSpec } from '../spatial/grid-raster.js';
import type { SetIndex } from '../spatial/indexes.js';

/**
 * What a classification task reads and writes: the analysis's own input (every column and index a
 * view on shared memory, so it costs a handful of handles), the count layout and the output columns.
 */
export interface ClassifyContext extends ClassifyInput {
  layers: Layer[];
  layout: CountLayout;
  /** Written by classification tasks, one slot per household point. */
  out: Classification;
}

/** A TileInput as it crosses to a worker: the R-tree as its Flatbush data, revived there. */
export type TileSource = Omit<TileInput, 'coverageIndex'> & { coverageIndex: ArrayBufferLike };

/** What a share of a coverage set keeps of the whole set's index (see pipeline/coverage-share.ts). */
export interface FixedIndex {
  grid: GridSpec;
  /** Per polygon of the share: whether the whole set's unions need it. */
  needed: Uint8Array;
  culledLayers: number;
}

export type Task =
  | {
      kind: 'read-coverage';
      paths: readonly string[];
      /** Every CRS by its name: a resolved Crs holds functions, which do not cross to a thread. */
      read: NamedReadOptions;
      format?: string;
    }
  | {
      kind: 'index';
      set: PolygonSet;
      cellsAcross: number;
      /** Per layer, the layers it is unioned with (`unionGroups`). */
      groups: readonly number[];
      /** A share of a larger set: that set's grid and union culling, so cells and unions are its own. */
      fixed?: FixedIndex;
    }
  | { kind: 'classify'; context: ClassifyContext; start: number; end: number }
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
      regions: PolygonSet;
      region: number;
      /** The LTE pieces of all tiles around the region, in one set: dead zones are not split at tile seams. */
      lte: PackedPaths;
      /** The 5G pieces tile by tile: the 5G area is summed per tile. */
      nr: (TilePieces & { pieces: PackedPaths })[];
      /** The households and each region's white-spot points, for its dead zones to take (shared, not copied). */
      households: Households;
      whiteSpots: WhiteSpots;
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

/** The coverage as read: its polygons in shared memory, so only the records are copied back. */
export interface ReadCoverageResult {
  kind: 'read-coverage';
  read: CoverageRead;
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

export type GeometryResult = { kind: 'geometry'; region: number } & RegionCoverageGeometry;

/** Errors travel back inside the result, so an InputError keeps its name and message across the thread. */
export interface FailedResult {
  kind: 'error';
  name: string;
  message: string;
  stack?: string;
  /** An InputError's place (file, feature, field, value). */
  where?: InputErrorWhere;
  /** An InputError's problem without its place. */
  problem?: string;
}

export type TaskResult =
  | ReadCoverageResult
  | IndexResult
  | ClassifyResult
  | TilesResult
  | GeometryResult
  | FailedResult;
