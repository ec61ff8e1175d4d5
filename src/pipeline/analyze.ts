import { statSync } from 'node:fs';
import { CLIP_SCALE } from '../analysis/clip-paths.js';
import { type TileRect, tileRects } from '../analysis/coverage-tiles.js';
import { assignDeadZoneHouseholds } from '../analysis/dead-zone-households.js';
import { type UnionCulling, unionGroups } from '../analysis/full-cells.js';
import {
  addCounts,
  COL_HOUSEHOLDS,
  COL_POINTS,
  countLayout,
  emptyCounts,
} from '../analysis/household-counts.js';
import { type Areas, statsFromRow } from '../analysis/stats.js';
import { InputError } from '../errors.js';
import { boundsByOwner } from '../geometry/bounds.js';
import { concatPacked } from '../geometry/paths-codec.js';
import { type CoverageRead, type CoverageSemantics, readCoverage } from '../io/coverage-read.js';
import { readHouseholds } from '../io/households-read.js';
import {
  type ReadOptions,
  type ResolvedReadOptions,
  readOptionsFor,
  resolveReadOptions,
} from '../io/read-options.js';
import { type RegionsRead, readRegions } from '../io/regions-read.js';
import { formatName } from '../io/source.js';
import { type Coverage, LTE, NR, technologyMask } from '../model/coverage.js';
import type { Households } from '../model/households.js';
import type { PolygonSet } from '../model/polygon-set.js';
import { DEFAULT_REGION_ID } from '../model/region-fields.js';
import { type Regions, selectRegions } from '../model/regions.js';
import type { DeadZone } from '../model/stats.js';
import { type InputRecord, SUMMARY_SCHEMA, type Summary, type SummaryWarning } from '../model/summary.js';
import type {
  ClassifyResult,
  GeometryResult,
  IndexResult,
  SharedContext,
  TileResult,
  TileSource,
  TilesResult,
} from '../parallel/messages.js';
import {
  createTaskRunner,
  defaultWorkerCount,
  type TaskRunner,
  withCallerHelping,
} from '../parallel/pool.js';
import { buildIndexes, type Indexes, indexesOf, regionIndex } from '../spatial/indexes.js';
import { refineWithUnions } from '../spatial/union-grid.js';
import { checkCoverageAxes, checkHouseholdAxes, extentOf } from './check-extents.js';
import { type InvalidEntry, invalidSummary } from './invalid-summary.js';
import { checkOptionKeys } from './option-keys.js';
import type { ProgressCallback } from './progress.js';
import { toolInfo } from './tool-version.js';
import { coverageWarnings, householdWarnings, operatorWarnings, skipWarnings } from './warnings.js';

export interface AnalyzeOptions {
  households: string;
  coverage: readonly string[];
  regions: string;
  /** Property with a region's key (default `id`) and name (default: the first of `name`, `GN`, `GEN`, `NAME`, else the id). */
  regionId?: string;
  regionName?: string;
  /** Only these regions (by id), with the full run's figures; the households of the others count as outside. */
  regionFilter?: readonly string[];
  /** Worker threads; 0 runs everything on the calling thread. Default: the number of CPUs but one. */
  workers?: number;
  /** Formats, when not to be told from the files (see `detectFormat`). */
  householdsFormat?: string;
  coverageFormat?: string;
  regionsFormat?: string;
  /** How inputs are read: invalid features and how many may be skipped, the CRS of files that declare none, household size, thresholds. */
  read?: ReadOptions;
  onProgress?: ProgressCallback;
}

export interface AnalysisResult {
  summary: Summary;
  regions: Regions;
  /** Sorted: most households first, then largest area. */
  deadZones: DeadZone[];
}

/** The inputs as read, with their records for `summary.json`. */
export interface Inputs {
  /** What the readers skipped and repaired, per input. */
  invalid: InvalidEntry[];
  households: Households;
  coverage: Coverage;
  coverageSemantics: CoverageSemantics;
  regions: Regions;
  records: InputRecord[];
  /** Coverage that does not reach the regions (see `coverageWarnings`). */
  warnings: SummaryWarning[];
}

/** Points per classification task: fixed, so the split (and so the result) is the same for any worker count. */
const CHUNK = 1 << 15;

