#!/usr/bin/env bash
# The live-configuration, client-library and history benchmarks, one command: ./bench/live.sh
# 1. One node on SQLite (the bench/run.sh data set): 10,000 long polls parked (memory per waiter), the plain
#    client read measured with them parked against bare Kestrel, then one write and the delay to every waiter.
# 2. 1,000 ConfigAdmin.Client providers against that node: writes, delay until each one reloaded.
# 3. An application with 2,000 keys and 100,000 revisions (HISTORY_IMPORTS x 2,000): at= reads, restore dry runs, the
#    History tab as a signed-in admin opens it (its prerendered HTML, then in Chromium until the circuit rendered it all),
#    and the restore.
# 4. Two nodes on one throwaway PostgreSQL: write through A, delay until B's long poll and plain read see it; then FLEET
#    ConfigAdmin.Client providers on each node and writes through A: the delay until every one on both has reloaded;
#    and FLEET raw long polls on each node, one write through A: the delay until each answer reached its socket.
# 5. Rollouts on the SQLite node: the client read of an application with a rollout at 50 % against one without, in
#    back-to-back pairs; then FLEET instances parked on what a 99 % rollout served them, one reports failing, and
#    the delay until each target holder has the base.
# 6. Metrics on vs off: a second node on the same SQLite file with Metrics:Enabled=false; the cached client read on each,
#    in alternating back-to-back pairs (METRIC_PAIRS of PAIR_DURATION), by throughput and by each node's CPU per request.
# Knobs: WAITERS (10000), WAITER_CLIENT (raw|http), FLEET (1000), ROUNDS (200 cross-node writes), DURATION (20s), CONNECTIONS (64),
# METRIC_PAIRS (20), HISTORY_IMPORTS (50), REF=<commit> to run that commit's server (a before/after), GCDUMP=1 (what a
# parked waiter keeps, by type; GCDUMP_DIR keeps the dumps), ONLY=waiters|fleet|history|propagation|rollout|metrics to run one part.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh   # port, start_postgres
export PATH="$PATH:$HOME/.dotnet/tools"   # where `dotnet tool install -g` puts dotnet-gcdump
WAITERS=${WAITERS:-10000}
FLEET=${FLEET:-1000}
ROUNDS=${ROUNDS:-200}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-15s}          # of each server before it is measured: the app's tiered JIT settles in about that
PAIRS=${PAIRS:-8}              # parked read vs ceiling, back to back, with the waiters parked
PAIR_DURATION=${PAIR_DURATION:-5s}
METRIC_PAIRS=${METRIC_PAIRS:-20}
CONNECTIONS=${CONNECTIONS:-64}
ONLY=${ONLY:-}
HISTORY_IMPORTS=${HISTORY_IMPORTS:-50}
WAITER_CLIENT=${WAITER_CLIENT:-raw}   # raw: a socket per waiter; http: one HttpClient for all (its work counts in the delay)
# The waiters ask to wait 120 s (bench/Live/Waiters.cs) and parking them takes up to half a minute: the pairs must be over
# before the first waiter's wait is, or every waiter answers 304 before the write.
pair_seconds=${PAIR_DURATION%s}
{ [ -n "$ONLY" ] && [ "$ONLY" != waiters ]; } || [ $((PAIRS * 2 * pair_seconds)) -le 80 ] ||
  { echo "PAIRS x 2 x PAIR_DURATION must be 80 s or less (the waiters wait 120 s)" >&2; exit 2; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"   # 10,000 waiters need 10,000 sockets on each side

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d /tmp/configadmin-live.XXXXXX)
chmod 755 "$work"
pids=()
pg_stop=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  [ -z "$pg_stop" ] || eval "$pg_stop"
  rm -rf "$work"
}
trap cleanup EXIT
want() { [ -z "$ONLY" ] || [ "$ONLY" = "$1" ]; }

# REF=<commit> runs that commit's server (the benchmark programs stay the working tree's): a before/after comparison.
src=.
if [ -n "${REF:-}" ]; then
  src="$work/src"; mkdir -p "$src"; git archive "$REF" | tar -x -C "$src"
fi
echo "== building Release${REF:+ (server of $REF)}" >&2
dotnet publish "$src/ConfigAdmin.Web" -c Release -o "$work/web" -v quiet -nologo >/dev/null
dotnet publish "$src/bench/Seeder" -c Release -o "$work/seeder" -v quiet -nologo >/dev/null
dotnet publish bench/Ceiling -c Release -o "$work/ceiling" -v quiet -nologo >/dev/null
dotnet publish bench/Live -c Release -o "$work/live" -v quiet -nologo >/dev/null

