export const USAGE = `funkatlas — mobile coverage against rollout goals

Usage:
  funkatlas analyze --households FILE --coverage FILE [--coverage FILE ...] --regions FILE --out DIR
                    [--region-id FIELD] [--region-name FIELD] [--workers N] [--force] [--quiet]
                    [--invalid fail|skip|repair] [--input-crs CRS] [--format geojson,fgb]
  funkatlas --help | --version

Inputs:
  --households FILE   GeoJSON Point features (property households, default 1) or CSV lon,lat[,households]
  --coverage FILE     GeoJSON Polygon/MultiPolygon features with operator and technology (repeatable)
  --regions FILE      GeoJSON Polygon/MultiPolygon regions
  Files ending in .gz are decompressed. Formats are told from the name or content; override with
  --households-format (geojson, csv, zensus, fgb, geotiff), --coverage-format (geojson, fgb, geotiff,
  bnetza), --regions-format (geojson, fgb).
  --input-crs CRS     CRS of inputs that declare none (EPSG:25832, EPSG:3035, … or a proj4 string)
  --household-size N  persons per household, to derive households from population (grids, rasters)
  --threshold T=DBM   signal threshold for coverage rasters, e.g. --threshold lte=-110 --threshold 5g=-105
  --invalid POLICY    fail (default): stop at the first invalid feature; skip: drop it and count it in
                      summary.json; repair: make its geometry valid and report the area changed

Options:
  --out DIR           folder for summary.json, regions.geojson, regions.csv, lte-dead-zones.geojson
  --format F[,F]      output formats: geojson (always), fgb (FlatGeobuf with spatial index)
  --output-crs CRS    CRS of FlatGeobuf outputs (default EPSG:4326; GeoJSON is always lon/lat)
  --region-id FIELD   property with the region key (default id)
  --region-name FIELD property with the region name (default name)
  --workers N         worker threads (default: number of CPUs; 0 = main thread only)
  --force             overwrite existing outputs
  --quiet             no progress on stderr

Exit codes: 0 success, 2 bad input or usage, 1 internal error.`;
