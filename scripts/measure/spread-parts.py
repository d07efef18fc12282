#!/usr/bin/env python3
"""What part of each benchmark's paired spread its own samples explain (a `power` pool's JSON).

For each benchmark, the per-session log ratio of every side to side A (A0 and each delayed side,
each centred on its own median, as `sd paired` in power.ts) has a standard deviation `sd paired`.
Its part from sampling alone is what the session values' own standard errors predict: the session
value is the mean of the log samples (the geometric mean), so each side adds var(log samples) / n
of its session. `rest` is what remains: the part drawn per page and pass (JIT, heap, the page's
DOM), which more samples do not touch and more passes or sessions do.

    python3 scripts/measure/spread-parts.py POOL.json

Samples within a session are not independent (they are taken in interleaved steps), so `sampling`
is an estimate; where it reaches `sd paired` (rest 0) the session value rests on its samples.
"""
import math
import statistics as st
import sys

from pool_sessions import load, session_logs

pool, sides, ids = load(sys.argv[1])
others = [k for k in sides if k != 'A']
print(f"{'benchmark':45s} {'samples':>7s} {'sd paired':>9s} {'sampling':>8s} {'rest':>6s}")
for bid in ids:
    a = session_logs(sides['A'], bid)
    centred, parts = [], []
    for other in others:
        b = session_logs(sides[other], bid)
        d = [st.mean(y) - st.mean(x) for x, y in zip(a, b)]
        md = st.median(d)
        centred += [x - md for x in d]
        parts += [st.variance(x) / len(x) + st.variance(y) / len(y) for x, y in zip(a, b) if len(x) > 1 and len(y) > 1]
    sd = st.stdev(centred)
    sampling = math.sqrt(st.mean(parts))
    rest = math.sqrt(max(0.0, sd * sd - sampling * sampling))
    n = st.median(len(x) for x in a)
    print(f"{bid:45s} {n:7.0f} {sd:9.3f} {sampling:8.3f} {rest:6.3f}")