admin_key="bench-bootstrap-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
master_key="bench-master-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
admin_email=bench@example.com
admin_password="Bench-1$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# start_node NAME CONNECTION-STRING [extra args]: a Release node in Production mode; sets $node_url and $node_pid. Every
# waiter of the bench comes from this one address with one key: the per-key and per-address caps are raised for it.
start_node() {
  local name=$1 db=$2; shift 2
  local p; p=$(port)
  ASPNETCORE_ENVIRONMENT=Production dotnet "$work/web/ConfigAdmin.Web.dll" --urls "http://127.0.0.1:$p" \
    --contentRoot "$work/web" --ConnectionStrings:ConfigAdmin="$db" --Serilog:MinimumLevel:Default=Warning \
    --Security:BootstrapApiKey="$admin_key" --Security:MasterKey="$master_key" --Bench:Diagnostics=true \
    --Security:InitialAdmin:Email="$admin_email" --Security:InitialAdmin:Password="$admin_password" \
    --Api:MaxWaitSeconds=120 --Api:MaxWaitersPerKey=25000 --Api:MaxWaitersPerAddress=25000 "$@" >"$work/$name.log" 2>&1 &
  node_pid=$!; pids+=("$node_pid")
  node_url="http://127.0.0.1:$p"
  for _ in $(seq 240); do curl -sf "$node_url/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "node $name did not become ready:" >&2; tail -20 "$work/$name.log" >&2; exit 1
}
# client_key URL: creates a client key over every application and prints its secret.
client_key() {
  curl -sf -X POST "$1/v1/api-keys" -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' \
    -d '{"name":"bench-client-'"$RANDOM"'","role":"client","applications":["*"]}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])'
}
live() { dotnet "$work/live/Live.dll" --admin-key "$admin_key" --admin-email "$admin_email" --admin-password "$admin_password" "$@"; }
wrk_rps() { wrk --latency "$@" | tee -a "$work/wrk.log" | awk '/Requests\/sec/{r=$2} /^ +99%/{p99=$2} / requests in /{n=$1} END{printf "%s %s %s\n", r, p99, n}'; }
# cpu_ticks PID: the process's user + system CPU so far, in clock ticks (/proc/PID/stat).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# measured PID WRK-ARGS...: wrk_rps's figures, then the CPU ticks PID spent meanwhile.
measured() { local pid=$1 before; shift; before=$(cpu_ticks "$pid"); echo "$(wrk_rps "$@") $(( $(cpu_ticks "$pid") - before ))"; }
median() { sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "== one node on SQLite: seeding 200 applications x 200 keys x 3 environments" >&2
sqlite="Data Source=$work/bench.db"
(cd "$work" && dotnet seeder/Seeder.dll --apps 200 --keys 200 --ConnectionStrings:ConfigAdmin="$sqlite" >&2)
start_node sqlite "$sqlite"
url=$node_url; pid=$node_pid
read_key=$(client_key "$url")
read_path="/v1/applications/app-042/config?environment=production"

if want waiters; then
  curl -sf -H "Authorization: Bearer $read_key" -o "$work/doc.json" -D "$work/headers" "$url$read_path"
  awk 'tolower($1)=="etag:"{print $2}' "$work/headers" | tr -d '\r' >"$work/etag"
  ceiling_port=$(port)
  dotnet "$work/ceiling/Ceiling.dll" "$work/doc.json" "$work/etag" --urls "http://127.0.0.1:$ceiling_port" >/dev/null 2>&1 &
  ceiling_pid=$!; pids+=("$ceiling_pid")
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$ceiling_port/" >/dev/null && break; sleep 0.5; done
  auth=(-H "Authorization: Bearer $read_key")
  echo "== warming up ($WARMUP each), then the plain read alone and the ceiling ($DURATION each)" >&2
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "${auth[@]}" "$url$read_path" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$ceiling_port/" >/dev/null
  read -r ceil_rps ceil_p99 _ < <(wrk_rps -t2 -c"$CONNECTIONS" -d"$DURATION" "http://127.0.0.1:$ceiling_port/")
  read -r alone_rps alone_p99 _ < <(wrk_rps -t2 -c"$CONNECTIONS" -d"$DURATION" "${auth[@]}" "$url$read_path")
  read -r r304_rps r304_p99 _ < <(ETAG=$(cat "$work/etag") wrk_rps -t2 -c"$CONNECTIONS" -d"$DURATION" "${auth[@]}" -s bench/not-modified.lua "$url$read_path")

  # GCDUMP=1: what one parked waiter keeps, by type (a gcdump of the idle node, one with the waiters parked; needs
  # `dotnet tool install -g dotnet-gcdump`).
  dumps=${GCDUMP_DIR:-$work}
  gcdump_waiters() { [ "${GCDUMP:-0}" = 1 ] && mkdir -p "$dumps" && dotnet-gcdump collect -p "$pid" -o "$dumps/waiters-$1.gcdump" >/dev/null &&
    dotnet-gcdump report "$dumps/waiters-$1.gcdump" >"$dumps/waiters-$1.txt"; }
  gcdump_waiters idle || true
  echo "== parking $WAITERS long polls" >&2
  live --mode waiters --url "$url" --read-key "$read_key" --n "$WAITERS" --pid "$pid" --client "$WAITER_CLIENT" \
    --parked-file "$work/parked" --go-file "$work/go" >"$work/waiters.out" 2>&1 &
  waiters_pid=$!
  while [ ! -f "$work/parked" ] && kill -0 $waiters_pid 2>/dev/null; do sleep 1; done
  # The parked read against the ceiling in back-to-back pairs, both taken while the waiters are parked: a two-core
  # machine drifts over a minute, and a ratio of two runs taken minutes apart carries that drift. The pairs alternate
  # which goes first (ceiling-read, read-ceiling, ...), so a drift within a pair does not favour either side.
  # Each side's own CPU per request is taken too (its process's CPU time over the requests it served): wrk shares the
  # two cores, and how much of them it leaves a server moves from second to second; the CPU a request costs does not.
  ceil_once() { read -r pair_ceil _ ceil_n ceil_cpu < <(measured "$ceiling_pid" -t2 -c"$CONNECTIONS" -d"$PAIR_DURATION" "http://127.0.0.1:$ceiling_port/"); }
  read_once() { read -r parked_rps parked_p99 read_n read_cpu < <(measured "$pid" -t2 -c"$CONNECTIONS" -d"$PAIR_DURATION" "${auth[@]}" "$url$read_path"); }
  # The admin UI meanwhile: the sign-in page (a prerendered Blazor page), the dashboard (without a session, its redirect
  # to sign-in) and readiness, each timed once with the waiters parked.
  ui_times=$(for path in /account/signin / /health/ready; do
    curl -s -o /dev/null -w "$path %{http_code} %{time_total}s; " "$url$path"; done)
  if gcdump_waiters parked; then
    echo; echo "What one parked waiter keeps (types that grew with $WAITERS parked):"
    bench/gcdump-diff.py "$dumps/waiters-idle.txt" "$dumps/waiters-parked.txt" "$WAITERS" | sed -n 1,32p
  fi
  ratios=(); cost_ratios=()
  for i in $(seq "$PAIRS"); do
    if [ $((i % 2)) = 1 ]; then ceil_once; read_once; else read_once; ceil_once; fi
    ratios+=("$(python3 -c "print(f'{100*$parked_rps/$pair_ceil:.1f}')")")
    cost_ratios+=("$(python3 -c "print(f'{100*($ceil_cpu/$ceil_n)/($read_cpu/$read_n):.1f}')")")
  done
  touch "$work/go"
  wait $waiters_pid || { cat "$work/waiters.out" >&2; exit 1; }
  pct() { python3 -c "print(f'{100*$1/$2:.1f} %')"; }
  cat <<TABLE

Waiters: $WAITERS long polls on one node ($(nproc) cores, SQLite, document $(stat -c %s "$work/doc.json") bytes, client key)
$(cat "$work/waiters.out")

| scenario | requests/s | p99 |
|---|---:|---:|
| bare Kestrel ceiling (same bytes) | $ceil_rps | $ceil_p99 |
| client read (client key), 200 | $alone_rps | $alone_p99 |
| client read (client key), 304 | $r304_rps | $r304_p99 |
| client read (client key), 200, with $WAITERS long polls parked (last pair) | $parked_rps | $parked_p99 |

- admin UI with the waiters parked (path, status, time): $ui_times
- client read / ceiling: $(pct "$alone_rps" "$ceil_rps")
- 304 / ceiling: $(pct "$r304_rps" "$ceil_rps")
- client read with waiters parked / ceiling, $PAIRS back-to-back pairs of $PAIR_DURATION with the waiters parked: ${ratios[*]} % (median $(printf '%s\n' "${ratios[@]}" | median) %)
- the same pairs by each server's CPU per request (ceiling's / the read's, as a share of the ceiling's throughput on cores of its own): ${cost_ratios[*]} % (median $(printf '%s\n' "${cost_ratios[@]}" | median) %)
TABLE
fi

