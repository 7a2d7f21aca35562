#!/usr/bin/env bash
# Seeds the fuzz corpora from the test fixtures:
#   corpus/parse/  two option-selector bytes (see src/lib.rs) + each reference-suite input
#   corpus/md/     each reference-suite tree and each older release's tree
#   corpus/render/ option bytes (bit 7 clear), a render-context byte, each input
# Files are named by the SHA-1 of their content, as libFuzzer names them.
# Needs python3. Usage: fuzz/seed.sh   (from anywhere)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../tests/fixtures"
command -v python3 >/dev/null || { echo "seed.sh: python3 not found" >&2; exit 1; }
mkdir -p "$here/corpus/parse" "$here/corpus/md" "$here/corpus/tree" "$here/corpus/render"
python3 - "$fixtures" "$here/corpus" <<'PY'
import hashlib, json, os, sys

fixtures, corpus = sys.argv[1], sys.argv[2]
counts = {}

def put(target, data):
    path = os.path.join(corpus, target, hashlib.sha1(data).hexdigest())
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
        counts[target] = counts.get(target, 0) + 1

def selector(options):
    o = options or {}
    a = 0
    if o.get("colors"): a |= 1
    if o.get("emoticons"): a |= 2
    k = o.get("katex")
    if k is not None:
        a |= 4
        if k.get("dollarSyntax"): a |= 8
        if k.get("parenthesisSyntax"): a |= 16
    if o.get("customDomains") is not None:
        a |= 2 << 5
    return bytes([a, 0])

def compact(v):
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False).encode()

with open(os.path.join(fixtures, "reference-tests.jsonl"), encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        case = json.loads(line)
        text = case["input"].encode("utf-8", "surrogatepass")
        put("parse", selector(case.get("options")) + text)
        put("parse", bytes([0xff, 0]) + text)  # every option on
        sel = selector(case.get("options"))
        put("render", sel + bytes([len(text) % 256]) + text)
        put("render", bytes([0x7f, 0, 0xa3]) + text)
        put("md", compact(case["expected"]))
with open(os.path.join(fixtures, "wire-older-versions.jsonl"), encoding="utf-8") as f:
    for line in f:
        if line.strip():
            put("md", compact(json.loads(line)["md"]))
with open(os.path.join(fixtures, "example-tree.json"), "rb") as f:
    put("md", f.read().strip())
for target in ("parse", "md", "render"):
    print(f"seed.sh: {counts.get(target, 0)} new inputs in corpus/{target}")
PY