const silent: ProgressCallback = () => {};

/** The whole analysis: read → index → classify (on the pool) → aggregate → dead zones and areas (on the pool). */
export async function analyze(given: AnalyzeOptions): Promise<AnalysisResult> {
  const options = prepared(given);
  const progress = options.onProgress ?? silent;
  // Workers start (and load their modules) while this thread reads the inputs.
  const workers = options.workers ?? defaultWorkerCount();
  const runner = createTaskRunner(workers);
  // For the steps where this thread would otherwise wait for the pool.
  const helped = withCallerHelping(runner, workers);
  // This thread's own share: classification while the pool unions, then tiles.
  const here = createTaskRunner(0);
  try {
    progress({ stage: 'read', done: 0, total: 3 });
    const coverageRead = await readCoverage(
      options.coverage,
      readOptionsFor(options.read, 'coverage'),
      options.coverageFormat,
    );
    progress({ stage: 'read', done: 1, total: 3 });
    // The households are not read yet: their count is estimated from the file's size.
    const points = estimatedPoints(options.households);
    const coverageCount = coverageRead.coverage.polygons.polygonCount;
    const perLayer = worthPerLayerUnions(points, coverageCount);
    // The coverage grid, R-tree and union culling on the pool while this thread reads the regions
    // and the households (NRW: 0.2 s each); the tile unions, which need them, follow them there.
    const indexing = runner.run<IndexResult>({
      kind: 'index',
      set: coverageRead.coverage.polygons,
      cellsAcross: coverageCellsAcross(points, coverageCount),
      groups: coverageUnionGroups(coverageRead.coverage, perLayer),
    });
    indexing.catch(() => {}); // awaited below; a read error must not leave it unhandled meanwhile
    const regionsRead = readRegionsOf(options);
    progress({ stage: 'read', done: 2, total: 3 });
    const area = areaInputs(options, coverageRead, regionsRead);
    const extent = extentOf(area.regions.polygons);
    checkCoverageAxes(area.coverage.polygons, extent, options.coverage.join(', '));
    const inputs = await readHouseholdInputs(options, area, progress);
    checkHouseholdAxes(inputs.households, extent, options.households);
    progress({ stage: 'index', done: 0, total: 1 });
    const coverageIndexed = await indexing;
    // The unions use the coverage grid: its full cells stand in for the sectors inside them.
    const source = tileSource(area.coverage, coverageIndexed.rtree, perLayer, coverageIndexed.culling);
    const tiling = tileUnionsOnPool(runner, source, area.regions, progress, area.selected);
    tiling.done.catch(() => {}); // awaited below
    const context = prepareContext(inputs, indexesOf(coverageIndexed, regionIndex(area.regions.polygons)));
    progress({ stage: 'index', done: 1, total: 1 });
    let counts: Float64Array;
    let unions: TileUnions;
    if (perLayer) {
      // The classification needs the unions: this thread takes tiles too, then chunks.
      if (workers > 0) await tiling.help(here);
      unions = await tiling.done;
      const layers = unions.results.map((t) => t.layers);
      context.coverageGrid = refineWithUnions(context.coverageGrid, context.coverage, layers);
      counts = await classifyOnPool(helped, context, progress);
    } else {
      // Without per-layer unions the grid is final: this thread classifies while the pool is on the
      // unions, then takes the tiles still left.
      counts = await classifyOnPool(here, context, progress);
      if (workers > 0) await tiling.help(here);
      unions = await tiling.done;
    }
    // The region clips come last: this thread would only wait, so it clips regions too.
    const geometry = await regionGeometryOnPool(helped, context, unions, progress, area.selected);
    return buildResult(inputs, context, counts, geometry, options);
  } finally {
    await here.close();
    await helped.close();
    await runner.close();
  }
}

const ANALYZE_OPTIONS = [
  'households',
  'coverage',
  'regions',
  'regionId',
  'regionName',
  'regionFilter',
  'workers',
  'householdsFormat',
  'coverageFormat',
  'regionsFormat',
  'read',
  'onProgress',
] as const satisfies readonly (keyof AnalyzeOptions)[];

