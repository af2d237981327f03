#!/usr/bin/env bash
# Make sure a local PostgreSQL server runs with an empty-able test database; print its URL.
# Used by `make test` so the suite also runs on PostgreSQL. Installs the server with apt where missing.
set -euo pipefail
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
USER_NAME=marketplace_test
DB_NAME=marketplace_test
PASSWORD=marketplace_test

if ! command -v pg_lsclusters >/dev/null; then
  echo "Installing PostgreSQL (apt)..." >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi

read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
if [ "$status" != "online" ]; then
  $SUDO pg_ctlcluster "$version" "$cluster" start >&2
fi

as_postgres() { $SUDO runuser -u postgres -- "$@"; }
as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'" | grep -q 1 \
  || as_postgres psql -p "$port" -qc "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'" >&2
as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1 \
  || as_postgres createdb -p "$port" -O "$USER_NAME" "$DB_NAME" >&2

echo "postgresql+psycopg://$USER_NAME:$PASSWORD@127.0.0.1:$port/$DB_NAME"
