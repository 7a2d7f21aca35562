#!/usr/bin/env bash
# Side-by-side speed of chatmark and the reference parser, in one run on this
# machine: per-fixture ops/s and ratio, corpus MB/s and ratio, and the
# end-to-end `chatmark parse --jsonl` versus the reference over the same file.
# Prints a Markdown report (paste into docs/performance.md).
#
#   scripts/compare-reference.sh [seconds-per-fixture]
set -euo pipefail
cd "$(dirname "$0")/.."
per="${1:-0.5}"
fix=benches/data/bench-fixtures.jsonl
corpus=benches/data/corpus-bench.jsonl
[ -d tools/oracle/node_modules ] || (cd tools/oracle && npm ci --silent)
cargo build --release --quiet --example bench_report
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

node tools/oracle/bench.js "$fix" "$corpus" "$per" > "$tmp/ref.json"
target/release/examples/bench_report "$fix" "$corpus" "$per" > "$tmp/cm.json"

# End to end: the same JSONL in, trees out.
python3 - "$corpus" > "$tmp/cases.jsonl" <<'PY'
import json, sys
for l in open(sys.argv[1], encoding='utf-8'):
    c = json.loads(l)
    print(json.dumps({k: c[k] for k in ('input', 'options') if k in c}, ensure_ascii=False))
PY
t0=$(date +%s.%N); node tools/oracle/oracle.js "$tmp/cases.jsonl" > "$tmp/ref.out"; t1=$(date +%s.%N)
target/release/chatmark parse --jsonl --threads 1 < "$tmp/cases.jsonl" > "$tmp/cm.out"; t2=$(date +%s.%N)
target/release/chatmark parse --jsonl < "$tmp/cases.jsonl" > "$tmp/cm-all.out"; t3=$(date +%s.%N)
cmp -s "$tmp/cm.out" "$tmp/cm-all.out" || { echo "bulk mode output differs" >&2; exit 1; }

python3 - "$tmp/ref.json" "$tmp/cm.json" "$t0" "$t1" "$t2" "$(wc -c < "$tmp/cases.jsonl")" "$t3" <<'PY'
import json, sys, math, platform, os
ref, cm = (json.load(open(p)) for p in sys.argv[1:3])
t0, t1, t2, size, t3 = map(float, sys.argv[3:8])
print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; single thread.\n")
rc, cc = ref['corpus'], cm['corpus']
print("| measure | reference | chatmark | ratio |\n| --- | ---: | ---: | ---: |")
print(f"| corpus MB/s | {rc['mb_per_s']:.2f} | {cc['mb_per_s']:.1f} | {cc['mb_per_s']/rc['mb_per_s']:.0f}x |")
print(f"| corpus messages/s | {rc['msgs_per_s']:,.0f} | {cc['msgs_per_s']:,.0f} | {cc['msgs_per_s']/rc['msgs_per_s']:.0f}x |")
e2e_ref, e2e_cm = t1 - t0, t2 - t1
print(f"| `parse --jsonl --threads 1` end to end ({size/1e6:.1f} MB) | {e2e_ref:.2f} s | {e2e_cm:.3f} s | {e2e_ref/e2e_cm:.0f}x |")
e2e_all = t3 - t2
print(f"| `parse --jsonl` (all {os.cpu_count()} cores) end to end | {e2e_ref:.2f} s | {e2e_all:.3f} s | {e2e_ref/e2e_all:.0f}x |")
ratios = []
print("\n| fixture | reference ops/s | chatmark ops/s | ratio |\n| --- | ---: | ---: | ---: |")
for name, r in ref['fixtures'].items():
    c = cm['fixtures'].get(name, 0)
    ratios.append(c / r)
    print(f"| {name} | {r:,.0f} | {c:,.0f} | {c/r:.0f}x |")
g = math.exp(sum(map(math.log, ratios)) / len(ratios))
print(f"\nGeometric mean ratio over {len(ratios)} fixtures: {g:.0f}x; lowest {min(ratios):.0f}x.")

adv = cm.get('adversarial', {})
if adv:
    per_byte = lambda r: r['seconds'] / r['bytes']
    plain = per_byte(adv['plain'][1])
    print("\nAdversarial input, chatmark alone (all options on; the best of at least three\n"
          "runs of each size and of as many as fit in 0.5 s, 100 KB and 1 MB taking turns;\n"
          "a parse includes dropping its tree; page faults are the minor faults of the\n"
          "timed run, one per fresh page of memory):\n")
    print("| family | 100 KB | 1 MB | MB/s (1 MB) | 1 MB / 100 KB time | per byte vs plain text (1 MB) | page faults, 100 KB / 1 MB |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    worst_growth = worst_slow = 0
    for name, (small, big) in adv.items():
        growth = big['seconds'] / small['seconds']
        slow = per_byte(big) / plain
        worst_growth, worst_slow = max(worst_growth, growth), max(worst_slow, slow)
        mbs = big['bytes'] / big['seconds'] / 1e6
        faults = ' / '.join('-' if r.get('faults') is None else f"{r['faults']:,}" for r in (small, big))
        print(f"| {name} | {small['seconds']*1e3:.2f} ms | {big['seconds']*1e3:.1f} ms | {mbs:,.0f} | {growth:.1f}x | {slow:.1f}x | {faults} |")
    print(f"\nWorst growth 100 KB -> 1 MB: {worst_growth:.1f}x (target <= 12x); "
          f"worst per-byte cost against plain text: {worst_slow:.1f}x (target <= 10x).")
PY
