# Variance components of the time metric of a paired A/B stored in one database: per benchmark,
# the SD of the per-session log ratio (head / base of the session means), the within-session SD
# of log samples (pooled over both sides), the between-session part left over, and the paired SD
# those predict for 1, 2 and 6 samples per session (var(d) = 2 sb^2 + 2 sw^2 / m).
#   python3 scripts/measure/variance-components.py DB BASE_RUN,HEAD_RUN [ID_SUBSTRING]
# e.g. an `ab --db X.sqlite` stores base as run 1 and head as run 2.
import sqlite3, struct, zlib, sys, json, math, statistics as st
db=sys.argv[1]; runs=[int(x) for x in sys.argv[2].split(',')]
c=sqlite3.connect(db)
def dec(b):
    if len(b)%8:
        tag=b[0]; body=b[1:len(b)-(1 if tag&0x80 else 0)]; b=zlib.decompress(body,-15)
    return struct.unpack('<%dd'%(len(b)//8),b)
def sess(run,key):
    r=c.execute("select r.samples, r.rounds from results r join benchmarks b on b.id=r.benchmark_id where r.run_id=? and b.key=? and r.metric='time'",(run,key)).fetchone()
    xs=dec(r[0]); rs=json.loads(r[1]); out=[];i=0
    for n in rs: out.append(xs[i:i+n]); i+=n
    return out
keys=[k for (k,) in c.execute("select distinct b.key from results r join benchmarks b on b.id=r.benchmark_id where r.run_id=? and r.kind='time' and r.metric='time'",(runs[0],))]
filt=sys.argv[3] if len(sys.argv)>3 else ''
for k in sorted(keys):
    if filt not in k: continue
    A=sess(runs[0],k); B=sess(runs[1],k)
    # per-session log of mean
    d=[math.log(st.mean(b))-math.log(st.mean(a)) for a,b in zip(A,B)]
    # within-session var of log samples, pooled
    w=[]; m=[]
    for s in A+B:
        if len(s)>1: w.append(st.variance([math.log(x) for x in s])); m.append(len(s))
    sw2=st.mean(w); mm=st.mean(m)
    sd=st.stdev(d)
    # between component of d: var(d) = 2*sb2 + 2*sw2/m
    sb2=max(0,(sd**2 - 2*sw2/mm)/2)
    def pred(mnew): return math.sqrt(2*sb2+2*sw2/mnew)
    print(f"{k:42s} S={len(d)} m={mm:5.1f} sd_d={sd:.3f} sw={math.sqrt(sw2):.3f} sb={math.sqrt(sb2):.3f} pred_sd(m=1)={pred(1):.3f} (m=2)={pred(2):.3f} (m=6)={pred(6):.3f}")
