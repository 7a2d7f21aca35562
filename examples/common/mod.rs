//! What the profiling examples share: reading a JSONL file of cases.

use chatmark::Options;

/// The cases of a JSONL file (`{"input": …, "options"?: …}` per line,
/// blank lines skipped) whose line contains `filter`, with their options
/// (the default when absent or null).
pub fn read_cases(path: &str, filter: &str) -> Vec<(String, Options)> {
    std::fs::read_to_string(path)
        .expect("readable file")
        .lines()
        .filter(|l| !l.trim().is_empty() && l.contains(filter))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            let options = match v.get("options") {
                Some(o) if !o.is_null() => Options::from_value(o.clone()).expect("options"),
                _ => Options::default(),
            };
            (v["input"].as_str().unwrap_or("").to_owned(), options)
        })
        .collect()
}
