#!/usr/bin/env bash
# Writes what users see of the engine into OUTDIR, so that a refactoring can be shown to change
# nothing: every example assessed for every drug and label (JSON and text report with the ruleset
# version blanked, the patient letter) and the screening rows of a 10,000-patient synthetic cohort.
#   bash scripts/behaviour-snapshot.sh /tmp/before   # on the old commit (after npm run build)
#   bash scripts/behaviour-snapshot.sh /tmp/after    # on the new one
#   diff -r /tmp/before /tmp/after && echo identical
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: behaviour-snapshot.sh OUTDIR}
# Every drug of the registry (src/drugs) unless DRUGS names some.
drugs=${DRUGS:-$(node --input-type=module -e "const m = await import('./dist/drugs/index.js'); console.log(m.ASSESSABLE_DRUGS.join(' '))")}
mkdir -p "$out"
f() { node bin/fulcrum.js "$@"; }
for ex in examples/*.json; do
  name=$(basename "$ex" .json)
  for drug in $drugs; do
    for label in eu us; do
      base="$out/$name.$drug.$label"
      f assess "$ex" --drug "$drug" --label "$label" --as-of 2026-11-01 --json | sed -E 's/"rulesetVersion": *"[^"]*"/"rulesetVersion":""/' > "$base.json" || true
      f assess "$ex" --drug "$drug" --label "$label" --as-of 2026-11-01 | sed -E 's/ruleset [0-9][0-9.]*/ruleset -/' > "$base.txt" || true
      f assess "$ex" --drug "$drug" --label "$label" --as-of 2026-11-01 --explain patient > "$base.letter.txt" || true
    done
  done
done
cohort="$out/.cohort.ndjson"
f synth --patients 10000 --seed 7 --as-of 2026-11-01 > "$cohort"
for drug in $drugs; do
  for label in eu us; do
    f screen "$cohort" --drug "$drug" --label "$label" --as-of 2026-11-01 --format csv --workers 0 --out "$out/screen.$drug.$label.csv" 2>/dev/null
  done
done
rm -f "$cohort"
