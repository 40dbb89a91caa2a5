#!/usr/bin/env bash
# The client-read benchmark, one command: ./bench/run.sh
# Starts ConfigAdmin in Release on SQLite with 200 applications x 200 keys x 3 environments, and a bare
# Kestrel app that sends the very same bytes from memory; drives both with wrk; prints the table that
# docs/benchmarks.md records. Knobs: DURATION (default 20s), CONNECTIONS (64), WRITE_CONNECTIONS (4),
# WRITE_RATE (200: the paced write load of the second mixed scenario), READS_ONLY=1 (skip the write
# scenarios, for quick iterations on the read path).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh   # port, start_postgres, write_ids
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
WRITE_CONNECTIONS=${WRITE_CONNECTIONS:-4}
WRITE_RATE=${WRITE_RATE:-200}   # writes/s of the paced mixed scenario
WARMUP=${WARMUP:-15s}   # of each server before it is measured: the app's tiered JIT settles in about that
APPS=${APPS:-200}
KEYS=${KEYS:-200}

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d /tmp/configadmin-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "== building Release" >&2
dotnet publish ConfigAdmin.Web -c Release -o "$work/web" -v quiet -nologo >/dev/null
dotnet publish bench/Seeder -c Release -o "$work/seeder" -v quiet -nologo >/dev/null
dotnet publish bench/Ceiling -c Release -o "$work/ceiling" -v quiet -nologo >/dev/null

db="Data Source=$work/bench.db"
# Reads use a client key, as applications do; writes use the bootstrap admin key (write-overrides.lua sends it).
export ADMIN_KEY; ADMIN_KEY="bench-bootstrap-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
echo "== seeding $APPS applications x $KEYS keys x 3 environments" >&2
(cd "$work" && dotnet seeder/Seeder.dll --apps "$APPS" --keys "$KEYS" --ConnectionStrings:ConfigAdmin="$db" >&2)

app_port=$(port); ceiling_port=$(port)
ASPNETCORE_ENVIRONMENT=Production dotnet "$work/web/ConfigAdmin.Web.dll" --urls "http://127.0.0.1:$app_port" \
  --contentRoot "$work/web" --ConnectionStrings:ConfigAdmin="$db" --Serilog:MinimumLevel:Default=Warning \
  --Security:BootstrapApiKey="$ADMIN_KEY" >"$work/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 240); do curl -sf "http://127.0.0.1:$app_port/health/ready" >/dev/null && break; sleep 0.5; done

