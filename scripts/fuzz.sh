#!/usr/bin/env bash
# Coverage-guided fuzzing of the byte-level parsers with libFuzzer, on stable Rust.
#
#   scripts/fuzz.sh list                 the targets
#   scripts/fuzz.sh TARGET SECONDS       fuzz one target for SECONDS
#   scripts/fuzz.sh all SECONDS          every target in turn, SECONDS each
#
# The instrumentation flags below are the ones cargo-fuzz passes, minus the nightly-only
# sanitizer; Rust's own checks (bounds, overflow, debug assertions) catch the bugs.
# The working corpus grows in fuzz/corpus/TARGET (not committed), seeded from
# fuzz/seeds/TARGET, the demo reports and ../shared/corpus/seeds. A crash is written to
# fuzz/artifacts/TARGET/; copy it to fuzz/regressions/TARGET/ once fixed, and
# tests/engine/fuzz_regressions.rs replays it on every `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=(decode docx docx_parts html sections figures)

usage() {
    echo "usage: scripts/fuzz.sh list | TARGET SECONDS | all SECONDS" >&2
    echo "targets: ${TARGETS[*]}" >&2
    exit 2
}

build() {
    local host
    host=$(rustc -vV | sed -n 's/^host: //p')
    # --target keeps the flags off build scripts and proc macros, which cannot link
    # against libFuzzer's coverage hooks.
    RUSTFLAGS="-Cpasses=sancov-module \
        -Cllvm-args=-sanitizer-coverage-level=4 \
        -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
        -Cllvm-args=-sanitizer-coverage-pc-table \
        -Cllvm-args=-sanitizer-coverage-trace-compares \
        -Cllvm-args=-sanitizer-coverage-stack-depth \
        --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
        nice -n 10 cargo build --release --manifest-path fuzz/Cargo.toml --target "$host" --bins >&2
    BIN_DIR="fuzz/target/$host/release"
}

# Copies every seed file that fits the target into its working corpus.
seed() {
    local target=$1 corpus=$2
    mkdir -p "$corpus"
    if [[ -d fuzz/seeds/$target ]]; then
        cp -n fuzz/seeds/"$target"/* "$corpus"/ 2>/dev/null || true
    fi
    case $target in
        decode | sections | figures)
            cp -n src/demo/reports/*.txt "$corpus"/
            if [[ -d ../shared/corpus/seeds ]]; then
                cp -n ../shared/corpus/seeds/*.txt "$corpus"/
            fi
            ;;
    esac
}

run() {
    local target=$1 seconds=$2
    [[ " ${TARGETS[*]} " == *" $target "* ]] || usage
    local corpus=fuzz/corpus/$target artifacts=fuzz/artifacts/$target/
    seed "$target" "$corpus"
    mkdir -p "$artifacts"
    local log
    log=$(mktemp)
    echo "fuzzing $target for ${seconds}s" >&2
    local status=0
    "$BIN_DIR/$target" "$corpus" -max_total_time="$seconds" -max_len=262144 \
        -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$artifacts" 2>"$log" || status=$?
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|Done [0-9]+ runs)' "$log" >&2 || true
    if [[ $status -ne 0 ]]; then
        tail -n 40 "$log" >&2
        echo "$target: crash or failure (exit $status); input saved in $artifacts" >&2
    else
        echo "$target: ran clean for ${seconds}s" >&2
    fi
    rm -f "$log"
    return "$status"
}

case ${1:-} in
    list) printf '%s\n' "${TARGETS[@]}" ;;
    all)
        [[ $# -eq 2 ]] || usage
        build
        failed=0
        for target in "${TARGETS[@]}"; do
            run "$target" "$2" || failed=1
        done
        exit "$failed"
        ;;
    "") usage ;;
    *)
        [[ $# -eq 2 ]] || usage
        build
        run "$1" "$2"
        ;;
esac
