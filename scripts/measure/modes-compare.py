"""The gate (paired and stored) with and without the mode-aware signed-rank test (config sessionTest "rank" vs
"modes", src/stats/modes.ts), from two `jepsh-bench power --json` reports of the same saved pool (scripts/measure/modes-compare.sh
makes both and calls this):
A/A false alarms (per verdict and per check) with Wilson intervals, detection of each injected
delay (benchmarks detected in >= 80% / >= 95% of trials, mean rate), and the estimated smallest
detectable change. docs/statistics.md quotes its output.

    python3 scripts/measure/modes-compare.py rank.json modes.json
"""
import json
import math
import statistics
import sys


def wilson(k, n, z=1.959964):
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


reports = {name: json.load(open(path)) for name, path in zip(("rank", "modes"), sys.argv[1:3])}
first = reports["rank"]
print(f"pool of {first['poolSessions']} sessions, trials of {first['trialSessions']} sessions, {len(first['rows'])} time metrics")
last = len(first["delays"]) - 1
for mode, mdc_key in (("paired", "mdcPaired"), ("unpaired", "mdcUnpaired")):
    print(f"== {mode}")
    for name, rep in reports.items():
        rows = rep["rows"]
        fa = sum(r[mode]["falseAlarms"]["hits"] for r in rows)
        n = sum(r[mode]["falseAlarms"]["trials"] for r in rows)
        lo, hi = wilson(fa, n)
        chk = rep["checks"][mode]
        clo, chi = wilson(chk["hits"], chk["trials"])
        print(f"{name:5s}: A/A regressed verdicts {fa}/{n} = {fa / n:.2%} [{lo:.2%}, {hi:.2%}]; checks exiting 1 {chk['hits']}/{chk['trials']} [{clo:.1%}, {chi:.1%}]")
        for i, delay in enumerate(rep["delays"]):
            rates = [r[mode]["detection"][i]["rate"]["rate"] for r in rows]
            print(f"       delay {delay:>3}%: >= 95% on {sum(x >= 0.95 for x in rates)}/{len(rates)}, >= 80% on {sum(x >= 0.8 for x in rates)}, mean rate {statistics.mean(rates):.1%}")
        inf = float("inf")
        mdc = [r[mdc_key] if r[mdc_key] is not None else inf for r in rows]
        print(f"       estimated MDC median {statistics.median(mdc):.0%}; <= 5% on {sum(m <= 0.05 for m in mdc)}, <= 10% on {sum(m <= 0.1 for m in mdc)}, <= 20% on {sum(m <= 0.2 for m in mdc)}")
    rank = {r["benchmarkId"]: r for r in reports["rank"]["rows"]}
    print(f"per benchmark, {mode} detection at the largest delay (rank -> modes) and MDC:")
    for r in sorted(reports["modes"]["rows"], key=lambda r: r["benchmarkId"]):
        a = rank[r["benchmarkId"]]
        fmt = lambda m: "n/a" if m is None else f"{m:.0%}"
        print(f"  {r['benchmarkId']:45s} {a[mode]['detection'][last]['rate']['rate']:.2f} -> {r[mode]['detection'][last]['rate']['rate']:.2f}   MDC {fmt(a[mdc_key])} -> {fmt(r[mdc_key])}")
