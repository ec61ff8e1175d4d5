import {
  Clipper64,
  ClipType,
  FillRule,
  type Path64,
  type Paths64,
  type PolyPath64,
  PolyTree64,
} from 'clipper2-ts';
import type Flatbush from 'flatbush';
import { ringAreaM2, ringSignedArea } from '../geometry/area.js';
import { cascadedUnion, mortonKey } from '../geometry/cascaded-union.js';
import type { PolygonSet } from '../model/polygon-set.js';

/**
 * Clipper works on integers: 1e7 units per degree, the 7 decimals every output is rounded to
 * (about 1 cm), so the dead-zone polygons come out already on the output grid.
 */
export const CLIP_SCALE = 1e7;

/** The area results of one region and its dead-zone parts (each: shell first, then holes, closed, lon/lat). */
export interface RegionCoverageGeometry {
  areaM2: number;
  area5gM2: number;
  deadZoneAreaM2: number;
  deadZones: { rings: Float64Array[]; areaM2: number }[];
}

export interface CoverageGeometryInput {
  regions: PolygonSet;
  coverage: PolygonSet;
  coverageIndex: Flatbush;
  /** Bits of the layers whose union is "LTE" and "5G". */
  lteMask: number;
  nrMask: number;
}

/** Region area, its 5G-covered area, and its LTE dead zones split into connected parts. */
export function regionCoverageGeometry(input: CoverageGeometryInput, region: number): RegionCoverageGeometry {
  const { regions, coverage, coverageIndex, lteMask, nrMask } = input;
  const regionPaths: Paths64 = [];
  let areaM2 = 0;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < regions.polygonCount; p++) {
    if (regions.owner[p] !== region) continue;
    areaM2 += polygonAreaM2(regions, p);
    appendPolygonPaths(regions, p, regionPaths);
    minX = Math.min(minX, regions.bbox[4 * p]);
    minY = Math.min(minY, regions.bbox[4 * p + 1]);
    maxX = Math.max(maxX, regions.bbox[4 * p + 2]);
    maxY = Math.max(maxY, regions.bbox[4 * p + 3]);
  }
  if (regionPaths.length === 0) return { areaM2: 0, area5gM2: 0, deadZoneAreaM2: 0, deadZones: [] };

  // Candidates in Morton order of their centres within the region's box, for the cascaded union.
  const sx = 65535 / Math.max(maxX - minX, 1e-12);
  const sy = 65535 / Math.max(maxY - minY, 1e-12);
  const key = (p: number) =>
    mortonKey(
      Math.max(0, Math.min(65535, ((coverage.bbox[4 * p] + coverage.bbox[4 * p + 2]) / 2 - minX) * sx)),
      Math.max(0, Math.min(65535, ((coverage.bbox[4 * p + 1] + coverage.bbox[4 * p + 3]) / 2 - minY) * sy)),
    );
  const candidates = coverageIndex
    .search(minX, minY, maxX, maxY)
    .map((p) => ({ p, key: key(p) }))
    .sort((a, b) => a.key - b.key || a.p - b.p);
  const lte: Paths64[] = [];
  const nr: Paths64[] = [];
  for (const { p } of candidates) {
    const bit = 1 << coverage.owner[p];
    if (bit & lteMask) lte.push(polygonPaths(coverage, p));
    if (bit & nrMask) nr.push(polygonPaths(coverage, p));
  }
  const ltePaths = cascadedUnion(lte);
  const nrPaths = cascadedUnion(nr);

  const nrSolution: Paths64 = [];
  if (nrPaths.length > 0) clip(ClipType.Intersection, regionPaths, nrPaths, nrSolution);
  const area5gM2 = nrSolution.reduce((sum, path) => sum + signedPathAreaM2(path), 0);

  const tree = new PolyTree64();
  clip(ClipType.Difference, regionPaths, ltePaths, tree);
  const deadZones: RegionCoverageGeometry['deadZones'] = [];
  collectParts(tree, deadZones);
  const deadZoneAreaM2 = deadZones.reduce((sum, z) => sum + z.areaM2, 0);
  return { areaM2, area5gM2, deadZoneAreaM2, deadZones };
}

/** Ellipsoidal area of polygon p of a set: shell minus holes. */
export function polygonAreaM2(set: PolygonSet, p: number): number {
  let area = 0;
  for (let r = set.ringStart[p]; r < set.ringStart[p + 1]; r++) {
    const a = ringAreaM2(set.coords, set.ringOffset[r], set.ringOffset[r + 1]);
    area += r === set.ringStart[p] ? a : -a;
  }
  return area;
}

function clip(type: ClipType, subject: Paths64, clipPaths: Paths64, out: Paths64 | PolyTree64): void {
  const clipper = new Clipper64();
  clipper.addSubject(subject);
  if (clipPaths.length > 0) clipper.addClip(clipPaths);
  // NonZero with shells counter-clockwise and holes clockwise: overlapping polygons add up, a hole subtracts.
  if (out instanceof PolyTree64) clipper.execute(type, FillRule.NonZero, out);
  else clipper.execute(type, FillRule.NonZero, out);
}

function polygonPaths(set: PolygonSet, p: number): Paths64 {
  const out: Paths64 = [];
  appendPolygonPaths(set, p, out);
  return out;
}

/** Appends polygon p's rings as integer paths: shell counter-clockwise, holes clockwise, without the closing vertex. */
function appendPolygonPaths(set: PolygonSet, p: number, out: Paths64): void {
  const { ringStart, ringOffset, coords } = set;
  for (let r = ringStart[p]; r < ringStart[p + 1]; r++) {
    const start = ringOffset[r];
    const end = ringOffset[r + 1];
    const isShell = r === ringStart[p];
    const reverse = ringSignedArea(coords, start, end) > 0 !== isShell;
    const path: Path64 = [];
    for (let k = 0; k < end - 1 - start; k++) {
      const v = reverse ? end - 2 - k : start + k;
      path.push({ x: Math.round(coords[2 * v] * CLIP_SCALE), y: Math.round(coords[2 * v + 1] * CLIP_SCALE) });
    }
    out.push(path);
  }
}

/** Outer paths with their holes become one part each; islands inside holes become parts of their own. */
function collectParts(node: PolyPath64, out: RegionCoverageGeometry['deadZones']): void {
  for (let i = 0; i < node.count; i++) {
    const outer = node.child(i);
    const rings = [pathToRing(outer.polygon!)];
    let areaM2 = ringAreaM2(rings[0], 0, rings[0].length / 2);
    for (let j = 0; j < outer.count; j++) {
      const hole = outer.child(j);
      const ring = pathToRing(hole.polygon!);
      rings.push(ring);
      areaM2 -= ringAreaM2(ring, 0, ring.length / 2);
      collectParts(hole, out);
    }
    out.push({ rings, areaM2 });
  }
}

function pathToRing(path: Path64): Float64Array {
  const ring = new Float64Array(2 * (path.length + 1));
  path.forEach((pt, k) => {
    ring[2 * k] = pt.x / CLIP_SCALE;
    ring[2 * k + 1] = pt.y / CLIP_SCALE;
  });
  ring[2 * path.length] = ring[0];
  ring[2 * path.length + 1] = ring[1];
  return ring;
}

function signedPathAreaM2(path: Path64): number {
  const ring = pathToRing(path);
  const n = ring.length / 2;
  const sign = ringSignedArea(ring, 0, n) >= 0 ? 1 : -1;
  return sign * ringAreaM2(ring, 0, n);
}
