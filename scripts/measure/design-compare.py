#!/usr/bin/env python3
"""Two sampling designs scored on the same pool (scripts/measure/design-pool.ts), side by side:
per benchmark the paired SD and the paired detection rates at each injected delay, old -> new;
then the counts over all benchmarks. docs/statistics.md quotes its output.

    jepsh-bench power --from /tmp/design-old.json --sessions 16 --trials 60 --json > old.json
    jepsh-bench power --from /tmp/design-new.json --sessions 16 --trials 60 --json > new.json
    python3 scripts/measure/design-compare.py old.json new.json
"""
import json
import statistics
import sys

old, new = (json.load(open(f)) for f in sys.argv[1:3])
rows = {r["benchmarkId"]: r for r in old["rows"]}
delays = new["delays"]


def rate(r, d):
    return next(x["rate"]["rate"] for x in r["paired"]["detection"] if x["delayPct"] == d)


head = " | ".join(f"{d}% old -> new" for d in delays)
print(f"| benchmark | label old -> new | sd paired old -> new | {head} |")
print("| :--- | :--- | ---: | " + " | ".join("---:" for _ in delays) + " |")
changed = []
for r in new["rows"]:
    o = rows[r["benchmarkId"]]
    cells = " | ".join(f"{rate(o, d):.0%} -> {rate(r, d):.0%}" for d in delays)
    print(f"| {r['benchmarkId']} | {o['pairedLabel']} -> {r['pairedLabel']} | {o['sdPaired']:.3f} -> {r['sdPaired']:.3f} | {cells} |")
    changed.append(r["sdPaired"] / o["sdPaired"])
print()
for name, rep in (("old", old), ("new", new)):
    rs = rep["rows"]
    stable = [r for r in rs if r["pairedLabel"] == "stable"]
    fa = sum(r["paired"]["falseAlarms"]["hits"] for r in rs)
    n = sum(r["paired"]["falseAlarms"]["trials"] for r in rs)
    checks = rep["checks"]["paired"]
    line = [f"{name}: A/A {fa}/{n} verdicts, {checks['hits']}/{checks['trials']} checks;",
            f"median sd paired {statistics.median(r['sdPaired'] for r in rs):.3f};",
            f"stable {len(stable)}"]
    for d, need in ((10, 0.95), (5, 0.8)):
        if d in rep["delays"]:
            line.append(f"{d}% >= {need:.0%}: stable {sum(rate(r, d) >= need for r in stable)}/{len(stable)},"
                        f" all {sum(rate(r, d) >= need for r in rs)}/{len(rs)} (mean {statistics.mean(rate(r, d) for r in rs):.1%})")
    print(" ".join(line))
lower = sum(x < 1 for x in changed)
print(f"sd paired new/old: geometric mean {statistics.geometric_mean(changed):.3f}, lower for {lower} of {len(changed)}")
