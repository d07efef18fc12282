#!/usr/bin/env bash
# Paired A/A of the same tree, Chromium unpinned against Chromium pinned to one CPU (taskset), in
# alternating tries, to see whether the two sides' renderers landing on different vCPUs adds to
# the spread of the per-session log ratio. Run in a clean clone on a quiet machine:
#   bash scripts/measure/pin-aa.sh OUT_DIR [TRIES] [SUITES...]
# then: for f in OUT_DIR/*.sqlite; do python3 scripts/measure/variance-components.py $f 1,2; done
set -euo pipefail
out=${1:?OUT_DIR}; tries=${2:-2}; shift 2 || true
suites=("${@:-reactivity}")
mkdir -p "$out"
pin="$out/chromium-cpu0"
printf '#!/bin/sh\nexec taskset -c 0 %s "$@"\n' "${CHROME_PATH:-/usr/bin/chromium}" > "$pin"
chmod +x "$pin"
for i in $(seq 1 "$tries"); do
  for mode in free pinned; do
    browser=()
    [ "$mode" = pinned ] && browser=(--browser "$pin")
    echo "$(date -u +%T) try $i $mode" >&2
    node bin/jepsh-bench.js ab --base-dir . --head-dir . "${suites[@]}" "${browser[@]}" \
      --db "$out/$mode-$i.sqlite" --json > "$out/$mode-$i.json" 2> "$out/$mode-$i.err" || true
    tail -2 "$out/$mode-$i.err" >&2
  done
done
