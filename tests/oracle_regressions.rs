//! Differential-testing regressions: every case of `tests/fixtures/oracle/*.jsonl`
//! must parse to exactly the bytes of its `expected`, the reference's tree as
//! the oracle wrote it. The files: `regressions.jsonl` (written by
//! `scripts/difftest.py`: inputs on which chatmark once differed from the
//! reference), `quirks.jsonl` (the cases of `docs/quirks.md`) and
//! `shortcuts.jsonl` (inputs at the edges of the parser's shortcuts: marker
//! runs, missing closers, fast-lane word ends, first-byte guards).
//!
//! Inputs listed in `tests/fixtures/oracle/known-differences.txt` (one JSON
//! string per line, `#` starts a comment) are skipped: they are the work left.
//! A listed input whose cases all pass fails the test, so the list only
//! shrinks (`scripts/difftest.py --recheck --update-known` rewrites it).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chatmark::{Options, parse};

const DIR: &str = "oracle";

fn options_of(case: &serde_json::Value) -> Options {
    let mut o = match case.get("options") {
        Some(v) => Options::from_value(v.clone()).expect("fixture options read"),
        None => Options::default(),
    };
    if let Some(now) = case.get("now").and_then(|v| v.as_str()) {
        o.now = Some(chatmark::parse::iso_to_ms(now).expect("fixture now reads"));
    }
    o
}

fn known_differences() -> BTreeSet<String> {
    let path = common::fixture(DIR).join("known-differences.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| serde_json::from_str::<String>(l).expect("a JSON string per line"))
        .collect()
}

/// Every `*.jsonl` file under `tests/fixtures/oracle/`, sorted.
fn case_files() -> Vec<String> {
    let dir = common::fixture(DIR);
    let mut names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".jsonl"))
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

#[test]
fn oracle_regressions_are_byte_exact() {
    let known = known_differences();
    let mut unexpected = Vec::new();
    // listed input -> whether some case of it still differs
    let mut listed: BTreeMap<String, bool> = known.iter().map(|s| (s.clone(), false)).collect();
    let mut same = 0;
    let mut total = 0;
    for name in case_files() {
        for (case, expected) in common::raw_lines(&format!("{DIR}/{name}"), "expected") {
            total += 1;
            let input = case["input"].as_str().expect("input is a string");
            let tree = parse(input, &options_of(&case));
            let got = chatmark::wire::to_string(&tree);
            // `wire::to_string` writes directly; serde's writer must agree.
            assert_eq!(serde_json::to_string(&tree).unwrap(), got, "{input:?}");
            let differs = got != expected;
            if !differs {
                same += 1;
            }
            if let Some(still) = listed.get_mut(input) {
                *still |= differs;
            } else if differs {
                let mut key = serde_json::Map::new();
                for k in ["input", "options", "now"] {
                    if let Some(v) = case.get(k) {
                        key.insert(k.to_owned(), v.clone());
                    }
                }
                unexpected.push(format!(
                    "{name}: {}\n  got  {got}\n  want {expected}",
                    serde_json::Value::Object(key)
                ));
            }
        }
    }
    let fixed: Vec<String> = listed
        .iter()
        .filter(|(_, still)| !**still)
        .map(|(s, _)| serde_json::to_string(s).unwrap())
        .collect();
    eprintln!(
        "oracle regressions: {same}/{total} byte-exact, {} inputs listed as known differences",
        known.len()
    );
    assert!(
        unexpected.is_empty(),
        "{} cases differ that are not listed in known-differences.txt:\n{}",
        unexpected.len(),
        unexpected[..unexpected.len().min(10)].join("\n")
    );
    assert!(
        fixed.is_empty(),
        "{} listed inputs now pass (or have no case); remove them from \
         tests/fixtures/oracle/known-differences.txt:\n{}",
        fixed.len(),
        fixed.join("\n")
    );
}
