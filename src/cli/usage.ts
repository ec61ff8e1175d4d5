export const USAGE = `funkatlas — mobile coverage against rollout goals

Usage:
  funkatlas analyze --households FILE --coverage [DATE=]FILE [--coverage [DATE=]FILE ...] --regions FILE --out DIR
                    [--goals FILE] [--as-of DATE] [--funkloch-cells M] [--rollup L[,L]] [--history TARGET]
                    [--lang en|de] [--min-households K] [--no-report] [--profile]
                    [--region-id FIELD] [--region-name FIELD] [--region ID[,ID...]] [--workers N] [--force] [--quiet]
                    [--invalid fail|skip|repair] [--input-crs CRS] [--format geojson,fgb,gpkg]
                    [--output-crs CRS] [--households-format F] [--coverage-format F] [--regions-format F]
                    [--households-crs CRS] [--coverage-crs CRS] [--regions-crs CRS]
                    [--household-size N] [--threshold TECH=DBM ...] [--max-skipped N|N%] [--csv-dialect D]
                    [--margin DB[,DB]]
  funkatlas diff OLD_DIR NEW_DIR [--out DIR] [--force] [--dates OLD,NEW]
                    what changed between two runs' --out folders, per region and per dead zone; --out writes
                    diff.json and dead-zone-changes.geojson; --dates: the dates the runs stand for
                    (default: each run's latest snapshot date, else the day it ran)
  funkatlas run SCENARIO.json [--force] [--quiet] [--queue URL [--queue-dir DIR] [--job-regions N] [--job-mb N]]
                    the analyses a scenario file names (schema/scenario.schema.json), one after another
  funkatlas worker --queue redis://HOST:PORT/N [--workers N] [--lock-seconds S] [--quiet]
                    takes jobs of analyze --queue runs, one at a time, until stopped; a worker killed
                    mid-job leaves it to another after S seconds (default 30)
  funkatlas predict --sites FILE --out DIR [--model auto|NAME] [--threshold TECH=DBM ...] [--rx-height M]
                    [--resolution M] [--households FILE] [--margin DB[,DB]] [--force]
                    antenna sites (CSV or GeoJSON points: site_id, lon, lat, height_m, operator, technology,
                    band_mhz, eirp_dbm [, azimuth_deg, beamwidth_deg, tilt_deg, vbeamwidth_deg, environment])
                    → predicted coverage per operator × technology (coverage-*.geojson and .fgb, predict.json)
                    for analyze --coverage; models hata-urban, hata-urban-large, hata-suburban, hata-open,
                    cost231-urban, cost231-suburban, 38901-rma, 38901-uma (auto: by band and environment);
                    defaults lte=-105, 5g=-105 dBm, --rx-height 1.5, --resolution 50; --dem: terrain (Bullington); no clutter;
                    sites without environment: from --households density within 1 km, else suburban;
                    --margin 3,6 also writes each layer at threshold −6, −3, +3, +6 dB (…@+3dB.geojson)
  funkatlas whatif --base RUN_DIR [--add SITES] [--remove SITE_ID[,SITE_ID...]] --out DIR [prediction flags]
                    what sites would change in a finished run: households newly with LTE/5G, white and grey
                    spots closed, the dead zones they close or shrink (whatif.json, whatif-regions.csv,
                    dead-zones-closing.geojson, added-coverage.geojson); --remove: predicted bases only
  funkatlas place --base RUN_DIR --candidates SITES|grid:500m --k N --out DIR [--objective white|grey|5g]
                    [--operator NAME] [--region ID[,ID...]] [--template height_m=30,band_mhz=800,eirp_dbm=33]
                    [--rank-resolution M] [prediction flags]
                    the k candidates that close the most households of the objective (greedy maximum
                    coverage, CELF; ≥ 63.2 % of the best): placement.json, placement.geojson,
                    placement-coverage.geojson/.fgb
  funkatlas map RUN_DIR --image FILE.svg|FILE.png [--metric M] [--lang en|de] [--min-households K] [--force]
                    the report's map of a finished run as one image (M: share_5g (default), share_lte,
                    share_area_5g, white_spots_per_1000); PNG through the optional @resvg/resvg-js
  funkatlas --help | --version

Inputs (format from the name or content; .gz is decompressed):
  --households FILE   GeoJSON, FlatGeobuf or GeoPackage points (property households, default 1),
                      CSV lon,lat[,households], X,Y[,households] (X,Y in --input-crs), a Zensus grid CSV,
                      or a GeoTIFF raster
  --coverage FILE     GeoJSON, FlatGeobuf or GeoPackage polygons with operator and technology, a GeoTIFF
                      coverage raster, or a Bundesnetzagentur Mobilfunk-Monitoring grid CSV (repeatable)
  --regions FILE      GeoJSON, FlatGeobuf or GeoPackage polygons
  FILE.gpkg:LAYER     a GeoPackage's layer, where it holds several
  --households-format geojson|csv|zensus|fgb|geotiff|gpkg,
  --coverage-format geojson|fgb|geotiff|bnetza|gpkg,
  --regions-format geojson|fgb|gpkg: when the name or content does not tell
  -                   as FILE: standard input (one input only; format from a flag or its first bytes)
  --input-crs CRS     CRS of inputs that declare none (EPSG:25832, EPSG:3035, … or a proj4 string)
  --households-crs CRS, --coverage-crs CRS, --regions-crs CRS
                      the same for one input role, in place of --input-crs (e.g. households in
                      EPSG:25832 beside coverage and regions in lon/lat)
  --household-size N  persons per household, to derive households from population (grids, rasters)
  --threshold T=DBM   signal level for coverage rasters of signal strength, e.g. --threshold lte=-110
  --invalid POLICY    fail (default): stop at the first invalid feature; skip: drop it and count it in
                      summary.json; repair: make its geometry valid and report the area changed
  --max-skipped N|N%  with skip or repair: fail when an input loses more than N features (or N % of
                      them); default: fail only when every feature of an input is skipped

Tracking:
  --coverage D=FILE   a dated coverage snapshot (YYYY-MM-DD=FILE; files of one date are one snapshot);
                      households and regions are read once; dated and undated --coverage do not mix
  --goals FILE        the goals to judge (schema/goals.schema.json) in place of the NRW set
  --as-of DATE        judge the goals as of this day (default: the latest snapshot's date)
  --funkloch-cells M  also count the Mobilfunkpakt's Funkloch cells on M-metre cells (100: the Pakt's)
  --rollup L[,L]      with AGS region ids: rows for larger regions (2 Land, 3 Regierungsbezirk, 5 Kreis)
  --history TARGET    append the run to FILE.gpkg or postgresql://USER@HOST/DB (one transaction)
  --margin DB[,DB]    how sure: the latest snapshot's household figures again at every threshold ± each
                      amount (3,6: −6, −3, 0, +3, +6 dB; + is stricter) in summary.json "margins"; the
                      coverage must be signal-strength rasters or predict --margin layers

Outputs:
  --out DIR           folder for summary.json, regions.geojson, regions.csv, lte-dead-zones.geojson,
                      report.html, QGIS styles regions.qml and lte-dead-zones.qml,
                      manifest.json (the files of the run, with their sha256)
  --format F[,F]      geojson (always) and fgb: also regions.fgb, lte-dead-zones.fgb with a spatial index;
                      gpkg: also funkatlas.gpkg (layers regions, lte_dead_zones; EPSG:4326)
  --output-crs CRS    CRS of the FlatGeobuf outputs (an EPSG code; default EPSG:4326); GeoJSON stays lon/lat
  --csv-dialect D     regions.csv as rfc4180 (default: , and decimal point) or excel-de (; decimal comma, BOM)
  --region-id FIELD   property with the region key (default id)
  --region-name FIELD property with the region name (default: the first of name, GN, GEN, NAME; else the id)
  --region ID[,ID...] analyse only these regions (repeatable); households of the others count as outside
  --force             overwrite existing outputs (and, with --history, a stored snapshot of the same date)
  --history TARGET    after the outputs, write the run's snapshots, region figures, dead zones and goal
                      status to a history: FILE.gpkg (a GeoPackage, created if absent, outside --out)
                      or postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (PostGIS);
                      the same date from the same coverage is written again, from other coverage refused
  --no-report         no report.html (written by default: map, goal charts, tables; one offline file)
  --lang en|de        the report's language and number format (default en)
  --min-households K  the report's map and table leave out dead zones with fewer than K households
                      (their totals stay in the figures)

Run:
  --workers N         worker threads (default: CPUs but one; 0 = main thread only)
  --quiet             no progress and no warnings on stderr (warnings stay in summary.json)
  --profile           print each stage's time and each thread's busy share to stderr
  --queue URL         run as jobs on a Redis queue (redis://HOST:PORT/N) for funkatlas worker processes,
                      merged into the same outputs; inputs must be at the same paths for every worker
  --queue-dir DIR     the shared folder for the inputs' shares and the jobs' results
                      (default OUT/.funkatlas-jobs)
  --job-regions N     regions per share job (default: the regions split among the workers connected)
  --job-mb N          MiB of a CSV household file (gunzipped) per reading job (default 16; at most one
                      reading job per share, so more with few shares)

Exit codes: 0 success, 2 bad input or usage, 1 internal error or a lost queue, 129/130/143 interrupted (SIGHUP/INT/TERM).`;
