import { randomUUID } from 'node:crypto';
import { assignDeadZoneHouseholds } from '../analysis/dead-zone-households.js';
import {
  addCounts,
  COL_HOUSEHOLDS,
  COL_POINTS,
  countLayout,
  emptyCounts,
} from '../analysis/household-counts.js';
import { type Areas, statsFromRow } from '../analysis/stats.js';
import { readCoverage } from '../io/coverage-read.js';
import { fileInfo } from '../io/file-info.js';
import { readHouseholds } from '../io/households-read.js';
import { readRegions } from '../io/regions-read.js';
import { LTE, NR, technologyMask } from '../model/coverage.js';
import type { Regions } from '../model/regions.js';
import type { DeadZone } from '../model/stats.js';
import { type InputRecord, SUMMARY_SCHEMA, type Summary } from '../model/summary.js';
import type { ClassifyResult, GeometryResult, SharedContext } from '../parallel/messages.js';
import { createTaskRunner, defaultWorkerCount } from '../parallel/pool.js';
import { buildPolygonGrid } from '../spatial/polygon-grid.js';
import { buildPolygonIndex } from '../spatial/polygon-index.js';
import type { ProgressCallback } from './progress.js';
import { toolInfo } from './tool-version.js';

export interface AnalyzeOptions {
  households: string;
  coverage: readonly string[];
  regions: string;
  /** Property with a region's key (default `id`) and name (default `name`). */
  regionId?: string;
  regionName?: string;
  /** Worker threads; 0 runs everything on the calling thread. Default: the number of CPUs. */
  workers?: number;
  onProgress?: ProgressCallback;
}

export interface AnalysisResult {
  summary: Summary;
  regions: Regions;
  /** Sorted: most households first, then largest area. */
  deadZones: DeadZone[];
}

/** Points per classification task: fixed, so the split (and so the result) is the same for any worker count. */
const CHUNK = 1 << 15;

/** The whole analysis: read → index → classify (on the pool) → aggregate → dead zones and areas (on the pool). */
export async function analyze(options: AnalyzeOptions): Promise<AnalysisResult> {
  const progress = options.onProgress ?? (() => {});
  const regionId = options.regionId ?? 'id';
  const regionName = options.regionName ?? 'name';

  progress({ stage: 'read', done: 0, total: 3 });
  const householdsRead = readHouseholds(options.households);
  progress({ stage: 'read', done: 1, total: 3 });
  const coverageRead = readCoverage(options.coverage);
  progress({ stage: 'read', done: 2, total: 3 });
  const regionsRead = readRegions(options.regions, regionId, regionName);
  progress({ stage: 'read', done: 3, total: 3 });
  const inputs: InputRecord[] = [
    {
      role: 'households',
      path: options.households,
      ...fileInfo(options.households),
      features: householdsRead.features,
    },
    ...options.coverage.map((path, k) => ({
      role: 'coverage' as const,
      path,
      ...fileInfo(path),
      features: coverageRead.features[k],
    })),
    { role: 'regions', path: options.regions, ...fileInfo(options.regions), features: regionsRead.features },
  ];

  const { households } = householdsRead;
  const { coverage } = coverageRead;
  const { regions } = regionsRead;
  const regionCount = regions.ids.length;
  progress({ stage: 'index', done: 0, total: 1 });
  const layout = countLayout(coverage.layers, regionCount);
  const lteMask = technologyMask(coverage.layers, LTE);
  const nrMask = technologyMask(coverage.layers, NR);
  const context: SharedContext = {
    id: randomUUID(),
    lon: households.lon,
    lat: households.lat,
    weight: households.weight,
    coverage: coverage.polygons,
    coverageIndex: buildPolygonIndex(coverage.polygons).data,
    coverageGrid: buildPolygonGrid(coverage.polygons, 'bits'),
    regions: regions.polygons,
    regionGrid: buildPolygonGrid(regions.polygons, 'min', 64),
    layers: [...coverage.layers],
    layout,
    lteMask,
    nrMask,
    mask: new Uint32Array(new SharedArrayBuffer(Math.max(1, households.count) * 4), 0, households.count),
    region: new Int32Array(new SharedArrayBuffer(Math.max(1, households.count) * 4), 0, households.count),
  };
  progress({ stage: 'index', done: 1, total: 1 });

  const runner = createTaskRunner(options.workers ?? defaultWorkerCount());
  let counts: Float64Array;
  let geometry: GeometryResult[];
  try {
    const chunks = Math.ceil(households.count / CHUNK);
    let classified = 0;
    const classifyResults = await Promise.all(
      Array.from({ length: chunks }, (_, c) =>
        runner
          .run<ClassifyResult>({
            kind: 'classify',
            context,
            start: c * CHUNK,
            end: Math.min(households.count, (c + 1) * CHUNK),
          })
          .then((result) => {
            progress({ stage: 'classify', done: ++classified, total: chunks });
            return result;
          }),
      ),
    );
    counts = emptyCounts(layout);
    for (const result of classifyResults) addCounts(counts, result.counts);

    let measured = 0;
    geometry = await Promise.all(
      Array.from({ length: regionCount }, (_, region) =>
        runner.run<GeometryResult>({ kind: 'geometry', context, region }).then((result) => {
          progress({ stage: 'coverage-geometry', done: ++measured, total: regionCount });
          return result;
        }),
      ),
    );
  } finally {
    await runner.close();
  }

  const deadZones: DeadZone[] = geometry.flatMap((g) =>
    g.deadZones.map((z) => ({ region: g.region, rings: z.rings, area_km2: z.areaM2 / 1e6, households: 0 })),
  );
  assignDeadZoneHouseholds(deadZones, households, { mask: context.mask, region: context.region }, lteMask);
  deadZones.sort((a, b) => b.households - a.households || b.area_km2 - a.area_km2 || a.region - b.region);

  const totalsRow = emptyCounts({ ...layout, regionCount: 0 });
  const totalAreas: Areas = { areaM2: 0, area5gM2: 0, deadZoneAreaM2: 0 };
  const regionStats = geometry.map((g, r) => {
    const row = counts.subarray(r * layout.stride, (r + 1) * layout.stride);
    for (let k = 0; k < layout.stride; k++) totalsRow[k] += row[k];
    totalAreas.areaM2 += g.areaM2;
    totalAreas.area5gM2 += g.area5gM2;
    totalAreas.deadZoneAreaM2 += g.deadZoneAreaM2;
    return {
      id: regions.ids[r],
      name: regions.names[r],
      ...statsFromRow(layout, coverage.layers, counts, r, g),
    };
  });
  const totals = statsFromRow(layout, coverage.layers, totalsRow, 0, totalAreas);

  const outsideRow = regionCount * layout.stride;
  const outside = {
    points: counts[outsideRow + COL_POINTS],
    households: counts[outsideRow + COL_HOUSEHOLDS],
  };
  let read = 0;
  for (let i = 0; i < households.count; i++) read += households.weight[i];
  const skipped = 0;
  if (read !== totals.households + outside.households + skipped)
    throw new Error(
      `households do not balance: read ${read}, counted ${totals.households + outside.households}`,
    );

  const summary: Summary = {
    schema: SUMMARY_SCHEMA,
    generated_at: new Date().toISOString(),
    tool: toolInfo(),
    inputs,
    options: { region_id: regionId, region_name: regionName },
    totals,
    regions: regionStats,
    outside_regions: outside,
    skipped: {},
    households_balance: {
      read,
      in_regions: totals.households,
      outside_regions: outside.households,
      skipped,
      balanced: true,
    },
  };
  return { summary, regions, deadZones };
}
