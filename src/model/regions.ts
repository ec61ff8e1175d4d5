import type { PolygonSet } from './polygon-set.js';

/** Regions in file order; `polygons.owner` = region index. */
export interface Regions {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly polygons: PolygonSet;
  /** The property the names came from; undefined: the ids are the names (no name property found). */
  readonly nameField?: string;
}
