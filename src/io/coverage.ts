import { InputError } from '../errors.js';
import { boundsOf } from '../geometry/bounds.js';
import { crsRecord } from '../geometry/crs.js';
import { type Coverage, type Layer, MAX_LAYERS, normaliseTechnology } from '../model/coverage.js';
import { PolygonSetBuilder } from '../model/polygon-set.js';
import { ColumnNames, describeClash } from '../model/stats-columns.js';
import { ownProperty } from '../model/user-keys.js';
import { readBnetzaCoverage } from './bnetza/grid-read.js';
import { readFeatures, type VectorFormat } from './feature-read.js';
import { COVERAGE_FORMATS, type CoverageFormat, detectFormat } from './formats.js';
import { polygonsOf } from './geometry-check.js';
import { readGeoTiffCoverage } from './geotiff/coverage-read.js';
import { type InputRead, inputRead } from './input-read.js';
import type { ResolvedReadOptions as ReadOptions } from './read-options.js';
import type { CoverageFileRead, CoverageSemantics, CoverageSink, LayerContext } from './read-result.js';
import { checkSkipLimit } from './skip-limit.js';
import { InvalidFeatures } from './skipped.js';

/** Coverage layers, and per file its record for summary.json. */
export interface CoverageRead {
  coverage: Coverage;
  semantics: CoverageSemantics;
  /** Per file, in the order given; coverage records carry their extent (null: no coverage). */
  inputs: InputRead[];
  /** Per file: the operators it names (of valid features or not; none for operator-count grids). */
  operators: string[][];
}

/**
 * Reads coverage from one or more files (GeoJSON, FlatGeobuf, GeoTIFF rasters, Bundesnetzagentur
 * grids) into layers (operator × technology). `formats[k]` overrides the detected format of file k.
 */
export async function readCoverage(
  paths: readonly string[],
  options: ReadOptions = {},
  format?: string,
): Promise<CoverageRead> {
  const layers: Layer[] = [];
  const layerIndex = new Map<string, number>();
  const builder = new PolygonSetBuilder();
  const columns = new ColumnNames();
  let last = { operator: '', technology: '', layer: -1 };
  const sink: CoverageSink = {
    add(operator, technology, rings, where) {
      // Features come in runs of one layer: its key is built and looked up once a run.
      if (operator === last.operator && technology === last.technology) {
        builder.addPolygon(rings, last.layer);
        return;
      }
      const key = `${operator}\u0000${technology}`;
      let layer = layerIndex.get(key);
      if (layer === undefined) {
        if (layers.length === MAX_LAYERS)
          throw new InputError(`more than ${MAX_LAYERS} operator × technology layers`, {
            ...where,
            field: 'properties',
            value: { operator, technology },
            hint: 'split the coverage into several runs',
          });
        claimColumns(columns, operator, technology, where);
        layer = layers.length;
        layers.push({ operator, technology });
        layerIndex.set(key, layer);
      }
      last = { operator, technology, layer };
      builder.addPolygon(rings, layer);
    },
  };
  const read: CoverageFileRead[] = [];
  const formats: CoverageFormat[] = [];
  // Per file, where its polygons start in the set.
  const starts: number[] = [];
  for (const path of paths) {
    const detected = detectFormat(path, COVERAGE_FORMATS, format, 'options.coverageFormat');
    formats.push(detected);
    starts.push(builder.polygonCount);
    if (detected === 'bnetza') read.push(readBnetzaCoverage(path, sink, options));
    else if (detected === 'geotiff') read.push(await readGeoTiffCoverage(path, sink, options));
    else read.push(readVectorCoverage(path, detected, sink, options));
    const file = read[read.length - 1];
    checkSkipLimit(path, file.features, file.skipped, options.maxSkipped);
  }
  starts.push(builder.polygonCount);
  const semantics = read.map((r) => r.semantics ?? 'operators');
  if (new Set(semantics).size > 1)
    throw new InputError('operator-count grids cannot be mixed with per-operator coverage', {
      file: paths[semantics.indexOf('operator-count')],
      hint: 'analyse the Bundesnetzagentur grid on its own',
    });
  const polygons = builder.finish();
  return {
    coverage: { layers, polygons },
    semantics: semantics[0] ?? 'operators',
    inputs: paths.map((path, k) =>
      inputRead('coverage', path, formats[k], read[k], boundsOf(polygons, starts[k], starts[k + 1])),
    ),
    operators: read.map((r) => r.operators ?? []),
  };
}

/** The only properties a coverage feature is read for. */
const COVERAGE_PROPERTIES = ['operator', 'technology', 'synthetic', 'predicted'];

function readVectorCoverage(
  path: string,
  format: VectorFormat,
  sink: CoverageSink,
  options: ReadOptions,
): CoverageFileRead {
  const { features: raw, digest, crs, file } = readFeatures(path, format, options, COVERAGE_PROPERTIES);
  const invalid = new InvalidFeatures(options.invalid);
  const operators = new Set<string>();
  // Features come in runs of one layer: a technology as written is normalised once a run.
  let written: unknown;
  let technology = '';
  for (const f of raw) {
    const where = { file, feature: f.index, id: f.id, crs };
    const named = f.properties.operator;
    if ((typeof named === 'string' || typeof named === 'number') && String(named).trim() !== '')
      operators.add(String(named).trim());
    let feature: { operator: string; technology: string; polygons: Float64Array[][] };
    try {
      const operator = requiredString(ownProperty(f.properties, 'operator'), where, 'properties.operator');
      const value = ownProperty(f.properties, 'technology');
      if (value !== written || typeof value !== 'string') {
        technology = normaliseTechnology(requiredString(value, where, 'properties.technology'));
        written = value;
      }
      feature = { operator, technology, polygons: polygonsOf(f.geometry, where, invalid) };
    } catch (error) {
      invalid.skip(error);
      continue;
    }
    // Outside the try: too many layers is about the whole input, never a feature to skip.
    // Each part is its own polygon of the layer: a point inside any part is covered, overlaps or not.
    for (const rings of feature.polygons) sink.add(feature.operator, feature.technology, rings, where);
  }
  return {
    features: raw.length,
    synthetic: raw.length > 0 && raw.every((f) => ownProperty(f.properties, 'synthetic') === true),
    predicted: raw.length > 0 && raw.every((f) => ownProperty(f.properties, 'predicted') === true),
    digest,
    operators: [...operators],
    ...crsRecord(crs),
    ...invalid.report(),
  };
}

/** Refuses an operator or technology whose column in the regions table another already writes. */
function claimColumns(columns: ColumnNames, operator: string, technology: string, where: LayerContext): void {
  const {
    operatorField = 'properties.operator',
    technologyField = 'properties.technology',
    ...place
  } = where;
  for (const [owner, field] of [
    [{ kind: 'operator', name: operator }, operatorField],
    [{ kind: 'technology', name: technology }, technologyField],
  ] as const) {
    const clash = columns.claim(owner);
    if (!clash) continue;
    const { problem, hint } = describeClash(owner, clash);
    throw new InputError(problem, { ...place, field, value: owner.name, hint, code: 'column-clash' });
  }
}

/** The context is spread into an error only when there is one: this runs once per feature. */
function requiredString(value: unknown, where: LayerContext, field: string): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value.trim() === '')
    throw new InputError('missing or empty; coverage features need operator and technology', {
      ...where,
      field,
      value,
      code: `missing-${field.replace('properties.', '')}`,
    });
  return value.trim();
}
