export const USAGE = `funkatlas — mobile coverage against rollout goals

Usage:
  funkatlas analyze --households FILE --coverage FILE [--coverage FILE ...] --regions FILE --out DIR
                    [--region-id FIELD] [--region-name FIELD] [--workers N] [--force] [--quiet]
  funkatlas --help | --version

Inputs:
  --households FILE   GeoJSON Point features (property households, default 1) or CSV lon,lat[,households]
  --coverage FILE     GeoJSON Polygon/MultiPolygon features with operator and technology (repeatable)
  --regions FILE      GeoJSON Polygon/MultiPolygon regions
  Files ending in .gz are decompressed.

Options:
  --out DIR           folder for summary.json, regions.geojson, regions.csv, lte-dead-zones.geojson
  --region-id FIELD   property with the region key (default id)
  --region-name FIELD property with the region name (default name)
  --workers N         worker threads (default: number of CPUs; 0 = main thread only)
  --force             overwrite existing outputs
  --quiet             no progress on stderr

Exit codes: 0 success, 2 bad input or usage, 1 internal error.`;
