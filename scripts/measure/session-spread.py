"""Spread of the per-session log ratio in stored paired A/B runs, and whether it is shared.

For every complete base/head pair of runs in a jepsh-bench SQLite file (as `check --base` /
`ab` store them, base first): d_i = mean log sample of head's session i minus base's, per time
metric (the geometric mean is the session value the gate uses). Prints the median SD of d over the
time metrics, then per suite the median correlation of d between its benchmarks and the median
ratio SD(d - mean d of the suite's other benchmarks) / SD(d): a ratio below 1 would mean a
per-page effect shared by a suite's benchmarks that a correction could remove. docs/statistics.md
quotes its output.

    python3 scripts/measure/session-spread.py baselines/jepsh-bench.sqlite
"""
import itertools
import json
import math
import sqlite3
import statistics as st
import struct
import sys

db = sqlite3.connect(sys.argv[1])
runs = [r[0] for r in db.execute("SELECT id FROM runs WHERE status = 'complete' ORDER BY id")]


def session_values(run):
    """Per time metric: the mean log sample of each session, in session order."""
    out = {}
    rows = db.execute(
        "SELECT b.key, r.samples, r.rounds FROM results r JOIN benchmarks b ON b.id = r.benchmark_id "
        "WHERE r.run_id = ? AND r.kind = 'time' AND r.metric = 'time'",
        (run,),
    )
    for key, blob, rounds in rows:
        samples = struct.unpack("<%dd" % (len(blob) // 8), blob)
        counts = json.loads(rounds) if rounds else []
        values, at = [], 0
        for n in counts:
            part = samples[at : at + n]
            at += n
            values.append(sum(math.log(x) for x in part) / n if n and min(part) > 0 else math.nan)
        if len(values) >= 3:
            out[key] = values
    return out


for base, head in zip(runs[0::2], runs[1::2]):
    b, h = session_values(base), session_values(head)
    d = {k: [y - x for x, y in zip(b[k], h[k])] for k in sorted(b) if k in h and len(b[k]) == len(h[k])}
    sd = {k: st.stdev(v) for k, v in d.items()}
    print(f"runs {base}/{head}: {len(d)} time metrics, median SD of the per-session log ratio {st.median(sd.values()):.3f}")
    suites = {}
    for k in d:
        suites.setdefault(k.split("/")[0], []).append(k)
    for suite, keys in sorted(suites.items()):
        if len(keys) < 3:
            continue
        corr = [st.correlation(d[x], d[y]) for x, y in itertools.combinations(keys, 2) if sd[x] > 0 and sd[y] > 0]
        ratio = []
        for k in keys:
            others = [o for o in keys if o != k]
            shared = [st.mean(d[o][i] for o in others) for i in range(len(d[k]))]
            if sd[k] > 0:
                ratio.append(st.stdev([x - m for x, m in zip(d[k], shared)]) / sd[k])
        print(f"  {suite}: {len(keys)} benchmarks, median correlation {st.median(corr):+.2f}, "
              f"median SD ratio after removing the suite's shared part {st.median(ratio):.2f}")