const READ_OPTIONS = [
  'invalid',
  'inputCrs',
  'householdsCrs',
  'coverageCrs',
  'regionsCrs',
  'householdSize',
  'thresholds',
  'maxSkipped',
] as const satisfies readonly (keyof ReadOptions)[];

/** The options as the readers take them: the read options resolved (see `prepared`). */
type PreparedOptions = AnalyzeOptions & { read: ResolvedReadOptions };

/**
 * The coverage as a list (a single path from JavaScript is taken as one file, not as characters),
 * refused when empty: with no coverage every household would count as a white spot. The read
 * options checked and resolved (CRS names as the CLI takes them), so errors name the option.
 */
function prepared(options: AnalyzeOptions): PreparedOptions {
  checkOptionKeys(options, ANALYZE_OPTIONS, 'analyze()');
  checkOptionKeys(options.read ?? {}, READ_OPTIONS, 'analyze() read');
  const given: unknown = options.coverage;
  const coverage = typeof given === 'string' ? [given] : options.coverage;
  if (!Array.isArray(coverage) || coverage.length === 0)
    throw new InputError('no coverage file given', { field: 'coverage', value: given });
  return { ...options, coverage, read: resolveReadOptions(options.read) };
}

/**
 * Per-layer tile unions make classification up to 2.3× faster (M, L) but cost half as much again as
 * the merged unions; with fewer than ~12 points per coverage polygon (the NRW scenario has 7) they do
 * not pay. Decided from the points estimated from the file's size, before it is read. Household counts are the same
 * either way; areas agree to ~1e-8 (the unions round their vertices along different paths).
 */
export function worthPerLayerUnions(points: number, polygons: number): boolean {
  return points >= 12 * Math.max(1, polygons);
}

/**
 * The grids and bands as analyze() builds them, before the households are read (their count
 * estimated): for the classification, and for the tile unions, whose full cells stand in for the
 * sectors inside them.
 */
export function indexesFor(area: Pick<AreaInputs, 'coverage' | 'regions'>, points: number): Indexes {
  const { polygons } = area.coverage;
  return buildIndexes(polygons, area.regions.polygons, coverageCellsAcross(points, polygons.polygonCount));
}

/** Household points a file holds, guessed from its size (CSV ~25 bytes a point, others ~100; gzip ~4×). */
export function estimatedPoints(householdsPath: string): number {
  const bytesPerPoint = formatName(householdsPath).endsWith('.csv') ? 25 : 100;
  const compressed = householdsPath.toLowerCase().endsWith('.gz') ? 4 : 1;
  return ((statSync(householdsPath, { throwIfNoEntry: false })?.size ?? 0) * compressed) / bytesPerPoint;
}

/** Coverage and regions as read, with their records for `summary.json`. */
export interface AreaInputs {
  invalid: InvalidEntry[];
  coverage: Coverage;
  coverageSemantics: CoverageSemantics;
  regions: Regions;
  records: InputRecord[];
  warnings: SummaryWarning[];
  /** With `regionFilter`: the indexes of the regions analysed (file order); the others' households count as outside. */
  selected?: readonly number[];
}

/** Reads the coverage and the regions (step 1a). */
export async function readAreaInputs(
  given: AnalyzeOptions,
  progress: ProgressCallback = silent,
): Promise<AreaInputs> {
  const options = prepared(given);
  progress({ stage: 'read', done: 0, total: 3 });
  const coverageRead = await readCoverage(
    options.coverage,
    readOptionsFor(options.read, 'coverage'),
    options.coverageFormat,
  );
  progress({ stage: 'read', done: 1, total: 3 });
  const regionsRead = readRegionsOf(options);
  progress({ stage: 'read', done: 2, total: 3 });
  return areaInputs(options, coverageRead, regionsRead);
}

function readRegionsOf(options: PreparedOptions): RegionsRead {
  return readRegions(
    options.regions,
    options.regionId ?? DEFAULT_REGION_ID,
    options.regionName,
    readOptionsFor(options.read, 'regions'),
    options.regionsFormat,
    options.regionFilter,
  );
}

