import { InputError } from '../errors.js';
import { type Crs, crsOption, epsgCode } from '../geometry/crs.js';
import type { CsvDialect } from '../io/csv/write.js';
import type { ReportOptions } from '../report/report-input.js';
import type { ProgressCallback } from './progress.js';

/** The files a run writes by default, `summary.json` last so its presence means the others are complete. */
export const OUTPUT_FILES = [
  'regions.geojson',
  'lte-dead-zones.geojson',
  'regions.csv',
  'timeseries.csv',
  'summary.json',
] as const;

/** Written with two or more dated snapshots: each dead zone followed across them. */
export const TRACKING_OUTPUT_FILES = ['dead-zone-changes.geojson'] as const;

/** Written with the Funkloch cells measured: the cells as squares. */
export const FUNKLOCH_OUTPUT_FILES = ['funkloch-cells.geojson'] as const;

/** Written with a roll-up: the rows of the larger regions, every level asked for. */
export const ROLLUP_OUTPUT_FILES = ['regions-rollup.geojson', 'regions-rollup.csv'] as const;

/** The files `--format fgb` adds. */
export const FGB_OUTPUT_FILES = ['regions.fgb', 'lte-dead-zones.fgb'] as const;

/** The file `--format gpkg` adds: one GeoPackage with the layers `regions` and `lte_dead_zones`. */
export const GPKG_OUTPUT_FILES = ['funkatlas.gpkg'] as const;

export type OutputFile =
  | (typeof OUTPUT_FILES)[number]
  | (typeof FGB_OUTPUT_FILES)[number]
  | (typeof GPKG_OUTPUT_FILES)[number]
  | (typeof TRACKING_OUTPUT_FILES)[number]
  | (typeof ROLLUP_OUTPUT_FILES)[number]
  | (typeof FUNKLOCH_OUTPUT_FILES)[number]
  | (typeof REPORT_OUTPUT_FILES)[number]
  | (typeof STYLE_OUTPUT_FILES)[number];

/** Written with every run unless `report: false` (`--no-report`): the page people look at. */
export const REPORT_OUTPUT_FILES = ['report.html'] as const;

/** Written with every run: QGIS styles for regions.* and lte-dead-zones.*, the report's classes. */
export const STYLE_OUTPUT_FILES = ['regions.qml', 'lte-dead-zones.qml'] as const;

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
  /** report.html's language and dead-zone threshold (default `{ lang: 'en' }`); false: no report. */
  report?: false | ReportOptions;
}

/**
 * The files a run may write for `formats`, in writing order, `summary.json` last (the dead zones'
 * changes only with two or more dated snapshots, the roll-up only when asked for; an old one in the
 * folder is an output all the same).
 */
export function outputFiles(formats: readonly OutputFormat[] = ['geojson']): OutputFile[] {
  const [regions, zones, csv, timeseries, summary] = OUTPUT_FILES;
  return [
    regions,
    zones,
    ...(formats.includes('fgb') ? FGB_OUTPUT_FILES : []),
    ...(formats.includes('gpkg') ? GPKG_OUTPUT_FILES : []),
    ...TRACKING_OUTPUT_FILES,
    ...FUNKLOCH_OUTPUT_FILES,
    csv,
    timeseries,
    ...ROLLUP_OUTPUT_FILES,
    ...STYLE_OUTPUT_FILES,
    ...REPORT_OUTPUT_FILES,
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
  'report',
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
