#!/usr/bin/env bash
# Runs the whole test suite: installs Azurite from the pinned npm package (the storage tests and the local-host
# integration tests start their own instance on free ports), restores NuGet packages, builds every project except
# the Azure Functions app (Pipeline.Ci.slnf; see README) and runs every test project. The last line is the total.
set -euo pipefail
cd "$(dirname "$0")"

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error

dotnet restore Pipeline.Ci.slnf -nologo -v quiet
dotnet build Pipeline.Ci.slnf -c Release --no-restore -nologo -v quiet

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
