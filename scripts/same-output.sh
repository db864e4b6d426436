#!/usr/bin/env bash
# Checks that two builds give byte-identical `diff --json` (and exit status) on every
# consecutive pair of corpus files: each seed against the next, and each State Council
# report against the next one. For changes that must not change any result, such as a
# faster way to the same segmentation.
#
#   scripts/same-output.sh BEFORE_BINARY AFTER_BINARY
#
# Prints each pair that differs and exits 1 if any does.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 2 ]; then
    echo "usage: scripts/same-output.sh BEFORE_BINARY AFTER_BINARY" >&2
    exit 2
fi
before=$1
after=$2
corpus=${NIANBAO_CORPUS:-../shared/corpus}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

compare_series() {
    local previous="" pairs=0 differing=0
    for file in "$@"; do
        if [ -n "$previous" ]; then
            "$before" diff "$previous" "$file" --json >"$out/before" 2>&1
            echo "exit $?" >>"$out/before"
            "$after" diff "$previous" "$file" --json >"$out/after" 2>&1
            echo "exit $?" >>"$out/after"
            if ! cmp -s "$out/before" "$out/after"; then
                echo "differs: $previous $file"
                differing=$((differing + 1))
            fi
            pairs=$((pairs + 1))
        fi
        previous=$file
    done
    echo "$pairs pairs compared, $differing differing"
    [ "$differing" -eq 0 ]
}

status=0
compare_series "$corpus"/seeds/*.txt || status=1
compare_series "$corpus"/state-council/*.txt || status=1
exit $status
