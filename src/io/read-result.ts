import type { Households } from '../model/households.js';
import type { FileDigest } from './files/source.js';
import type { GeometryContext } from './ring-check.js';
import type { Repair, SkipCounts } from './skipped.js';

/** What the format readers return, apart from the dispatchers that call them (no import circle). */

/** A feature as read (GeoJSON, FlatGeobuf): its index in the file, its id, properties, and geometry (unchecked). */
export interface RawFeature {
  index: number;
  id?: string | number;
  properties: Record<string, unknown>;
  geometry: unknown;
}

/** What every file reader reports besides its data; `inputRead` makes the summary record of it. */
export interface FileRead {
  /** Features (GeoJSON, FlatGeobuf), data rows (CSV) or cells (grids, rasters) read. */
  features: number;
  digest: FileDigest;
  /** The CRS the file's coordinates were in (when not lon/lat). */
  crs?: string;
  /** Features dropped under `--invalid=skip`; a household reader's are not in its households. */
  skipped?: SkipCounts;
  repairs?: Repair[];
}

/** Household points as one file held them. */
export interface HouseholdsFileRead extends FileRead {
  households: Households;
}

/**
 * What a coverage layer's operator means: `operators` — a real operator (GeoJSON, FlatGeobuf,
 * rasters); `operator-count` — "at least k operators" (Bundesnetzagentur grids), so a household's
 * number of covering layers of a technology is the number of operators offering it.
 */
export type CoverageSemantics = 'operators' | 'operator-count';

/** Where a layer's polygon came from; the fields default to `properties.operator` and `properties.technology`. */
export interface LayerContext extends GeometryContext {
  operatorField?: string;
  technologyField?: string;
}

/** Where a coverage file reader puts its polygons. */
export interface CoverageSink {
  /** Adds a polygon (lon/lat flat closed rings, shell first) to the layer operator × technology. */
  add(operator: string, technology: string, rings: readonly Float64Array[], where: LayerContext): void;
}

/** What one coverage file reader returns besides the polygons it gave the sink. */
export interface CoverageFileRead extends FileRead {
  /** Every feature carries `"synthetic": true` (generated, not real coverage). */
  synthetic: boolean;
  /** Every feature carries `"predicted": true` (`funkatlas predict`'s output, not measured coverage). */
  predicted?: boolean;
  semantics?: CoverageSemantics;
  /** The operators the file names, whether it has coverage of theirs or not. */
  operators?: string[];
}
