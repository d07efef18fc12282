"""Session statistics compared on raw paired A/A sessions (the OUT file of estimators.ts): per
statistic, the median over benchmarks of the SD (and 1.4826 MAD) of the per-session log ratio B/A,
the SD of side A's log session values (the spread a stored baseline works against), and on how
many benchmarks the paired SD is lower than with the median. docs/statistics.md quotes it.

    python3 scripts/measure/estimators-compare.py raw.json [more.json ...]
"""
import json,math,statistics as st,sys
def med(x): return st.median(x)
def gm(x): return math.exp(sum(map(math.log,x))/len(x))
def mn(x): return sum(x)/len(x)
def tm(x,c=0.1):
    s=sorted(x);k=int(len(s)*c);return mn(s[k:len(s)-k])
def mad(v):
    m=med(v);return 1.4826*med([abs(a-m) for a in v])
E={'median':med,'gmean':gm,'mean':mn,'tmean10':tm}
for f in sys.argv[1:]:
    d=json.load(open(f))['raw']
    by={}
    for r in d: by.setdefault(r['id'],[]).append(r)
    agg={k:{'pair':[], 'pmad':[], 'unp':[]} for k in E}
    for i,rs in by.items():
        if len(rs)<3: continue
        for k,fn in E.items():
            pr=[math.log(fn(r['b'])/fn(r['a'])) for r in rs]
            ua=[math.log(fn(r['a'])) for r in rs]
            agg[k]['pair'].append(st.stdev(pr)); agg[k]['pmad'].append(mad(pr)); agg[k]['unp'].append(st.stdev(ua))
    print(f, len(by))
    for k in E:
        wins=sum(1 for a,b in zip(agg[k]['pair'],agg['median']['pair']) if a<b)
        print('  %-8s paired sd %.3f  paired mad %.3f  unpaired sd %.3f  lower than median: %d/%d'%(k,med(agg[k]['pair']),med(agg[k]['pmad']),med(agg[k]['unp']),wins,len(agg[k]['pair'])))
