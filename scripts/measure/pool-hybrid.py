#!/usr/bin/env python3
"""A third design from the two that scripts/measure/design-pool.ts writes for one pool: the new
design's sessions for every benchmark except those named, which take the old design's (the same
sessions, cut). Both files hold the very same sessions, so the hybrid is exactly what a config
between the two would have measured there (every benchmark is one or the other). Costs come from
the new file. docs/statistics.md section 1 quotes its scores.

    python3 scripts/measure/pool-hybrid.py design-new.json design-old.json OUT.json ID [ID ...]
"""
import json
import sys

new_file, old_file, out, *old_ids = sys.argv[1:]
new, old = json.load(open(new_file)), json.load(open(old_file))
known = {r['benchmarkId'] for s in new['sides'] for r in s['results']}
missing = [i for i in old_ids if i not in known]
if missing:
    sys.exit(f"pool-hybrid: not in the pool: {', '.join(missing)}")
old_sides = {s['key']: s for s in old['sides']}
for side in new['sides']:
    side['results'] = [r for r in side['results'] if r['benchmarkId'] not in old_ids] + [
        r for r in old_sides[side['key']]['results'] if r['benchmarkId'] in old_ids
    ]
json.dump(new, open(out, 'w'))
print(f"{out}: {len(old_ids)} benchmarks from {old_file}, the rest from {new_file}")
