#!/usr/bin/env bash
# PostGIS differential check: computes funkatlas's per-region numbers independently in SQL (PostGIS,
# on a private throw-away PostgreSQL server) and compares them with funkatlas's summary.json.
#
#   bash scripts/postgis/check.sh [--households F] [--coverage F]... [--regions F]
#                                 [--region-id FIELD] [--region-name FIELD] [--sequential]
#                                 [--keep-summary FILE]
#
# --sequential runs funkatlas after PostGIS instead of beside it, so the logged PostGIS times are
# not shared with funkatlas's threads (npm run bench -- --peers postgis uses it). --keep-summary
# copies funkatlas's summary.json there (check-series.sh compares a series run's snapshots with it).
#
# Without inputs it checks a small generated scenario (scripts/postgis/small-scenario.mjs: six Kreise
# around Köln/Bonn, plus households placed exactly on region and coverage vertices).
# The full NRW scenario:
#   bash scripts/postgis/check.sh --households data/households.csv.gz \
#     --coverage data/coverage-synthetic.geojson.gz --regions data/kreise.geojson --region-id AGS --region-name GN
# Runs two PostGIS queries, the expert's (layer unions, subdivided) and the plain join, and compares both.
# Exit code 0 only if every number of both matches (household counts exactly, areas within 0.1 %).
# POSTGIS_JIT=on turns PostgreSQL's JIT on (off by default: measured slower here, see bench/README.md).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

usage() {
  sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

households=''
coverage=()
regions=''
region_id='id'
region_name='name'
sequential=0
keep_summary=''
while [[ $# -gt 0 ]]; do
  case $1 in
    --households) households=${2:?--households needs a file}; shift 2 ;;
    --coverage) coverage+=("${2:?--coverage needs a file}"); shift 2 ;;
    --regions) regions=${2:?--regions needs a file}; shift 2 ;;
    --region-id) region_id=${2:?--region-id needs a field}; shift 2 ;;
    --region-name) region_name=${2:?--region-name needs a field}; shift 2 ;;
    --sequential) sequential=1; shift ;;
    --keep-summary) keep_summary=${2:?--keep-summary needs a file}; shift 2 ;;
    -h | --help) usage ;;
    *) echo "postgis-check: unknown argument $1" >&2; usage ;;
  esac
