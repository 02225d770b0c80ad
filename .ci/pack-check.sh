#!/usr/bin/env bash
# Packs the seven library packages into artifacts/packages (CI build: deterministic, SourceLink, symbols) and checks
# what each contains. Prints every package with its size and contents; exits non-zero if any part is missing.
#
#   .ci/pack-check.sh             # build + pack + check
#   .ci/pack-check.sh --no-build  # check packages already in artifacts/packages
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out="$(pwd)/artifacts/packages"
start=$(date +%s)

projects=(
  src/OpportunityScoring/OpportunityScoring.csproj
  rules/OpportunityScoring.Rules/OpportunityScoring.Rules.csproj
  src/OpportunityScoring.Pipelines/OpportunityScoring.Pipelines.csproj
  src/OpportunityScoring.Calibration/OpportunityScoring.Calibration.csproj
  src/OpportunityScoring.Testing/OpportunityScoring.Testing.csproj
  src/OpportunityScoring.Ledger/OpportunityScoring.Ledger.csproj
  src/OpportunityScoring.DependencyInjection/OpportunityScoring.DependencyInjection.csproj
)
version=$(dotnet msbuild "${projects[0]}" -getProperty:Version)

if [ "${1:-}" != "--no-build" ]; then
  rm -rf "$out"
  # One build of all seven (each references the core), packed with ContinuousIntegrationBuild:
  # source paths mapped to /_/ (deterministic, machine-independent) and SourceLink to the repository.
  for p in "${projects[@]}"; do
    dotnet pack "$p" -c Release -o "$out" -p:ContinuousIntegrationBuild=true --nologo -v q -clp:NoSummary
  done
fi

python3 - "$out" "$version" <<'PY'
import re, sys, zipfile, pathlib
out, version = pathlib.Path(sys.argv[1]), sys.argv[2]
ids = ["OpportunityScoring", "OpportunityScoring.Rules", "OpportunityScoring.Pipelines", "OpportunityScoring.Calibration", "OpportunityScoring.Testing", "OpportunityScoring.Ledger", "OpportunityScoring.DependencyInjection"]
problems = []
def need(ok, what):
    if not ok:
        problems.append(what)
    return ok

def nuspec_field(text, tag):
    m = re.search(rf"<{tag}[^>]*>(.*?)</{tag}>", text, re.S)
    return m.group(1).strip() if m else None

print(f"{'package':<55} {'size':>9}  contents")
for pid in ids:
    nupkg, snupkg = out / f"{pid}.{version}.nupkg", out / f"{pid}.{version}.snupkg"
    if not need(nupkg.exists(), f"{nupkg.name} missing"):
        continue
    with zipfile.ZipFile(nupkg) as z:
        names = set(z.namelist())
        spec = z.read(f"{pid}.nuspec").decode("utf-8-sig") if need(f"{pid}.nuspec" in names, f"{pid}: no nuspec") else ""
        need(nuspec_field(spec, "id") == pid, f"{pid}: nuspec id is {nuspec_field(spec, 'id')}")
        need(nuspec_field(spec, "version") == version, f"{pid}: nuspec version is {nuspec_field(spec, 'version')}, expected {version}")
        need('<license type="expression">MIT</license>' in spec, f"{pid}: no MIT licence expression")
        need(nuspec_field(spec, "readme") == "README.md" and "README.md" in names, f"{pid}: README.md not declared or not inside")
        need(bool(nuspec_field(spec, "description")), f"{pid}: no description")
        need(bool(nuspec_field(spec, "tags")), f"{pid}: no tags")
        need(re.search(r'<repository type="git" url="https://[^"]+" [^>]*commit="[0-9a-f]{40}"', spec) is not None, f"{pid}: no repository url + commit (SourceLink)")
        dll, xml = f"lib/net10.0/{pid}.dll", f"lib/net10.0/{pid}.xml"
        need(dll in names, f"{pid}: {dll} missing")
        need(xml in names, f"{pid}: {xml} (XML docs) missing")
        if pid == "OpportunityScoring.Rules" and dll in names:
            body = z.read(dll)
            need(b"OpportunityScoring.Rules.default-policy.json" in body and b'"gradeBands"' in body,
                 f"{pid}: the default policy is not embedded in {dll}")
        if pid == "OpportunityScoring.Ledger":
            body = z.read(dll)
            for kind in ("sqlite", "postgresql"):
                need(f"OpportunityScoring.Ledger.Migrations.{kind}.0001_runs_and_assessments.sql".encode() in body, f"{pid}: the {kind} migrations are not embedded in {dll}")
        if pid == "OpportunityScoring.Calibration":
            body = z.read(dll)
            need(b"OpportunityScoring.Calibration.History.Mappings.salvirt.json" in body, f"{pid}: the shipped history mappings are not embedded in {dll}")
        deps = {"OpportunityScoring.DependencyInjection": ("OpportunityScoring", "OpportunityScoring.Rules", "OpportunityScoring.Ledger"),
                "OpportunityScoring.Pipelines": ("OpportunityScoring",), "OpportunityScoring.Calibration": ("OpportunityScoring",),
                "OpportunityScoring.Testing": ("OpportunityScoring", "OpportunityScoring.Pipelines"),
                "OpportunityScoring.Ledger": ("OpportunityScoring", "OpportunityScoring.Pipelines", "Microsoft.Data.Sqlite", "Npgsql")}
        if pid in deps:
            for dep in deps[pid]:
                ours = dep.startswith("OpportunityScoring")
                need(f'<dependency id="{dep}" version="{version}"' in spec if ours else f'<dependency id="{dep}" ' in spec, f"{pid}: no dependency on {dep}" + (f" {version}" if ours else ""))
        need(not any("PublicApiAnalyzers" in n for n in names) and "PublicApiAnalyzers" not in spec, f"{pid}: the analyzer leaks into the package")
        content = ", ".join(sorted(n for n in names if not n.startswith(("_rels/", "package/", "[Content_Types]"))))
    print(f"{nupkg.name:<55} {nupkg.stat().st_size:>9}  {content}")
    if need(snupkg.exists(), f"{snupkg.name} missing"):
        with zipfile.ZipFile(snupkg) as z:
            pdb = f"lib/net10.0/{pid}.pdb"
            if need(pdb in z.namelist(), f"{snupkg.name}: {pdb} missing"):
                need(b"raw.githubusercontent.com" in z.read(pdb), f"{snupkg.name}: the PDB carries no SourceLink map")
        print(f"{snupkg.name:<55} {snupkg.stat().st_size:>9}  {pdb}")

if problems:
    print("\nPACKAGE CHECK FAILED:\n  " + "\n  ".join(problems))
    sys.exit(1)
print(f"\n{len(ids)} packages + {len(ids)} symbol packages, version {version}: id, version, licence, readme, description, tags, repository, dll + xml, symbols, SourceLink OK")
PY
echo "pack-check: $(( $(date +%s) - start )) s"
