#!/usr/bin/env bash
# The whole test suite in one command: installs what a fresh machine lacks, starts a throwaway
# PostgreSQL 15 (unless CONFIGADMIN_TEST_POSTGRES names one), runs dotnet test (Data/MigrationSetTests checks that
# neither migration set lags the model).
# Extra arguments go to dotnet test, e.g. ./test.sh --filter Category=Unit (categories: Unit, Database, Browser)
set -euo pipefail
cd "$(dirname "$0")"

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

# Chromium's headless shell (Debian's chromium-headless-shell, what Playwright itself runs headless): the full browser
# in headless mode cost the browser tests about a third more CPU on two cores (ADR 0013).
if [ ! -x /usr/bin/chromium-headless-shell ]; then
  echo "== installing Chromium's headless shell (for the Playwright tests)"
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null
fi

# Release: the app under test (and the browser flows on it) runs optimized code, as it does in production; on two
# cores that is most of the suite's time (docs/decisions/0013-test-suite-in-release.md).
export CONFIGURATION=Release
echo "== restoring tools and building ($CONFIGURATION)"
dotnet tool restore >/dev/null   # dotnet-ef, for scripts/add-migration.sh
dotnet build ConfigAdmin.sln -c "$CONFIGURATION" -nologo -v quiet

if [ -z "${CONFIGADMIN_TEST_POSTGRES:-}" ]; then
  pg_bin=$(scripts/pg-bin.sh)
  export CONFIGADMIN_PG_BIN=$pg_bin   # the outage tests start clusters of their own with it
  pg_dir=$(mktemp -d /tmp/configadmin-pg.XXXXXX)
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  chown postgres "$pg_dir" 2>/dev/null || $sudo_cmd chown postgres "$pg_dir"
  as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else $sudo_cmd runuser -u postgres -- "$@"; fi; }
  echo "== starting a throwaway PostgreSQL 15 on port $pg_port"
  as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -o \
    "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" start >/dev/null
  trap 'as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null; rm -rf "$pg_dir"' EXIT
  export CONFIGADMIN_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Timeout=5"
fi

echo "== running the tests"
dotnet test ConfigAdmin.sln -c "$CONFIGURATION" --no-build -nologo "$@"
