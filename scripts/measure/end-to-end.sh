#!/usr/bin/env bash
# The end-to-end figures of docs/statistics.md §6: a planted slowdown in one runtime function
# measured paired, a paired A/A through the git worktree path, and a stored A/A (run, baseline,
# check --against). Run from the repository root on a quiet machine; outputs go to $OUT.
set -u
OUT=${OUT:-/tmp/jepsh-e2e}
SUITES=${SUITES:-reactivity memo pools}
mkdir -p "$OUT"
rm -rf "$OUT/base" "$OUT/head" "$OUT"/*.sqlite
mkdir -p "$OUT/base" "$OUT/head"
cp -r src "$OUT/base/" && cp -r src "$OUT/head/"
# B: 40 extra integer steps in every computed evaluation (where computedRuns is counted).
python3 scripts/measure/plant-slowdown.py "$OUT/head/src/runtime/reactivity/graph.ts"
J="node bin/jepsh-bench.js"
date -u; chromium --version 2>/dev/null || /usr/bin/chromium --version
# shellcheck disable=SC2086
$J check $SUITES --base-dir "$OUT/base" --head-dir "$OUT/head" --db "$OUT/slow.sqlite" > "$OUT/slow.txt"; echo "exit $?" >> "$OUT/slow.txt"; date -u
# shellcheck disable=SC2086
$J check $SUITES --base HEAD --db "$OUT/aa.sqlite" > "$OUT/aa.txt"; echo "exit $?" >> "$OUT/aa.txt"; date -u
# shellcheck disable=SC2086
$J run $SUITES --db "$OUT/stored.sqlite" > "$OUT/run.txt"; $J baseline set main --db "$OUT/stored.sqlite"; date -u
# shellcheck disable=SC2086
$J check $SUITES --against main --db "$OUT/stored.sqlite" > "$OUT/stored.txt"; echo "exit $?" >> "$OUT/stored.txt"; date -u