/** Coverage and regions as read, with their records for `summary.json`. */
function areaInputs(
  options: AnalyzeOptions,
  coverageRead: CoverageRead,
  regionsRead: RegionsRead,
): AreaInputs {
  const records: InputRecord[] = [
    ...options.coverage.map((path, k) => ({
      role: 'coverage' as const,
      path,
      ...coverageRead.digests[k],
      features: coverageRead.features[k],
      format: coverageRead.formats[k],
      ...(coverageRead.crs[k] ? { crs: coverageRead.crs[k] } : {}),
      ...(coverageRead.synthetic[k] ? { synthetic: true } : {}),
      extent: coverageRead.extents[k],
    })),
    {
      role: 'regions',
      path: options.regions,
      ...regionsRead.digest,
      features: regionsRead.features,
      format: regionsRead.format,
      ...(regionsRead.crs ? { crs: regionsRead.crs } : {}),
    },
  ];
  const invalid: InvalidEntry[] = [
    ...options.coverage.map((path, k) => ({ role: 'coverage' as const, path, ...coverageRead.invalid[k] })),
    { role: 'regions', path: options.regions, skipped: regionsRead.skipped, repairs: regionsRead.repairs },
  ];
  const coverageFiles = options.coverage.map((path, k) => ({
    path,
    features: coverageRead.features[k],
    extent: coverageRead.extents[k],
    operators: coverageRead.operators[k],
  }));
  const { regions, selected } = regionsRead;
  const bounds = boundsByOwner(regions.polygons, regions.ids.length);
  const regionBoxes = selected ? selected.map((r) => bounds[r]) : bounds;
  const fileWarnings = coverageWarnings(coverageFiles, coverageRead.coverage.layers, regionBoxes);
  // Grids of "at least k operators" have no operator to place.
  const perOperator =
    coverageRead.semantics === 'operators'
      ? operatorWarnings(coverageFiles, coverageRead.coverage, regionBoxes, fileWarnings)
      : [];
  return {
    invalid,
    coverage: coverageRead.coverage,
    coverageSemantics: coverageRead.semantics,
    regions,
    records,
    warnings: [
      ...fileWarnings,
      ...perOperator,
      ...(regionsRead.notice === undefined
        ? []
        : [{ code: 'region-names-are-ids', input: options.regions, message: regionsRead.notice }]),
    ],
    ...(selected ? { selected } : {}),
  };
}

/** Reads the households (step 1b) and completes the inputs. */
export async function readHouseholdInputs(
  options: AnalyzeOptions,
  area: AreaInputs,
  progress: ProgressCallback = silent,
): Promise<Inputs> {
  const read = resolveReadOptions(options.read);
  const householdsRead = await readHouseholds(
    options.households,
    readOptionsFor(read, 'households'),
    options.householdsFormat,
  );
  progress({ stage: 'read', done: 3, total: 3 });
  const record: InputRecord = {
    role: 'households',
    path: options.households,
    ...householdsRead.digest,
    features: householdsRead.features,
    ...(householdsRead.format ? { format: householdsRead.format } : {}),
    ...(householdsRead.crs ? { crs: householdsRead.crs } : {}),
  };
  const invalid: InvalidEntry = {
    role: 'households',
    path: options.households,
    skipped: householdsRead.skipped,
    repairs: householdsRead.repairs,
  };
  return {
    ...area,
    invalid: [invalid, ...area.invalid],
    households: householdsRead.households,
    records: [record, ...area.records],
  };
}

/** Reads the three inputs (step 1). */
export async function readInputs(
  options: AnalyzeOptions,
  progress: ProgressCallback = silent,
): Promise<Inputs> {
  return readHouseholdInputs(options, await readAreaInputs(options, progress), progress);
}

/** What the tile unions read; with `culling` (see `coverageUnionGroups`), full cells stand in for covered sectors. */
export function tileSource(
  coverage: Coverage,
  coverageIndex: ArrayBufferLike,
  perLayer = true,
  culling?: UnionCulling,
): TileSource {
  return {
    perLayer,
    ...(culling ? { culling } : {}),
    coverage: coverage.polygons,
    coverageIndex,
    layerCount: coverage.layers.length,
    lteMask: technologyMask(coverage.layers, LTE),
    nrMask: technologyMask(coverage.layers, NR),
  };
}

