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
for i, delay in enumerate(report["delays"]):
    line = [f"delay {delay}%:"]
    for mode in ("paired", "unpaired"):
        rates = [r[mode]["detection"][i]["rate"]["rate"] for r in rows]
        line.append(f"{mode} >=80% in {sum(x >= 0.8 for x in rates)}/{len(rates)}, mean rate {statistics.mean(rates):.1%}")
    higher = sum(r["paired"]["detection"][i]["rate"]["rate"] > r["unpaired"]["detection"][i]["rate"]["rate"] for r in rows)
    lower = sum(r["paired"]["detection"][i]["rate"]["rate"] < r["unpaired"]["detection"][i]["rate"]["rate"] for r in rows)
    line.append(f"paired higher on {higher}, lower on {lower}")
    print("  ".join(line))
inf = float("inf")
mp = [r["mdcPaired"] if r["mdcPaired"] is not None else inf for r in rows]
mu = [r["mdcUnpaired"] if r["mdcUnpaired"] is not None else inf for r in rows]
print(f"estimated MDC: paired smaller on {sum(a < b for a, b in zip(mp, mu))}, equal on {sum(a == b for a, b in zip(mp, mu))}, larger on {sum(a > b for a, b in zip(mp, mu))}; "
      f"median paired {statistics.median(mp):.0%}, stored {statistics.median(mu):.0%}; paired <= 10% on {sum(a <= 0.1 for a in mp)}, <= 20% on {sum(a <= 0.2 for a in mp)}")
labels = [r["label"] for r in rows]
print("labels: " + ", ".join(f"{l} {labels.count(l)}" for l in ("stable", "noisy", "multimodal")))
