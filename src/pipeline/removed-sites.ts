import { InputError } from '../errors.js';
import { readFeatures } from '../io/feature-read.js';
import { detectFormat } from '../io/formats.js';
import { polygonsOf } from '../io/geometry-check.js';
import { resolveReadOptions } from '../io/read-options.js';
import { normaliseTechnology } from '../model/coverage.js';
import { PolygonSetBuilder } from '../model/polygon-set.js';
import type { RemovedCoverage } from '../planning/whatif.js';

/**
 * The coverage of the sites to remove, from a predicted base's coverage files (one feature a site,
 * `site_id` as `funkatlas predict` writes it), with the polygons each one's layer keeps.
 */
export function removedCoverage(
  coverageFiles: readonly string[],
  siteIds: readonly string[],
): RemovedCoverage[] {
  const wanted = new Set(siteIds);
  const found = new Map<
    string,
    { operator: string; technology: string; polygons: Float64Array[][]; file: string }
  >();
  const kept = new Map<string, Float64Array[][]>();
  for (const file of coverageFiles) {
    const format = detectFormat(file, ['geojson', 'fgb', 'gpkg'] as const);
    const read = readFeatures(file, format, resolveReadOptions({}), ['operator', 'technology', 'site_id']);
    for (const feature of read.features) {
      const { operator, technology, site_id: id } = feature.properties;
      const key = JSON.stringify([String(operator), normaliseTechnology(String(technology))]);
      const polygons = polygonsOf(feature.geometry, { file: read.file, feature: feature.index });
      if (wanted.has(String(id))) {
        const earlier = found.get(String(id));
        if (earlier)
          throw new InputError(
            "the site id is in the base's coverage twice: which one to remove is unclear",
            {
              file,
              field: '--remove',
              value: String(id),
              hint: `also in ${earlier.file}; give the sites unique ids`,
            },
          );
        found.set(String(id), { operator: String(operator), technology: String(technology), polygons, file });
        kept.set(key, kept.get(key) ?? []);
      } else kept.set(key, [...(kept.get(key) ?? []), ...polygons]);
    }
  }
  for (const id of siteIds)
    if (!found.has(id))
      throw new InputError("no such site in the base's predicted coverage", {
        field: '--remove',
        value: id,
        hint: `the base's coverage files: ${coverageFiles.join(', ')}`,
      });
  return siteIds.map((id) => {
    const { file: _file, ...site } = found.get(id) as {
      operator: string;
      technology: string;
      polygons: Float64Array[][];
      file: string;
    };
    const builder = new PolygonSetBuilder();
    const key = JSON.stringify([site.operator, normaliseTechnology(site.technology)]);
    for (const rings of kept.get(key) ?? []) builder.addPolygon(rings, 0);
    return { ...site, kept: builder.finish() };
  });
}
