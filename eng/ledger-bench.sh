#!/usr/bin/env bash
# The decision ledger's figures (docs/benchmarks.md, "The decision ledger"): a generated pipeline scored file to file,
# then stored into SQLite and into PostgreSQL; a full re-score against --changed-only with 1% changed; n shards at once
# into one PostgreSQL ledger. Time and peak memory by /usr/bin/time -v, on the Release CLI.
#
#   eng/ledger-bench.sh [count] [work-dir]      # default 1000000, a temporary folder (removed at the end)
#
# Environment: CLI=<opportunity-scoring.dll> measures another build (a baseline built elsewhere); STEPS="file sqlite
# postgresql incremental" (the default: all) picks the single-process steps; SHARDS=0 skips the sharded step (default 4).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
cli=${CLI:-samples/OpportunityScoring.Cli/bin/Release/net10.0/opportunity-scoring.dll}
[ -f "$cli" ] || dotnet build samples/OpportunityScoring.Cli -c Release -v q --nologo
steps=" ${STEPS:-file sqlite postgresql incremental} "
shards=${SHARDS:-4}
pg=$(mktemp -d)
trap 'bash .ci/postgres.sh stop "$pg" >/dev/null 2>&1 || true' EXIT
server=$(bash .ci/postgres.sh start "$pg" 2>/dev/null | tail -1)
# the test script turns fsync off for throwaway clusters; the benchmark measures a durable server
psql "host=127.0.0.1 port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$server") user=postgres dbname=postgres" -qc "ALTER SYSTEM SET fsync = on" -c "SELECT pg_reload_conf()" >/dev/null
db() { psql "host=127.0.0.1 port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$server") user=postgres dbname=postgres" -qc "CREATE DATABASE $1"; echo "$server" | sed "s/Database=postgres/Database=$1/"; }

[ -f "$work/p.jsonl" ] || dotnet "$cli" generate --count "$count" --format jsonl --out "$work/p.jsonl" >/dev/null
# 1% changed: every 100th opportunity renamed (its input hash changes, its decisions do not); under the same file name
# in another folder, as a nightly export would be, so the stored run is compared with the last one (input name) too
mkdir -p "$work/next"
[ -f "$work/next/p.jsonl" ] || python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
with open(w + "/p.jsonl") as f, open(w + "/next/p.jsonl", "w") as g:
    for i, line in enumerate(f):
        g.write(line.replace('"name":"', '"name":"(renamed) ', 1) if i % 100 == 37 else line)
PY

measure() { # name, score's arguments…
  local name=$1; shift
  /usr/bin/time -v dotnet "$cli" score "$@" --input jsonl --format jsonl --quiet 2>"$work/$name.time" >/dev/null || { tail -20 "$work/$name.time"; exit 1; }
  printf '%-34s %8s s  %7s s user  %6s s system  %7s MB  load %s\n' "$name" \
    "$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2,t,":"); s=0; for(i=1;i<=length(t);i++) s=s*60+t[i]; print s}' "$work/$name.time")" \
    "$(awk -F': ' '/User time/ {print $2}' "$work/$name.time")" \
    "$(awk -F': ' '/System time/ {print $2}' "$work/$name.time")" \
    "$(awk -F': ' '/Maximum resident/ {printf "%d", $2/1024}' "$work/$name.time")" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "pipeline: $count opportunities ($(du -h "$work/p.jsonl" | cut -f1)), $(nproc) cores"
has() { [[ $steps == *" $1 "* ]]; }
rm -f "$work"/ledger.db*   # a stored run into an empty ledger each time
has file       && measure file-to-file  "$work/p.jsonl" --out "$work/out.jsonl"
has sqlite     && measure sqlite        "$work/p.jsonl" --out "$work/out.jsonl" --store "$work/ledger.db"
has postgresql && measure postgresql    "$work/p.jsonl" --out "$work/out.jsonl" --store "$(db "bench_$(date +%s%N)")"
if has incremental && [ -f "$work/ledger.db" ]; then
  cp "$work/ledger.db" "$work/full.db"; cp "$work/ledger.db" "$work/incremental.db"
  measure sqlite-1pct-full        "$work/next/p.jsonl" --out "$work/out.jsonl" --store "$work/full.db"
  measure sqlite-1pct-changed-only "$work/next/p.jsonl" --out "$work/out.jsonl" --store "$work/incremental.db" --changed-only
fi
ls -la "$work"/*.db 2>/dev/null | awk '{printf "%s %d MB\n", $9, $5/1048576}'
rm -f "$work"/out.jsonl "$work"/full.db* "$work"/incremental.db*   # disk: the shards write their own outputs
[ "$shards" -gt 0 ] || exit 0
sharded=$(db "sharded_$(date +%s%N)")
start=$(date +%s.%N)
for i in $(seq 0 $((shards - 1))); do
  measure "postgresql-shard-$i-of-$shards" "$work/p.jsonl" --out "$work/shard$i.jsonl" --store "$sharded" --shard "$i/$shards" &
done
wait
echo "$shards shards at once, wall: $(python3 -c "import time; print(round(time.time() - $start, 1))") s"
rm -f "$work"/shard*.jsonl
