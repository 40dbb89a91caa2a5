#!/usr/bin/env bash
# The paired write benchmark, one command: ./bench/writes.sh
# Builds an earlier release (BASE, default 4e7743d: before revisions, change records, the outbox and encryption) from a
# git worktree and the current tree, starts each as its own node on its own database with the same data set
# (APPS applications x KEYS keys x 3 environments), warms both up, then runs bench/write-overrides.lua (validated,
# audited override updates, WRITE_CONNECTIONS connections) against them in alternating back-to-back pairs of
# PAIR_DURATION: a two-core machine shared with others drifts from minute to minute, and a ratio of two runs taken
# minutes apart carries that drift. Prints writes/s per pair, the ratio current / base, and the load average of each.
# Knobs: PROVIDER (sqlite|postgres), PAIRS (8), PAIR_DURATION (5s), WARMUP (30s), WRITE_CONNECTIONS (4), APPS (200),
# KEYS (200), BASE (4e7743d). The base's build is kept in /tmp/configadmin-writes-base-<commit> for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh   # port, start_postgres, write_ids
PROVIDER=${PROVIDER:-sqlite}
PAIRS=${PAIRS:-8}
PAIR_DURATION=${PAIR_DURATION:-5s}
WARMUP=${WARMUP:-30s}          # of each node: a node costs several times its settled CPU per write in its first 20 s (tiered JIT)
WRITE_CONNECTIONS=${WRITE_CONNECTIONS:-4}
APPS=${APPS:-200}
KEYS=${KEYS:-200}
BASE=${BASE:-4e7743d}

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
base_sha=$(git rev-parse --verify "$BASE^{commit}")
work=$(mktemp -d /tmp/configadmin-writes.XXXXXX)
chmod 755 "$work"
pids=()
pg_stop=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  [ -z "$pg_stop" ] || eval "$pg_stop"
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building the current tree (Release)" >&2
dotnet publish ConfigAdmin.Web -c Release -o "$work/new/web" -v quiet -nologo >/dev/null
dotnet publish bench/Seeder -c Release -o "$work/new/seeder" -v quiet -nologo >/dev/null
base_build="/tmp/configadmin-writes-base-$base_sha"
if [ ! -f "$base_build/done" ]; then
  echo "== building $BASE (Release) from a git worktree" >&2
  rm -rf "$base_build"; mkdir -p "$base_build"
  git worktree add --detach "$work/base-src" "$base_sha" >/dev/null 2>&1
  (cd "$work/base-src" && dotnet publish ConfigAdmin.Web -c Release -o "$base_build/web" -v quiet -nologo >/dev/null &&
    dotnet publish bench/Seeder -c Release -o "$base_build/seeder" -v quiet -nologo >/dev/null)
  git worktree remove --force "$work/base-src"
  touch "$base_build/done"
fi

