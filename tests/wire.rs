//! The wire format: every tree the reference and older releases write reads
//! and writes back byte for byte; newer shapes survive; bad input is a clear
//! error.

mod common;

use chatmark::ast::{Emoji, Fallback, JsNumber, Kind, Label, Link, Node};
use chatmark::wire::{self, rooms::RoomsResponse};

#[test]
fn every_reference_tree_round_trips_byte_for_byte() {
    let cases = common::raw_lines("reference-tests.jsonl", "expected");
    assert_eq!(cases.len(), 5466);
    let mut failures = Vec::new();
    for (case, expected) in &cases {
        match wire::from_str(expected) {
            Ok(tree) => {
                let written = wire::to_string(&tree);
                if &written != expected {
                    failures.push(format!(
                        "{}\n  got  {written}\n  want {expected}",
                        case["input"]
                    ));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", case["input"])),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures[..failures.len().min(5)].join("\n")
    );
}

#[test]
fn every_older_release_tree_round_trips_byte_for_byte() {
    let cases = common::raw_lines("wire-older-versions.jsonl", "md");
    assert_eq!(cases.len(), 450);
    for (case, md) in &cases {
        let tree =
            wire::from_str(md).unwrap_or_else(|e| panic!("{} does not read: {e}", case["version"]));
        assert_eq!(&wire::to_string(&tree), md, "release {}", case["version"]);
    }
}

#[test]
fn older_shapes_are_read_as_such() {
    // Before 0.31.31 a LINK label is one node; in 0.31.31 a TIMESTAMP fallback is a node.
    let json = r#"[{"type":"PARAGRAPH","value":[{"type":"LINK","value":{"src":{"type":"PLAIN_TEXT","value":"https://a.io"},"label":{"type":"PLAIN_TEXT","value":"a"}}},{"type":"TIMESTAMP","value":{"timestamp":"1","format":"t"},"fallback":{"type":"PLAIN_TEXT","value":"<t:1>"}}]}]"#;
    let tree = wire::from_str(json).unwrap();
    let inlines = tree[0].children();
    match &inlines[0].kind {
        Kind::Link(l) if matches!(l.label, Label::One(_)) => {
            let Link {
                src,
                label: Label::One(n),
            } = &**l
            else {
                unreachable!()
            };
            assert_eq!(src, "https://a.io");
            assert_eq!(n.kind, Kind::PlainText("a".into()));
        }
        other => panic!("not a one-node link: {other:?}"),
    }
    match &inlines[1].kind {
        Kind::Timestamp(ts) => match &ts.fallback {
            Some(Fallback::Plain(t)) => assert_eq!(t, "<t:1>"),
            other => panic!("not a plain fallback: {other:?}"),
        },
        other => panic!("not a plain fallback: {other:?}"),
    }
    assert_eq!(wire::to_string(&tree), json);
}

#[test]
fn unknown_node_types_are_kept_whole() {
    let json = r#"[{"type":"PARAGRAPH","value":[{"type":"HIGHLIGHT","value":[{"type":"PLAIN_TEXT","value":"x"}],"color":"yellow","n":1.5e3}]},{"type":"NEW_BLOCK","fallback":[0,3]}]"#;
    let tree = wire::from_str(json).unwrap();
    assert_eq!(tree[0].children()[0].type_name(), "HIGHLIGHT");
    assert!(matches!(tree[1].kind, Kind::Unknown(_)));
    assert_eq!(wire::to_string(&tree), json);
}

#[test]
fn unknown_fields_on_known_nodes_are_kept_in_place() {
    let json = r#"[{"type":"PARAGRAPH","id":7,"value":[{"type":"PLAIN_TEXT","value":"x","lang":"en"}],"meta":{"a":[1,2]}}]"#;
    let tree = wire::from_str(json).unwrap();
    assert_eq!(tree[0].extra.fields().len(), 2);
    assert_eq!(tree[0].children()[0].kind, Kind::PlainText("x".into()));
    assert_eq!(wire::to_string(&tree), json);
    // A value on a node that has none is an unknown field too.
    let json = r#"[{"type":"LINE_BREAK","value":null}]"#;
    assert_eq!(wire::to_string(&wire::from_str(json).unwrap()), json);
}

#[test]
fn a_node_with_type_not_first_reads_and_is_written_type_first() {
    let tree = wire::from_str(r#"[{"value":[],"type":"PARAGRAPH"}]"#).unwrap();
    assert_eq!(
        wire::to_string(&tree),
        r#"[{"type":"PARAGRAPH","value":[]}]"#
    );
}

#[test]
fn list_item_numbers_are_written_as_javascript_does() {
    for (n, js) in [
        (1.0, "1"),
        (12345678901234567890.0, "12345678901234567000"),
        (1e21, "1e+21"),
        (123456789012345678901234567890.0, "1.2345678901234568e+29"),
        // Found by fuzzing: needs exact float reading (serde_json float_roundtrip).
        (2.2222222222262222e30, "2.2222222222262222e+30"),
    ] {
        let node = Node::new(Kind::ListItem {
            value: vec![],
            number: Some(JsNumber::new(n)),
        });
        assert_eq!(
            serde_json::to_string(&node).unwrap(),
            format!(r#"{{"type":"LIST_ITEM","value":[],"number":{js}}}"#)
        );
        let text = format!(r#"[{{"type":"LIST_ITEM","value":[],"number":{js}}}]"#);
        let back = wire::from_str(&text).unwrap();
        assert_eq!(back[0], node);
    }
}

#[test]
fn emoji_forms_and_borrowing() {
    let json = r#"[{"type":"BIG_EMOJI","value":[{"type":"EMOJI","unicode":"😀"},{"type":"EMOJI","value":{"type":"PLAIN_TEXT","value":":)"},"shortCode":"slight_smile"}]}]"#;
    let tree = wire::from_str(json).unwrap();
    let e = tree[0].children();
    assert_eq!(e[0].kind, Kind::Emoji(Emoji::Unicode("😀".into())));
    match &e[1].kind {
        Kind::Emoji(Emoji::Shortcode(e)) => {
            assert!(matches!(e.value, std::borrow::Cow::Borrowed(":)")));
            assert_eq!(e.short_code, "slight_smile");
        }
        other => panic!("{other:?}"),
    }
    let owned = chatmark::ast::into_owned(tree.clone());
    assert_eq!(owned, tree);
}

#[test]
fn malformed_trees_are_clear_errors() {
    let cases: &[(&str, &str)] = &[
        ("{}", "array"),
        ("\"text\"", "array"),
        ("[1]", "node"),
        (r#"[{"value":[]}]"#, "without \"type\""),
        (r#"[{"type":3}]"#, "\"type\" must be a string"),
        (
            r#"[{"type":"PARAGRAPH"}]"#,
            "PARAGRAPH node without \"value\"",
        ),
        (r#"[{"type":"PARAGRAPH","value":"x"}]"#, "array of nodes"),
        (r#"[{"type":"PLAIN_TEXT","value":[]}]"#, "string"),
        (
            r#"[{"type":"INLINE_CODE","value":{"type":"BOLD","value":"x"}}]"#,
            "expected a PLAIN_TEXT node",
        ),
        (
            r#"[{"type":"HEADING","value":[]}]"#,
            "HEADING node without \"level\"",
        ),
        (
            r#"[{"type":"COLOR","value":{"r":1,"g":2,"b":3,"a":999}}]"#,
            "u8",
        ),
        (r#"[{"type":"EMOJI","shortCode":"x"}]"#, "EMOJI node needs"),
        (
            r#"[{"type":"LINK","value":{"src":{"type":"PLAIN_TEXT","value":"a"}}}]"#,
            "without \"label\"",
        ),
        (
            r#"[{"type":"TIMESTAMP","value":{"timestamp":"1","format":"t"},"fallback":[1]}]"#,
            "[start, end]",
        ),
        (r#"[{"type":"TASK","status":"yes","value":[]}]"#, "boolean"),
        (r#"[{"type":"PARAGRAPH","value":[],"value":[]}]"#, "twice"),
        // Found by fuzzing: a second known key would be dropped on writing.
        (
            r#"[{"type":"TIMESTAMP","value":{"timestamp":"1","format":"t"},"x":1,"value":{"timestamp":"2","format":"t"}}]"#,
            "TIMESTAMP node has field \"value\" twice",
        ),
        (
            r#"[{"type":"HEADING","level":1,"level":2,"value":[]}]"#,
            "HEADING node has field \"level\" twice",
        ),
        ("[", "EOF"),
        ("[] x", "trailing"),
    ];
    for (json, needle) in cases {
        let err = wire::from_str(json).expect_err(json).to_string();
        assert!(
            err.contains(needle),
            "{json}: error {err:?} does not mention {needle:?}"
        );
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let depth = 100_000;
    let json = format!(
        "{}{}",
        r#"[{"type":"BOLD","value":"#.repeat(depth),
        "]}".repeat(depth) + "]"
    );
    let err = wire::from_str(&json).expect_err("too deep");
    assert!(err.to_string().contains("recursion limit"), "{err}");
}

#[test]
fn rooms_get_example_round_trips_with_every_field() {
    for name in ["rooms.get.example.json", "rooms.get.example-2018.json"] {
        let text = std::fs::read_to_string(common::fixture(name)).unwrap();
        let rooms = RoomsResponse::from_str(&text).unwrap();
        assert_eq!(rooms.to_string_pretty(), text.trim_end(), "{name}");
        let compact: serde_json::Value = serde_json::from_str(&text).unwrap();
        let again: serde_json::Value = serde_json::from_str(&rooms.to_string()).unwrap();
        assert_eq!(compact, again);
        assert_eq!(rooms.success(), Some(true));
    }
}

#[test]
fn rooms_get_example_exposes_rooms_and_trees() {
    let text = std::fs::read_to_string(common::fixture("rooms.get.example.json")).unwrap();
    let rooms = RoomsResponse::from_str(&text).unwrap();
    let update = rooms.update();
    assert_eq!(update.len(), 3);
    assert_eq!(update[0].name().as_deref(), Some("general"));
    assert_eq!(update[1].room_type().as_deref(), Some("d"));
    assert_eq!(update[1].usernames(), ["user2", "user1"]);
    let last = update[1].last_message().unwrap();
    assert_eq!(last.msg().as_deref(), Some("again"));
    let md = last.md().unwrap();
    assert_eq!(md[0].children()[0].kind, Kind::PlainText("again".into()));
    assert!(update[0].last_message().unwrap().md().is_none());
}
