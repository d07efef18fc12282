"""Issue 9's power targets, per benchmark, from `jepsh-bench power --json` output: A/A false alarms
over all time verdicts, and for the benchmarks the paired spread labels stable, how many find a 10%
delay in >= 95% of paired trials and 5% in >= 80%; then every benchmark that misses, with its label,
paired SD, estimated MDC and its 5% and 10% rates. docs/statistics.md quotes its output.

    node bin/jepsh-bench.js power --from reports/power-pool.json --sessions 16 --trials 60 --json \
      | python3 scripts/measure/power-targets.py
"""
import json
import sys

rows = json.load(sys.stdin)["rows"]


def rate(row, pct):
    return next(d["rate"]["rate"] for d in row["paired"]["detection"] if d["delayPct"] == pct)


hits = sum(r["paired"]["falseAlarms"]["hits"] for r in rows)
trials = sum(r["paired"]["falseAlarms"]["trials"] for r in rows)
print(f"paired A/A: {hits} of {trials} time verdicts flagged")
stable = [r for r in rows if r["pairedLabel"] == "stable"]
print(
    f"labelled stable (paired): {len(stable)} of {len(rows)}; "
    f"10% in >= 95%: {sum(rate(r, 10) >= 0.95 for r in stable)}; 5% in >= 80%: {sum(rate(r, 5) >= 0.8 for r in stable)}"
)
for r in sorted(rows, key=lambda r: (r["pairedLabel"] != "stable", r["benchmarkId"])):
    if r["pairedLabel"] == "stable" and rate(r, 10) >= 0.95 and rate(r, 5) >= 0.8:
        continue
    mdc = "n/a" if r["mdcPaired"] is None else f"{round(r['mdcPaired'] * 100)}%"
    print(
        f"  {r['pairedLabel']:10} {r['benchmarkId']:45} sd {r['sdPaired']:.3f}  MDC {mdc:>5}  "
        f"5%: {rate(r, 5):.0%}  10%: {rate(r, 10):.0%}"
    )
