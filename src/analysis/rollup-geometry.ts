import {
  Clipper,
  ClipType,
  FillRule,
  type Path64,
  type Paths64,
  type PolyPath64,
  PolyTree64,
} from 'clipper2-ts';
import { ringAreaM2 } from '../geometry/area.js';
import { pathToRing, polygonPaths } from '../geometry/integer-paths.js';
import type { PolygonSet } from '../model/polygon-set.js';

/** The union of some regions: polygons (shell first, then holes; closed lon/lat), their paths, its area. */
export interface RegionUnion {
  polygons: Float64Array[][];
  /** The union as Clipper paths (outer and hole rings), to unite again one level up. */
  paths: Paths64;
  areaM2: number;
}

/** The paths of every polygon of these regions (owners), oriented for NonZero filling. */
export function regionPaths(set: PolygonSet, owners: ReadonlySet<number>): Paths64 {
  const paths: Paths64 = [];
  for (let p = 0; p < set.polygonCount; p++) if (owners.has(set.owner[p])) polygonPaths(set, p, paths);
  return paths;
}

/**
 * The union of the paths (NonZero), on the integer grid the analysis measures regions on: shared
 * borders vanish when the members' vertices meet, as they do in one boundary dataset (DVG2).
 * Synchronous (Clipper's TypeScript port), so a roll-up needs no WebAssembly loaded on its thread.
 */
export function unitePaths(paths: Paths64): RegionUnion {
  const tree = new PolyTree64();
  Clipper.booleanOpWithPolyTree(ClipType.Union, paths, null, tree, FillRule.NonZero);
  const polygons: Float64Array[][] = [];
  const union: Paths64 = [];
  const areaM2 = collect(tree, polygons, union);
  return { polygons, paths: union, areaM2 };
}

/** Outer rings with their holes become one polygon each; islands inside holes become polygons of their own. */
function collect(node: PolyPath64, polygons: Float64Array[][], union: Paths64): number {
  let area = 0;
  for (let i = 0; i < node.count; i++) {
    const outer = node.child(i);
    const shell = pathOf(outer);
    const rings = [pathToRing(shell)];
    union.push(shell);
    area += ringAreaM2(rings[0], 0, rings[0].length / 2);
    for (let j = 0; j < outer.count; j++) {
      const hole = outer.child(j);
      const path = pathOf(hole);
      const ring = pathToRing(path);
      rings.push(ring);
      union.push(path);
      area -= ringAreaM2(ring, 0, ring.length / 2);
      area += collect(hole, polygons, union);
    }
    polygons.push(rings);
  }
  return area;
}

function pathOf(node: PolyPath64): Path64 {
  if (node.polygon === null) throw new Error('Clipper gave a tree node without a polygon');
  return node.polygon;
}