# Both nodes get the same key and header: the base release has no API keys and ignores the Authorization header.
export ADMIN_KEY; ADMIN_KEY="bench-bootstrap-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
provider_args=()
if [ "$PROVIDER" = postgres ]; then
  start_postgres "$work/pg"
  provider_args=(--Database:Provider=Postgres)
  connection() { echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=writes_$1"; }
else
  connection() { echo "Data Source=$work/$1.db"; }
fi

# start NAME BUILD-DIR: seeds NAME's database with BUILD-DIR's own seeder, starts its node; sets $node_url and $node_pid.
start() {
  local name=$1 build=$2 db; db=$(connection "$1")
  echo "== $name: seeding $APPS applications x $KEYS keys x 3 environments ($PROVIDER)" >&2
  (cd "$work" && dotnet "$build/seeder/Seeder.dll" --apps "$APPS" --keys "$KEYS" "${provider_args[@]}" --ConnectionStrings:ConfigAdmin="$db" >&2)
  local p; p=$(port)
  ASPNETCORE_ENVIRONMENT=Production dotnet "$build/web/ConfigAdmin.Web.dll" --urls "http://127.0.0.1:$p" \
    --contentRoot "$build/web" --ConnectionStrings:ConfigAdmin="$db" "${provider_args[@]}" \
    --Serilog:MinimumLevel:Default=Warning --Security:BootstrapApiKey="$ADMIN_KEY" >"$work/$name.log" 2>&1 &
  node_pid=$!; pids+=("$node_pid")
  node_url="http://127.0.0.1:$p"
  for _ in $(seq 240); do curl -sf "$node_url/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "node $name did not become ready:" >&2; tail -20 "$work/$name.log" >&2; exit 1
}
start base "$base_build"; base_url=$node_url; base_pid=$node_pid; write_ids "$base_url" "$work/base-ids"
start current "$work/new"; current_url=$node_url; current_pid=$node_pid; write_ids "$current_url" "$work/current-ids"

# writes URL IDS DURATION PID: writes/s, non-2xx answers, and the node's CPU per write in ms (user + system time over the
# requests it answered): wrk and the other engineers share the cores, and what they leave a node moves from second to
# second; the CPU a write costs does not.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
writes() {
  local out before after; before=$(cpu_ticks "$4")
  out=$(IDS_FILE=$2 wrk -t1 -c"$WRITE_CONNECTIONS" -d"$3" -s bench/write-overrides.lua "$1")
  after=$(cpu_ticks "$4")
  echo "$out" >>"$work/wrk.log"
  echo "$out" | awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '/Requests\/sec/{r=$2} / requests in /{n=$1} /Non-2xx/{bad=$5}
    END{printf "%s %s %.2f\n", r, (bad==""?0:bad), 1000*ticks/hz/n}'
}
echo "== warming up ($WARMUP each)" >&2
writes "$base_url" "$work/base-ids" "$WARMUP" "$base_pid" >/dev/null
writes "$current_url" "$work/current-ids" "$WARMUP" "$current_pid" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
load() { awk '{print $1}' /proc/loadavg; }
echo; echo "Writes: $(nproc) cores, $PROVIDER, $APPS apps x $KEYS keys x 3 environments, $WRITE_CONNECTIONS connections, $PAIRS alternating pairs of $PAIR_DURATION"
echo "| pair | $BASE writes/s | current writes/s | current / base | CPU ms per write, $BASE / current | load (1 min) |"
echo "|---:|---:|---:|---:|---:|---:|"
ratios=(); bases=(); currents=(); cost_ratios=(); base_errors=0; current_errors=0
for i in $(seq "$PAIRS"); do
  if [ $((i % 2)) = 1 ]; then
    read -r b bb bcpu < <(writes "$base_url" "$work/base-ids" "$PAIR_DURATION" "$base_pid")
    read -r c cb ccpu < <(writes "$current_url" "$work/current-ids" "$PAIR_DURATION" "$current_pid")
  else
    read -r c cb ccpu < <(writes "$current_url" "$work/current-ids" "$PAIR_DURATION" "$current_pid")
    read -r b bb bcpu < <(writes "$base_url" "$work/base-ids" "$PAIR_DURATION" "$base_pid")
  fi
  base_errors=$((base_errors + bb)); current_errors=$((current_errors + cb))
  ratio=$(python3 -c "print(f'{$c/$b:.2f}')")
  ratios+=("$ratio"); bases+=("$b"); currents+=("$c"); cost_ratios+=("$(python3 -c "print(f'{$bcpu/$ccpu:.2f}')")")
  echo "| $i | $b | $c | $ratio | $bcpu / $ccpu | $(load) |"
done
echo
echo "- median: $BASE $(printf '%s\n' "${bases[@]}" | median)/s, current $(printf '%s\n' "${currents[@]}" | median)/s, current / base $(printf '%s\n' "${ratios[@]}" | median)"
echo "- by CPU per write ($BASE's / current's, the share of the base's speed the current tree has on cores of its own): median $(printf '%s\n' "${cost_ratios[@]}" | median)"
echo "- non-2xx answers over all pairs: $BASE $base_errors, current $current_errors; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
