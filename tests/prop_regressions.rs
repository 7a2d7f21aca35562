//! Every input that made a fuzz target (`fuzz/`) or a property test fail,
//! kept as a test. The raw fuzz inputs are under `fuzz/regressions/<target>/`;
//! each test here is the minimal form of one of them, checked the same way
//! the target checks it.
//!
//! A test marked `#[ignore = "known bug: …"]` is a failure not fixed yet:
//! run them with `cargo test --test prop_regressions -- --include-ignored`,
//! and remove the mark with the fix.

use chatmark::{Options, parse, wire};

/// What the `md` target checks: what reads writes back, reads equal and
/// writes the same bytes again.
fn md_round_trip(json: &str) {
    let Ok(tree) = wire::from_str(json) else {
        return;
    };
    let written = wire::to_string(&tree);
    let back = wire::from_str(&written)
        .unwrap_or_else(|e| panic!("written tree does not read back: {e}\n{written}"));
    assert_eq!(back, tree, "tree read back differs\n{written}");
    assert_eq!(wire::to_string(&back), written);
}

/// What the `parse` target checks: the parsed tree survives the wire round
/// trip.
fn parse_round_trip(text: &str, options: &Options) {
    let tree = parse(text, options);
    let written = wire::to_string(&tree);
    let back = wire::from_str(&written)
        .unwrap_or_else(|e| panic!("written tree does not read back: {e}\n{written}"));
    assert_eq!(back, tree, "tree read back differs\n{written}");
    assert_eq!(wire::to_string(&back), written);
}

fn fuzz_input(target: &str, name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target)
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------
// md: JSON numbers with more digits than an f64 holds
// ---------------------------------------------------------------------------

/// serde_json without its `float_roundtrip` feature does not round reading
/// correctly: `97777777777.77777777777777777777` reads as an f64 one unit
/// off, which writes as `97777777777.77779`, which reads as yet another
/// f64. JavaScript's `JSON.parse` rounds correctly, so the reference reads
/// and writes such a stored tree stably. Fixed by serde_json's
/// `float_roundtrip` feature (Cargo.toml).
#[test]
fn md_list_number_with_many_digits_round_trips() {
    md_round_trip(
        r#"[{"type":"ORDERED_LIST","value":[{"type":"LIST_ITEM","value":[{"type":"PLAIN_TEXT","value":"item"}],"number":97777777777.77777777777777777777}]}]"#,
    );
    md_round_trip(
        r#"[{"type":"ORDERED_LIST","value":[{"type":"LIST_ITEM","value":[],"number":97177777777777777777777777777777}]}]"#,
    );
    // Found by the `tree` target: a number written shortest-first.
    md_round_trip(
        r#"[{"type":"ORDERED_LIST","value":[{"type":"LIST_ITEM","value":[],"number":6.236347486130422e-305}]}]"#,
    );
}

/// The `tree` target's inputs (trees from chatmark's own `Arbitrary`) that
/// failed on the same bug. Replayed only with the `arbitrary` feature, and
/// the bytes give the same tree only as long as the generator in
/// `src/testing.rs` is unchanged; the minimal tree is in the test above.
#[cfg(feature = "arbitrary")]
#[test]
fn tree_fuzz_inputs() {
    use arbitrary::{Arbitrary, Unstructured};
    for name in [
        "crash-05dbe77968fee25629f195f9b89294e16c041ba9",
        "crash-1cd955e472f6da394c2e1ea18e5b7ae804b0bbc0",
    ] {
        let data = fuzz_input("tree", name);
        let tree = chatmark::ast::Root::arbitrary_take_rest(Unstructured::new(&data)).unwrap();
        md_round_trip(&wire::to_string(&tree));
    }
}

