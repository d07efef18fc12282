#!/bin/bash
# Paired A/As (`ab --base-dir . --head-dir .`) of two trees of jepsh-bench in ABBA order, so that a
# harness change can be judged by the spread it leaves, the host's drift shared by both:
#   bash scripts/measure/two-trees-aa.sh OLD_TREE NEW_TREE OUTDIR [ROUNDS] -- [ab arguments]
# OLD_TREE and NEW_TREE are clones with node_modules. Each round runs old, new, new, old; the runs
# go to OUTDIR/old.sqlite and OUTDIR/new.sqlite, one line per run with its time line. Then:
#   python3 scripts/measure/spread-compare.py --all OUTDIR/old.sqlite OUTDIR/new.sqlite
set -u
old=$(realpath "${1:?usage: two-trees-aa.sh OLD NEW OUTDIR [ROUNDS] -- [ab args]}")
new=$(realpath "${2:?}")
mkdir -p "${3:?}"
out=$(realpath "$3")
rounds=${4:-1}
shift 4 2>/dev/null || shift $#
[ "${1:-}" = "--" ] && shift
one() {
  local name=$1 tree=$2 s
  shift 2
  s=$(date +%s)
  (cd "$tree" && node bin/jepsh-bench.js ab --base-dir . --head-dir . --db "$out/$name.sqlite" --json "$@" \
    >"$out/$name-$s.json" 2>"$out/$name-$s.err")
  echo "$name rc=$? start=$(date -u -d @"$s" +%H:%M:%S) $(grep -h '^time:' "$out/$name-$s.err")"
}
for _ in $(seq 1 "$rounds"); do
  one old "$old" "$@"
  one new "$new" "$@"
  one new "$new" "$@"
  one old "$old" "$@"
done
