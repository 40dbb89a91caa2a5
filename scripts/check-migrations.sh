#!/usr/bin/env bash
# Fails when either provider's migration set lags the model (CI runs this through the test command).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  if ! dotnet ef migrations has-pending-model-changes --no-build --configuration "${CONFIGURATION:-Debug}" --project ConfigAdmin.Data \
      --startup-project ConfigAdmin.Data --context "${provider}ConfigAdminContext"; then
    echo "The $provider migration set lags the model: run scripts/add-migration.sh NAME" >&2
    exit 1
  fi
done
