#!/usr/bin/env bash
# Scale run: generate N synthetic reports, import them into a fresh store, then time what
# a reviewer does on a store that size — the interface's first frame and a filter
# keystroke (benches/tui_timing.py, in tmux), `list`, a reuse look-up, `reuse --top`, a
# search of three or more characters and one of two, a `diff` and `check` over the whole
# store — each with its peak RSS (/usr/bin/time), and the store's size. Prints Markdown
# rows for BENCHMARKS.md: | reports | what | wall | peak RSS | note |.
#
# Usage: benches/scale.sh N [WORKDIR]
#   NIANBAO_BIN    the binary (default target/release/nianbao)
#   SCALE_TIMEOUT  seconds each query may take before it is stopped and recorded as not
#                  finished (default 600); the import is given SCALE_IMPORT_TIMEOUT
#                  (default 7200)
#   SCALE_KEEP=1   keep the corpus and the store afterwards (default: deleted)
#   SCALE_REUSE=1  measure the store and corpus a kept run left in WORKDIR (no rows for
#                  writing and importing them)
set -euo pipefail
n=${1:?number of reports}
work=${2:-$(mktemp -d)}
bin=$(realpath "${NIANBAO_BIN:-target/release/nianbao}")
here=$(dirname "$(realpath "$0")")
limit=${SCALE_TIMEOUT:-600}
import_limit=${SCALE_IMPORT_TIMEOUT:-7200}
mkdir -p "$work"
corpus="$work/corpus-$n"
store="$work/scale-$n.db"
log="$work/scale-$n.log"
reuse=0
if [[ ${SCALE_REUSE:-0} == 1 && -f $store && -d $corpus ]]; then
    reuse=1
else
    rm -rf "$corpus" "$store" "$store"-*
fi
touch "$log"
say() { echo "$(date -u +%H:%M:%S) $*" >>"$log"; }
row() { echo "| $n | $1 | $2 | $3 | $4 |"; }

# Runs a command under /usr/bin/time and `timeout`; sets wall, rss (MB) and note. Output
# goes to /dev/null; exit 1 (findings, or some files failed) is a normal end.
measure() {
    local seconds=$1 status=0
    shift
    say "start: $*"
    /usr/bin/time -o "$work/time.out" -f "%e %M" timeout "$seconds" "$@" \
        >/dev/null 2>"$work/stderr.out" || status=$?
    read -r wall kb < <(tail -n 1 "$work/time.out")
    rss="$((kb / 1024)) MB"
    case $status in
    0 | 1) note="" ;;
    124) note="did not finish in $seconds s" wall="> $seconds s" ;;
    *) note="failed (exit $status): $(head -c 200 "$work/stderr.out" | tr '\n|' '  ')" ;;
    esac
    [[ $wall == ">"* ]] || wall="$wall s"
    say "done: $wall, $rss, status $status"
}

if [[ $reuse == 0 ]]; then
    measure "$import_limit" "$bin" bench-corpus --reports "$n" --out "$corpus"
    mb=$(du -sm --apparent-size "$corpus" | cut -f1)
    files=$(find "$corpus" -type f | wc -l)
    row "corpus written ($files files, $mb MB)" "$wall" "$rss" "$note"
    measure "$import_limit" "$bin" --store "$store" import "$corpus"
    rate=$(python3 -c "w='$wall'.split()[-2]; print(f'{$mb/max(float(w),0.01):.1f}')")
    size=$(du -sm "$store" | cut -f1)
    row import "$wall ($rate MB/s)" "$rss" "store $size MB ($(python3 -c "print(f'{$size/$mb:.2f}')")× the corpus)${note:+; $note}"
fi

# The township with most years, for the queries that name one, from the plain list
# (`list --json` computes every township's summary: that is measured below).
"$bin" --store "$store" --lang en list >"$work/list.tsv"
read -r townships township county old new < <(python3 -c '
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")][1:]
t = max((r for r in rows if r[1] != "-"), key=lambda r: len(r[3].split()))
years = t[3].split()
print(len(rows), t[0], t[1], years[-2], years[-1])' "$work/list.tsv")
rm -f "$work/list.tsv"

if command -v tmux >/dev/null; then
    say "start: interface"
    read -r first first_cpu strokes tui_rss screen_read < <(python3 "$here/tui_timing.py" "$bin" "$store" "$townships")
    say "done: interface $first s, keystrokes $strokes ms"
    row "interface: first frame with $townships townships listed" "$first s" "$tui_rss MB" \
        "$first_cpu s of CPU by then; peak RSS of the whole session"
    row "interface: filter keystrokes (narrow, narrow, widen)" "$strokes ms" "" \
        "from sending the key until the screen shows the new count; one screen read takes $screen_read ms"
fi
measure "$limit" "$bin" --store "$store" list
row "\`list\` (townships and years)" "$wall" "$rss" "$note"
measure "$limit" "$bin" --store "$store" list --json
row "\`list --json\` (every township's summary: copy ratio, findings)" "$wall" "$rss" "$note"
measure "$limit" "$bin" --store "$store" search 矛盾纠纷 --json
row "\`search 矛盾纠纷\` (trigram index)" "$wall" "$rss" "$note"
measure "$limit" "$bin" --store "$store" search 调解 --json
row "\`search 调解\` (two characters: every report read)" "$wall" "$rss" "$note"
measure "$limit" "$bin" --store "$store" diff "$township" "$old" "$new" --county "$county" --json
row "\`diff\` $township $old/$new" "$wall" "$rss" "$note"
measure "$limit" "$bin" --store "$store" reuse "$township" "$new" --county "$county" --json
row "reuse look-up of one report" "$wall" "$rss" "$note"
measure "$limit" "$bin" --store "$store" reuse --top --json
row "\`reuse --top\`" "$wall" "$rss" "$note"
measure "$limit" "$bin" --store "$store" check --json
row "\`check --json\` over the whole store, to /dev/null" "$wall" "$rss" "$note"

if [[ ${SCALE_KEEP:-0} != 1 ]]; then
    rm -rf "$corpus" "$store" "$store"-*
fi
