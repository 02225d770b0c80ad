#!/usr/bin/env bash
# The win/loss review's figure (docs/benchmarks.md, "The win/loss review"): a generated pipeline of N opportunities
# stored by score --store on two days (the second after the close, so the review must skip it: no leakage), N outcomes
# imported from a CSV (every opportunity closed: a third won, a tenth no bid, the rest lost), then `review` timed on
# SQLite and on PostgreSQL. Time and peak memory by /usr/bin/time -v, on the Release CLI.
#
#   eng/review-bench.sh [count] [work-dir]      # default 100000, a temporary folder
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
cli=samples/OpportunityScoring.Cli/bin/Release/net10.0/opportunity-scoring.dll
[ -f "$cli" ] || dotnet build samples/OpportunityScoring.Cli -c Release -v q --nologo
pg=$(mktemp -d)
trap 'bash .ci/postgres.sh stop "$pg" >/dev/null 2>&1 || true' EXIT
server=$(bash .ci/postgres.sh start "$pg" 2>/dev/null | tail -1)
port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$server")
psql "host=127.0.0.1 port=$port user=postgres dbname=postgres" -qc "CREATE DATABASE review_bench"
postgres=$(echo "$server" | sed "s/Database=postgres/Database=review_bench/")

dotnet "$cli" generate --count "$count" --format jsonl --out "$work/p.jsonl" >/dev/null
python3 - "$work" <<'PY'
import sys, json
w = sys.argv[1]
with open(w + "/p.jsonl") as f, open(w + "/outcomes.csv", "w") as g:
    g.write("opportunityId,result,closedOn,competitor\n")
    for i, line in enumerate(f):
        oid = json.loads(line)["id"]
        result = "won" if i % 3 == 0 else "noBid" if i % 10 == 1 else "lost"
        g.write(f"{oid},{result},2027-02-01,{'Rival' if result == 'lost' else ''}\n")
PY

seconds() { awk -F': ' '/Elapsed \(wall clock\)/ {split($2,t,":"); s=0; for(i=1;i<=length(t);i++) s=s*60+t[i]; print s}' "$1"; }
megabytes() { awk -F': ' '/Maximum resident/ {printf "%d", $2/1024}' "$1"; }

echo "ledger: $count opportunities, 2 stored runs, $count outcomes; $(nproc) cores"
for store in "$work/review.db" "$postgres"; do
  name=$([[ "$store" == *=* ]] && echo PostgreSQL || echo SQLite)
  dotnet "$cli" score "$work/p.jsonl" --input jsonl --format csv --out "$work/out.csv" --quiet --store "$store" --as-of 2027-01-10
  dotnet "$cli" score "$work/p.jsonl" --input jsonl --format csv --out "$work/out.csv" --quiet --store "$store" --as-of 2027-03-01
  /usr/bin/time -v dotnet "$cli" outcome import "$work/outcomes.csv" --store "$store" --by bench >/dev/null 2>"$work/import.time"
  /usr/bin/time -v dotnet "$cli" review --store "$store" --format json >"$work/review-$name.json" 2>"$work/review.time"
  grep '^review:' "$work/review.time"
  printf '%-10s outcome import %6s s %5s MB   review %6s s %5s MB\n' "$name" "$(seconds "$work/import.time")" "$(megabytes "$work/import.time")" "$(seconds "$work/review.time")" "$(megabytes "$work/review.time")"
done
