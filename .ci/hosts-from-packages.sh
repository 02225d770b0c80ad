#!/usr/bin/env bash
# Builds the two host samples the way a customer would: against the packages just packed, restored from a local
# folder feed (artifacts/packages), not through project references; then runs the worker once (twice: the second run
# writes the diff against the first). Exits non-zero on any failure.
#
#   .ci/hosts-from-packages.sh              # pack (.ci/pack-check.sh) + build both hosts from the packages + run the worker
#   .ci/hosts-from-packages.sh --no-pack    # use the packages already in artifacts/packages
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
root=$(pwd)
out="$root/artifacts/hosts-from-packages"
start=$(date +%s)

if [ "${1:-}" != "--no-pack" ]; then
  .ci/pack-check.sh
fi
version=$(dotnet msbuild src/OpportunityScoring/OpportunityScoring.csproj -getProperty:Version)

rm -rf "$out"
# A package folder of its own: every pack is version $version, and a shared cache would keep serving the first
# OpportunityScoring $version it ever saw. Other packages come read-only from the machine's cache (fallback folder).
props=(
  -c Release
  -p:UseLocalPackages=true
  -p:LocalPackagesFolder="$root/artifacts/packages"
  -p:RestorePackagesPath="$out/nuget-packages"
  -p:RestoreFallbackFolders="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  --artifacts-path "$out/build"
  --nologo -v q -clp:NoSummary
)
for sample in OpportunityScoring.WebApi OpportunityScoring.Worker; do
  echo "=== build samples/$sample from the OpportunityScoring.DependencyInjection and .Pipelines $version packages"
  dotnet build "samples/$sample/$sample.csproj" "${props[@]}"
done

echo "=== check: the hosts were built from the packages just packed"
python3 - "$out" "$root/artifacts/packages" "$version" <<'PY'
import base64, glob, hashlib, json, pathlib, sys
out, feed, version = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
bad = []
for pid in ("OpportunityScoring", "OpportunityScoring.Rules", "OpportunityScoring.Pipelines", "OpportunityScoring.DependencyInjection"):
    restored = out / "nuget-packages" / pid.lower() / version / f"{pid.lower()}.{version}.nupkg.sha512"
    packed = feed / f"{pid}.{version}.nupkg"
    if not restored.exists():
        bad.append(f"{pid} {version} was not restored from the local feed (not in {restored.parent})"); continue
    if restored.read_text().strip() != base64.b64encode(hashlib.sha512(packed.read_bytes()).digest()).decode():
        bad.append(f"{pid} {version}: the restored package is not the one just packed")
for sample in ("OpportunityScoring.WebApi", "OpportunityScoring.Worker"):
    deps = glob.glob(str(out / "build" / "bin" / sample / "*" / f"{sample}.deps.json"))
    if not deps:
        bad.append(f"{sample}: no build output"); continue
    libs = json.load(open(deps[0]))["libraries"]
    for pid in ("OpportunityScoring", "OpportunityScoring.Rules", "OpportunityScoring.Pipelines", "OpportunityScoring.DependencyInjection"):
        kind = libs.get(f"{pid}/{version}", {}).get("type")
        if kind != "package":
            bad.append(f"{sample}: {pid} is a '{kind}' dependency, not the package")
    print(f"{sample}: OpportunityScoring, .Rules, .Pipelines, .DependencyInjection {version} from packages ({pathlib.Path(deps[0]).parent})")
if bad:
    print("FAILED:\n  " + "\n  ".join(bad)); sys.exit(1)
PY

echo "=== run the worker (from the packages) once, twice: assessments, then the diff against the first run"
worker=$(ls "$out"/build/bin/OpportunityScoring.Worker/*/OpportunityScoring.Worker.dll)
for run in 1 2; do
  dotnet "$worker" --once --Rescoring:Input="$root/samples/pipeline.json" --Rescoring:Output="$out/rescoring"
done
test -s "$out/rescoring/pipeline.assessments.json"
test -s "$out/rescoring/pipeline.diff.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); a=json.load(open(sys.argv[2])); print(f\"worker: {len(a['assessments'])} assessed, {len(a['errors'])} errors; diff counts {d['counts']}\")" \
  "$out/rescoring/pipeline.diff.json" "$out/rescoring/pipeline.assessments.json"
echo "hosts-from-packages: OK in $(( $(date +%s) - start )) s"
