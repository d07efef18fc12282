#!/usr/bin/env python3
"""The change each side of a `power` pool shows over all its sessions, per benchmark: the
Hodges-Lehmann estimate of the per-session log ratio to side A (geometric means of the session's
samples), as a percentage. A delayed side's samples are slowed by exactly its delay, so what this
shows beyond the delay is the pool's own draw of session noise: every trial is drawn from these
sessions, so a benchmark whose +5% side shows +3% over the pool is found in few trials however
many are drawn. docs/statistics.md section 5 quotes its output.

    python3 scripts/measure/pool-shifts.py POOL.json
"""
import math
import statistics as st
import sys

from pool_sessions import load, session_logs

pool, sides, ids = load(sys.argv[1])
others = [k for k in sides if k != 'A']


def session_values(side, bid):
    return [st.mean(logs) for logs in session_logs(sides[side], bid)]


def hodges_lehmann(d):
    return st.median((d[i] + d[j]) / 2 for i in range(len(d)) for j in range(i, len(d)))


print(f"{'benchmark':45s} " + " ".join(f"{k:>7s}" for k in others))
shifts = {k: [] for k in others}
for bid in ids:
    a = session_values('A', bid)
    row = []
    for k in others:
        d = [y - x for x, y in zip(a, session_values(k, bid))]
        row.append(100 * (math.exp(hodges_lehmann(d)) - 1))
        shifts[k].append(row[-1])
    print(f"{bid:45s} " + " ".join(f"{x:7.1f}" for x in row))
for k in others:
    print(f"{k}: from {min(shifts[k]):.1f}% to {max(shifts[k]):.1f}%, median {st.median(shifts[k]):.1f}%")
