#!/usr/bin/env bash
# Prints the folder of PostgreSQL's server programs (initdb, pg_ctl): the one place that finds them for test.sh, the
# test suite (which runs this script when CONFIGADMIN_PG_BIN is not set) and the benchmarks.
# Order: $CONFIGADMIN_PG_BIN; initdb on PATH; pg_config --bindir; Debian's /usr/lib/postgresql/<newest>/bin.
set -euo pipefail
if [ -n "${CONFIGADMIN_PG_BIN:-}" ]; then echo "$CONFIGADMIN_PG_BIN"; exit 0; fi
if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; exit 0; fi
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; exit 0; fi
for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
  if [ -x "$dir/initdb" ]; then echo "$dir"; exit 0; fi
done
echo "PostgreSQL's initdb was not found: install the server (Debian: apt-get install postgresql-15), put its bin folder on PATH, or set CONFIGADMIN_PG_BIN." >&2
exit 1
