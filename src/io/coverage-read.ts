import { InputError } from '../errors.js';
import { type Coverage, type Layer, MAX_LAYERS, normaliseTechnology } from '../model/coverage.js';
import { PolygonSetBuilder } from '../model/polygon-set.js';
import { polygonsOf, readGeoJsonFeatures } from './geojson-read.js';
import type { FileDigest } from './source.js';

export interface CoverageRead {
  coverage: Coverage;
  /** Features read per file, in the order given. */
  features: number[];
  /** Per file: every feature carries `"synthetic": true` (generated, not real coverage). */
  synthetic: boolean[];
  /** Per file, as read. */
  digests: FileDigest[];
}

/** Reads coverage polygons from one or more GeoJSON files into layers (operator × technology). */
export function readCoverage(paths: readonly string[]): CoverageRead {
  const layers: Layer[] = [];
  const layerIndex = new Map<string, number>();
  const builder = new PolygonSetBuilder();
  const synthetic: boolean[] = [];
  const digests: FileDigest[] = [];
  const features = paths.map((path) => {
    const { features: raw, digest } = readGeoJsonFeatures(path);
    digests.push(digest);
    synthetic.push(raw.length > 0 && raw.every((f) => f.properties.synthetic === true));
    for (const f of raw) {
      const where = { file: path, feature: f.index, id: f.id };
      const operator = requiredString(f.properties.operator, { ...where, field: 'properties.operator' });
      const technology = normaliseTechnology(
        requiredString(f.properties.technology, { ...where, field: 'properties.technology' }),
      );
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
        layer = layers.length;
        layers.push({ operator, technology });
        layerIndex.set(key, layer);
      }
      // Each part is its own polygon of the layer: a point inside any part is covered, overlaps or not.
      for (const rings of polygonsOf(f.geometry, where)) builder.addPolygon(rings, layer);
    }
    return raw.length;
  });
  return { coverage: { layers, polygons: builder.finish() }, features, synthetic, digests };
}

function requiredString(value: unknown, where: ConstructorParameters<typeof InputError>[1]): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value.trim() === '')
    throw new InputError('missing or empty; coverage features need operator and technology', {
      ...where,
      value,
    });
  return value.trim();
}
