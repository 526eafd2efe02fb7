#!/usr/bin/env bash
# A local PostgreSQL server for the HQ tests, on loopback: starts the Debian cluster if it is down, then makes
# the role `inspector` (password `inspector`, CREATEDB) and the database `inspector_test` that the tests connect
# to (tests/conftest.py, INSPECTOR_TEST_POSTGRES_URL). Idempotent; uses sudo when not run as root.
# Without PostgreSQL (scripts/system-deps.sh installs it on Debian/Ubuntu) it warns and exits 0: the
# PostgreSQL tests are then skipped, and pytest says so in a banner.
set -euo pipefail
ROLE=inspector PASSWORD=inspector DATABASE=inspector_test

skip() { echo "test-postgres: WARNING: $*; the PostgreSQL tests will be SKIPPED" >&2; exit 0; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

command -v apt-get >/dev/null || skip "not a Debian/Ubuntu system: start a PostgreSQL server yourself"
command -v pg_lsclusters >/dev/null || skip "PostgreSQL is not installed (scripts/system-deps.sh installs it)"
[ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null || skip "neither root nor sudo: cannot start PostgreSQL"
cd /  # the postgres user may not enter the current folder

# The newest cluster (Debian: VERSION main); made if the package was installed without one.
cluster=$(pg_lsclusters --no-header | sort -k1,1V | tail -n 1)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$version" ] || skip "no PostgreSQL server version in /usr/lib/postgresql"
  as_root pg_createcluster "$version" main >/dev/null
  cluster=$(pg_lsclusters --no-header | sort -k1,1V | tail -n 1)
fi
read -r version name port status _ <<<"$cluster"
if [ "$status" != online ]; then
  as_root pg_ctlcluster "$version" "$name" start
fi

as_postgres psql -X -q -p "$port" -d postgres -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN CREATE ROLE $ROLE; END IF;
END \$\$;
ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
-- Dropping a test database WITH (FORCE) may have to stop an autovacuum worker on it.
GRANT pg_signal_backend TO $ROLE;
SELECT 'CREATE DATABASE $DATABASE OWNER $ROLE' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DATABASE')
\gexec
SQL

url="postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$port/$DATABASE"
echo "test-postgres: PostgreSQL $version ($name) is up on 127.0.0.1:$port; tests use $url"
if [ "$port" != 5432 ]; then
  echo "test-postgres: not the default port: export INSPECTOR_TEST_POSTGRES_URL=$url" >&2
fi
