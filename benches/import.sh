#!/usr/bin/env bash
# Import throughput end to end: writes N synthetic reports (default 2,000 of ~10 KB),
# imports them into a fresh store as a whole process RUNS times (default 1), and times
# Python jieba segmenting the same files once (dictionary loaded first, segmentation
# alone timed) for comparison (JIEBA=0 leaves it out). Prints one Markdown row per
# import run, each with the load average it ran at (the machine is shared).
# Usage: [RUNS=3] [JIEBA=0] benches/import.sh [N] [WORKDIR]
set -euo pipefail
n=${1:-2000}
work=${2:-$(mktemp -d)}
runs=${RUNS:-1}
bin=${NIANBAO_BIN:-target/release/nianbao}
corpus="$work/corpus-$n"
store="$work/import-$n.db"
[ -d "$corpus" ] || "$bin" bench-corpus --reports "$n" --out "$corpus" >/dev/null
bytes=$(du -sb --apparent-size "$corpus" | cut -f1)
jieba=0
[ "${JIEBA:-1}" = 0 ] || jieba=$(python3 - "$corpus" <<'PY'
import os, sys, time
import jieba
jieba.setLogLevel(60)
jieba.initialize()
texts = []
for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
            texts.append(f.read())
start = time.perf_counter()
for text in texts:
    jieba.lcut(text)
print(f"{time.perf_counter() - start:.2f}")
PY
)
echo "| reports (imported/failed) | corpus | load average | import wall | rate | CPU user + sys | peak RSS | store | store/corpus | jieba segmentation | import/jieba |"
for _ in $(seq "$runs"); do
    rm -f "$store" "$store"-*
    load=$(cut -d' ' -f1 /proc/loadavg)
    # Exit 1 means "some files failed": recorded in the row, not fatal to the run.
    /usr/bin/time -f "%e %M %U %S" -o "$work/import-time" \
        "$bin" --store "$store" import --json "$corpus" >"$work/import.json" || [ $? -eq 1 ]
    read -r secs kb user sys <"$work/import-time"
    # The store with its full-text index file beside it, when there is one.
    store_bytes=$(du -bc "$store" $(ls "$store"-search 2>/dev/null) | tail -1 | cut -f1)
    imported=$(python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(len(s['imported']), len(s['failed']))" "$work/import.json")
    python3 - "$n" "$bytes" "$load" "$secs" "$kb" "$store_bytes" "$jieba" "$user" "$sys" $imported <<'PY'
import sys
n, corpus, load, secs, kb, store, jieba, user, sys_, ok, failed = sys.argv[1:]
corpus, secs, store, jieba = int(corpus), float(secs), int(store), float(jieba)
mb = corpus / 1e6
print(f"| {n} ({ok}/{failed}) | {mb:.1f} MB | {load} | {secs:.2f} s | {mb / max(secs, 0.01):.1f} MB/s | {user} + {sys_} s "
      f"| {int(kb) // 1024} MB | {store / 1e6:.0f} MB | {store / corpus:.2f}× "
      + (f"| {jieba:.2f} s | {secs / jieba:.2f}× |" if jieba else "| | |"))
PY
done
