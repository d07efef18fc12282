#!/bin/bash
# Three consecutive paired A/As through the whole git path (issue 10's first "Done when"), from a
# clean clone: bash scripts/measure/aa-loop.sh OUTDIR [TRIES]. Prints one line per try.
set -u
out=${1:?usage: aa-loop.sh OUTDIR [TRIES]}
tries=${2:-3}
mkdir -p "$out"
for i in $(seq 1 "$tries"); do
  s=$(date +%s)
  node bin/jepsh-bench.js check --base HEAD --db "$out/aa.sqlite" --format json >"$out/aa-$i.json" 2>"$out/aa-$i.err"
  rc=$?
  echo "try $i rc=$rc seconds=$(($(date +%s) - s)) start=$(date -u -d @"$s" +%H:%M:%S)"
done
