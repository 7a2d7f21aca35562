#!/usr/bin/env bash
# Where chatmark's parser spends its time (not its instructions): samples
# the CPU clock with `perf` while `profile_one` parses a JSONL file of
# cases, and prints the functions with the most samples. It sees what an
# instruction count cannot: cache misses, mispredicted branches and
# store-forwarding stalls (a node built with 8-byte stores and copied with
# 16-byte loads). Works without hardware counters (virtual machines).
#
#   scripts/wall-profile.sh [FILE.jsonl] [LINE-SUBSTRING] [ITERATIONS] [FUNCTION]
#
# Defaults: the benchmark corpus, every line, 20 passes. With FUNCTION (a
# symbol as printed, e.g. 'chatmark::parse::reduce::Joiner::push'), also
# prints that function's hottest instructions. The samples stay in
# target/perf.data for `perf report -i target/perf.data`.
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:-benches/data/corpus-bench.jsonl}"
filter="${2:-}"
iterations="${3:-20}"
command -v perf > /dev/null || { echo "perf is not installed" >&2; exit 2; }
cargo build --release --quiet --example profile_one
out=target/perf.data
perf record -q -e cpu-clock -o "$out" target/release/examples/profile_one "$file" "$filter" "$iterations"
perf report -i "$out" --stdio 2> /dev/null | grep -v '^#' | grep -v '^$' | head -30
if [ -n "${4:-}" ]; then
    echo
    perf annotate -i "$out" --stdio -s "$4" 2> /dev/null | grep -E '^\s+[0-9]+\.[0-9]+ :' | sort -rn | head -15
fi
