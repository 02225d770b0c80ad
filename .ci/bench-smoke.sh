#!/usr/bin/env bash
# Benchmark smoke run: every benchmark once (--job Dry, in process) on tiny pipelines, so the benchmarks never rot.
# Each engine's GlobalSetup also checks it against the reference evaluator. Expects a Release build
# (dotnet build OpportunityScoring.sln -c Release). Exits non-zero when any benchmark fails. Takes well under 2 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export OPPORTUNITY_BENCH_SMOKE=1 # BulkRescoringBenchmarks: 200 opportunities instead of 10,000 and 100,000
artifacts="$(pwd)/artifacts/benchmarks-smoke"
rm -rf "$artifacts"
start=$SECONDS
rc=0
dotnet run -c Release --no-build --project benchmarks/OpportunityScoring.Benchmarks -- \
  --filter '*' --job Dry --inProcess --artifacts "$artifacts" --stopOnFirstError || rc=$?
reports=$(find "$artifacts/results" -name '*-report-github.md' 2>/dev/null | wc -l)
echo "bench-smoke: rc=$rc, $reports reports, $((SECONDS - start)) s"
[ "$rc" -eq 0 ] && [ "$reports" -ge 4 ]
