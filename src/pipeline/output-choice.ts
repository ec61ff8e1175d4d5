import { InputError } from '../errors.js';
import { type Crs, crsOption, epsgCode } from '../geometry/crs.js';
import type { CsvDialect } from '../io/csv/write.js';
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

/** The file `--format gpkg` adds: one GeoPackage with the layers `regions` and `lte_dead_zones`. */
export const GPKG_OUTPUT_FILES = ['funkatlas.gpkg'] as const;

export type OutputFile =
  | (typeof OUTPUT_FILES)[number]
  | (typeof FGB_OUTPUT_FILES)[number]
  | (typeof GPKG_OUTPUT_FILES)[number];

/** GeoJSON is always written; FlatGeobuf and GeoPackage on request. */
export const OUTPUT_FORMATS = ['geojson', 'fgb', 'gpkg'] as const;
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
  return [
    regions,
    zones,
    ...(formats.includes('fgb') ? FGB_OUTPUT_FILES : []),
    ...(formats.includes('gpkg') ? GPKG_OUTPUT_FILES : []),
    csv,
    summary,
  ];
}

export const WRITE_OPTIONS = [
  'formats',
  'outputCrs',
  'force',
  'csvDialect',
  'heldLock',
  'onProgress',
] as const satisfies readonly (keyof WriteOptions)[];

/** The choice with its CRS resolved (the library takes names as the CLI does). */
export function resolvedChoice<T extends OutputChoice>(choice: T): T & { outputCrs?: Crs } {
  return { ...choice, outputCrs: crsOption(choice.outputCrs, 'outputCrs') };
}

/**
 * The CRS of the outputs that carry one (FlatGeobuf, whose header needs an EPSG code); GeoJSON stays
 * lon/lat by RFC 7946, so without FlatGeobuf outputs it changes nothing (the CLI says so).
 */
export function checkOutputCrs(choice: OutputChoice & { outputCrs?: Crs }): void {
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
