#!/usr/bin/env bash
# Goal check of issue 4: evaluates the win probability on the Salvirt B2B history (../shared/data beside the repo)
# and fails when a goal is missed:
#   uncalibrated (default policy, unfitted) ROC AUC >= 0.75
#   calibrated (10-fold cross-validated)    ROC AUC >= 0.85 and Brier <= 0.16
# Usage: .ci/evaluate-salvirt.sh            (from anywhere; builds the CLI in Release)
# Env:   SALVIRT_CSV to point at another copy of the data; EVALUATE_OUT to keep the JSON.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
csv="${SALVIRT_CSV:-$(dirname "$repo")/shared/data/salvirt-b2b/Salvirt_B2B_ML_dataset_HF.csv}"
out="${EVALUATE_OUT:-$(mktemp)}"

if [[ ! -f "$csv" ]]; then
  echo "evaluate-salvirt: the Salvirt data is missing at $csv (expected shared/ beside the repository)" >&2
  exit 2
fi

dotnet build "$repo/samples/OpportunityScoring.Cli/OpportunityScoring.Cli.csproj" -c Release --nologo -v quiet >&2
dotnet "$repo/samples/OpportunityScoring.Cli/bin/Release/net10.0/opportunity-scoring.dll" \
  evaluate "$csv" --mapping salvirt --folds 10 --seed 42 --format json > "$out"

python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
u, c = r["uncalibrated"], r["calibrated"]
checks = [
    ("uncalibrated AUC >= 0.75", u["auc"] >= 0.75, u["auc"]),
    ("calibrated AUC >= 0.85 (10-fold CV)", c["auc"] >= 0.85, c["auc"]),
    ("calibrated Brier <= 0.16 (10-fold CV)", c["brier"] <= 0.16, c["brier"]),
]
print(f'Salvirt: {r["samples"]} deals ({r["won"]} won, {r["lost"]} lost), policy {r["policy"]["name"]} {r["policy"]["version"]}, {c["folds"]} folds, seed {c["seed"]}')
failed = 0
for name, ok, value in checks:
    print(f'  {"PASS" if ok else "FAIL"}  {name}: {value:.4f}')
    failed += not ok
print(f'goals: {len(checks) - failed} met, {failed} missed')
sys.exit(1 if failed else 0)
PY