#[test]
fn md_fuzz_inputs_with_long_numbers() {
    for name in [
        "crash-1ae064945f78aa56c1887d21fb131402a35a8798",
        "crash-7263524900870508f164465d1b9cc82151f17d85",
        "crash-b653889c243e9cb18767f89b137e6f299c10b4e0",
        "crash-cd8a6b07bde9d5cc4aacf2ddc7f1b8269eee1c29",
        "crash-e97845ed24b7f269f37f95d9f3200dcff606dcff",
    ] {
        md_round_trip(std::str::from_utf8(&fuzz_input("md", name)).unwrap());
    }
}

// ---------------------------------------------------------------------------
// parse: list numbers the parser makes from long digit runs
// ---------------------------------------------------------------------------

/// The same bug through the parser: `parseInt` of a 26-digit run is an f64
/// written as `2.222222222226222e+25`, which reads back as another f64.
#[test]
fn parsed_list_number_with_many_digits_round_trips() {
    parse_round_trip("22222222222262222222222222. a", &Options::default());
    let data = fuzz_input("parse", "crash-378c3bba627615f0ac5181c9a8b9523fc38eeff1");
    let text = String::from_utf8_lossy(&data[2..]);
    parse_round_trip(&text, &Options::default());
}

/// A list number of more than 308 digits is `Infinity` in JavaScript, which
/// `JSON.stringify` writes as `null` (as chatmark does); reading the tree
/// back then failed: `"number":null` was not read. Found by reading
/// `JsNumber`'s serializer, not by the fuzzer (it needs a 309-digit run).
/// Fixed: `"number":null` reads as an infinite `JsNumber`, which writes
/// `null` again.
#[test]
fn parsed_list_number_beyond_f64_round_trips() {
    let text = format!("{}. a", "1".repeat(400));
    parse_round_trip(&text, &Options::default());
}

// ---------------------------------------------------------------------------
// md: a known field given twice
// ---------------------------------------------------------------------------

/// A field read twice (here HEADING's `level`; also LINK/IMAGE/COLOR/
/// TIMESTAMP/TABLE `value`, `language`, `status`, `number`, `align`,
/// `fallback`, `shortCode`, `unicode`) keeps the last value and is written
/// once, so an unknown field after it moves one key position earlier:
/// what reads back differs from what was read. Fixed: a known field given
/// twice is an error, as a duplicate `value` of the node-list and text
/// shapes already was.
#[test]
fn md_duplicate_known_field_round_trips() {
    let minimal = r#"[{"type":"HEADING","level":1,"level":1,"value":[],"x":0}]"#;
    assert!(wire::from_str(minimal).is_err());
    md_round_trip(minimal);
    // The fuzzer's second find, minimized by libFuzzer.
    md_round_trip(
        r#"[{"type":"TABLE","value":{"header":[{"type":"HEADING","level":2,"level":2,"level":2,"":"","value":[]}],"rows":[]}}]"#,
    );
    md_round_trip(
        r#"[{"type":"COLOR","value":{"r":1,"g":2,"b":3,"a":4},"value":{"r":1,"g":2,"b":3,"a":4},"x":0}]"#,
    );
    for name in [
        "crash-b272d5b4081be73ffeabd965de9a31669a7b0acb",
        "crash-2edaee12c7fee9e4e65285560e07e8ee19ee5be3",
    ] {
        let data = fuzz_input("md", name);
        md_round_trip(std::str::from_utf8(&data).unwrap());
    }
}

// ---------------------------------------------------------------------------
// Inputs that once failed and pass now: kept so they stay passing
// ---------------------------------------------------------------------------

/// Shapes near the bugs above that already work.
#[test]
fn neighbours_of_known_bugs_round_trip() {
    // Numbers an f64 holds exactly, and ones with 17 significant digits.
    parse_round_trip("9007199254740993. a\n1e21. b\n123. c", &Options::default());
    md_round_trip(
        r#"[{"type":"ORDERED_LIST","value":[{"type":"LIST_ITEM","value":[],"number":1e+21},{"type":"LIST_ITEM","value":[],"number":0.5}]}]"#,
    );
    // A duplicate `value` of a node list is an error, not a silent overwrite.
    assert!(wire::from_str(r#"[{"type":"PARAGRAPH","value":[],"value":[]}]"#).is_err());
}
