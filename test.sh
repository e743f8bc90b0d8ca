#!/usr/bin/env bash
# Runs the whole test suite: installs Azurite and the dashboard's chart library from the pinned npm packages (the storage
# tests and the local-host integration tests start their own Azurite on free ports) and Chromium from Debian (apt) for
# the dashboard's browser tests, restores NuGet packages, builds every project
# (Pipeline.Ci.slnf, the Azure Functions app included), builds and lints the Bicep under infra/ with the Bicep CLI
# from NuGet (any warning fails the run) and runs every test project. The last line is the total.
set -euo pipefail
cd "$(dirname "$0")"

# npm packages: Azurite, and the chart library the build copies into the dashboard (package.json pins both).
[ -x node_modules/.bin/azurite ] && [ -f node_modules/echarts/dist/echarts.esm.min.js ] || npm ci --no-audit --no-fund --loglevel=error

# Chromium for the dashboard's browser tests (tests/Pipeline.Dashboard.Tests), from Debian: Playwright's own browser
# download is never used. PIPELINE_CHROMIUM names another binary.
if [ -z "${PIPELINE_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null
fi

dotnet restore Pipeline.Ci.slnf -nologo -v quiet
dotnet build Pipeline.Ci.slnf -c Release --no-restore -nologo -v quiet

# The Bicep CLI: BICEP_PATH if set, else the $(BicepPath) that the restored Azure.Bicep.CommandLine.linux-x64
# package gives tests/Pipeline.Infra.Tests, else the package's folder in the NuGet cache.
bicep=${BICEP_PATH:-}
if [ -z "$bicep" ]; then
  bicep=$(dotnet msbuild tests/Pipeline.Infra.Tests/Pipeline.Infra.Tests.csproj -nologo -getProperty:BicepPath 2>/dev/null || true)
fi
if [ ! -x "$bicep" ]; then
  version=$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
  cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
  bicep="${cache%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
fi
[ -x "$bicep" ] || { echo "Bicep CLI not found (restore Pipeline.Ci.slnf, or set BICEP_PATH)" >&2; exit 1; }

# bicep build and lint exit 0 on warnings, so any output at all (a warning, an error, a linter finding) fails.
bicep_out=$(mktemp -d)
trap 'rm -rf "$bicep_out"' EXIT
export BICEP_TELEMETRY_ENABLED=false
infra_findings=0
if ! diagnostics=$("$bicep" build infra/main.bicep --outdir "$bicep_out" 2>&1) || [ -n "$diagnostics" ]; then
  echo "$diagnostics"; infra_findings=1
fi
for file in infra/main.bicep infra/app/*.bicep; do
  if ! diagnostics=$("$bicep" lint "$file" 2>&1) || [ -n "$diagnostics" ]; then
    echo "$diagnostics"; infra_findings=1
  fi
done
if [ "$infra_findings" -ne 0 ]; then
  echo "infra: bicep build/lint reported the findings above" >&2
  exit 1
fi
echo "infra: bicep build and lint clean ($("$bicep" --version | head -n 1))"

results=TestResults
rm -rf "$results"
status=0
dotnet test Pipeline.Ci.slnf -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

# One closing line for the whole suite, summed over every test project's TRX counters.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
