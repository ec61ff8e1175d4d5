import { existsSync, realpathSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { type Crs, crsOption } from '../geometry/crs.js';
import { AtomicFileSet } from '../io/atomic-write.js';
import { csvChunks } from '../io/csv-write.js';
import { epsgCode, flatGeobufChunks } from '../io/flatgeobuf/flatgeobuf-write.js';
import { geoJsonChunks, type OutputFeature } from '../io/geojson-write.js';
import { prepareOutputDir } from '../io/output-dir.js';
import type { PolygonSet } from '../model/polygon-set.js';
import type { Stats } from '../model/stats.js';
import type { AnalysisResult } from './analyze.js';
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
export type OutputFormat = 'geojson' | 'fgb';

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
  onProgress?: ProgressCallback;
}

/** The files written for `formats`, in writing order, `summary.json` last. */
export function outputFiles(formats: readonly OutputFormat[] = ['geojson']): OutputFile[] {
  const [regions, zones, csv, summary] = OUTPUT_FILES;
  return [regions, zones, ...(formats.includes('fgb') ? FGB_OUTPUT_FILES : []), csv, summary];
}

/**
 * Refuses before any work is done: an output folder that cannot be made or written, an existing
 * output without `force`, or an output that is an input. Call it before the analysis, so a long run
 * does not end in a refusal. Creates the folder.
 */
export function checkOutputs(
  outDir: string,
  inputs: readonly string[],
  force = false,
  given: OutputChoice = {},
): void {
  const choice = resolvedChoice(given);
  checkOutputCrs(choice);
  prepareOutputDir(outDir);
  const inputPaths = new Set(inputs.map(canonical));
  for (const name of outputFiles(choice.formats)) {
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
  const options = resolvedChoice(given);
  const { summary, regions, deadZones } = result;
  const inputs = summary.inputs.map((i) => i.path);
  checkOutputs(outDir, inputs, options.force, options);
  const files = outputFiles(options.formats);
  const progress = options.onProgress ?? (() => {});
  const operators = Object.keys(summary.totals.operators);
  const others = Object.keys(summary.totals.other_technologies ?? {});
  const columns = statsColumns(operators, others);

  const regionPolygons = polygonsByOwner(regions.polygons, regions.ids.length);
  const regionFeatures = function* (): Generator<OutputFeature> {
    for (let r = 0; r < summary.regions.length; r++) {
      const stats = summary.regions[r];
      const properties: Record<string, unknown> = { id: stats.id, name: stats.name };
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
  const write = (name: OutputFile, chunks: Iterable<string | Uint8Array>) => {
    const path = join(outDir, name);
    ioStep(path, 'no output file was changed', () => set.write(path, chunks));
    written.push(path);
    progress({ stage: 'write', done: written.length, total: files.length });
  };
  write('regions.geojson', geoJsonChunks(regionFeatures()));
  write('lte-dead-zones.geojson', geoJsonChunks(zoneFeatures()));
  if (files.includes('regions.fgb')) {
    // FlatGeobuf needs every feature twice (schema and index first), so they are listed, not generated.
    const layer = { crs: options.outputCrs, doubles: isFraction };
    write('regions.fgb', flatGeobufChunks([...regionFeatures()], { ...layer, name: 'regions' }));
    write('lte-dead-zones.fgb', flatGeobufChunks([...zoneFeatures()], { ...layer, name: 'lte-dead-zones' }));
  }
  write('regions.csv', csvChunks(['id', 'name', ...columns.map((c) => c.name)], csvRows()));
  write('summary.json', [`${JSON.stringify(summary, null, 2)}\n`]);
  // An old summary.json goes first, so until the new set is in place none claims the files complete.
  ioStep(
    join(outDir, 'summary.json'),
    'summary.json was removed, so the outputs there are not a complete set',
    () => {
      rmSync(join(outDir, 'summary.json'), { force: true });
      set.commit();
    },
  );
  return written;
}

/** Shares and areas are Double columns even in a run where all of them are whole numbers. */
function isFraction(column: string): boolean {
  return /(^|_)share(_|$)/.test(column) || column.endsWith('_km2');
}

/** The choice with its CRS resolved (the library takes names as the CLI does). */
function resolvedChoice<T extends OutputChoice>(choice: T): T & { outputCrs?: Crs } {
  return { ...choice, outputCrs: crsOption(choice.outputCrs, 'outputCrs') };
}

/** `--output-crs` only means something for FlatGeobuf, whose header needs an EPSG code. */
function checkOutputCrs(choice: OutputChoice & { outputCrs?: Crs }): void {
  const crs = choice.outputCrs;
  if (crs === undefined) return;
  // The CLI's flag, or the library's option.
  const option = crs.flag ?? 'outputCrs';
  if (!(choice.formats ?? []).includes('fgb'))
    throw new InputError(`${option} applies to FlatGeobuf outputs only; GeoJSON is always lon/lat`, {
      field: option,
      value: crs.name,
      hint: option === 'outputCrs' ? "add 'fgb' to formats" : 'add --format geojson,fgb',
    });
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

/** The Stats flattened into columns, for GeoJSON properties and CSV: scalars, then `<operator>_<field>`. */
function statsColumns(operators: readonly string[], otherTechnologies: readonly string[]): Column[] {
  const scalars = [
    'households',
    'households_5g',
    'share_5g',
    'households_lte',
    'share_lte',
    'households_no_lte',
    'households_single_lte',
    'area_km2',
    'area_5g_km2',
    'share_area_5g',
    'lte_dead_zone_area_km2',
  ] as const;
  const columns: Column[] = scalars.map((name) => ({ name, get: (s) => s[name] }));
  for (const op of operators) {
    for (const field of ['households_5g', 'households_lte', 'share_5g', 'share_lte'] as const) {
      columns.push({ name: `${op}_${field}`, get: (s) => s.operators[op]?.[field] ?? null });
    }
  }
  for (const tech of otherTechnologies) {
    columns.push({
      name: `households_${tech}`,
      get: (s) => s.other_technologies?.[tech]?.households ?? null,
    });
    columns.push({ name: `share_${tech}`, get: (s) => s.other_technologies?.[tech]?.share ?? null });
  }
  return columns;
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
      file: where.includes('.tmp-') ? path : where,
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
