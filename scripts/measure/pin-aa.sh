#!/usr/bin/env bash
# Paired A/A of the same tree, Chromium unpinned against Chromium pinned to one CPU (taskset), in
# alternating tries, to see whether the two sides' renderers landing on different vCPUs adds to
# the spread of the per-session log ratio. Run in a clean clone on a quiet machine:
#   bash scripts/measure/pin-aa.sh OUT_DIR [TRIES] [SUITES...]
# It ends by printing, per try, the median over benchmarks of the SD of the per-session log ratio
# (scripts/measure/variance-components.py per benchmark).
set -euo pipefail
out=${1:?OUT_DIR}; tries=${2:-2}; shift; [ $# -gt 0 ] && shift
suites=("${@:-reactivity}")
mkdir -p "$out"
pin="$out/chromium-cpu0"
printf '#!/bin/sh\nexec taskset -c 0 %s "$@"\n' "${CHROME_PATH:-/usr/bin/chromium}" > "$pin"
chmod +x "$pin"
for i in $(seq 1 "$tries"); do
  for mode in free pinned; do
    browser=()
    if [ "$mode" = pinned ]; then browser=(--browser "$pin"); fi
    echo "$(date -u +%T) try $i $mode" >&2
    node bin/jepsh-bench.js ab --base-dir . --head-dir . "${suites[@]}" "${browser[@]}" \
      --db "$out/$mode-$i.sqlite" --json > "$out/$mode-$i.json" 2> "$out/$mode-$i.err" || true
    tail -2 "$out/$mode-$i.err" >&2
  done
done
for f in "$out"/*.sqlite; do
  python3 scripts/measure/variance-components.py "$f" 1,2 | grep -o 'sd_d=[0-9.]*' | cut -d= -f2 |
    sort -n | awk -v f="$(basename "$f" .sqlite)" '{a[NR]=$1} END {print f, NR, "benchmarks, median SD", a[int((NR+1)/2)]}'
done