read_key=$(curl -sf -X POST "http://127.0.0.1:$app_port/v1/api-keys" -H "Authorization: Bearer $ADMIN_KEY" \
  -H 'Content-Type: application/json' -d '{"name":"bench-client","role":"client","applications":["*"]}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
auth=(-H "Authorization: Bearer $read_key")
read_url="http://127.0.0.1:$app_port/v1/applications/app-042/config?environment=production"
curl -sf "${auth[@]}" -D "$work/headers" -o "$work/doc.json" "$read_url"
awk 'tolower($1)=="etag:"{print $2}' "$work/headers" | tr -d '\r' >"$work/etag"
export ETAG; ETAG=$(cat "$work/etag")
dotnet "$work/ceiling/Ceiling.dll" "$work/doc.json" "$work/etag" --urls "http://127.0.0.1:$ceiling_port" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$ceiling_port/" >/dev/null && break; sleep 0.5; done

write_ids "http://127.0.0.1:$app_port" "$work/ids"
export IDS_FILE="$work/ids"

# wrk prints "Requests/sec:" and, with --latency, "50%" and "99%" lines; keep rps, p50, p99, non-2xx/3xx.
run() {
  local out; out=$(wrk --latency "$@")
  echo "$out" >>"$work/wrk.log"
  echo "$out" | awk '/Requests\/sec/{r=$2} /^ +50%/{p50=$2} /^ +99%/{p99=$2} /Non-2xx/{bad=$5} END{printf "%s %s %s %s\n", r, p50, p99, (bad==""?0:bad)}'
}
echo "== warming up ($WARMUP each)" >&2
wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "${auth[@]}" "$read_url" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$ceiling_port/" >/dev/null

echo "== measuring ($DURATION each, $CONNECTIONS connections)" >&2
read -r ceil_rps ceil_p50 ceil_p99 _ < <(run -t2 -c"$CONNECTIONS" -d"$DURATION" "http://127.0.0.1:$ceiling_port/")
read -r r200_rps r200_p50 r200_p99 r200_bad < <(run -t2 -c"$CONNECTIONS" -d"$DURATION" "${auth[@]}" "$read_url")
read -r r304_rps r304_p50 r304_p99 _ < <(run -t2 -c"$CONNECTIONS" -d"$DURATION" "${auth[@]}" -s bench/not-modified.lua "$read_url")
if [ "${READS_ONLY:-0}" = 1 ]; then
  echo "ceiling $ceil_rps  read200 $r200_rps ($(python3 -c "print(f'{100*$r200_rps/$ceil_rps:.1f}')") %)  read304 $r304_rps ($(python3 -c "print(f'{100*$r304_rps/$ceil_rps:.1f}')") %)  p99 $r200_p99 / $r304_p99"
  exit 0
fi
read -r w_rps w_p50 w_p99 w_bad < <(run -t1 -c"$WRITE_CONNECTIONS" -d"$DURATION" -s bench/write-overrides.lua "http://127.0.0.1:$app_port")

# Reads of one application while another application's keys are updated: at full write speed, then paced.
mixed() {
  WRITE_DELAY_MS=$1 run -t1 -c"$WRITE_CONNECTIONS" -d"$DURATION" -s bench/write-overrides.lua "http://127.0.0.1:$app_port" >"$work/mixed-writes" &
  local wpid=$!
  run -t2 -c"$CONNECTIONS" -d"$DURATION" "${auth[@]}" "$read_url" >"$work/mixed-reads"
  wait $wpid
}
echo "== reads while writes run (full speed, then $WRITE_RATE writes/s)" >&2
mixed 0
read -r mix_rps mix_p50 mix_p99 _ <"$work/mixed-reads"
read -r mixw_rps mixw_p50 mixw_p99 mixw_bad <"$work/mixed-writes"
mixed $((WRITE_CONNECTIONS * 1000 / WRITE_RATE))
read -r pace_rps pace_p50 pace_p99 _ <"$work/mixed-reads"
read -r pacew_rps pacew_p50 pacew_p99 pacew_bad <"$work/mixed-writes"

pct() { python3 -c "print(f'{100*$1/$2:.1f} %')"; }
cat <<TABLE

Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(dotnet --version) SDK; data: $APPS apps x $KEYS keys x 3 environments on SQLite; document $(stat -c %s "$work/doc.json") bytes.

| scenario | requests/s | p50 | p99 | errors |
|---|---:|---:|---:|---:|
| bare Kestrel ceiling (same bytes) | $ceil_rps | $ceil_p50 | $ceil_p99 | 0 |
| client read (client key), 200 | $r200_rps | $r200_p50 | $r200_p99 | $r200_bad |
| client read (client key), 304 (If-None-Match) | $r304_rps | $r304_p50 | $r304_p99 | 0 |
| override updates (validated, audited; $WRITE_CONNECTIONS connections) | $w_rps | $w_p50 | $w_p99 | $w_bad |
| client read, 200, while updates run at full speed | $mix_rps | $mix_p50 | $mix_p99 | 0 |
| override updates at full speed, while reads run | $mixw_rps | $mixw_p50 | $mixw_p99 | $mixw_bad |
| client read, 200, while updates run at ~$WRITE_RATE/s | $pace_rps | $pace_p50 | $pace_p99 | 0 |
| override updates paced to ~$WRITE_RATE/s, while reads run | $pacew_rps | $pacew_p50 | $pacew_p99 | $pacew_bad |

- client read / ceiling: $(pct "$r200_rps" "$ceil_rps")
- 304 / ceiling: $(pct "$r304_rps" "$ceil_rps")
- reads while writing at full speed / reads alone: $(pct "$mix_rps" "$r200_rps")
- reads while writing at ~$WRITE_RATE/s / reads alone: $(pct "$pace_rps" "$r200_rps")
TABLE
