#!/usr/bin/env bash
# What one open admin page costs the server, one command: ./bench/circuits.sh
# Publishes ConfigAdmin in Release, starts it on a fresh SQLite file with bench diagnostics on, seeds one
# application with 8 environments and KEYS (default 2,000) keys through the REST API, opens CIRCUITS (default 40) pages of the
# dashboard and then of the application in headless Chromium, and prints the live managed heap after a full GC
# per circuit (bench/Circuits): marginal, (heap with N - heap with N/2) / (N/2), what one more open page costs; and
# including start-up, (heap with N - heap before) / N, which also counts what the process's pools and caches gained.
# GCDUMP=1 also takes a gcdump while each page's circuits are open and one after closing them (kept in GCDUMP_DIR,
# default a temp folder), and prints what one circuit of each page keeps, by type (bench/gcdump-diff.py; needs
# `dotnet tool install -g dotnet-gcdump`).
# REF=<commit> measures that commit instead of the working tree (it needs bench diagnostics: 1a4035c or later).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:$HOME/.dotnet/tools"   # where `dotnet tool install -g` puts dotnet-gcdump
CIRCUITS=${CIRCUITS:-40}
KEYS=${KEYS:-2000}

work=$(mktemp -d /tmp/configadmin-circuits.XXXXXX)
app_pid=""
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# REF=<commit> weighs that commit's app instead of the working tree (a before/after comparison).
src=.
if [ -n "${REF:-}" ]; then
  src="$work/src"; mkdir -p "$src"; git archive "$REF" | tar -x -C "$src"
fi
echo "== building Release${REF:+ of $REF}" >&2
dotnet publish "$src/ConfigAdmin.Web" -c Release -o "$work/web" -v quiet -nologo >/dev/null
dotnet publish bench/Circuits -c Release -o "$work/circuits" -v quiet -nologo >/dev/null

# The app requires sign-in: the REST seeding uses a bootstrap admin key, the browsers the initial admin's cookie.
export ADMIN_KEY="ca_bench_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ADMIN_EMAIL=bench@example.com ADMIN_PASSWORD="Bench-1$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# Production: no demo data, no development-only services; Bench:Diagnostics adds GET /_bench/heap. The shared array
# pools may keep one array per size: by default they keep up to 32 per core, and buffers a circuit rented and
# returned (render batches, closed pages' frames) would blur what a circuit itself holds.
DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXPARTITIONCOUNT=1 DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION=1 \
ASPNETCORE_ENVIRONMENT=Production dotnet "$work/web/ConfigAdmin.Web.dll" --urls "$base" --contentRoot "$work/web" \
  --ConnectionStrings:ConfigAdmin="Data Source=$work/circuits.db" --Bench:Diagnostics=true \
  --Security:BootstrapApiKey="$ADMIN_KEY" --Security:InitialAdmin:Email="$ADMIN_EMAIL" --Security:InitialAdmin:Password="$ADMIN_PASSWORD" \
  --Serilog:MinimumLevel:Default=Warning >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 60); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done

echo "== seeding bench-app: 8 environments, $KEYS keys" >&2
dotnet "$work/circuits/Circuits.dll" --seed --base "$base" --keys "$KEYS" --environments 8

echo "== opening $CIRCUITS circuits per page" >&2
echo
echo "Machine: $(nproc) cores, $(dotnet --version) SDK; Release build; one application with 8 environments and $KEYS keys (virtualized grid)."
echo
gcdump=()
[ "${GCDUMP:-0}" = 1 ] && mkdir -p "${GCDUMP_DIR:-$work}" && gcdump=(--gcdump-pid "$app_pid" --gcdump-dir "${GCDUMP_DIR:-$work}")
dotnet "$work/circuits/Circuits.dll" --base "$base" --circuits "$CIRCUITS" "${gcdump[@]}" ||
  { echo "== failed; the app's log ends with:" >&2; tail -40 "$work/app.log" >&2; exit 1; }
if [ "${GCDUMP:-0}" = 1 ]; then
  dir=${GCDUMP_DIR:-$work}
  for page in dashboard application; do
    dotnet-gcdump report "$dir/$page.gcdump" >"$dir/$page.txt"
    dotnet-gcdump report "$dir/$page-closed.gcdump" >"$dir/$page-closed.txt"
    echo; echo "What one $page circuit keeps (types that grew with $CIRCUITS pages open):"
    bench/gcdump-diff.py "$dir/$page-closed.txt" "$dir/$page.txt" "$CIRCUITS" | sed -n 1,26p
  done
fi
