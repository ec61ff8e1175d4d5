import { cullLayers } from '../analysis/full-cells.js';
import { polygonSubset } from '../model/polygon-set.js';
import type { CoveragePart } from '../pipeline/coverage-part.js';
import { stripeNeeds, stripePolygons, stripeRows } from '../pipeline/culling-stripe.js';
import { coverageGroups } from '../pipeline/prepare-coverage.js';
import type { JobSpec } from './job-spec.js';
import { readPartial, writePartial } from './partial-codec.js';
import { withPolygons } from './polygons-file.js';

/**
 * The union culling of a run read in parts, in files: each culling job's row stripe of a coverage's
 * grid (culling-stripe.ts), and the coordinator's merge of them, which the share jobs read.
 */

/** A coverage's union culling as the coordinator merged it from the culling jobs. */
export interface CoverageCulling {
  needed: Uint8Array;
  culledLayers: number;
}

/** The file the coordinator writes a coverage's merged culling to. */
export function cullingKey(coverageKey: string): string {
  return `${coverageKey}-culling`;
}

/** A culling job's work: the polygons its row stripe of the grid needs (culling-stripe.ts), as whole-set indexes. */
export function cullingStripe(spec: JobSpec): Uint32Array {
  const key = spec.coverageKey as string;
  const { plan, layers } = readPartial<CoveragePart>(spec.dir, key);
  return withPolygons(spec.dir, key, ({ hollow, grid, readCoords, finish }) => {
    const rows = stripeRows(hollow, grid, spec.stripe as number, spec.stripes as number);
    const picked = stripePolygons(hollow, grid, rows);
    const subset = polygonSubset(hollow, picked, readCoords);
    finish();
    return stripeNeeds(subset, picked, grid, rows, plan.cellsAcross, coverageGroups(layers, plan));
  });
}

/**
 * The stripes' needed polygons ORed, the layers culled decided over the whole set (full-cells.ts
 * `cullLayers`), written beside the coverage for the share jobs; returns the layers culled.
 */
export function mergedCulling(
  dir: string,
  coverageKey: string,
  part: CoveragePart,
  stripeKeys: string[],
): number {
  const owner = withPolygons(dir, coverageKey, ({ hollow }) => hollow.owner);
  const needed = new Uint8Array(new SharedArrayBuffer(Math.max(1, owner.length)), 0, owner.length);
  for (const key of stripeKeys)
    for (const p of readPartial<{ needs: Uint32Array }>(dir, key).needs) needed[p] = 1;
  const culledLayers = cullLayers(needed, owner, coverageGroups(part.layers, part.plan));
  const culling: CoverageCulling = { needed, culledLayers };
  writePartial(dir, cullingKey(coverageKey), culling);
  return culledLayers;
}
