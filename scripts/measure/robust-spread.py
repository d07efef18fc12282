"""Robust against classical spread of paired log ratios in a saved power pool.

For each time benchmark: the SD of d_i = ln(A0_i / A_i) over the pool's sessions, 1.4826·MAD of
the same values, and, for one injected delay, the paired t and Wilcoxon p-values and the mean and
Hodges-Lehmann estimates; last, the median over benchmarks of the within-session SD of log samples
against the SD of log session medians (side A). docs/statistics.md quotes its output.

    python3 scripts/measure/robust-spread.py reports/power-pool.json 10
"""
import json
import sys

import numpy as np
from scipy import stats

pool = json.load(open(sys.argv[1]))
delay = sys.argv[2] if len(sys.argv) > 2 else "10"
sides = {s["key"]: {r["benchmarkId"]: r for r in s["results"] if r["metric"] == "time" and not r["benchmarkId"].startswith("controls/")} for s in pool["sides"]}


def session_log_medians(r):
    out, at = [], 0
    for n in r["rounds"]:
        out.append(np.median(r["samples"][at:at + n]))
        at += n
    return np.log(np.array(out))


def within_sd(r):
    sds, at = [], 0
    for n in r["rounds"]:
        logs = np.log(np.array(r["samples"][at:at + n]))
        at += n
        if len(logs) > 1:
            sds.append(logs.std(ddof=1))
    return np.median(sds)


def walsh_median(d):
    return np.median([(d[i] + d[j]) / 2 for i in range(len(d)) for j in range(i, len(d))])


print(f"pool measured {pool['measuredAt']} with {pool['environment']['browserVersion'] if pool.get('environment') else '?'}; {pool['sessions']} sessions; delay {delay}%")
print(f"{'benchmark':44} {'sd':>6} {'1.48MAD':>7} | {'t p':>8} {'W p':>8} {'mean':>7} {'HL':>7}")
rows = []
for bid in sides["A"]:
    a, a0, ad = (session_log_medians(sides[k][bid]) for k in ("A", "A0", f"A+{delay}%"))
    d0, dd = a0 - a, ad - a
    mad = 1.4826 * np.median(np.abs(d0 - np.median(d0)))
    rows.append((d0.std(ddof=1), mad))
    print(f"{bid:44} {d0.std(ddof=1):6.3f} {mad:7.3f} | {stats.ttest_1samp(dd, 0).pvalue:8.1e} {stats.wilcoxon(dd).pvalue:8.1e} {np.expm1(dd.mean()):+7.3f} {np.expm1(walsh_median(dd)):+7.3f}")
sd, mad = np.array(rows).T
print(f"median over benchmarks: sd {np.median(sd):.3f}, 1.4826*MAD {np.median(mad):.3f}, ratio {np.median(sd / np.maximum(mad, 1e-9)):.1f}")
within = [within_sd(sides["A"][b]) for b in sides["A"]]
between = [session_log_medians(sides["A"][b]).std(ddof=1) for b in sides["A"]]
print(f"side A, median over benchmarks: within-session SD of log samples {np.median(within):.3f}, SD of log session medians {np.median(between):.3f}")
