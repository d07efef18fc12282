"""Paired against stored, from `jepsh-bench power --json` output: per injected delay, how many
benchmarks each mode detects in >= 80% of trials and the mean detection rate over benchmarks; and
how the estimated smallest detectable changes (MDC) of the two modes compare. docs/statistics.md
quotes its output.

    node bin/jepsh-bench.js power --from reports/power-pool.json --sessions 16 --trials 60 --json \
      | python3 scripts/measure/power-compare.py
"""
import json
import statistics
import sys

report = json.load(sys.stdin)
rows = report["rows"]
print(f"pool of {report['poolSessions']} sessions, trials of {report['trialSessions']}, {len(rows)} time metrics")
for mode in ("paired", "unpaired"):
    fa = report["checks"][mode]
    print(f"{mode}: A/A checks exiting 1 {fa['hits']}/{fa['trials']}")
# A mode without trials (a stored trial needs 2 x r sessions in the pool) has rate None: n/a.
has = {m: report["checks"][m]["trials"] > 0 for m in ("paired", "unpaired")}
for i, delay in enumerate(report["delays"]):
    line = [f"delay {delay}%:"]
    for mode in ("paired", "unpaired"):
        if not has[mode]:
            line.append(f"{mode} n/a")
            continue
        rates = [r[mode]["detection"][i]["rate"]["rate"] for r in rows]
        line.append(f"{mode} >=80% in {sum(x >= 0.8 for x in rates)}/{len(rates)}, >=95% in {sum(x >= 0.95 for x in rates)}, mean rate {statistics.mean(rates):.1%}")
    if all(has.values()):
        higher = sum(r["paired"]["detection"][i]["rate"]["rate"] > r["unpaired"]["detection"][i]["rate"]["rate"] for r in rows)
        lower = sum(r["paired"]["detection"][i]["rate"]["rate"] < r["unpaired"]["detection"][i]["rate"]["rate"] for r in rows)
        line.append(f"paired higher on {higher}, lower on {lower}")
    print("  ".join(line))
inf = float("inf")
mp = [r["mdcPaired"] if r["mdcPaired"] is not None else inf for r in rows]
mu = [r["mdcUnpaired"] if r["mdcUnpaired"] is not None else inf for r in rows]
stored = (f"median stored {statistics.median(mu):.0%}; paired smaller on {sum(a < b for a, b in zip(mp, mu))}, equal on "
          f"{sum(a == b for a, b in zip(mp, mu))}, larger on {sum(a > b for a, b in zip(mp, mu))}") if has["unpaired"] else "stored n/a"
print(f"estimated MDC: median paired {statistics.median(mp):.0%}, paired <= 10% on {sum(a <= 0.1 for a in mp)}, <= 20% on {sum(a <= 0.2 for a in mp)}; {stored}")
for key, name in (("label", "labels stored"), ("pairedLabel", "labels paired")):
    labels = [r.get(key) for r in rows]
    print(f"{name}: " + ", ".join(f"{l} {labels.count(l)}" for l in ("stable", "noisy", "multimodal")))
