"""Rewrites a saved power pool so that each session's time samples all equal one statistic of that
session's samples (sessions keep their sizes). `power --from` on the result then runs the gate's
own trials with that statistic as the session value, on the same sessions: how docs/statistics.md
compared the median with the geometric mean.

    python3 scripts/measure/pool-statistic.py reports/power-pool.json /tmp/pool-median.json median
"""
# Rewrites a power pool so that each session's time samples all equal one statistic of that session
# (sessions keep their sizes): `power --from` on the result then tests that statistic per session.
import json,math,statistics,sys
src,dst,stat=sys.argv[1],sys.argv[2],sys.argv[3]
def gm(x): return math.exp(sum(map(math.log,x))/len(x)) if all(v>0 for v in x) else statistics.median(x)
F={'gmean':gm,'mean':lambda x: sum(x)/len(x),'median':statistics.median,'min':min}[stat]
pool=json.load(open(src))
for side in pool['sides']:
    for r in side['results']:
        if r.get('kind')!='time': continue
        sizes=r.get('rounds') or [len(r['samples'])]
        out=[];at=0
        for n in sizes:
            s=r['samples'][at:at+n];at+=n
            if n: out+= [F(s)]*n
        r['samples']=out
json.dump(pool,open(dst,'w'))
