#!/usr/bin/env bash
# Makes sure the machine's PostgreSQL runs and the given databases exist.
# Usage: scripts/postgres.sh start [db ...]      (only for a server on 127.0.0.1:5432)
set -euo pipefail

PGHOST_ADDR="${PGHOST_ADDR:-127.0.0.1}"
PGPORT_NUM="${PGPORT_NUM:-5432}"
PGUSER_NAME="${PGUSER_NAME:-postgres}"

answers() { pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM"; }

start() {
  if ! answers; then
    if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
      local version
      version=$(ls /etc/postgresql | sort -V | tail -1)
      echo "postgres: starting cluster $version/main"
      pg_ctlcluster --skip-systemctl-redirect "$version" main start
    else
      echo "postgres.sh: no PostgreSQL server answers on $PGHOST_ADDR:$PGPORT_NUM and none is installed here; unset DATABASE_URL to use the embedded one" >&2
      exit 1
    fi
    for _ in $(seq 1 30); do answers && break; sleep 1; done
    answers || { echo "postgres.sh: server did not come up" >&2; exit 1; }
  fi
  for db in "$@"; do
    if ! psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
      psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -d postgres -qc "CREATE DATABASE \"$db\""
      echo "postgres: created database $db"
    fi
  done
}

recreate() {
  start
  for db in "$@"; do
    psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -d postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
    psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -d postgres -qc "CREATE DATABASE \"$db\""
  done
}

cmd="${1:-}"; shift || true
case "$cmd" in
  start) start "$@" ;;
  recreate) recreate "$@" ;;
  *) echo "usage: $0 start|recreate [db ...]" >&2; exit 2 ;;
esac
