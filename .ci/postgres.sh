#!/usr/bin/env bash
# PostgreSQL for the store tests: installs PostgreSQL (Debian's package) if missing, starts its cluster,
# creates a test role and database, and prints the variables the tests read, for the caller to eval:
#
#     eval "$(.ci/postgres.sh)"
#
# Idempotent: a second run finds everything in place and prints the same lines. Runs as root (CI) or as
# a user with sudo; the server itself runs as the `postgres` system user, as Debian sets it up.
set -euo pipefail

ROLE=${EVENTWIRE_PG_ROLE:-eventwire}
PASSWORD=${EVENTWIRE_PG_PASSWORD:-eventwire-test}
DATABASE=${EVENTWIRE_PG_DATABASE:-eventwire_test}
PORT=${EVENTWIRE_PG_PORT:-5432}

log() { echo "postgres.sh: $*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root su postgres -s /bin/sh -c "$*"; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    log "installing PostgreSQL from Debian's packages"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

# The newest installed cluster, created if the package did not create one.
read -r VERSION CLUSTER < <(pg_lsclusters -h | sort -k1,1n | tail -n 1 | awk '{print $1, $2}') || true
if [ -z "${VERSION:-}" ]; then
    VERSION=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    CLUSTER=main
    log "creating cluster $VERSION/$CLUSTER"
    as_root pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" >&2
fi
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $3}')

if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $4}' | grep -q online; then
    log "starting cluster $VERSION/$CLUSTER on port $PORT"
    as_root pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

psql_admin() { as_postgres "psql -p $PORT -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }

for _ in $(seq 1 50); do  # the server accepts connections a moment after start returns
    psql_admin "SELECT 1" >/dev/null 2>&1 && break
    sleep 0.2
done

if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
    log "creating role $ROLE"
    psql_admin "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]; then
    log "creating database $DATABASE"
    psql_admin "CREATE DATABASE $DATABASE OWNER $ROLE" >&2
fi

# The restart the restart-survival test performs mid-ingest (needs the same rights as this script).
RESTART="pg_ctlcluster $VERSION $CLUSTER restart"
if [ "$(id -u)" != 0 ]; then RESTART="sudo $RESTART"; fi

echo "export EVENTWIRE_TEST_PG='postgresql://$ROLE:$PASSWORD@localhost:$PORT/$DATABASE'"
echo "export EVENTWIRE_TEST_PG_RESTART='$RESTART'"
