#!/usr/bin/env bash
# Where a write's CPU goes: ./bench/profile-writes.sh
# Starts the current tree as one node on SQLite (APPS x KEYS x 3 environments, seeded by bench/Seeder), warms it up with
# bench/write-overrides.lua for WARMUP, then records PERF_SECONDS of `perf record -g` under the same load (the runtime
# writes /tmp/perf-<pid>.map so perf names the JIT-compiled frames). Prints each named frame's inclusive share of the
# samples (a frame's own time and what it calls synchronously: an async method's continuations count where they run).
# Knobs: APPS (200), KEYS (200), WARMUP (30s), PERF_SECONDS (15), FRAMES (extra frame names to report, space-separated).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh   # port, write_ids
APPS=${APPS:-200}
KEYS=${KEYS:-200}
WARMUP=${WARMUP:-30s}
PERF_SECONDS=${PERF_SECONDS:-15}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
work=$(mktemp -d /tmp/configadmin-profile.XXXXXX)
node=""
trap '[ -z "$node" ] || kill "$node" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet publish ConfigAdmin.Web -c Release -o "$work/web" -v quiet -nologo >/dev/null
dotnet publish bench/Seeder -c Release -o "$work/seeder" -v quiet -nologo >/dev/null
db="Data Source=$work/node.db"
(cd "$work" && dotnet seeder/Seeder.dll --apps "$APPS" --keys "$KEYS" --ConnectionStrings:ConfigAdmin="$db" >/dev/null)
export ADMIN_KEY; ADMIN_KEY="bench-bootstrap-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
p=$(port); url="http://127.0.0.1:$p"
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 ASPNETCORE_ENVIRONMENT=Production dotnet "$work/web/ConfigAdmin.Web.dll" \
  --urls "$url" --contentRoot "$work/web" --ConnectionStrings:ConfigAdmin="$db" --Serilog:MinimumLevel:Default=Warning \
  --Security:BootstrapApiKey="$ADMIN_KEY" >"$work/node.log" 2>&1 &
node=$!
for _ in $(seq 240); do curl -sf "$url/health/ready" >/dev/null && break; sleep 0.5; done
write_ids "$url" "$work/ids"
IDS_FILE=$work/ids wrk -t1 -c4 -d"$WARMUP" -s bench/write-overrides.lua "$url" >/dev/null
IDS_FILE=$work/ids wrk -t1 -c4 -d"$((PERF_SECONDS + 6))s" -s bench/write-overrides.lua "$url" >"$work/wrk.txt" &
sleep 3
perf record -F 999 -g -p "$node" -o "$work/perf.data" -- sleep "$PERF_SECONDS" 2>/dev/null
wait $! 2>/dev/null || true
echo "writes/s under the profiler: $(awk '/Requests\/sec/{print $2}' "$work/wrk.txt")"
perf script -i "$work/perf.data" 2>/dev/null | python3 -c '
import re, sys
frames = sys.argv[1:]
stacks, current = [], []
for line in sys.stdin:
    if not line.strip():
        if current: stacks.append(current); current = []
    elif line[0] in " \t":
        current.append(line)
if current: stacks.append(current)
print(f"{len(stacks)} samples; inclusive share of each frame:")
for frame in frames:
    hits = sum(1 for s in stacks if any(frame in f for f in s))
    print(f"{100 * hits / max(len(stacks), 1):6.1f} %  {frame}")
' 'Writes+<RunAsync>' 'WriteFacts+<LoadKeyAsync>' '<LoadEnvironmentsAsync>' 'ConfigAdminContext+<SaveChangesAsync>' \
  'RolloutSteps+<GuardAsync>' 'OutboxFanOut' 'ChangeDetector::DetectChanges' 'ExpressionTreeFuncletizer' 'KeyStates::Update' \
  'ConfigKeyMapping::ToDto' ${FRAMES:-}
perf report -i "$work/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9.]+%' | head -8
