#!/usr/bin/env bash
# Scale run: generate N synthetic reports, import them into a fresh store, rebuild the
# reuse index, and time the look-ups, `reuse --top` and the interface's first frame. Prints one
# Markdown table row for BENCHMARKS.md. Usage: benches/scale.sh N [WORKDIR]
set -euo pipefail
n=${1:?number of reports}
work=${2:-$(mktemp -d)}
bin=${NIANBAO_BIN:-target/release/nianbao}
corpus="$work/corpus-$n"
store="$work/scale-$n.db"
rm -rf "$corpus" "$store" "$store"-*
"$bin" bench-corpus --reports "$n" --out "$corpus" >/dev/null
mb=$(du -sm --apparent-size "$corpus" | cut -f1)

measure() { # label, command… → seconds and peak RSS (MB) on stderr of /usr/bin/time
    local label=$1; shift
    # Exit 1 means "some files failed": recorded, not fatal to the run.
    /usr/bin/time -f "$label %e %M" "$@" 2>>"$work/times-$n" >/dev/null || [ $? -eq 1 ]
}
: >"$work/times-$n"
measure import "$bin" --store "$store" import "$corpus"
measure rebuild "$bin" --store "$store" reuse --rebuild
first=$("$bin" --store "$store" list --json | python3 -c 'import json,sys; t=[t for t in json.load(sys.stdin) if t["county"] and len(t["years"]) > 1][0]; print(t["township"], t["county"], t["years"][-2], t["years"][-1])')
set -- $first
measure reuse "$bin" --store "$store" reuse "$1" "$4" --county "$2" --json
measure diff "$bin" --store "$store" diff "$1" "$3" "$4" --county "$2" --json
measure list "$bin" --store "$store" list --json
measure top "$bin" --store "$store" reuse --top --json
size=$(du -sm "$store" | cut -f1)
read -r _ import_s import_kb < <(grep '^import' "$work/times-$n")
read -r _ rebuild_s rebuild_kb < <(grep '^rebuild' "$work/times-$n")
read -r _ reuse_s _ < <(grep '^reuse' "$work/times-$n")
read -r _ diff_s _ < <(grep '^diff' "$work/times-$n")
read -r _ top_s top_kb < <(grep '^top' "$work/times-$n")
rate=$(python3 -c "print(f'{$mb/max($import_s,0.01):.1f}')")
echo "| $n | $mb MB | ${import_s} s | $rate MB/s | $((import_kb/1024)) MB | $size MB | ${rebuild_s} s ($((rebuild_kb/1024)) MB) | ${reuse_s} s | ${diff_s} s | ${top_s} s ($((top_kb/1024)) MB) |"
