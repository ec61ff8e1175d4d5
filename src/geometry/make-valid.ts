import { Clipper64, ClipType, FillRule, type Path64, type PolyPath64, PolyTree64 } from 'clipper2-ts';
import { ringAreaM2 } from './area.js';
import { pathToRing, ringToPath } from './integer-paths.js';

/**
 * A valid version of an invalid polygon (closed flat lon/lat rings, shell first), as zero or more
 * valid polygons. Like PostGIS `ST_MakeValid` (method linework), every ring is kept as linework and
 * the faces an odd number of rings enclose are the polygon: a bowtie becomes its two triangles, a
 * hole outside its shell becomes a polygon of its own, spikes and zero-area rings vanish. Vertices
 * are rounded to 1e-7°.
 */
export function makeValid(rings: readonly Float64Array[]): Float64Array[][] {
  const clipper = new Clipper64();
  clipper.addSubject(rings.map((ring) => ringToPath(ring)));
  const tree = new PolyTree64();
  clipper.execute(ClipType.Union, FillRule.EvenOdd, tree);
  const polygons: Float64Array[][] = [];
  collect(tree, polygons);
  return polygons;
}

/** Area as a naive tool would take it from the given rings: |shell| − Σ|holes|, in m². */
export function nominalAreaM2(rings: readonly Float64Array[]): number {
  return rings.reduce((sum, ring, r) => sum + (r === 0 ? 1 : -1) * ringAreaM2(ring, 0, ring.length / 2), 0);
}

function collect(node: PolyPath64, out: Float64Array[][]): void {
  for (let i = 0; i < node.count; i++) {
    const outer = node.child(i);
    const polygon = [pathToRing(outer.polygon as Path64)];
    for (let j = 0; j < outer.count; j++) {
      const hole = outer.child(j);
      polygon.push(pathToRing(hole.polygon as Path64));
      collect(hole, out);
    }
    out.push(polygon);
  }
}
