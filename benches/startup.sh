#!/usr/bin/env bash
# Times `nianbao diff` of two files as a whole process (start, dictionary, ingest,
# analysis, comparison, output), the way a reviewer runs it. Uses hyperfine when it is
# installed (`apt-get install hyperfine`), else a loop of runs timed with `date`.
#
#   benches/startup.sh [BINARY] [OLD_FILE NEW_FILE]
#
# Defaults: target/release/nianbao and two seeds of ../shared/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/nianbao}
corpus=${NIANBAO_CORPUS:-../shared/corpus}
old=${2:-$corpus/seeds/003_130b93ad2ee52c78.txt}
new=${3:-$corpus/seeds/001_613d74d74ffb4c8c.txt}
runs=${RUNS:-20}
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 3 --runs "$runs" --style basic \
        "$bin diff $old $new --json" "$bin diff $old $new --width 100 --color never"
else
    for mode in "--json" "--width 100 --color never"; do
        start=$(date +%s%N)
        for _ in $(seq "$runs"); do "$bin" diff "$old" "$new" $mode >/dev/null; done
        end=$(date +%s%N)
        echo "diff $mode: $(( (end - start) / runs / 1000000 )) ms per run"
    done
fi
