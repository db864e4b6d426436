#!/usr/bin/env bash
# Huge pairs: writes pairs of "years" of 1, 5, 10 and 49 MB (many townships' reports of
# a synthetic corpus run together, each township renamed per repetition so the text
# does not simply repeat), then runs `nianbao diff OLD NEW --json` on each under
# /usr/bin/time. Prints one Markdown table row per size for BENCHMARKS.md, with the
# machine's one-minute load average when the run ended (the machine is shared).
# Time and memory should grow in proportion to the size: compare the rows.
# Usage: benches/huge_pair.sh [WORKDIR] [SIZES_MB...]
set -euo pipefail
work=${1:-$(mktemp -d)}
shift || true
sizes=${*:-1 5 10 49}
bin=${NIANBAO_BIN:-target/release/nianbao}
corpus="$work/corpus"
[ -d "$corpus" ] || "$bin" bench-corpus --reports 2000 --years 2 --out "$corpus" >/dev/null
for mb in $sizes; do
    python3 "$(dirname "$0")/huge_pair_text.py" "$corpus" "$work" "$mb"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time-$mb" \
        "$bin" diff "$work/old-$mb.txt" "$work/new-$mb.txt" --json >"$work/diff-$mb.json" || [ $? -eq 1 ]
    read -r secs user sys kb <"$work/time-$mb"
    note=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d.get('notice') or '-')" "$work/diff-$mb.json" 2>/dev/null || echo '?')
    cpu=$(python3 -c "print(f'{$user + $sys:.1f}')")
    load=$(cut -d' ' -f1 /proc/loadavg)
    echo "| $mb MB | $(stat -c %s "$work/old-$mb.txt") + $(stat -c %s "$work/new-$mb.txt") bytes | ${secs} s | ${cpu} s | $((kb / 1024)) MB | $load | $note |"
done
