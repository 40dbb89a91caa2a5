#!/usr/bin/env bash
# Admin pages at fleet scale, signed in, one command: ./bench/pages.sh
# Seeds 1,000 applications x 50 keys and app-large (2,000 keys): 52,000 keys in 1,001 applications, each key with an
# override in each of 8 environments (bench/Seeder). Starts a Release node in Production on that SQLite file, signs an
# admin in through the form, and GETs every page and tab ROUNDS times (after one warm-up GET each), timed to the last
# byte of the prerendered HTML; grids that load their rows only once interactive are timed by the REST call that runs
# the same service query (bench/Live/Pages.cs).
# BEFORE=<commit> also measures that commit's server on its own copy of the data set, in the same run: before, then
# after, both nodes up throughout (ROUNDS_EACH=2 repeats the pair, so a drift of the shared machine shows).
# Then each page again in Chromium (bench/Circuits --pages): from the navigation's start to the page's last DOM change once
# the circuit is live, which covers what a tab or grid loads and renders after the prerendered HTML (BROWSER_ROUNDS).
# Knobs: ROUNDS (10), BROWSER_ROUNDS (3), APPS (1000), KEYS (50), LARGE_KEYS (2000), ENVIRONMENTS (8).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh   # port, start_postgres
ROUNDS=${ROUNDS:-10}
BROWSER_ROUNDS=${BROWSER_ROUNDS:-3}
APPS=${APPS:-1000}
KEYS=${KEYS:-50}
LARGE_KEYS=${LARGE_KEYS:-2000}
ENVIRONMENTS=${ENVIRONMENTS:-8}
work=$(mktemp -d /tmp/configadmin-pages.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

admin_key="bench-bootstrap-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
master_key="bench-master-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
admin_email=bench@example.com
admin_password="Bench-1$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# build NAME SOURCE-DIR: the server and the seeder of that tree, published to $work/NAME.
build() {
  echo "== building Release: $1" >&2
  dotnet publish "$2/ConfigAdmin.Web" -c Release -o "$work/$1/web" -v quiet -nologo >/dev/null
  dotnet publish "$2/bench/Seeder" -c Release -o "$work/$1/seeder" -v quiet -nologo >/dev/null
}
# seed NAME: the data set on NAME's own SQLite file, by NAME's own seeder (its own migrations).
seed() {
  echo "== seeding $1: $APPS applications x $KEYS keys + app-large x $LARGE_KEYS keys, $ENVIRONMENTS environments" >&2
  (cd "$work/$1" && dotnet seeder/Seeder.dll --apps "$APPS" --keys "$KEYS" --large-keys "$LARGE_KEYS" \
    --environments "$ENVIRONMENTS" --types String,Integer,Number,Boolean,Json --ConnectionStrings:ConfigAdmin="Data Source=$work/$1/pages.db" >&2)
}
# start NAME: NAME's server on its data set; sets $node_url.
start() {
  local p; p=$(port)
  ASPNETCORE_ENVIRONMENT=Production dotnet "$work/$1/web/ConfigAdmin.Web.dll" --urls "http://127.0.0.1:$p" \
    --contentRoot "$work/$1/web" --ConnectionStrings:ConfigAdmin="Data Source=$work/$1/pages.db" \
    --Serilog:MinimumLevel:Default=Warning --Security:BootstrapApiKey="$admin_key" --Security:MasterKey="$master_key" \
    --Security:InitialAdmin:Email="$admin_email" --Security:InitialAdmin:Password="$admin_password" >"$work/$1.log" 2>&1 &
  pids+=("$!")
  node_url="http://127.0.0.1:$p"
  for _ in $(seq 240); do curl -sf "$node_url/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "node $1 did not become ready:" >&2; tail -20 "$work/$1.log" >&2; exit 1
}
# Every page and tab, of the large application and of a small one.
{
  printf '%s\n' / /applications /search?q=Key042 /audit /environments /admin/api-keys /admin/users /admin/webhooks
  for app in app-large app-500; do
    echo "/applications/$app"
    for tab in resolved history clients changes flags rollouts; do echo "/applications/$app?tab=$tab"; done
    echo "/applications/$app/compare?from=production&to=staging"
    echo "/applications/$app/text"
  done
} >"$work/pages.txt"
# measure NAME URL: one round of every page against NAME's node, over HTTP and then in the browser.
measure() {
  echo; echo "### $1, load average $(cut -d' ' -f1-3 /proc/loadavg)"; echo
  dotnet "$work/live/Live.dll" --mode pages --url "$2" --admin-key "$admin_key" --read-key unused --pages-file "$work/pages.txt" \
    --admin-email "$admin_email" --admin-password "$admin_password" --rounds "$ROUNDS" ||
    { echo "== failed; $1's log ends with:" >&2; tail -40 "$work/$1.log" >&2; exit 1; }
  echo
  ADMIN_EMAIL="$admin_email" ADMIN_PASSWORD="$admin_password" dotnet "$work/circuits/Circuits.dll" --base "$2" \
    --pages "$work/pages.txt" --rounds "$BROWSER_ROUNDS" ||
    { echo "== failed; $1's log ends with:" >&2; tail -40 "$work/$1.log" >&2; exit 1; }
  echo; echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

build after .
dotnet publish bench/Live -c Release -o "$work/live" -v quiet -nologo >/dev/null
dotnet publish bench/Circuits -c Release -o "$work/circuits" -v quiet -nologo >/dev/null
if [ -n "${BEFORE:-}" ]; then
  mkdir -p "$work/src"; git archive "$BEFORE" | tar -x -C "$work/src"
  # This tree's seeder (its knobs) built against that commit's model, so each side's schema is its own migrations'.
  cp bench/Seeder/Program.cs "$work/src/bench/Seeder/Program.cs"
  build before "$work/src"
  mkdir -p "$work/before"; seed before
fi
mkdir -p "$work/after"; seed after
echo "Machine: $(nproc) cores, $(dotnet --version) SDK; Release, Production, SQLite; $((APPS + 1)) applications, $((APPS * KEYS + LARGE_KEYS)) keys, $ENVIRONMENTS environments; $(date -u +%F)"
start after; after_url=$node_url
if [ -n "${BEFORE:-}" ]; then
  start before; before_url=$node_url
  for round in $(seq "${ROUNDS_EACH:-1}"); do
    measure "before ($BEFORE), round $round" "$before_url"
    measure "after ($(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo '+changes')), round $round" "$after_url"
  done
else
  measure "after ($(git rev-parse --short HEAD))" "$after_url"
fi