if want fleet; then
  echo "== $FLEET client-library providers" >&2
  echo; echo "Fleet: $FLEET ConfigAdmin.Client providers in one process against the same node"
  live --mode fleet --url "$url" --read-key "$read_key" --n "$FLEET" --rounds 10
fi

if want history; then
  echo "== history: 2,000 keys x $HISTORY_IMPORTS imports" >&2
  echo; echo "History: 2,000 keys x $HISTORY_IMPORTS imports on the same node (SQLite${REF:+, server of $REF}); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  live --mode history --url "$url" --read-key "$read_key" --imports "$HISTORY_IMPORTS"
  # The History tab as the browser shows it: the prerendered page, then the circuit's changes list and audit grid; beside
  # it, for reference, the same page's first tab, an empty tab (what any tab but the first costs) and a plain page.
  dotnet publish bench/Circuits -c Release -o "$work/circuits" -v quiet -nologo >/dev/null
  printf "%s\n" "/applications/history-bench?tab=history" "/applications/history-bench" "/applications/history-bench?tab=rollouts" "/environments" >"$work/history-pages.txt"
  ADMIN_EMAIL="$admin_email" ADMIN_PASSWORD="$admin_password" dotnet "$work/circuits/Circuits.dll" --base "$url" \
    --pages "$work/history-pages.txt" --rounds 5
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

