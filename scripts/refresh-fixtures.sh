#!/usr/bin/env bash
# Regenerates tests/fixtures from the reference parser (the oracle).
#
#   scripts/refresh-fixtures.sh [SHARED_DIR]
#
# SHARED_DIR (default ../shared) holds conformance/, seeds/ and anchors/.
# The expected trees of reference-tests.jsonl and of every JSONL file under
# tests/fixtures/oracle/ are recomputed by running the pinned reference
# (tools/oracle, installed with `npm ci` on first use) over their inputs.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${1:-$here/../shared}"
fix="$here/tests/fixtures"
oracle="$here/tools/oracle"
[ -d "$oracle/node_modules" ] || (cd "$oracle" && npm ci --silent)

cp "$shared/conformance/wire-older-versions.jsonl" "$fix/"
cp "$shared/seeds/rooms.get.example.json" "$shared/seeds/rooms.get.example-2018.json" "$fix/"
cp "$shared/anchors/bench-fixtures.jsonl" "$fix/" 2>/dev/null || true

# Re-ask the oracle for every case file: keeps inputs, options, now and
# other fields, replaces "expected".
cp "$shared/conformance/reference-tests.jsonl" "$fix/"
for f in "$fix/reference-tests.jsonl" "$fix"/oracle/*.jsonl; do
  [ -f "$f" ] || continue
  node "$oracle/oracle.js" "$f" > "$f.new"
  mv "$f.new" "$f"
  echo "refreshed ${f#$here/}: $(wc -l < "$f") cases"
done
