#!/usr/bin/env bash
# Installs what scripts/postgis/check.sh needs from Debian's packages, only when missing:
# PostgreSQL (server binaries in /usr/lib/postgresql/NN/bin), the matching PostGIS 3 extension,
# and gdal-bin (ogr2ogr). Idempotent and non-interactive; quiet unless something fails.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install.sh: must run as root (or with sudo available)" >&2; exit 1; }
  SUDO=(sudo -E)
fi

# The PostgreSQL major version of an installed server, or empty.
pg_major() {
  local d
  for d in /usr/lib/postgresql/*/bin/initdb; do
    [[ -x $d ]] || continue
    d=${d#/usr/lib/postgresql/}
    echo "${d%%/*}"
  done | sort -n | tail -1
}

have_postgis() { [[ -n $1 && -f /usr/share/postgresql/$1/extension/postgis.control ]]; }

major=$(pg_major)
if [[ -n $major ]] && have_postgis "$major" && command -v ogr2ogr >/dev/null; then
  exit 0
fi

apt_quiet() {
  local log
  log=$(mktemp)
  if ! "${SUDO[@]}" "$@" >"$log" 2>&1; then
    echo "install.sh: failed: $*" >&2
    tail -n 30 "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

updated=0
apt_install() {
  if [[ $updated -eq 0 ]]; then
    apt_quiet apt-get update -q
    updated=1
  fi
  apt_quiet apt-get install -y -q --no-install-recommends "$@"
}

if [[ -z $major ]]; then
  # Debian's `postgresql` is the distribution's default major version; don't let the package
  # start a cluster of its own (policy-rc.d), check.sh runs a private server.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null
    "${SUDO[@]}" chmod +x "$policy"
    created_policy=1
  fi
  apt_install postgresql || { [[ $created_policy -eq 1 ]] && "${SUDO[@]}" rm -f "$policy"; exit 1; }
  [[ $created_policy -eq 1 ]] && "${SUDO[@]}" rm -f "$policy"
  major=$(pg_major)
  [[ -n $major ]] || { echo "install.sh: postgresql installed but no /usr/lib/postgresql/NN/bin/initdb" >&2; exit 1; }
fi
if ! have_postgis "$major"; then
  apt_install "postgresql-$major-postgis-3"
fi
if ! command -v ogr2ogr >/dev/null; then
  apt_install gdal-bin
fi
