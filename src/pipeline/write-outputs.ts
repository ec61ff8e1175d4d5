import { existsSync, realpathSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { AtomicFileSet } from '../io/atomic-write.js';
import { csvChunks } from '../io/csv-write.js';
import { geoJsonChunks, type OutputFeature } from '../io/geojson-write.js';
import { prepareOutputDir } from '../io/output-dir.js';
import type { PolygonSet } from '../model/polygon-set.js';
import type { Stats } from '../model/stats.js';
import type { AnalysisResult } from './analyze.js';
import type { ProgressCallback } from './progress.js';

/** The files a run writes, `summary.json` last so its presence means the others are complete. */
export const OUTPUT_FILES = [
  'regions.geojson',
  'lte-dead-zones.geojson',
  'regions.csv',
  'summary.json',
] as const;

export interface WriteOptions {
  force?: boolean;
  onProgress?: ProgressCallback;
}

/**
 * Refuses before any work is done: an output folder that cannot be made or written, an existing
 * output without `force`, or an output that is an input. Call it before the analysis, so a long run
 * does not end in a refusal. Creates the folder.
 */
export function checkOutputs(outDir: string, inputs: readonly string[], force = false): void {
  prepareOutputDir(outDir);
  const inputPaths = new Set(inputs.map(canonical));
  for (const name of OUTPUT_FILES) {
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

/** Writes the four outputs into `outDir` (created if missing), each atomically. */
export function writeOutputs(result: AnalysisResult, outDir: string, options: WriteOptions = {}): string[] {
  const { summary, regions, deadZones } = result;
  const inputs = summary.inputs.map((i) => i.path);
  checkOutputs(outDir, inputs, options.force);
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

  const files = new AtomicFileSet();
  const written: string[] = [];
  const write = (name: (typeof OUTPUT_FILES)[number], chunks: Iterable<string>) => {
    const path = join(outDir, name);
    ioStep(path, () => files.write(path, chunks));
    written.push(path);
    progress({ stage: 'write', done: written.length, total: OUTPUT_FILES.length });
  };
  write('regions.geojson', geoJsonChunks(regionFeatures()));
  write('lte-dead-zones.geojson', geoJsonChunks(zoneFeatures()));
  write('regions.csv', csvChunks(['id', 'name', ...columns.map((c) => c.name)], csvRows()));
  write('summary.json', [`${JSON.stringify(summary, null, 2)}\n`]);
  // An old summary.json goes first, so until the new set is in place none claims the files complete.
  ioStep(join(outDir, 'summary.json'), () => {
    rmSync(join(outDir, 'summary.json'), { force: true });
    files.commit();
  });
  return written;
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

/** A file system refusal (full disk, a folder where a file goes) is the user's to fix, not our bug. */
function ioStep(path: string, step: () => void): void {
  try {
    step();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    const where = (error as NodeJS.ErrnoException).path ?? path;
    throw new InputError(
      `cannot write output (${code}); no output file was changed except summary.json, which was removed`,
      {
        file: where.includes('.tmp-') ? path : where,
      },
    );
  }
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
