"""Per-benchmark spread of the per-session log ratio in two stores of paired A/A runs, side by side.

Each store holds `ab --base` / `check --base` runs (base first, head second) of the same code made
under two settings (for example without and with a per-session V8 seed). For every time metric:
d_i = mean log sample of head's session i minus base's; prints the SD of d (classical and robust:
1.4826 x MAD) under each setting and their ratio, then the median ratio over the metrics and how
many metrics got smaller. docs/statistics.md quotes its output.

    python3 scripts/measure/spread-compare.py [--all] A.sqlite B.sqlite

--all pools the sessions of every base/head pair in each store (runs taken in order, two by two:
what scripts/measure/two-trees-aa.sh leaves), instead of the last pair only.
"""
import json
import math
import sqlite3
import statistics as st
import struct
import sys
import zlib


def decode(blob):
    """A sample blob of either layout (src/store/samples.ts): plain float64, or tag + raw deflate."""
    if len(blob) % 8:
        pad = 1 if blob[0] & 0x80 else 0
        blob = zlib.decompress(blob[1 : len(blob) - pad], -15)
    return struct.unpack("<%dd" % (len(blob) // 8), blob)


def per_session_d(path, every_pair=False):
    """Time metric -> d_i over the sessions of the store's last base/head pair of runs (or all pairs)."""
    db = sqlite3.connect(path)
    runs = [r[0] for r in db.execute("SELECT id FROM runs WHERE status = 'complete' ORDER BY id")]
    if every_pair:
        out = {}
        for i in range(0, len(runs) - 1, 2):
            for k, d in pair_d(db, runs[i], runs[i + 1]).items():
                out.setdefault(k, []).extend(d)
        return out
    return pair_d(db, runs[-2], runs[-1])


def pair_d(db, base, head):

    def values(run):
        out = {}
        rows = db.execute(
            "SELECT b.key, r.samples, r.rounds FROM results r JOIN benchmarks b ON b.id = r.benchmark_id "
            "WHERE r.run_id = ? AND r.kind = 'time' AND r.metric = 'time'",
            (run,),
        )
        for key, blob, rounds in rows:
            samples = decode(blob)
            at, vals = 0, []
            for n in json.loads(rounds) if rounds else []:
                part = samples[at : at + n]
                at += n
                vals.append(sum(math.log(x) for x in part) / n if n and min(part) > 0 else math.nan)
            out[key] = vals
        return out

    b, h = values(base), values(head)
    return {k: [y - x for x, y in zip(b[k], h[k])] for k in b if k in h and len(b[k]) == len(h[k]) >= 3}


def robust_sd(xs):
    m = st.median(xs)
    return 1.4826 * st.median([abs(x - m) for x in xs])


args = [x for x in sys.argv[1:] if x != "--all"]
every = "--all" in sys.argv[1:]
a, b = per_session_d(args[0], every), per_session_d(args[1], every)
keys = sorted(k for k in a if k in b)
ratios, robust_ratios = [], []
print(f"{'time metric':44s} {'SD A':>7s} {'SD B':>7s} {'B/A':>5s}   {'rSD A':>7s} {'rSD B':>7s} {'B/A':>5s}")
for k in keys:
    sa, sb, ra, rb = st.stdev(a[k]), st.stdev(b[k]), robust_sd(a[k]), robust_sd(b[k])
    ratio = sb / sa if sa > 0 else math.nan
    rr = rb / ra if ra > 0 else math.nan
    ratios.append(ratio)
    robust_ratios.append(rr)
    print(f"{k:44s} {sa:7.3f} {sb:7.3f} {ratio:5.2f}   {ra:7.3f} {rb:7.3f} {rr:5.2f}")
fin = [r for r in ratios if math.isfinite(r)]
rfin = [r for r in robust_ratios if math.isfinite(r)]
print(
    f"{len(keys)} time metrics; median SD ratio B/A {st.median(fin):.2f} (smaller in B: {sum(r < 1 for r in fin)}), "
    f"robust {st.median(rfin):.2f} (smaller in B: {sum(r < 1 for r in rfin)}); "
    f"median SD A {st.median(st.stdev(a[k]) for k in keys):.3f}, B {st.median(st.stdev(b[k]) for k in keys):.3f}"
)
