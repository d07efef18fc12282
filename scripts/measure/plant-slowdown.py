"""Plants the end-to-end scripts' known slowdown in a copy of the runtime: 40 extra integer steps in
every computed evaluation (where `computedRuns` is counted). Used by end-to-end.sh and
stored-gate.sh.

    python3 scripts/measure/plant-slowdown.py COPY/src/runtime/reactivity/graph.ts
"""
import sys

p = sys.argv[1]
s = open(p).read()
mark = "  counters.computedRuns++;\n"
assert s.count(mark) == 1, "injection point moved"
s = s.replace(mark, mark + "  { let x = 0; for (let i = 0; i < 40; i++) x = (x * 31 + i) | 0; slowSink = x; }\n")
s = s.replace("export ", "let slowSink = 0;\nexport ", 1)
open(p, "w").write(s)
