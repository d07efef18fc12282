"""Reads a `power` pool's JSON for the scripts beside it: each session's log samples, by side."""
import json
import math


def load(path):
    """The pool, its sides by key, and its time-metric benchmark ids in side A's order."""
    pool = json.load(open(path))
    sides = {s['key']: s for s in pool['sides']}
    ids = [x['benchmarkId'] for x in sides['A']['results'] if x['metric'] == 'time']
    return pool, sides, ids


def session_logs(side, bid):
    """The log samples of each session of one benchmark's time metric on one side."""
    r = next(x for x in side['results'] if x['benchmarkId'] == bid and x['metric'] == 'time')
    out, i = [], 0
    for n in r['rounds']:
        out.append([math.log(v) for v in r['samples'][i:i + n]])
        i += n
    return out