done
scenario=custom
if [[ -z $households && ${#coverage[@]} -eq 0 && -z $regions ]]; then
  scenario=small
elif [[ -z $households || ${#coverage[@]} -eq 0 || -z $regions ]]; then
  echo "postgis-check: give --households, --coverage and --regions (or none of them for the small scenario)" >&2
  exit 2
fi

start=${EPOCHREALTIME/[.,]/}
# Milliseconds since the start: the bench reads the stage times from these lines.
log() {
  local ms=$(((${EPOCHREALTIME/[.,]/} - start) / 1000))
  printf 'postgis-check: [%4d.%03ds] %s\n' $((ms / 1000)) $((ms % 1000)) "$*" >&2
}

log "installing PostgreSQL/PostGIS/GDAL if missing"
bash "$here/install.sh"
pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")

work=$(mktemp -d "${TMPDIR:-/tmp}/funkatlas-postgis.XXXXXX")
pgdata="$work/pgdata"
server_started=0
funkatlas_pid=''
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  # PostgreSQL refuses to run as root: the server runs as the postgres user Debian's package made.
  as_pg=(runuser -u postgres --)
  chown postgres: "$work"
fi
chmod 700 "$work"

cleanup() {
  local rc=$?
  if [[ -n $funkatlas_pid ]] && kill -0 "$funkatlas_pid" 2>/dev/null; then kill "$funkatlas_pid" 2>/dev/null || true; fi
  if [[ $server_started -eq 1 ]]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }

if [[ $scenario == small ]]; then
  mkdir "$work/scenario"
  message=$(cd "$root" && node --import tsx "$here/small-scenario.mjs" --out "$work/scenario" --data "$root/data")
  log "$message"
  households="$work/scenario/households.csv.gz"
  coverage=("$work/scenario/coverage.geojson")
  regions="$work/scenario/regions.geojson"
  region_id=AGS
  region_name=GN
else
  for f in "$households" "${coverage[@]}" "$regions"; do
    [[ -r $f ]] || { echo "postgis-check: cannot read $f" >&2; exit 2; }
  done
  households=$(abs "$households")
  regions=$(abs "$regions")
  for i in "${!coverage[@]}"; do coverage[i]=$(abs "${coverage[i]}"); done
fi

# funkatlas, in the background while PostGIS works.
# Always build: a stale dist/ would check yesterday's code.
log "building funkatlas"
(cd "$root" && npm run build --silent)
funkatlas_args=(analyze --households "$households" --regions "$regions" --region-id "$region_id"
  --region-name "$region_name" --out "$work/funkatlas" --quiet)
for f in "${coverage[@]}"; do funkatlas_args+=(--coverage "$f"); done
log "running funkatlas ${funkatlas_args[*]}"
start_funkatlas() {
  funkatlas_start=$(date +%s)
  node "$root/dist/cli/main.js" "${funkatlas_args[@]}" >"$work/funkatlas.log" 2>&1 &
  funkatlas_pid=$!
}
[[ $sequential -eq 1 ]] || start_funkatlas

log "starting a private PostgreSQL server ($pg_bin)"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pgdata" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
  >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 1; }
# One analytical session on 2 cores and 24 GB; bench/README.md ("How the peer is set up") says why.
server_options=(-c "listen_addresses=''" -c "unix_socket_directories='$work'" -c fsync=off
  -c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0
  -c max_wal_size=8GB -c shared_buffers=4GB -c work_mem=1GB -c maintenance_work_mem=2GB
  -c effective_cache_size=16GB -c random_page_cost=1.1 -c max_parallel_workers_per_gather=2
  -c max_parallel_maintenance_workers=2 -c max_parallel_workers=2 -c jit=${POSTGIS_JIT:-off})
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -l "$work/postgres.log" -w -s start -o "${server_options[*]}" ||
  { cat "$work/postgres.log" >&2; exit 1; }
server_started=1
export PGHOST="$work" PGUSER=postgres PGDATABASE=funkatlas_check
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
psql_q -d postgres -c 'CREATE DATABASE funkatlas_check'
psql_q -c 'CREATE EXTENSION postgis'

# ogr2ogr keeps the file order: -unsetFid makes PostgreSQL number the rows as they are read (fid).
pg="PG:host=$work dbname=$PGDATABASE user=postgres"
ogr() {
  local create=(-lco GEOMETRY_NAME=geom -lco FID=fid -lco LAUNDER=NO -lco PRECISION=NO -lco SPATIAL_INDEX=NONE)
  [[ " $* " == *" -append "* ]] && create=()
  ogr2ogr -f PostgreSQL "$pg" "$@" -a_srs EPSG:4326 -unsetFid "${create[@]}" -gt 65536 --config PG_USE_COPY YES
}
vsi() { if [[ $1 == *.gz ]]; then echo "/vsigzip/$1"; else echo "$1"; fi; }
log "loading inputs with ogr2ogr"
case ${households%.gz} in
  *.csv | *.CSV)
    ogr "CSV:$(vsi "$households")" -nln households_raw -nlt POINT -oo X_POSSIBLE_NAMES=lon \
      -oo Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=NO
    households_column_match='lower(column_name)'
    ;;
  *)
    ogr "$(vsi "$households")" -nln households_raw -nlt POINT
    households_column_match='column_name'
    ;;
esac
first=1
for f in "${coverage[@]}"; do
  if [[ $first -eq 1 ]]; then
    ogr "$(vsi "$f")" -nln coverage_raw -nlt PROMOTE_TO_MULTI
    first=0
  else
    ogr "$(vsi "$f")" -nln coverage_raw -nlt PROMOTE_TO_MULTI -append -addfields
  fi
done
ogr "$(vsi "$regions")" -nln regions_raw -nlt PROMOTE_TO_MULTI

column_exists() { # table, SQL expression over column_name, value
  [[ $(psql_q -At -c "SELECT count(*) FROM information_schema.columns
    WHERE table_name = '$1' AND $2 = '$(sed "s/'/''/g" <<<"$3")'") != 0 ]]
}
w_expr='NULL::text'
if column_exists households_raw "$households_column_match" households; then
  col=$(psql_q -At -c "SELECT column_name FROM information_schema.columns
    WHERE table_name = 'households_raw' AND $households_column_match = 'households' LIMIT 1")
  w_expr="\"${col//\"/\"\"}\"::text"
fi
rid_expr='NULL::text'
if column_exists regions_raw column_name "$region_id"; then rid_expr="\"${region_id//\"/\"\"}\"::text"; fi

# The expert's query first, then today's plain join, each in its own schema from the same raw tables.
methods=(expert plain)
# A step in two sessions, one per core (part 0 and 1 of each step's work).
two_sessions() {
  local pids=() part p
  for part in 0 1; do
    psql_q -v step="$1" -v method="$2" -v part=$part -v parts=2 -f "$here/metrics.sql" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
}
for method in "${methods[@]}"; do
  log "PostGIS $method: regions and coverage of each household"
  psql_q -v step=prepare -v method="$method" -v rid_expr="$rid_expr" -v w_expr="$w_expr" -f "$here/metrics.sql"
  if [[ $method == expert ]]; then
    two_sessions unions expert
    two_sessions pieces expert
    psql_q -v step=index -v method=expert -f "$here/metrics.sql"
    two_sessions join expert
    psql_q -v step=finish -v method=expert -f "$here/metrics.sql"
  fi
  log "PostGIS $method: areas (two sessions)"
  two_sessions areas "$method"
  log "PostGIS $method: done"
  psql_q -At -v step=report -v method="$method" -v out="$work/postgis-$method.json" -f "$here/metrics.sql"
done
log "PostGIS done; waiting for funkatlas"
[[ $sequential -eq 1 ]] && start_funkatlas

if ! wait "$funkatlas_pid"; then
  funkatlas_pid=''
  echo "postgis-check: funkatlas failed:" >&2
  cat "$work/funkatlas.log" >&2
  exit 1
fi
funkatlas_pid=''
log "funkatlas took $(($(stat -c %Y "$work/funkatlas/summary.json") - funkatlas_start)) s"

[[ -z $keep_summary ]] || cp "$work/funkatlas/summary.json" "$keep_summary"
status=0
for method in "${methods[@]}"; do
  echo "postgis-check: PostGIS $method against funkatlas"
  node "$here/compare.mjs" --summary "$work/funkatlas/summary.json" --postgis "$work/postgis-$method.json" \
    --regions "$regions" --region-id "$region_id" || status=1
done
exit "$status"
