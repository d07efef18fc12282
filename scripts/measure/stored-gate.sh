#!/usr/bin/env bash
# Issue 9's stored-baseline figures (docs/statistics.md §6): `run && baseline set main`, then three
# consecutive `check --against main` of the same code, then the same check from a copy of the tree
# whose computed evaluation is slowed (40 extra integer steps, as in end-to-end.sh). Default suites.
# Run from the repository root on a quiet machine; outputs go to $OUT.
set -u
OUT=${OUT:-/tmp/jepsh-stored}
TRIES=${TRIES:-3}
ROOT=$(pwd)
J="node bin/jepsh-bench.js"
mkdir -p "$OUT"
rm -rf "$OUT/slow" "$OUT"/*.sqlite*
stamp() { date -u +%H:%M:%S; }
echo "start $(stamp) $(/usr/bin/chromium --version 2>/dev/null)" | tee "$OUT/log.txt"
$J run --db "$OUT/stored.sqlite" > "$OUT/run.txt" 2>&1; echo "run exit $? $(stamp)" | tee -a "$OUT/log.txt"
$J baseline set main --db "$OUT/stored.sqlite" >> "$OUT/run.txt" 2>&1
for i in $(seq 1 "$TRIES"); do
  s=$(date +%s)
  $J check --against main --db "$OUT/stored.sqlite" > "$OUT/aa$i.txt" 2>&1
  echo "A/A try $i: exit $? in $(( $(date +%s) - s )) s ($(stamp))" | tee -a "$OUT/log.txt"
done
# The slowed copy shares node_modules; bin/jepsh-bench.js resolves the tree it is run from.
mkdir -p "$OUT/slow"
for f in bin src suites package.json jepsh-bench.config.json tsconfig.json .puppeteerrc.cjs; do cp -r "$ROOT/$f" "$OUT/slow/" 2>/dev/null; done
ln -s "$ROOT/node_modules" "$OUT/slow/node_modules"
python3 scripts/measure/plant-slowdown.py "$OUT/slow/src/runtime/reactivity/graph.ts"
s=$(date +%s)
(cd "$OUT/slow" && node bin/jepsh-bench.js check --against main --db "$OUT/stored.sqlite" > "$OUT/slow.txt" 2>&1; echo "slowed: exit $? in $(( $(date +%s) - s )) s ($(stamp))" | tee -a "$OUT/log.txt")
