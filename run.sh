#!/usr/bin/env bash
# Runs the pipeline locally: Azurite (storage emulator, from the pinned npm package) + the local host on
# http://localhost:7071, serving the dashboard at / and the API at /api. With --demo, also drops the bundled sample
# exports for tenant "demo", waits for them to be ingested, closes every due month and prints the KPIs. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")"

demo=false
for arg in "$@"; do
  case "$arg" in
    --demo) demo=true ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$arg' (use --demo)" >&2; exit 2 ;;
  esac
done

url="${PIPELINE_URL:-http://localhost:7071}"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # wait_for DESCRIPTION SECONDS COMMAND...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 "$((seconds * 4))"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  echo "run.sh: $what did not come up within ${seconds}s" >&2; return 1
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
demo_ingested() { [ "$(curl -fsS "$url/api/tenants/demo/imports" | grep -o '"status":"Accepted"' | wc -l)" -ge 3 ]; }
seconds() { local ms=$(($2 - $1)); printf '%d.%03ds' $((ms / 1000)) $((ms % 1000)); }

[ -x node_modules/.bin/azurite ] && [ -f node_modules/echarts/dist/echarts.esm.min.js ] || npm ci --no-audit --no-fund --loglevel=error

if port_open 10000 && port_open 10002; then
  echo "Azurite is already running on ports 10000-10002; using it."
else
  mkdir -p .azurite
  node_modules/.bin/azurite --silent --disableTelemetry --location .azurite --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
  pids+=($!)
  wait_for "Azurite" 30 port_open 10000
  wait_for "Azurite tables" 30 port_open 10002
  echo "Azurite is running (data in .azurite/)."
fi

dotnet build src/Pipeline.LocalHost -c Release -nologo -v quiet
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-$url}"
if $demo; then export LocalHost__SeedDemo=true; fi
(cd src/Pipeline.LocalHost && exec dotnet bin/Release/net10.0/Pipeline.LocalHost.dll) &
pids+=($!)
wait_for "the local host" 60 curl -fsS "$url/api/health"
echo "Pipeline is serving $url/api (OpenAPI: $url/api/openapi.json); the dashboard is at $url/."

if $demo; then
  started=$(date +%s%3N)
  wait_for "the demo import" 120 demo_ingested
  ingested=$(date +%s%3N)
  # The latest month that has ended: closing it closes every earlier open month too.
  month=$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m)
  curl -fsS -X POST -H "X-Pipeline-User: run.sh --demo" "$url/api/tenants/demo/closes/$month" >/dev/null
  closed=$(date +%s%3N)
  echo
  echo "Demo: imports ingested in $(seconds "$started" "$ingested"); months through $month closed in $(seconds "$ingested" "$closed")."
  echo "Dashboard: $url/?tenant=demo"
  echo "  curl '$url/api/tenants/demo/imports'"
  echo "  curl '$url/api/tenants/demo/kpis?from=2025-01'"
  echo "  curl '$url/api/tenants/demo/kpis?format=csv'"
  echo
  curl -fsS "$url/api/tenants/demo/kpis?format=csv" | cut -d, -f1,4-7,9 | (column -t -s, 2>/dev/null || cat) | tail -n 8
fi

echo "Press Ctrl+C to stop."
wait "${pids[-1]}"
