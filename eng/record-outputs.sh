#!/usr/bin/env bash
# Records the CLI's outputs for a refactoring's byte-identical check (issue 18): score of samples/pipeline.json and of a
# generated 100,000-opportunity pipeline in json, jsonl and csv, with --explain, on both engines (Rete re-scores every
# explained variant in a session of its own: on the large pipeline it runs without --explain, and with it on a tenth),
# and report for the sample's three ids in en and zh-Hant.
# Usage: eng/record-outputs.sh <out-dir> [count]; then compare the SHA256SUMS (or diff -r) of two such folders.
# Needs a Release build (dotnet build -c Release).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: eng/record-outputs.sh <out-dir> [count]}; count=${2:-100000}
mkdir -p "$out"
cli=(dotnet samples/OpportunityScoring.Cli/bin/Release/net10.0/opportunity-scoring.dll)
"${cli[@]}" generate --count "$count" --seed 42 --out "$out/generated.json" >/dev/null
"${cli[@]}" generate --count $((count / 10)) --seed 7 --out "$out/generated-tenth.json" >/dev/null
run() { # input engine format [--explain]
  local name; name=$(basename "$1" .json)
  "${cli[@]}" score "$1" --engine "$2" --format "$3" ${4:-} --quiet --as-of 2027-01-10 --out "$out/$name.$2${4:-}.$3" \
    || echo "exit $? for $name $2 $3 ${4:-}" >>"$out/exits.txt"
}
for format in json jsonl csv table; do
  for engine in compiled rete; do run samples/pipeline.json $engine $format --explain; done
  run "$out/generated.json" compiled $format --explain
  run "$out/generated.json" compiled $format
  run "$out/generated.json" rete $format
done
run "$out/generated-tenth.json" rete jsonl --explain
run "$out/generated-tenth.json" compiled jsonl --explain
for id in $(grep -oP '"id": *"\KOPP-[^"]*' samples/pipeline.json); do
  for culture in en zh-Hant; do
    "${cli[@]}" report samples/pipeline.json --id "$id" --culture "$culture" >"$out/report.$id.$culture.md"
  done
done
(cd "$out" && sha256sum -- * | grep -v -e ' generated\.json$' -e ' generated-tenth\.json$' -e ' SHA256SUMS$' >SHA256SUMS)
echo "recorded in $out"
