#!/usr/bin/env bash
# Issue 10's CI form on a real git branch: a clone of this repository with a branch `slow` whose one
# commit plants the slowdown of plant-slowdown.py (40 extra integer steps in every computed
# evaluation), then `check --base main` from that branch (head = the branch's tree), default suites;
# then a paired A/A `check --base HEAD` of the unchanged tree. Run from the repository root on a
# quiet machine; outputs go to $OUT.
set -u
OUT=${OUT:-/tmp/jepsh-branch}
ROOT=$(pwd)
rm -rf "$OUT" && mkdir -p "$OUT"
stamp() { date -u +%H:%M:%S; }
echo "start $(stamp) $(/usr/bin/chromium --version 2>/dev/null) at $(git rev-parse --short HEAD)" | tee "$OUT/log.txt"
git clone -q "$ROOT" "$OUT/repo"
ln -s "$ROOT/node_modules" "$OUT/repo/node_modules"
cd "$OUT/repo"
git checkout -q -B main
git checkout -q -b slow
python3 scripts/measure/plant-slowdown.py src/runtime/reactivity/graph.ts
git -c user.name=m -c user.email=m@example.com commit -qam "slow: 40 extra steps per computed evaluation"
s=$(date +%s)
node bin/jepsh-bench.js check --base main --db "$OUT/slow.sqlite" > "$OUT/slow.txt" 2>&1
echo "check --base main on branch slow: exit $? in $(( $(date +%s) - s )) s ($(stamp))" | tee -a "$OUT/log.txt"
git checkout -q main
s=$(date +%s)
node bin/jepsh-bench.js check --base HEAD --db "$OUT/aa.sqlite" > "$OUT/aa.txt" 2>&1
echo "A/A check --base HEAD: exit $? in $(( $(date +%s) - s )) s ($(stamp))" | tee -a "$OUT/log.txt"
