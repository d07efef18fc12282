#!/usr/bin/env bash
# The paired gate with the plain and with the mode-aware signed-rank test, on one saved power pool:
# the repository's config as it is, then the same config with "sessionTest": "modes". No browser.
#   bash scripts/measure/modes-compare.sh [reports/power-pool.json] [trials]
set -euo pipefail
cd "$(dirname "$0")/../.."
pool="${1:-reports/power-pool.json}"
trials="${2:-100}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for t in rank modes; do
  python3 -c 'import json,sys; c=json.load(open("jepsh-bench.config.json")); c["sessionTest"]=sys.argv[2]; json.dump(c, open(sys.argv[1], "w"))' "$tmp/$t.config.json" "$t"
  node bin/jepsh-bench.js power --from "$pool" --trials "$trials" --json --config "$tmp/$t.config.json" > "$tmp/$t.json"
done
python3 scripts/measure/modes-compare.py "$tmp/rank.json" "$tmp/modes.json"