/** Per layer, the layers its tile union takes in: all of its technology, or (per layer) itself. */
export function coverageUnionGroups(coverage: Coverage, perLayer: boolean): number[] {
  const { layers } = coverage;
  return unionGroups(layers.length, technologyMask(layers, LTE), technologyMask(layers, NR), perLayer);
}

/** Indexes and grids (built here unless given), and the shared output columns (step 2). */
export function prepareContext(inputs: Inputs, indexes?: Indexes): SharedContext {
  const { households, coverage, regions } = inputs;
  const built = indexes ?? indexesFor(inputs, households.count);
  return {
    lon: households.lon,
    lat: households.lat,
    weight: households.weight,
    coverage: coverage.polygons,
    ...built,
    regions: regions.polygons,
    layers: [...coverage.layers],
    layout: countLayout(coverage.layers, regions.ids.length),
    lteMask: technologyMask(coverage.layers, LTE),
    mask: new Uint32Array(new SharedArrayBuffer(Math.max(1, households.count) * 4), 0, households.count),
    region: new Int32Array(new SharedArrayBuffer(Math.max(1, households.count) * 4), 0, households.count),
  };
}

/**
 * Grid cells across a median coverage polygon: finer when there are many points per polygon, as the
 * grid costs per cell once and saves exact tests per point (NRW: 4 cells at 7 points per polygon;
 * 16 at 80, where classification runs 2.2× faster for 3.7× the grid build).
 */
function coverageCellsAcross(points: number, polygons: number): number {
  return Math.max(4, Math.min(16, Math.round(2 * Math.sqrt(points / Math.max(1, polygons)))));
}

/** Classifies every household and sums them per region (step 3); fills `context.mask` and `context.region`. */
export async function classifyOnPool(
  runner: TaskRunner,
  context: SharedContext,
  progress: ProgressCallback = silent,
): Promise<Float64Array> {
  const count = context.lon.length;
  const chunks = Math.ceil(count / CHUNK);
  let done = 0;
  const results = await Promise.all(
    Array.from({ length: chunks }, (_, c) =>
      runner
        .run<ClassifyResult>({
          kind: 'classify',
          context,
          start: c * CHUNK,
          end: Math.min(count, (c + 1) * CHUNK),
        })
        .then((result) => {
          progress({ stage: 'classify', done: ++done, total: chunks });
          return result;
        }),
    ),
  );
  const counts = emptyCounts(context.layout);
  for (const result of results) addCounts(counts, result.counts);
  return counts;
}

/** The tiles over the regions, each tile's unions, and the regions' boxes they were chosen by. */
export interface TileUnions {
  tiles: TileRect[];
  results: TileResult[];
  /** Per region: minX, minY, maxX, maxY in integer clip units. */
  boxes: number[][];
}

/** The tile unions under way: `done` when every tile is; `help` lets one more thread take tiles. */
export interface TileUnionsJob {
  done: Promise<TileUnions>;
  help(thread: TaskRunner): Promise<void>;
}

/** Tiles one task takes at most: the progress moves by this many, and a task is still a long one. */
const TILES_PER_TASK = 8;

/**
 * Each layer's union per 0.25° tile (step 3) around the regions `selected` (default: all). The tasks
 * are queued on the workers from the start, and each takes the next tiles from a shared counter, so
 * no thread waits while another has tiles left (a task that finds none ends at once); `help` lets
 * the calling thread take tiles too once it is free. Every tile's result is the same whichever thread takes it. A failed task stops the counter,
 * so the other threads do not go on with tiles nobody will use.
 */
