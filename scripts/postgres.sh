#!/usr/bin/env bash
# Makes a PostgreSQL server available on loopback for Fulcrum's storage tests and `fulcrum serve`, and
# prints `export DATABASE_URL=...` on standard output (everything else goes to standard error), so:
#   eval "$(bash scripts/postgres.sh)"
# Idempotent: installs postgresql with apt-get only when missing, starts the cluster only when it is
# down, and creates the role and database only when absent. Debian/Ubuntu (pg_ctlcluster), run as root.
set -euo pipefail

PGPORT="${FULCRUM_PG_PORT:-5432}"
PGROLE="${FULCRUM_PG_USER:-fulcrum}"
PGPASS="${FULCRUM_PG_PASSWORD:-fulcrum}"
PGDB="${FULCRUM_PG_DB:-fulcrum}"
log() { echo "postgres.sh: $*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
as_postgres() { runuser -u postgres -- "$@"; }

if pg_isready -q -h 127.0.0.1 -p "$PGPORT"; then
  log "a server is already listening on 127.0.0.1:$PGPORT"
else
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version main"; then
    log "creating cluster $version/main on port $PGPORT"
    pg_createcluster "$version" main --port "$PGPORT" >&2
  fi
  cluster_port="$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')"
  if [ "$cluster_port" != "$PGPORT" ]; then
    log "cluster $version/main uses port $cluster_port; using that"
    PGPORT="$cluster_port"
  fi
  # The Debian default listen_addresses is localhost: loopback only, never the network.
  log "starting cluster $version/main"
  pg_ctlcluster "$version" main start >&2 || true
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$PGPORT" && break
    sleep 0.5
  done
  pg_isready -q -h 127.0.0.1 -p "$PGPORT" || { log "the server did not start; see /var/log/postgresql/"; exit 1; }
fi

as_postgres psql -q -v ON_ERROR_STOP=1 -p "$PGPORT" -d postgres >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PGROLE') THEN
    CREATE ROLE "$PGROLE" LOGIN PASSWORD '$PGPASS';
  ELSE
    -- A role left from an earlier setup may have another password: make the printed URL true.
    ALTER ROLE "$PGROLE" LOGIN PASSWORD '$PGPASS';
  END IF;
END \$\$;
SQL
if ! as_postgres psql -tA -p "$PGPORT" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$PGDB'" | grep -q 1; then
  log "creating database $PGDB"
  as_postgres createdb -p "$PGPORT" -O "$PGROLE" "$PGDB" >&2
fi

echo "export DATABASE_URL=postgres://$PGROLE:$PGPASS@127.0.0.1:$PGPORT/$PGDB"
