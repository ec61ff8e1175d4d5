import { statSync } from 'node:fs';
import { formatName } from '../io/files/source.js';

/** How the coverage is indexed, decided before the households are read (their count estimated). */
export interface CoveragePlan {
  /** Grid cells across a median coverage polygon. */
  cellsAcross: number;
  /** Union each layer on its own per tile, so the grid can be refined with the unions. */
  perLayer: boolean;
}

export function planCoverage(points: number, polygons: number): CoveragePlan {
  return {
    cellsAcross: coverageCellsAcross(points, polygons),
    perLayer: worthPerLayerUnions(points, polygons),
  };
}

/**
 * Per-layer tile unions make classification up to 2.3× faster (M, L) but cost half as much again as
 * the merged unions; with fewer than ~12 points per coverage polygon (the NRW scenario has 7) they do
 * not pay. Household counts are the same either way; areas agree to ~1e-8 (the unions round their
 * vertices along different paths).
 */
function worthPerLayerUnions(points: number, polygons: number): boolean {
  return points >= 12 * Math.max(1, polygons);
}

/**
 * Finer cells when there are many points per polygon, as the grid costs per cell once and saves
 * exact tests per point (NRW: 4 cells at 7 points per polygon; 16 at 80).
 */
function coverageCellsAcross(points: number, polygons: number): number {
  return Math.max(4, Math.min(16, Math.round(2 * Math.sqrt(points / Math.max(1, polygons)))));
}

/** Household points a file holds, guessed from its size (CSV ~25 bytes a point, others ~100; gzip ~4×). */
export function estimatedPoints(householdsPath: string): number {
  const bytesPerPoint = formatName(householdsPath).endsWith('.csv') ? 25 : 100;
  const compressed = householdsPath.toLowerCase().endsWith('.gz') ? 4 : 1;
  return ((statSync(householdsPath, { throwIfNoEntry: false })?.size ?? 0) * compressed) / bytesPerPoint;
}