if want rollout; then
  echo "== rollouts: paired reads with and without an active rollout, then a rollback to $FLEET parked instances" >&2
  live --mode rollout-setup --url "$url" --read-key "$read_key" --paths-file "$work/paths"
  plain_path=$(sed -n 1p "$work/paths"); active_path=$(sed -n 2p "$work/paths")
  auth=(-H "Authorization: Bearer $read_key")
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "${auth[@]}" -s bench/instances.lua "$url$plain_path" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "${auth[@]}" -s bench/instances.lua "$url$active_path" >/dev/null
  # Back-to-back pairs alternating which goes first, as for the waiters above: the machine's drift favours neither.
  plain_once() { read -r plain_rps plain_p99 _ < <(wrk_rps -t2 -c"$CONNECTIONS" -d"$PAIR_DURATION" "${auth[@]}" -s bench/instances.lua "$url$plain_path"); }
  active_once() { read -r active_rps active_p99 _ < <(wrk_rps -t2 -c"$CONNECTIONS" -d"$PAIR_DURATION" "${auth[@]}" -s bench/instances.lua "$url$active_path"); }
  rollout_ratios=()
  for i in $(seq "$PAIRS"); do
    if [ $((i % 2)) = 1 ]; then plain_once; active_once; else active_once; plain_once; fi
    rollout_ratios+=("$(python3 -c "print(f'{100*$active_rps/$plain_rps:.1f}')")")
  done
  echo; echo "Rollouts: one node, SQLite, 200 keys per application, 1,000 instance ids at random per request"
  echo "- read with a rollout at 50 % / read without, $PAIRS pairs of $PAIR_DURATION: ${rollout_ratios[*]} % (median $(printf '%s\n' "${rollout_ratios[@]}" | median) %); last pair $active_rps vs $plain_rps requests/s, p99 $active_p99 vs $plain_p99"
  live --mode rollback --url "$url" --read-key "$read_key" --n "$FLEET"
fi

