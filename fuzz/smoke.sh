#!/usr/bin/env bash
# A short run of every fuzz target (default 60 s each), for CI.
#
#   fuzz/smoke.sh            # 60 s per target
#   FUZZ_SECONDS=600 fuzz/smoke.sh parse md   # longer, chosen targets
#
# Skips (exit 0, with a message) when the nightly toolchain or cargo-fuzz
# is missing. The corpus is seeded from the fixtures on first use (needs
# python3; without it the targets start from fuzz/regressions alone). Every
# input under fuzz/regressions/<target>/ is replayed first. A crash fails
# the run (exit 1) and leaves the input under fuzz/artifacts/<target>/.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(parse md tree render)

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz smoke: skipped (no nightly toolchain: rustup toolchain install nightly)"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz smoke: skipped (no cargo-fuzz: cargo install cargo-fuzz)"
    exit 0
fi
if [ ! -d corpus/parse ] && command -v python3 >/dev/null; then
    ./seed.sh
fi

failed=()
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "regressions/$t" "artifacts/$t"
    log="artifacts/$t/smoke.log"
    echo "fuzz smoke: $t for ${seconds}s"
    # No sanitizer: chatmark has no unsafe code, and the build is much faster.
    if ! cargo +nightly fuzz run --sanitizer none "$t" "corpus/$t" "regressions/$t" -- \
        -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=3072 \
        -print_final_stats=1 >"$log" 2>&1; then
        failed+=("$t")
        grep -E -A12 "panicked|ERROR" "$log" | head -40
        echo "fuzz smoke: full log in fuzz/$log"
    else
        grep -E "stat::number_of_executed_units" "$log"
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz smoke: crashes in ${failed[*]} (inputs under fuzz/artifacts/)"
    exit 1
fi
echo "fuzz smoke: ok (${targets[*]})"
