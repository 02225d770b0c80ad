#!/usr/bin/env bash
# Regenerates the tracked public API (PublicAPI.Unshipped.txt) of every packable project from the code as it is.
#
#   eng/update-public-api.sh           # after a merge, or after changing public API on purpose; review `git diff`
#   eng/update-public-api.sh --ship    # at a release: move the Unshipped entries into PublicAPI.Shipped.txt
#
# Nothing has shipped yet (0.x), so every public symbol is in Unshipped. The script empties Unshipped and lets
# Microsoft.CodeAnalysis.PublicApiAnalyzers' code fix (RS0016) write back every public symbol the code declares.
# Shipped is never rewritten: a shipped symbol that disappears stays an RS0017 build error (a breaking change).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

projects=(
  src/OpportunityScoring/OpportunityScoring.csproj
  rules/OpportunityScoring.Rules/OpportunityScoring.Rules.csproj
  src/OpportunityScoring.Pipelines/OpportunityScoring.Pipelines.csproj
  src/OpportunityScoring.Calibration/OpportunityScoring.Calibration.csproj
  src/OpportunityScoring.Testing/OpportunityScoring.Testing.csproj
  src/OpportunityScoring.Ledger/OpportunityScoring.Ledger.csproj
  src/OpportunityScoring.DependencyInjection/OpportunityScoring.DependencyInjection.csproj
)

if [ "${1:-}" = "--ship" ]; then
  for p in "${projects[@]}"; do
    d=$(dirname "$p")
    # sed, not grep -v: grep exits 1 when it keeps no line (an empty Shipped file), which set -e takes for a failure
    { echo '#nullable enable'; sed -e '/^#nullable/d' -e '/^[[:space:]]*$/d' "$d/PublicAPI.Shipped.txt" "$d/PublicAPI.Unshipped.txt" | LC_ALL=C sort -u; } > "$d/PublicAPI.Shipped.txt.new"
    mv "$d/PublicAPI.Shipped.txt.new" "$d/PublicAPI.Shipped.txt"
    echo '#nullable enable' > "$d/PublicAPI.Unshipped.txt"
    echo "shipped: $d/PublicAPI.Shipped.txt ($(sed '/^#/d' "$d/PublicAPI.Shipped.txt" | wc -l) entries)"
  done
  exit 0
fi

for p in "${projects[@]}"; do
  d=$(dirname "$p")
  [ -f "$d/PublicAPI.Shipped.txt" ] || echo '#nullable enable' > "$d/PublicAPI.Shipped.txt"
  echo '#nullable enable' > "$d/PublicAPI.Unshipped.txt"
done

# In dependency order: a project's API lines name types of the projects it references.
for p in "${projects[@]}"; do
  d=$(dirname "$p")
  dotnet format analyzers "$p" --diagnostics RS0016 --severity warn
  # Stable, diff-friendly order (the code fix appends in discovery order).
  { echo '#nullable enable'; sed -e '/^#nullable/d' -e '/^[[:space:]]*$/d' "$d/PublicAPI.Unshipped.txt" | LC_ALL=C sort -u; } > "$d/PublicAPI.Unshipped.txt.new"
  mv "$d/PublicAPI.Unshipped.txt.new" "$d/PublicAPI.Unshipped.txt"
  echo "$d/PublicAPI.Unshipped.txt: $(sed '/^#/d' "$d/PublicAPI.Unshipped.txt" | wc -l) entries"
done

# Proves the files are complete: RS0016/RS0017 are errors, so this fails if anything is missing or stale.
[ "${NO_BUILD:-}" = 1 ] || dotnet build OpportunityScoring.sln -c Release --nologo -v q