if want propagation; then
  echo "== two nodes on a throwaway PostgreSQL 15" >&2
  start_postgres "$work/pg"
  pg="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  (cd "$work" && dotnet seeder/Seeder.dll --apps 50 --keys 200 --Database:Provider=Postgres --ConnectionStrings:ConfigAdmin="$pg" >&2)
  start_node node-a "$pg" --Database:Provider=Postgres; url_a=$node_url
  start_node node-b "$pg" --Database:Provider=Postgres; url_b=$node_url
  echo; echo "Propagation: two nodes on one PostgreSQL 15 (LISTEN/NOTIFY), $ROUNDS writes through A"
  pg_read_key=$(client_key "$url_a")
  live --mode propagation --url "$url_a" --url-b "$url_b" --read-key "$pg_read_key" --rounds "$ROUNDS"
  echo; echo "Fleet on two nodes: $FLEET ConfigAdmin.Client providers on each node, writes through A"
  live --mode fleet --url "$url_a" --url-b "$url_b" --read-key "$pg_read_key" --n "$FLEET" --rounds 10
  echo; echo "Waiters on two nodes: $FLEET raw long polls on each node (a socket each, as $((FLEET * 2)) instances), one write through A"
  live --mode waiters --url "$url_a" --url-b "$url_b" --read-key "$pg_read_key" --n "$FLEET" --client raw
fi

if want metrics; then
  # The node above has metrics on (the default, nothing scrapes it during a measurement); this one has them off. Both
  # serve the same SQLite file and the same key; each is warmed up, then they take turns, the order alternating per pair.
  echo "== metrics on vs off: a second node with Metrics:Enabled=false" >&2
  start_node sqlite-off "$sqlite" --Metrics:Enabled=false
  url_off=$node_url; pid_off=$node_pid
  auth=(-H "Authorization: Bearer $read_key")
  curl -sf "${auth[@]}" -o /dev/null "$url$read_path"; curl -sf "${auth[@]}" -o /dev/null "$url_off$read_path"
  echo "== warming up ($WARMUP each)" >&2
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "${auth[@]}" "$url$read_path" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "${auth[@]}" "$url_off$read_path" >/dev/null
  on_once() { read -r on_rps on_p99 on_n on_cpu < <(measured "$pid" -t2 -c"$CONNECTIONS" -d"$PAIR_DURATION" "${auth[@]}" "$url$read_path"); }
  off_once() { read -r off_rps off_p99 off_n off_cpu < <(measured "$pid_off" -t2 -c"$CONNECTIONS" -d"$PAIR_DURATION" "${auth[@]}" "$url_off$read_path"); }
  m_ratios=(); m_cost_ratios=(); on_all=(); off_all=()
  echo "== $METRIC_PAIRS alternating pairs of $PAIR_DURATION" >&2
  for i in $(seq "$METRIC_PAIRS"); do
    if [ $((i % 2)) = 1 ]; then on_once; off_once; else off_once; on_once; fi
    on_all+=("$on_rps"); off_all+=("$off_rps")
    m_ratios+=("$(python3 -c "print(f'{100*$on_rps/$off_rps:.1f}')")")
    # CPU per request with metrics off over CPU per request with them on: the share of its speed the read keeps with metrics on.
    m_cost_ratios+=("$(python3 -c "print(f'{100*($off_cpu/$off_n)/($on_cpu/$on_n):.1f}')")")
  done
  scraped=$(curl -sf -H "Authorization: Bearer $admin_key" "$url/metrics" |
    awk '/^configadmin_client_reads_total\{.*application="app-042".*environment="production".*"200"/{print $NF}')
  off_status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $admin_key" "$url_off/metrics")
  spread() { printf '%s\n' "$@" | sort -n | awk 'NR==1{lo=$1} {hi=$1} END{printf "%s-%s", lo, hi}'; }
  cat <<TABLE

Metrics on vs off: the cached client read (client key, app-042 in production, $(nproc) cores, SQLite), $METRIC_PAIRS alternating pairs of $PAIR_DURATION, $CONNECTIONS connections
- requests/s with metrics on: median $(printf '%s\n' "${on_all[@]}" | median) (range $(spread "${on_all[@]}")); off: median $(printf '%s\n' "${off_all[@]}" | median) (range $(spread "${off_all[@]}"))
- on / off by throughput, per pair: ${m_ratios[*]} % (median $(printf '%s\n' "${m_ratios[@]}" | median) %, range $(spread "${m_ratios[@]}") %)
- on / off by each node's CPU per request, per pair: ${m_cost_ratios[*]} % (median $(printf '%s\n' "${m_cost_ratios[@]}" | median) %, range $(spread "${m_cost_ratios[@]}") %)
- the metrics-on node counted configadmin_client_reads_total{application="app-042",environment="production",status 200} = ${scraped:-none}; the off node's /metrics answered $off_status
TABLE
fi
