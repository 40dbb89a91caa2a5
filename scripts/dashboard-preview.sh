#!/usr/bin/env bash
# The Grafana dashboard's panels, drawn from a real Prometheus: ./scripts/dashboard-preview.sh
# Grafana is not packaged for Debian, so this does the next honest thing: it starts ConfigAdmin (Release, SQLite,
# 12 applications), creates a monitor key, starts Prometheus (Debian's package) with the scrape config of
# docs/operations.md, drives a few minutes of mixed traffic (reads, 304s, long polls, a stream, writes, change requests,
# client instances, rollouts completed and rolled back, webhook deliveries to a receiver on loopback), then asks Prometheus every query of docs/grafana-dashboard.json over that window and draws each
# panel with matplotlib into docs/screenshots/dashboard-preview.png. Knobs: MINUTES (4).
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${MINUTES:-4}
need=()
command -v prometheus >/dev/null || need+=(prometheus)
# Debian's python3 (the one its python3-matplotlib installs into), whatever else PATH puts first.
py=/usr/bin/python3
$py -c 'import matplotlib' 2>/dev/null || need+=(python3-matplotlib)
# Debian's prometheus package would start its service where a service manager runs; only its program is used here.
[ ${#need[@]} = 0 ] || { apt-get update -qq && RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }

work=$(mktemp -d /tmp/configadmin-preview.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "== building Release" >&2
dotnet publish ConfigAdmin.Web -c Release -o "$work/web" -v quiet -nologo >/dev/null
dotnet publish bench/Seeder -c Release -o "$work/seeder" -v quiet -nologo >/dev/null
db="Data Source=$work/preview.db"
(cd "$work" && dotnet seeder/Seeder.dll --apps 12 --keys 40 --ConnectionStrings:ConfigAdmin="$db" >&2)
admin="preview-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
app_port=$(port)
url="http://127.0.0.1:$app_port"
ASPNETCORE_ENVIRONMENT=Production dotnet "$work/web/ConfigAdmin.Web.dll" --urls "$url" --contentRoot "$work/web" \
  --ConnectionStrings:ConfigAdmin="$db" --Serilog:MinimumLevel:Default=Warning --Security:BootstrapApiKey="$admin" \
  --Security:MasterKey="preview-master-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" --Metrics:SnapshotSeconds=5 \
  --Webhooks:AllowPrivateTargets=true >"$work/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 240); do curl -sf "$url/health/ready" >/dev/null && break; sleep 0.5; done
key() { curl -sf -X POST "$url/v1/api-keys" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$1\",\"role\":\"$2\",\"applications\":[\"*\"]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])'; }
key prometheus monitor >"$work/monitor.key"
reader=$(key preview-reader client)
monitor=$(cat "$work/monitor.key")

# A webhook receiver on loopback that turns away about one delivery in four (503), so retries show too.
hook_port=$(port)
python3 -c '
import http.server, random, sys
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(503 if random.random() < 0.25 else 200)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
' "$hook_port" &
pids+=($!)
curl -sf -o /dev/null -X POST "$url/v1/webhooks" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$hook_port/hook\",\"events\":[\"config.changed\",\"change_request.*\",\"rollout.*\"],\"applications\":[\"*\"]}"

prom_port=$(port)
cat >"$work/prometheus.yml" <<YAML
global: { scrape_interval: 5s }
scrape_configs:
  - job_name: configadmin
    metrics_path: /metrics
    authorization:
      type: Bearer
      credentials_file: $work/monitor.key
    static_configs:
      - targets: ["127.0.0.1:$app_port"]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" --web.listen-address="127.0.0.1:$prom_port" \
  >"$work/prometheus.log" 2>&1 &
pids+=($!)

echo "== $MINUTES minutes of traffic" >&2
end=$(( $(date +%s) + MINUTES * 60 ))
read_loop() {  # reads of a few applications at uneven rates, some conditional, some naming their instance
  local i=0 etag
  while [ "$(date +%s)" -lt "$end" ]; do
    i=$((i + 1))
    local app="app-00$(( (i * i) % 6 ))" env=production
    [ $((i % 3)) = 0 ] && env=staging
    etag=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $reader" -H "ConfigAdmin-Client: web-$((i % 7));version=1.$((i % 2))" \
      "$url/v1/applications/$app/config?environment=$env" | awk 'tolower($1)=="etag:"{print $2}' | tr -d '\r')
    curl -s -o /dev/null -H "Authorization: Bearer $reader" -H "If-None-Match: $etag" "$url/v1/applications/$app/config?environment=$env"
    sleep 0.05
  done
}
poll_loop() {  # long polls on app-001 in production, each answered by a write or after 20 s
  while [ "$(date +%s)" -lt "$end" ]; do
    local etag
    etag=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $reader" "$url/v1/applications/app-001/config?environment=production" |
      awk 'tolower($1)=="etag:"{print $2}' | tr -d '\r')
    curl -s -o /dev/null -m 30 -H "Authorization: Bearer $reader" -H "If-None-Match: $etag" -H 'Prefer: wait=20' \
      "$url/v1/applications/app-001/config?environment=production"
  done
}
rollout_loop() {  # every 40 s a change request rolled out in production: odd ones complete after their bake, even ones a monitor signals back
  local n=0 app request rollout
  while [ "$(date +%s)" -lt $((end - 30)) ]; do
    n=$((n + 1)); app="app-00$((n % 2 + 6))"
    request=$(curl -sf -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      -d "{\"title\":\"Gradual $n\",\"operations\":[{\"op\":\"setOverride\",\"key\":\"Section1:Key001\",\"environment\":\"production\",\"value\":\"$((n * 3))\"}]}" \
      "$url/v1/applications/$app/change-requests" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    rollout=$(curl -sf -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      -d '{"rollout":{"stages":[{"percent":50,"bakeSeconds":15},{"percent":100}]}}' \
      "$url/v1/applications/$app/change-requests/$request/apply" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rollout"]["id"])')
    sleep 10
    [ $((n % 2)) = 0 ] && curl -s -o /dev/null -X POST -H "Authorization: Bearer $monitor" -H 'Content-Type: application/json' \
      -d '{"reason":"error rate above 2 %"}' "$url/v1/rollouts/$rollout/signals"
    sleep 30
  done
}
write_loop() {  # an override of app-001 or app-002 every few seconds, and now and then a change request
  local id n=0
  id=$(curl -sf -H "Authorization: Bearer $admin" "$url/v1/configs?application=app-001&pageSize=20" |
    python3 -c 'import json,sys; print([i["id"] for i in json.load(sys.stdin)["items"] if i["valueType"]=="integer"][0])')
  while [ "$(date +%s)" -lt "$end" ]; do
    n=$((n + 1))
    curl -s -o /dev/null -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      -d "{\"value\":\"$n\"}" "$url/v1/configs/$id/overrides/production"
    if [ $((n % 10)) = 0 ]; then
      curl -s -o /dev/null -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
        -d "{\"title\":\"Raise limits $n\",\"operations\":[{\"op\":\"setOverride\",\"key\":\"Section1:Key001\",\"environment\":\"staging\",\"value\":\"$n\"}]}" \
        "$url/v1/applications/app-00$((n % 3 + 3))/change-requests"
    fi
    sleep 3
  done
}
read_loop & pids+=($!)
read_loop & pids+=($!)
for _ in 1 2 3 4 5; do poll_loop & pids+=($!); done
curl -s -N -m $((MINUTES * 60)) -H "Authorization: Bearer $reader" "$url/v1/applications/app-002/config/stream?environment=staging" >/dev/null &
pids+=($!)
write_loop & pids+=($!)
rollout_loop & pids+=($!)
sleep $((MINUTES * 60 + 10))

echo "== drawing the panels" >&2
mkdir -p docs/screenshots
$py scripts/dashboard-preview.py "http://127.0.0.1:$prom_port" docs/grafana-dashboard.json docs/screenshots/dashboard-preview.png "$MINUTES"
echo "docs/screenshots/dashboard-preview.png" >&2
