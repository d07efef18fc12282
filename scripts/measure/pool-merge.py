"""Merges saved power pools (`jepsh-bench power --save`) into one with all their sessions.

Each pool holds, per side (A, A0 and one per injected delay), the raw samples of every benchmark
with `rounds` (samples per session). The merged pool concatenates the sessions of every side in
pool order, so `power --from MERGED --sessions S` draws trials of S sessions from all of them:
with two pools of 28, trials of 20 sessions overlap by about 36% instead of 71%. Paired trials
compare sides of the same session, so pools measured hours apart combine soundly for them; the
stored (unpaired) trials would mix hours. Not used for any figure in the docs yet.

    python3 scripts/measure/pool-merge.py OUT.json POOL1.json POOL2.json [...]
"""
import json
import sys

out_path, paths = sys.argv[1], sys.argv[2:]
pools = [json.load(open(p)) for p in paths]
merged = dict(pools[0])
merged["sessions"] = sum(p["sessions"] for p in pools)
merged["measuredAt"] = ", ".join(p["measuredAt"] for p in pools)
sides = []
for side in pools[0]["sides"]:
    key = side["key"]
    others = [next(s for s in p["sides"] if s["key"] == key) for p in pools[1:]]
    results = []
    for r in side["results"]:
        same = [
            next(x for x in o["results"] if x["benchmarkId"] == r["benchmarkId"] and x["metric"] == r["metric"])
            for o in others
        ]
        m = dict(r)
        # Per-session results (with `rounds`) concatenate; a run-level value (a counter) stays the first pool's.
        if "rounds" in r:
            m["samples"] = r["samples"] + [v for x in same for v in x["samples"]]
            m["rounds"] = r["rounds"] + [n for x in same for n in x["rounds"]]
        results.append(m)
    sides.append({**side, "results": results})
merged["sides"] = sides
json.dump(merged, open(out_path, "w"))
print(f"{out_path}: {merged['sessions']} sessions from {len(pools)} pools, {len(sides)} sides")
