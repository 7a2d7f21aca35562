//! The generators of `chatmark::testing` (features `proptest`, `arbitrary`)
//! keep their promises: trees are valid (the wire round trip is identity),
//! parser-shaped where they say so, bounded in depth; message-like text
//! parses.
#![cfg(any(feature = "proptest", feature = "arbitrary"))]

use chatmark::ast::{Kind, Label, Node};
use chatmark::testing::{MAX_DEPTH, tree_from_bytes};
use chatmark::wire;

fn round_trip(tree: &[Node<'_>]) -> Result<(), String> {
    let json = wire::to_string(tree);
    let back = wire::from_str(&json).map_err(|e| format!("does not read back: {e}\n{json}"))?;
    if back != tree {
        return Err(format!("reads back different\n{json}"));
    }
    if wire::to_string(&back) != json {
        return Err(format!("writes different bytes the second time\n{json}"));
    }
    Ok(())
}

/// Depth of the deepest node (a root's blocks are at depth 0).
fn depth(nodes: &[Node<'_>]) -> usize {
    nodes
        .iter()
        .map(|n| {
            let inner = match &n.kind {
                Kind::Table(t) => depth(&t.header).max(depth(&t.rows)),
                _ => depth(n.children()),
            };
            inner + 1
        })
        .max()
        .unwrap_or(0)
}

/// Parser-shaped: known types, no unknown fields, current label shape.
fn parser_shaped(nodes: &[Node<'_>]) -> bool {
    nodes.iter().all(|n| {
        n.extra.is_empty()
            && !matches!(n.kind, Kind::Unknown(_))
            && !matches!(&n.kind, Kind::Link(l) if matches!(l.label, Label::One(_)))
            && match &n.kind {
                Kind::Table(t) => parser_shaped(&t.header) && parser_shaped(&t.rows),
                _ => parser_shaped(n.children()),
            }
    })
}

#[test]
fn trees_from_bytes_are_valid_and_bounded() {
    // A cheap pseudo-random byte stream (xorshift), many sizes.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for len in (0..4000).step_by(7) {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        for wire_shapes in [false, true] {
            let tree = tree_from_bytes(&bytes, wire_shapes);
            round_trip(&tree).unwrap();
            assert!(depth(&tree) <= MAX_DEPTH + 1, "too deep: {}", depth(&tree));
            assert!(wire_shapes || parser_shaped(&tree));
            assert_eq!(tree_from_bytes(&bytes, wire_shapes), tree, "deterministic");
        }
    }
    assert!(tree_from_bytes(&[], false).is_empty());
}

#[cfg(feature = "proptest")]
mod strategies {
    use chatmark::testing::{any_tree, any_wire_tree, message_like};
    use chatmark::{Katex, Options};
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn any_tree_round_trips(tree in any_tree()) {
            prop_assert!(parser_shaped(&tree));
            prop_assert!(depth(&tree) <= MAX_DEPTH + 1);
            round_trip(&tree).map_err(TestCaseError::fail)?;
        }

        #[test]
        fn any_wire_tree_round_trips(tree in any_wire_tree()) {
            prop_assert!(depth(&tree) <= MAX_DEPTH + 1);
            round_trip(&tree).map_err(TestCaseError::fail)?;
        }

        /// `wire::to_string` writes directly what serde writes through
        /// the trees' `Serialize`, on any tree a store may hold (old
        /// shapes, unknown types and fields, any finite number).
        #[test]
        fn direct_writer_agrees_with_serde(tree in any_wire_tree()) {
            let direct = chatmark::wire::to_string(&tree);
            let serde = serde_json::to_string(&tree).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&direct, &serde);
            let mut buf = b"x".to_vec();
            chatmark::wire::write_json(&mut buf, &tree);
            prop_assert_eq!(&buf[1..], direct.as_bytes());
        }

        #[test]
        fn message_like_text_parses(text in message_like()) {
            let all = Options {
                colors: true,
                emoticons: true,
                katex: Some(Katex { dollar_syntax: true, parenthesis_syntax: true }),
                custom_domains: Some(vec!["intranet".to_owned()]),
                now: Some(0),
            };
            for options in [Options { now: Some(0), ..Options::default() }, all] {
                let tree = chatmark::parse(&text, &options);
                round_trip(&tree).map_err(TestCaseError::fail)?;
            }
        }
    }
}

#[cfg(feature = "arbitrary")]
mod arbitrary_impls {
    use arbitrary::{Arbitrary, Unstructured};
    use chatmark::ast::{Fallback, JsNumber, Root};
    use chatmark::testing::MessageLike;

    use super::*;

    #[test]
    fn arbitrary_roots_are_valid() {
        let mut x: u32 = 12345;
        for len in (0..3000).step_by(11) {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (x >> 16) as u8
                })
                .collect();
            let mut u = Unstructured::new(&bytes);
            let root = Root::arbitrary(&mut u).unwrap();
            round_trip(&root).unwrap();
            assert!(depth(&root) <= MAX_DEPTH + 1);
            let mut u = Unstructured::new(&bytes);
            let _ = Kind::arbitrary(&mut u).unwrap();
            let _ = Label::arbitrary(&mut u).unwrap();
            let _ = Fallback::arbitrary(&mut u).unwrap();
            let n = JsNumber::arbitrary(&mut u).unwrap();
            assert!(n.get().is_finite());
            let MessageLike(text) = MessageLike::arbitrary(&mut Unstructured::new(&bytes)).unwrap();
            let _ = chatmark::parse(&text, &chatmark::Options::default());
        }
    }
}
