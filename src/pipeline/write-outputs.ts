import { existsSync, realpathSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { type Crs, crsOption } from '../geometry/crs.js';
import { type CsvDialect, csvChunks } from '../io/csv/write.js';
import {
  AtomicFileSet,
  abortStaged,
  commitStaged,
  isTempFile,
  removeStaleTempFiles,
  type StagedFile,
} from '../io/files/atomic-write.js';
import { prepareOutputDir } from '../io/files/output-dir.js';
import { lockOutputDir, type OutputLock } from '../io/files/output-lock.js';
import { MANIFEST_FILE, type Manifest, manifestText, previousOutputs } from '../io/files/output-manifest.js';
import { epsgCode, flatGeobufChunks } from '../io/flatgeobuf/flatgeobuf-write.js';
import { geoJsonChunks, type OutputFeature } from '../io/geojson/write.js';
import type { PolygonSet } from '../model/polygon-set.js';
import type { Stats } from '../model/stats.js';
import {
  OPERATOR_FIELDS,
  operatorColumn,
  SCALAR_COLUMNS,
  technologyColumns,
} from '../model/stats-columns.js';
import { nullRecord } from '../model/user-keys.js';
import type { AnalysisResult } from './analyze.js';
import { checkOptionKeys } from './option-keys.js';
import type { ProgressCallback } from './progress.js';

/** The files a run writes by default, `summary.json` last so its presence means the others are complete. */
export const OUTPUT_FILES = [
  'regions.geojson',
  'lte-dead-zones.geojson',
  'regions.csv',
  'summary.json',
] as const;

/** The files `--format fgb` adds. */
export const FGB_OUTPUT_FILES = ['regions.fgb', 'lte-dead-zones.fgb'] as const;

export type OutputFile = (typeof OUTPUT_FILES)[number] | (typeof FGB_OUTPUT_FILES)[number];

/** GeoJSON is always written; FlatGeobuf on request. */
export const OUTPUT_FORMATS = ['geojson', 'fgb'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Which outputs a run writes, and how. */
export interface OutputChoice {
  /** Default `['geojson']`. */
  formats?: readonly OutputFormat[];
  /**
   * The CRS of the FlatGeobuf outputs (a resolved Crs or a name such as `EPSG:25832`; it needs an EPSG
   * code); default lon/lat. GeoJSON stays RFC 7946 lon/lat.
   */
  outputCrs?: Crs | string;
}

export interface WriteOptions extends OutputChoice {
  force?: boolean;
  /** `regions.csv` as RFC 4180 (default) or for Excel in a German locale (`excel-de`). */
  csvDialect?: CsvDialect;
  /** The token of the lock on `outDir` that the caller holds (`claimOutputs(...).token`), if any. */
  heldLock?: string;
  onProgress?: ProgressCallback;
}

/** The files written for `formats`, in writing order, `summary.json` last. */
export function outputFiles(formats: readonly OutputFormat[] = ['geojson']): OutputFile[] {
  const [regions, zones, csv, summary] = OUTPUT_FILES;
  return [regions, zones, ...(formats.includes('fgb') ? FGB_OUTPUT_FILES : []), csv, summary];
}

/**
 * Refuses before any work is done: an output folder that cannot be made or written, one another run
 * holds, an existing output without `force`, or an output that is an input. Call it before the
 * analysis, so a long run does not end in a refusal. Creates the folder.
 */
export function checkOutputs(
  outDir: string,
  inputs: readonly string[],
  force = false,
  given: OutputChoice = {},
): void {
  claimOutputs(outDir, inputs, force, given).release();
}

/**
 * checkOutputs, keeping the folder's lock until `release()`: a run holds it from before its analysis
 * to its last rename, so no other run writes there meanwhile (and the checks stay true).
 */
export function claimOutputs(
  outDir: string,
  inputs: readonly string[],
  force = false,
  given: OutputChoice = {},
  heldLock?: string,
): OutputLock {
  const choice = resolvedChoice(given);
  checkOutputCrs(choice);
  prepareOutputDir(outDir);
  const lock = lockOutputDir(outDir, heldLock);
  try {
    removeStaleTempFiles(outDir);
    checkOutputPaths(outDir, inputs, force, choice);
    return lock;
  } catch (error) {
    lock.release();
    throw error;
  }
}

function checkOutputPaths(outDir: string, inputs: readonly string[], force: boolean, choice: OutputChoice) {
  const inputPaths = new Set(inputs.map(canonical));
  for (const name of [...outputFiles(choice.formats), MANIFEST_FILE]) {
    const path = join(outDir, name);
    if (inputPaths.has(canonical(path)))
      throw new InputError('an output would overwrite an input', {
        file: path,
        hint: 'choose another --out folder',
      });
    if (!force && existsSync(path))
      throw new InputError('output exists already', {
        file: path,
        hint: 'use --force to overwrite, or another --out',
      });
  }
}

/** Writes the outputs (GeoJSON, CSV, summary; FlatGeobuf if asked) into `outDir`, atomically as a set. */
export function writeOutputs(result: AnalysisResult, outDir: string, given: WriteOptions = {}): string[] {
  const inputs = result.summary.inputs.map((i) => i.path);
  const lock = claimOutputs(outDir, inputs, given.force, given, given.heldLock);
  try {
    const staged = stageOutputs(result, outDir, given);
    commitOutputs(staged);
    return staged.written;
  } finally {
    lock.release();
  }
}

/** Outputs written to temp files beside their targets, not yet in place (plain data: it may cross threads). */
export interface StagedOutputs {
  outDir: string;
  /** In writing order, `summary.json` and then `manifest.json` last. */
  files: StagedFile[];
  /** The last run's outputs this one does not write again: removed on commit. */
  stale: string[];
  /** Every output's path, as the summary text names them. */
  written: string[];
}

/**
 * Writes every output to its temp file (the caller holds the folder's lock: `claimOutputs`, or its
 * token as `heldLock`); nothing is in place until `commitOutputs`. The CLI stages on its job thread
 * and commits on its main thread, so a signal comes before the commit or after it, never within.
 */
export function stageOutputs(
  result: AnalysisResult,
  outDir: string,
  given: WriteOptions = {},
): StagedOutputs {
  checkOptionKeys(given, WRITE_OPTIONS, 'writeOutputs()');
  const options = resolvedChoice(given);
  const inputs = result.summary.inputs.map((i) => i.path);
  const lock = claimOutputs(outDir, inputs, options.force, options, options.heldLock);
  try {
    return stageOutputSet(result, outDir, options);
  } finally {
    lock.release();
  }
}

/**
 * Puts staged outputs in place: the old summary.json goes first (until the new set is in place none
 * claims the files complete), then the stale outputs, then the renames, summary.json and the
 * manifest last. On failure, the temp files not yet renamed are removed.
 */
export function commitOutputs(staged: StagedOutputs): void {
  const summary = join(staged.outDir, 'summary.json');
  ioStep(summary, 'summary.json was removed, so the outputs there are not a complete set', () => {
    try {
      rmSync(summary, { force: true });
      for (const path of staged.stale) rmSync(path, { force: true });
    } catch (error) {
      abortStaged(staged.files);
      throw error;
    }
    commitStaged(staged.files);
  });
}

function stageOutputSet(
  result: AnalysisResult,
  outDir: string,
  options: WriteOptions & { outputCrs?: Crs },
): StagedOutputs {
  const { summary, regions, deadZones } = result;
  const files = outputFiles(options.formats);
  const progress = options.onProgress ?? (() => {});
  const operators = Object.keys(summary.totals.operators);
  const others = Object.keys(summary.totals.other_technologies ?? {});
  const columns = statsColumns(operators, others);

  const regionPolygons = polygonsByOwner(regions.polygons, regions.ids.length);
  const regionFeatures = function* (): Generator<OutputFeature> {
    for (let r = 0; r < summary.regions.length; r++) {
      const stats = summary.regions[r];
      const properties = nullRecord<unknown>();
      properties.id = stats.id;
      properties.name = stats.name;
      columns.forEach((c) => {
        properties[c.name] = c.get(stats);
      });
      yield { polygons: regionPolygons[r], properties };
    }
  };
  const zoneFeatures = function* (): Generator<OutputFeature> {
    for (const zone of deadZones) {
      yield {
        polygons: [zone.rings],
        properties: {
          region_id: regions.ids[zone.region],
          area_km2: zone.area_km2,
          households: zone.households,
        },
      };
    }
  };
  const csvRows = function* (): Generator<unknown[]> {
    for (const stats of summary.regions) yield [stats.id, stats.name, ...columns.map((c) => c.get(stats))];
  };

  const set = new AtomicFileSet();
  const written: string[] = [];
  const manifest: Manifest['files'] = [];
  const write = (name: OutputFile, chunks: Iterable<string | Uint8Array>) => {
    const path = join(outDir, name);
    ioStep(path, 'no output file was changed', () => manifest.push({ name, ...set.write(path, chunks) }));
    written.push(path);
    // The manifest comes last, one more file.
    progress({ stage: 'write', done: written.length, total: files.length + 1 });
  };
  write('regions.geojson', geoJsonChunks(regionFeatures()));
  write('lte-dead-zones.geojson', geoJsonChunks(zoneFeatures()));
  if (files.includes('regions.fgb')) {
    // FlatGeobuf needs every feature twice (schema and index first), so they are listed, not generated.
    const layer = { crs: options.outputCrs, doubles: isFraction };
    write('regions.fgb', flatGeobufChunks([...regionFeatures()], { ...layer, name: 'regions' }));
    write('lte-dead-zones.fgb', flatGeobufChunks([...zoneFeatures()], { ...layer, name: 'lte-dead-zones' }));
  }
  const header = ['id', 'name', ...columns.map((c) => c.name)];
  write('regions.csv', csvChunks(header, csvRows(), options.csvDialect));
  write('summary.json', [`${JSON.stringify(summary, null, 2)}\n`]);
  const manifestPath = join(outDir, MANIFEST_FILE);
  ioStep(manifestPath, 'no output file was changed', () => set.write(manifestPath, [manifestText(manifest)]));
  progress({ stage: 'write', done: written.length + 1, total: files.length + 1 });
  // The last run's outputs that this one does not write again (a FlatGeobuf it was asked for, now
  // not): only funkatlas's own names, unchanged since, and never an input of this run.
  const inputs = new Set(result.summary.inputs.map((i) => canonical(i.path)));
  const stale = previousOutputs(outDir, [...OUTPUT_FILES, ...FGB_OUTPUT_FILES])
    .filter((name) => !manifest.some((f) => f.name === name))
    .map((name) => join(outDir, name))
    .filter((path) => !inputs.has(canonical(path)));
  return { outDir, files: set.handOver(), stale, written: [...written, manifestPath] };
}

/** Shares and areas are Double columns even in a run where all of them are whole numbers. */
function isFraction(column: string): boolean {
  return /(^|_)share(_|$)/.test(column) || column.endsWith('_km2');
}

const WRITE_OPTIONS = [
  'formats',
  'outputCrs',
  'force',
  'csvDialect',
  'heldLock',
  'onProgress',
] as const satisfies readonly (keyof WriteOptions)[];

/** The choice with its CRS resolved (the library takes names as the CLI does). */
function resolvedChoice<T extends OutputChoice>(choice: T): T & { outputCrs?: Crs } {
  return { ...choice, outputCrs: crsOption(choice.outputCrs, 'outputCrs') };
}

/**
 * The CRS of the outputs that carry one (FlatGeobuf, whose header needs an EPSG code); GeoJSON stays
 * lon/lat by RFC 7946, so without FlatGeobuf outputs it changes nothing (the CLI says so).
 */
function checkOutputCrs(choice: OutputChoice & { outputCrs?: Crs }): void {
  const crs = choice.outputCrs;
  if (crs === undefined) return;
  // The CLI's flag, or the library's option.
  const option = crs.flag ?? 'outputCrs';
  if (epsgCode(crs) === undefined)
    throw new InputError('FlatGeobuf outputs need a CRS with an EPSG code', {
      field: option,
      value: crs.name,
      hint: 'give EPSG:<code>, e.g. EPSG:25832',
    });
}

interface Column {
  name: string;
  get: (stats: Stats) => unknown;
}

/** The Stats flattened into columns, for GeoJSON properties and CSV (names: model/stats-columns.ts). */
function statsColumns(operators: readonly string[], otherTechnologies: readonly string[]): Column[] {
  const columns: Column[] = SCALAR_COLUMNS.map((name) => ({ name, get: (s) => s[name] }));
  for (const op of operators) {
    for (const field of OPERATOR_FIELDS) {
      columns.push({
        name: operatorColumn(op, field),
        get: (s) => ownStats(s.operators, op)?.[field] ?? null,
      });
    }
  }
  for (const tech of otherTechnologies) {
    const [households, share] = technologyColumns(tech);
    columns.push({ name: households, get: (s) => ownStats(s.other_technologies, tech)?.households ?? null });
    columns.push({ name: share, get: (s) => ownStats(s.other_technologies, tech)?.share ?? null });
  }
  // The readers refuse names that clash (ColumnNames); a clash here would be our bug.
  const names = new Set(['id', 'name', ...columns.map((c) => c.name.toLowerCase())]);
  if (names.size !== columns.length + 2) throw new Error('two columns of the regions table share a name');
  return columns;
}

/** A user-named entry of the Stats, never one of Object.prototype's. */
function ownStats<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Each owner's polygons as rings (views, no copies), in one pass over the set. */
function polygonsByOwner(set: PolygonSet, owners: number): Float64Array[][][] {
  const byOwner: Float64Array[][][] = Array.from({ length: owners }, () => []);
  for (let p = 0; p < set.polygonCount; p++) {
    const rings: Float64Array[] = [];
    for (let r = set.ringStart[p]; r < set.ringStart[p + 1]; r++) {
      rings.push(set.coords.subarray(2 * set.ringOffset[r], 2 * set.ringOffset[r + 1]));
    }
    byOwner[set.owner[p]].push(rings);
  }
  return byOwner;
}

/** Runs a file-system step; its refusal (full disk, a folder where a file goes) becomes one line saying what state the outputs are in. */
function ioStep(path: string, state: string, step: () => void): void {
  try {
    step();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    const where = (error as NodeJS.ErrnoException).path ?? path;
    throw new InputError(`cannot write output (${code}); ${state}`, {
      file: isTempFile(where) ? path : where,
    });
  }
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
