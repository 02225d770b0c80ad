#!/usr/bin/env bash
# Goal check of issue 4: evaluates the win probability on the Salvirt B2B history (../shared/data beside the repo)
# and fails when a goal is missed:
#   uncalibrated (default policy, unfitted) ROC AUC >= 0.75
#   calibrated (10-fold cross-validated)    ROC AUC >= 0.85 and Brier <= 0.16
# Usage: .ci/evaluate-salvirt.sh            (from anywhere; builds the CLI in Release)
#        .ci/evaluate-salvirt.sh --guard    regression guard at the figures measured after issue 22 (uncalibrated AUC
#                                           0.716, Brier 0.229 under the honest default 1.2.0; calibrated AUC 0.8093,
#                                           Brier 0.1743 with the penalty in standard units and the Deal_type × Up_sale
#                                           segment; baseline 0.8086 / 0.1756): fails only if the evaluation gets worse
#                                           than that, less a small tolerance; the issue-4 and issue-22 goals are
#                                           reported (MET/OPEN).
#        SKIP_BUILD=1                       use the Release build already there (CI builds once).
# Env:   SALVIRT_CSV to point at another copy of the data; EVALUATE_OUT to keep the JSON.
set -euo pipefail
mode="goals"
if [[ "${1:-}" == "--guard" ]]; then mode="guard"; fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
csv="${SALVIRT_CSV:-$(dirname "$repo")/shared/data/salvirt-b2b/Salvirt_B2B_ML_dataset_HF.csv}"
out="${EVALUATE_OUT:-$(mktemp)}"

if [[ ! -f "$csv" ]]; then
  echo "evaluate-salvirt: the Salvirt data is missing at $csv (expected shared/ beside the repository)" >&2
  exit 2
fi

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  dotnet build "$repo/samples/OpportunityScoring.Cli/OpportunityScoring.Cli.csproj" -c Release --nologo -v quiet >&2
fi
dotnet "$repo/samples/OpportunityScoring.Cli/bin/Release/net10.0/opportunity-scoring.dll" \
  evaluate "$csv" --mapping salvirt --folds 10 --seed 42 --baseline --format json > "$out"

python3 - "$out" "$mode" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
u, c, b, base = r["uncalibrated"], r["calibrated"], r["baseline"], r["baseRate"]
goals = [
    ("goal (22): calibrated AUC >= baseline AUC", c["auc"] >= b["auc"], c["auc"] - b["auc"]),
    ("goal (22): calibrated Brier <= baseline Brier", c["brier"] <= b["brier"], c["brier"] - b["brier"]),
    ("goal: uncalibrated AUC >= 0.75", u["auc"] >= 0.75, u["auc"]),
    ("goal: calibrated AUC >= 0.85 (10-fold CV)", c["auc"] >= 0.85, c["auc"]),
    ("goal: calibrated Brier <= 0.16 (10-fold CV)", c["brier"] <= 0.16, c["brier"]),
]
guard = [
    ("guard: uncalibrated AUC >= 0.71", u["auc"] >= 0.71, u["auc"]),
    ("guard: uncalibrated Brier <= base-rate Brier", u["brier"] <= base["brier"], u["brier"]),
    ("guard: calibrated AUC >= 0.807 (10-fold CV)", c["auc"] >= 0.807, c["auc"]),
    ("guard: calibrated Brier <= 0.176 (10-fold CV)", c["brier"] <= 0.176, c["brier"]),
]
if sys.argv[2] == "guard":
    for name, ok, value in goals:
        print(f'  {"MET " if ok else "OPEN"}  {name}: {value:.4f}')
checks = guard if sys.argv[2] == "guard" else goals
print(f'Salvirt: {r["samples"]} deals ({r["won"]} won, {r["lost"]} lost), policy {r["policy"]["name"]} {r["policy"]["version"]}, {c["folds"]} folds, seed {c["seed"]}')
failed = 0
for name, ok, value in checks:
    print(f'  {"PASS" if ok else "FAIL"}  {name}: {value:.4f}')
    failed += not ok
print(f'{sys.argv[2]} checks: {len(checks) - failed} met, {failed} missed')
sys.exit(1 if failed else 0)
PY
