#!/usr/bin/env bash
# PostGIS differential check of a snapshot series: each snapshot's coverage against PostGIS
# (check.sh, both queries), and the series run's figures of each snapshot equal to that snapshot's
# own run, so every household count of every snapshot matches PostGIS.
#
#   bash scripts/postgis/check-series.sh [--households F --regions F --region-id A --region-name B
#                                         --coverage YYYY-MM-DD=F ...]
#
# Without inputs: the small scenario of check.sh as two snapshots, its coverage at 2023-12-31 and the
# same without every third feature at 2024-06-30 (so dead zones open between them).
# The default NRW series:
#   bash scripts/postgis/check-series.sh --households data/households.csv.gz --regions data/kreise.geojson \
#     --region-id AGS --region-name GN --coverage 2023-06-30=data/coverage-synthetic-2023-06-30.geojson.gz \
#     --coverage 2023-12-31=data/coverage-synthetic.geojson.gz --coverage 2024-06-30=data/coverage-synthetic-2024-06-30.geojson.gz
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

households=''
regions=''
region_id='id'
region_name='name'
snapshots=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --households) households=${2:?--households needs a file}; shift 2 ;;
    --regions) regions=${2:?--regions needs a file}; shift 2 ;;
    --region-id) region_id=${2:?--region-id needs a field}; shift 2 ;;
    --region-name) region_name=${2:?--region-name needs a field}; shift 2 ;;
    --coverage) snapshots+=("${2:?--coverage needs DATE=FILE}"); shift 2 ;;
    -h | --help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    *) echo "check-series: unknown argument $1" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/funkatlas-series.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [[ -z $households ]]; then
  mkdir "$work/scenario"
  (cd "$root" && node --import tsx "$here/small-scenario.mjs" --out "$work/scenario" --data "$root/data") >&2
  node -e '
    const fs = require("fs");
    const [from, to] = process.argv.slice(1);
    const doc = JSON.parse(fs.readFileSync(from, "utf8"));
    doc.features = doc.features.filter((_, k) => k % 3 !== 2);
    fs.writeFileSync(to, JSON.stringify(doc));
  ' "$work/scenario/coverage.geojson" "$work/scenario/coverage-later.geojson"
  households="$work/scenario/households.csv.gz"
  regions="$work/scenario/regions.geojson"
  region_id=AGS
  region_name=GN
  snapshots=("2023-12-31=$work/scenario/coverage.geojson" "2024-06-30=$work/scenario/coverage-later.geojson")
fi
[[ ${#snapshots[@]} -ge 2 ]] || { echo "check-series: give two or more --coverage DATE=FILE" >&2; exit 2; }

args=(--households "$households" --regions "$regions" --region-id "$region_id" --region-name "$region_name")
series_args=()
for s in "${snapshots[@]}"; do series_args+=(--coverage "$s"); done
echo "check-series: the series run (${#snapshots[@]} snapshots)" >&2
(cd "$root" && npm run --silent build)
node "$root/dist/cli/main.js" analyze "${args[@]}" "${series_args[@]}" --out "$work/series" --quiet >/dev/null

singles=()
for s in "${snapshots[@]}"; do
  date=${s%%=*}
  file=${s#*=}
  echo "check-series: snapshot $date against PostGIS" >&2
  bash "$here/check.sh" "${args[@]}" --coverage "$file" --keep-summary "$work/single-$date.json"
  singles+=("$date=$work/single-$date.json")
done
node "$here/compare-series.mjs" "$work/series/summary.json" "${singles[@]}"
