//! Shared helpers for the integration tests: the vendored fixtures.
#![allow(dead_code)]

use std::path::PathBuf;

/// Path of a file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The lines of a JSONL fixture, each parsed.
pub fn jsonl(name: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(fixture(name)).expect("fixture readable");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("fixture line is JSON"))
        .collect()
}

/// The exact bytes of field `key` inside a JSONL line as the oracle wrote it
/// (compact JSON): found by parsing with raw values.
pub fn raw_field(line: &str, key: &str) -> Option<String> {
    let map: std::collections::BTreeMap<String, Box<serde_json::value::RawValue>> =
        serde_json::from_str(line).ok()?;
    map.get(key).map(|v| v.get().to_owned())
}

/// Each line of a JSONL fixture with the raw text of one field.
pub fn raw_lines(name: &str, key: &str) -> Vec<(serde_json::Value, String)> {
    let text = std::fs::read_to_string(fixture(name)).expect("fixture readable");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            (
                serde_json::from_str(l).expect("fixture line is JSON"),
                raw_field(l, key).expect("field present"),
            )
        })
        .collect()
}
