#!/usr/bin/env bash
# Adds a migration with the same name to both provider sets, so neither lags the model.
# Usage: scripts/add-migration.sh NAME
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project ConfigAdmin.Data --startup-project ConfigAdmin.Data \
    --context "${provider}ConfigAdminContext" --output-dir "Migrations/$provider"
done
