#!/usr/bin/env bash
# The JSON Schema benchmark, one command: ./bench/schemas.sh
# Starts ConfigAdmin in Release on a fresh SQLite file and times imports of 2,000 json values, the same files with
# and without schemas on their keys, RUNS times each, alternating which goes first:
#   1. a nested appsettings.json of 2,000 new values imported into one environment of 2,000 json keys, whose keys
#      share 10 schema shapes (the evaluated-schema cache at work);
#   2. configadmin files that create the 2,000 json keys with their default values (and schemas), split so each
#      stays under the 1 MiB an import accepts;
#   3. as 2, with 2,000 distinct schemas (one per key: each is checked against the meta-schema and evaluated anew).
# Prints the median time of each and the cost of the schemas, the table docs/benchmarks.md records.
# Knobs: RUNS (5), KEYS (2000).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
KEYS=${KEYS:-2000}

work=$(mktemp -d /tmp/configadmin-schemas.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "== building Release" >&2
dotnet publish ConfigAdmin.Web -c Release -o "$work/web" -v quiet -nologo >/dev/null

python3 - "$work" "$KEYS" "$RUNS" <<'PY'
import json, sys
work, keys, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def schema(shape, title=None):
    s = {"type": "object", "required": ["count", "endpoint"], "additionalProperties": False,
         "properties": {"count": {"type": "integer", "minimum": 1, "maximum": 100 + shape},
                        "timeout": {"type": "number", "exclusiveMinimum": 0},
                        "endpoint": {"type": "string", "format": "uri"},
                        "owner": {"type": "string", "format": "email"},
                        "since": {"type": "string", "format": "date-time"},
                        "tags": {"type": "array", "items": {"type": "string", "maxLength": 40}, "uniqueItems": True},
                        "mode": {"enum": ["fast", "safe", "off"]},
                        "limits": {"$ref": "#/$defs/limits"}},
         "$defs": {"limits": {"type": "object", "properties": {"rps": {"type": "integer", "minimum": 0}, "burst": {"type": "integer"}}}}}
    if title: s["title"] = title
    return s
def value(i, n):
    return json.dumps({"count": 1 + (i + n) % 90, "timeout": 1.5 + n, "endpoint": f"https://svc{i}.example.com/api/v{n}",
                       "owner": f"team{i % 17}@example.com", "since": "2026-12-01T10:00:00Z", "tags": [f"t{i % 5}", f"run{n}"],
                       "mode": ["fast", "safe", "off"][i % 3], "limits": {"rps": 100 + i, "burst": 10}}, separators=(",", ":"))
names = [f"Svc{i:04d}:Settings" for i in range(keys)]
def whole(with_schema, distinct=False):
    ks = []
    for i, k in enumerate(names):
        key = {"key": k, "valueType": "json", "description": None, "isSecret": False, "defaultValue": value(i, 0), "overrides": {}}
        if with_schema: key["schema"] = schema(i % 10, k if distinct else None)
        ks.append(key)
    return {"format": "configadmin", "version": 1,
            "application": {"name": "bench", "description": None, "owner": "Bench", "contactEmail": "bench@example.com"}, "keys": ks}
# An import takes at most 1 MiB: the keys go in as many files as that needs, the same split with and without schemas.
parts = 1
while any(len(json.dumps({**doc, "keys": doc["keys"][:(keys + parts - 1) // parts]})) > 1_000_000 for doc in [whole(True, True)]):
    parts += 1
size = (keys + parts - 1) // parts
for name, doc in [("with", whole(True)), ("without", whole(False)), ("distinct", whole(True, True))]:
    for p in range(parts):
        json.dump({**doc, "keys": doc["keys"][p * size:(p + 1) * size]}, open(f"{work}/whole-{name}-{p}.json", "w"))
open(f"{work}/parts", "w").write(str(parts))
for n in range(runs + 1):
    nested = {}
    for i, k in enumerate(names):
        svc, leaf = k.split(":")
        nested[svc] = {leaf: json.loads(value(i, n + 1))}
    json.dump(nested, open(f"{work}/values-{n}.json", "w"))
PY

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
key="bench-bootstrap-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
ASPNETCORE_ENVIRONMENT=Production dotnet "$work/web/ConfigAdmin.Web.dll" --urls "http://127.0.0.1:$port" \
  --contentRoot "$work/web" --ConnectionStrings:ConfigAdmin="Data Source=$work/bench.db" --Serilog:MinimumLevel:Default=Warning \
  --Security:BootstrapApiKey="$key" >"$work/app.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$port"
for _ in $(seq 240); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done
auth=(-H "Authorization: Bearer $key")

app() { curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d "{\"name\":\"$1\",\"owner\":\"Bench\",\"contactEmail\":\"bench@example.com\"}" "$base/v1/applications" >/dev/null; }
# Seconds one import takes, as the client sees it; anything but 200 stops the run.
import() {
  local out; out=$(curl -s "${auth[@]}" -o "$work/answer" -w '%{http_code} %{time_total}' --data-binary "@$work/$2" "$base/v1/applications/$1/import?$3")
  [ "${out%% *}" = 200 ] || { echo "import $2 into $1 answered ${out%% *}: $(head -c 400 "$work/answer")" >&2; exit 1; }
  echo "${out#* }"
}
parts=$(cat "$work/parts")
# Creates an application's keys from the configadmin files of one kind, all parts; seconds in all.
create() {
  local total=0 part
  for part in $(seq 0 $((parts - 1))); do
    total=$(python3 -c 'import sys; print(float(sys.argv[1]) + float(sys.argv[2]))' "$total" "$(import "$1" "whole-$2-$part.json" "format=configadmin")")
  done
  echo "$total"
}
median() { python3 -c 'import sys,statistics; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.3f}")' "$@"; }

echo "== warming up" >&2
app warm-with; app warm-without
create warm-with with >/dev/null
create warm-without without >/dev/null

echo "== measuring: $RUNS runs of each, $KEYS json values" >&2
create_with=(); create_without=(); create_distinct=(); values_with=(); values_without=()
for run in $(seq "$RUNS"); do
  app "with-$run"; app "without-$run"; app "distinct-$run"
  if [ $((run % 2)) = 1 ]; then
    create_with+=("$(create "with-$run" with)")
    create_without+=("$(create "without-$run" without)")
  else
    create_without+=("$(create "without-$run" without)")
    create_with+=("$(create "with-$run" with)")
  fi
  create_distinct+=("$(create "distinct-$run" distinct)")
  if [ $((run % 2)) = 1 ]; then
    values_with+=("$(import with-1 "values-$run.json" "format=json&environment=production")")
    values_without+=("$(import without-1 "values-$run.json" "format=json&environment=production")")
  else
    values_without+=("$(import without-1 "values-$run.json" "format=json&environment=production")")
    values_with+=("$(import with-1 "values-$run.json" "format=json&environment=production")")
  fi
done

row() {
  local name=$1 with=$2 without=$3
  python3 -c "import sys; w,o=float(sys.argv[2]),float(sys.argv[3]); print(f'| {sys.argv[1]} | {o:.2f} s | {w:.2f} s | {100*(w-o)/o:+.1f} % |')" "$name" "$with" "$without"
}
echo
echo "| import of $KEYS json values (median of $RUNS) | without schemas | with schemas | schemas add |"
echo "|---|---:|---:|---:|"
row "appsettings.json of new values into production (10 schema shapes)" "$(median "${values_with[@]}")" "$(median "${values_without[@]}")"
row "configadmin files creating the keys ($parts files; 10 schema shapes)" "$(median "${create_with[@]}")" "$(median "${create_without[@]}")"
row "configadmin files creating the keys ($parts files; $KEYS distinct schemas)" "$(median "${create_distinct[@]}")" "$(median "${create_without[@]}")"
echo
echo "runs (s): create with ${create_with[*]} | without ${create_without[*]} | distinct ${create_distinct[*]} | values with ${values_with[*]} | without ${values_without[*]}"
