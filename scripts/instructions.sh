#!/usr/bin/env bash
# Counts the instructions chatmark's parser executes on a JSONL file of
# cases (callgrind: the same count on every run of the same binary and
# input, whatever else the machine does; timings on this machine are not).
#
#   scripts/instructions.sh [FILE.jsonl] [LINE-SUBSTRING] [ITERATIONS] [--profile]
#
# Defaults: the benchmark corpus, every line, one pass. Only time inside
# `chatmark::parse::parse` is counted (not reading the file, not dropping
# the trees). With --profile, also prints the functions with the most
# instructions, inclusive (the callgrind output stays in target/callgrind.out).
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:-benches/data/corpus-bench.jsonl}"
filter="${2:-}"
iterations="${3:-1}"
command -v valgrind > /dev/null || { echo "valgrind is not installed" >&2; exit 2; }
# Without fat LTO (the release profile's), which inlines `parse` into its
# caller so that callgrind could not find it to count.
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo build --release --quiet --example profile_one --target-dir target/instructions-nolto
out=target/callgrind.out
valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect='chatmark::parse::parse' \
    target/instructions-nolto/release/examples/profile_one "$file" "$filter" "$iterations" 2>&1 |
    sed -n 's/^==[0-9]*== Collected : /instructions: /p'
if [ "${4:-}" = "--profile" ]; then
    callgrind_annotate --inclusive=yes "$out" 2>/dev/null | grep -E 'chatmark::' | head -40
fi
