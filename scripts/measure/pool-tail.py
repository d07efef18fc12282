"""Rewrites a saved power pool so that each delayed side (A+d%) holds the A/A twin's (A0's) samples
with a *tail-only* slowdown: each time sample, with probability 0.2 (seeded), is made 1 + 5d/100
times slower, so the expected mean rises by d% while most samples do not move. An injected
`--inject-delay` slows every sample alike; real regressions (more GC, a slow path taken now and
then) often do not. `power --from` on the result shows what each session statistic (rewrite it
further with pool-statistic.py) detects of such a change. docs/statistics.md quotes its output.

    python3 scripts/measure/pool-tail.py reports/power-pool.json /tmp/pool-tail.json
"""
import json
import random
import sys

src, dst = sys.argv[1], sys.argv[2]
SHARE = 0.2
pool = json.load(open(src))
twin = {r["benchmarkId"] + "\0" + r["metric"]: r for r in next(s for s in pool["sides"] if s["key"] == "A0")["results"]}
rng = random.Random(1)
for side in pool["sides"]:
    d = side.get("delayPct") or 0
    if d <= 0:
        continue
    out = []
    for r in side["results"]:
        t = twin.get(r["benchmarkId"] + "\0" + r["metric"])
        if r.get("kind") != "time" or t is None:
            out.append(r)
            continue
        factor = 1 + d / 100 / SHARE
        samples = [x * factor if rng.random() < SHARE else x for x in t["samples"]]
        out.append({**t, "samples": samples})
    side["results"] = out
json.dump(pool, open(dst, "w"))