export function tileUnionsOnPool(
  runner: TaskRunner,
  source: TileSource,
  regions: Regions,
  progress: ProgressCallback = silent,
  selected?: readonly number[],
): TileUnionsJob {
  const boxes = regionBoxes(regions.polygons, regions.ids.length);
  const around = selected ? selected.map((r) => boxes[r]) : boxes;
  // Over all regions' extent, so a selected region gets the tiles of the full run (those at its edge too).
  const extent = boxes.reduce(
    (e, b) => [Math.min(e[0], b[0]), Math.min(e[1], b[1]), Math.max(e[2], b[2]), Math.max(e[3], b[3])],
    [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
  );
  const tiles =
    around.length === 0
      ? []
      : tileRects(
          extent[0] / CLIP_SCALE,
          extent[1] / CLIP_SCALE,
          extent[2] / CLIP_SCALE,
          extent[3] / CLIP_SCALE,
        ).filter((t) => around.some((b) => touches(t, b)));
  const next = new Int32Array(new SharedArrayBuffer(4));
  const rects = new Float64Array(new SharedArrayBuffer(Math.max(1, tiles.length) * 32), 0, 4 * tiles.length);
  tiles.forEach((t, k) => {
    rects.set([t.left, t.top, t.right, t.bottom], 4 * k);
  });
  const results: TileResult[] = new Array(tiles.length);
  const tasks: Promise<void>[] = [];
  let done = 0;
  const left = () => Atomics.load(next, 0) < tiles.length;
  const take = (thread: TaskRunner) => {
    const task = thread.run<TilesResult>({ kind: 'tiles', source, rects, next, max: TILES_PER_TASK }).then(
      (taken) => {
        taken.tiles.forEach((tile, k) => {
          results[tile] = taken.results[k];
        });
        if (taken.tiles.length === 0) return;
        done += taken.tiles.length;
        progress({ stage: 'tile-unions', done, total: tiles.length });
      },
      (error: unknown) => {
        Atomics.store(next, 0, tiles.length);
        throw error;
      },
    );
    tasks.push(task);
    return task;
  };
  progress({ stage: 'tile-unions', done: 0, total: tiles.length });
  for (let k = 0; k < Math.ceil(tiles.length / TILES_PER_TASK); k++) take(runner);
  const help = async (thread: TaskRunner) => {
    while (left()) await take(thread);
  };
  const all = async (): Promise<TileUnions> => {
    // A helper may join while the first tasks run: wait until no task is left unawaited.
    for (let awaited = 0; awaited < tasks.length; ) {
      awaited = tasks.length;
      await Promise.all(tasks);
    }
    return { tiles, results, boxes };
  };
  return { done: all(), help };
}

/**
 * Region areas, 5G areas and LTE dead zones (step 5): each region clipped against the tile unions
 * around it. One result per region `selected` (default: all), in that order.
 */
export async function regionGeometryOnPool(
  runner: TaskRunner,
  context: SharedContext,
  unions: TileUnions,
  progress: ProgressCallback = silent,
  selected?: readonly number[],
): Promise<GeometryResult[]> {
  const { boxes } = unions;
  const regions = selected ?? boxes.map((_, r) => r);
  const size = regions.map((r) => (boxes[r][2] - boxes[r][0]) * (boxes[r][3] - boxes[r][1]));
  // Largest first, so the long tasks do not come last and leave a worker idle.
  const order = regions.map((_, slot) => slot).sort((a, b) => size[b] - size[a] || a - b);
  const results: GeometryResult[] = new Array(regions.length);
  let done = 0;
  await Promise.all(
    order.map((slot) => {
      const region = regions[slot];
      const near = unions.tiles.flatMap((tile, k) =>
        touches(tile, boxes[region]) ? [{ tile, result: unions.results[k] }] : [],
      );
      const lte = concatPacked(near.map((t) => t.result.lte));
      const nr = near
        .filter((t) => t.result.nr.coords.length > 0)
        .map((t) => ({ tile: t.tile, pieces: t.result.nr }));
      return runner.run<GeometryResult>({ kind: 'geometry', context, region, lte, nr }).then((result) => {
        results[slot] = result;
        progress({ stage: 'coverage-geometry', done: ++done, total: regions.length });
      });
    }),
  );
  return results;
}

/** Each region's bounding box in integer clip units: minX, minY, maxX, maxY. */
function regionBoxes(regions: PolygonSet, regionCount: number): number[][] {
  const { bbox, owner, polygonCount } = regions;
  const boxes = Array.from({ length: regionCount }, () => [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ]);
  for (let p = 0; p < polygonCount; p++) {
    const b = boxes[owner[p]];
    b[0] = Math.min(b[0], bbox[4 * p] * CLIP_SCALE);
    b[1] = Math.min(b[1], bbox[4 * p + 1] * CLIP_SCALE);
    b[2] = Math.max(b[2], bbox[4 * p + 2] * CLIP_SCALE);
    b[3] = Math.max(b[3], bbox[4 * p + 3] * CLIP_SCALE);
  }
  return boxes;
}

function touches(t: TileRect, b: number[]): boolean {
  return t.left <= b[2] && t.right >= b[0] && t.top <= b[3] && t.bottom >= b[1];
}

const householdsPath = (records: readonly InputRecord[]) =>
  records.find((r) => r.role === 'households')?.path ?? 'households';

/**
 * Dead-zone households, sorting, Stats and the summary (step 5), for the regions `geometry` has a
 * result for (file order); the households of the others count as outside.
 */
export function buildResult(
  inputs: Inputs,
  context: SharedContext,
  counts: Float64Array,
  geometry: GeometryResult[],
  options: Pick<AnalyzeOptions, 'regionId' | 'regionFilter' | 'read'>,
): AnalysisResult {
  const { households, coverage, regions } = inputs;
  const { layout, lteMask } = context;
  const regionCount = regions.ids.length;
  const kept = geometry.map((g) => g.region);
  const analysed = regionCount === kept.length ? regions : selectRegions(regions, kept);
  // Each region's index among those analysed; -1: left out, its households count as outside.
  const keptIndex = new Int32Array(regionCount + 1).fill(-1);
  kept.forEach((r, k) => {
    keptIndex[r] = k;
  });

  const deadZones: DeadZone[] = geometry.flatMap((g, k) =>
    g.deadZones.map((z) => ({ region: k, rings: z.rings, area_km2: z.areaM2 / 1e6, households: 0 })),
  );
  // Region -1 (outside) maps to keptIndex[regionCount] = -1 too.
  const region = context.region.map((r) => keptIndex[r < 0 ? regionCount : r]);
  assignDeadZoneHouseholds(deadZones, households, { mask: context.mask, region }, lteMask);
  deadZones.sort((a, b) => b.households - a.households || b.area_km2 - a.area_km2 || a.region - b.region);

  const totalsRow = emptyCounts({ ...layout, regionCount: 0 });
  const totalAreas: Areas = { areaM2: 0, area5gM2: 0, deadZoneAreaM2: 0 };
  const regionStats = geometry.map((g) => {
    const r = g.region;
    for (let k = 0; k < layout.stride; k++) totalsRow[k] += counts[r * layout.stride + k];
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

  const outside = { points: 0, households: 0 };
  for (let r = 0; r <= regionCount; r++) {
    if (keptIndex[r] >= 0) continue;
    outside.points += counts[r * layout.stride + COL_POINTS];
    outside.households += counts[r * layout.stride + COL_HOUSEHOLDS];
  }
  const { invalid, skippedHouseholds } = invalidSummary(options.read?.invalid ?? 'fail', inputs.invalid);
  const skipped = Object.values(skippedHouseholds).reduce((sum, n) => sum + n, 0);
  let read = skipped;
  for (let i = 0; i < households.count; i++) read += households.weight[i];
  if (read !== totals.households + outside.households + skipped)
    throw new Error(
      `households do not balance: read ${read}, counted ${totals.households + outside.households}`,
    );

  const summary: Summary = {
    schema: SUMMARY_SCHEMA,
    generated_at: new Date().toISOString(),
    tool: toolInfo(),
    inputs: inputs.records,
    options: {
      region_id: options.regionId ?? DEFAULT_REGION_ID,
      region_name: regions.nameField ?? options.regionId ?? DEFAULT_REGION_ID,
      ...(options.regionFilter ? { region_filter: [...new Set(options.regionFilter)] } : {}),
    },
    coverage_semantics: inputs.coverageSemantics,
    totals,
    regions: regionStats,
    outside_regions: outside,
    skipped: skippedHouseholds,
    invalid,
    warnings: [
      ...inputs.warnings,
      ...skipWarnings(inputs.invalid, inputs.records),
      ...householdWarnings(read, totals.households, householdsPath(inputs.records)),
    ],
    households_balance: {
      read,
      in_regions: totals.households,
      outside_regions: outside.households,
      skipped,
      balanced: true,
    },
  };
  return { summary, regions: analysed, deadZones };
}
