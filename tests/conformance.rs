//! Parity with the reference parser: every case of its own test suite
//! (`tests/fixtures/reference-tests.jsonl`, trees from the oracle) must parse
//! to the same bytes, except the cases listed in
//! `tests/fixtures/known-differences.txt` (one input per line, JSON-quoted),
//! which is the list of work left. A listed case that now passes fails the
//! test too, so the list only shrinks.

mod common;

use std::collections::BTreeSet;

use chatmark::{Options, parse};

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
    let text =
        std::fs::read_to_string(common::fixture("known-differences.txt")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| serde_json::from_str::<String>(l).expect("a JSON string per line"))
        .collect()
}

#[test]
fn reference_suite_is_byte_exact() {
    let cases = common::raw_lines("reference-tests.jsonl", "expected");
    let known = known_differences();
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    let mut same = 0;
    for (case, expected) in &cases {
        let input = case["input"].as_str().expect("input is a string");
        let tree = parse(input, &options_of(case));
        let got = chatmark::wire::to_string(&tree);
        // `wire::to_string` writes directly; serde's writer must agree.
        assert_eq!(serde_json::to_string(&tree).unwrap(), got, "{input:?}");
        let listed = known.contains(input);
        if &got == expected {
            same += 1;
            if listed {
                fixed.push(serde_json::to_string(input).unwrap());
            }
        } else if !listed {
            unexpected.push(format!(
                "{} ({})\n  got  {got}\n  want {expected}",
                serde_json::to_string(input).unwrap(),
                case["file"]
            ));
        }
    }
    eprintln!("reference suite: {same}/{} byte-exact", cases.len());
    assert!(
        unexpected.is_empty(),
        "{} cases differ that are not listed as known differences:\n{}",
        unexpected.len(),
        unexpected[..unexpected.len().min(10)].join("\n")
    );
    assert!(
        fixed.is_empty(),
        "{} listed cases now pass; remove them from known-differences.txt:\n{}",
        fixed.len(),
        fixed.join("\n")
    );
}

#[test]
fn rooms_get_seed_trees_are_what_the_parser_makes() {
    let text = std::fs::read_to_string(common::fixture("rooms.get.example.json")).unwrap();
    let rooms = chatmark::wire::rooms::RoomsResponse::from_str(&text).unwrap();
    let mut checked = 0;
    for room in rooms.update() {
        let Some(msg) = room.last_message() else {
            continue;
        };
        let (Some(md), Some(text)) = (msg.md(), msg.msg()) else {
            continue;
        };
        let parsed = parse(&text, &Options::default());
        assert_eq!(
            chatmark::wire::to_string(&parsed),
            chatmark::wire::to_string(md),
            "{text:?}"
        );
        checked += 1;
    }
    assert_eq!(checked, 2);
}

#[test]
fn empty_input_is_an_empty_tree() {
    assert!(parse("", &Options::default()).is_empty());
}
