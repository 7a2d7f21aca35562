//! Proof of linear work on adversarial input, by counting, not timing: the
//! parser counts the steps of its loops and scans, and for every family of
//! inputs that makes the reference quadratic (and more), the count stays
//! under one constant times the input length, at every size.
//!
//! Also: deep or long input never overflows the stack, even on a thread
//! with a small stack.

use chatmark::Options;
use chatmark::parse::parse_counting_steps;

/// Steps allowed per input byte, for every family.
const C: u64 = 40;

fn all_on() -> Options {
    Options::from_json(
        r#"{"colors":true,"emoticons":true,"katex":{"dollarSyntax":true,"parenthesisSyntax":true},"customDomains":["intranet"]}"#,
    )
    .unwrap()
}

/// `unit` repeated to `len` bytes (whole units).
fn repeat(unit: &str, len: usize) -> String {
    unit.repeat(len.div_ceil(unit.len()))
}

const FAMILIES: &[&str] = &[
    "*",
    "_",
    "~",
    "`",
    "|",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    ":",
    "$",
    "\\",
    "#",
    "@",
    "!",
    "-",
    "+",
    ".",
    "**_",
    "_a",
    "[a](",
    ":a:",
    "<t:1",
    "||a ",
    "**_**__",
    "[a]",
    "![",
    "](",
    "-_-",
    ":)",
    "\\(",
    "\\[",
    "x_",
    "__a",
    "<a|",
    "color:#fff",
    "a@b.c ",
    "_a.a",
    "a.",
    "http://a.b/",
    "+1-",
    "*a ",
    "_a ",
    "~a ",
    "~~a",
    "**a",
    "__a__",
    "`a",
    "$a",
    "||",
    "> ",
    "> > a\n",
    "- a\n",
    "1. a\n",
    "- [x] a\n",
    "| a |\n",
    "|-|\n",
    "# a\n",
    "```\n",
    "a\n",
    "\n",
    " ",
    "😀",
    ":smile:",
    "a:smile:",
    "*😀*",
    "[*a*](",
    "_[a](",
    "~~[a](b)",
    "<http://a|",
    "@a:",
    "#a#",
    "B)",
    ":-",
    "*\\0/",
    "\u{1F600}\u{200D}",
    "a\r",
];

fn check_family(unit: &str, sizes: &[usize]) -> Result<(), String> {
    let opts = all_on();
    for &n in sizes {
        let text = repeat(unit, n);
        let (_, steps) = parse_counting_steps(&text, &opts);
        let per_byte = steps as f64 / text.len() as f64;
        if steps > C * text.len() as u64 {
            return Err(format!(
                "{unit:?} × {n} bytes: {steps} steps ({per_byte:.1}/byte)"
            ));
        }
    }
    Ok(())
}

#[test]
fn every_family_does_linear_work_up_to_100_kb() {
    let failures: Vec<String> = FAMILIES
        .iter()
        .filter_map(|u| check_family(u, &[1_000, 10_000, 100_000]).err())
        .collect();
    assert!(
        failures.is_empty(),
        "super-linear work:\n{}",
        failures.join("\n")
    );
}

#[test]
fn a_megabyte_of_the_worst_families_is_linear() {
    for unit in ["*", "[", "_a", "<t:1", ":)", "a ", "|-|\n"] {
        check_family(unit, &[1_000_000]).unwrap();
    }
}

#[test]
fn many_lines_and_one_long_line() {
    let opts = all_on();
    let lines = "a **b** _c_ [d](http://e.io) :smile:\n".repeat(100_000 / 10);
    let (tree, steps) = parse_counting_steps(&lines, &opts);
    assert!(steps <= C * lines.len() as u64, "{steps}");
    assert_eq!(tree.len(), 10_000);
    let line = "word ".repeat(200_000);
    let (tree, steps) = parse_counting_steps(&line, &opts);
    assert!(steps <= C * line.len() as u64, "{steps}");
    assert_eq!(tree.len(), 1);
}

#[test]
fn deep_and_long_input_fits_a_small_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let opts = all_on();
            for unit in ["*_~[", ":)", "**_", "> ", "||", "[a](", "_*~", "B)", ":-)"] {
                let text = repeat(unit, 200_000);
                let tree = chatmark::parse(&text, &opts);
                assert!(!tree.is_empty());
            }
        })
        .unwrap();
    handle.join().expect("no stack overflow");
}

/// Families of the issue that are not runs of one unit: a real table (header,
/// separator, many rows), nested list and quote markers, 100,000 lines; and
/// the nodes that carry a UTF-16 `fallback` range (horizontal rules, tables,
/// timestamps), many of them in one message.
#[test]
fn long_tables_nested_markers_and_100_000_lines() {
    let opts = all_on();
    let check = |name: &str, text: &str| {
        let (_, steps) = parse_counting_steps(text, &opts);
        assert!(
            steps <= C * text.len() as u64,
            "{name}: {steps} steps for {} bytes",
            text.len()
        );
    };
    for rows in [1_000, 10_000, 30_000] {
        let table = format!(
            "| a | b | c |\n|:--|:-:|--:|\n{}",
            "| *x* | [y](http://z.io) | `w` |\n".repeat(rows)
        );
        check("table", &table);
    }
    for depth in [1_000, 10_000, 100_000] {
        check("nested list", &format!("{}a\n", "- ".repeat(depth)));
        check(
            "nested ordered list",
            &format!("{}a\n", "1. ".repeat(depth)),
        );
        check("nested quote", &format!("{}a\n", ">".repeat(depth)));
        check("nested task", &format!("{}a\n", "- [x] ".repeat(depth)));
    }
    let indented: String = (0..10_000)
        .map(|i| format!("{}- item {i}\n", " ".repeat(i % 64)))
        .collect();
    check("indented list", &indented);
    let quotes: String = (0..10_000)
        .map(|i| format!("{} q {i}\n", "> ".repeat(1 + i % 16)))
        .collect();
    check("quote levels", &quotes);
    let lines = "a\n".repeat(100_000);
    let (tree, steps) = parse_counting_steps(&lines, &opts);
    assert!(steps <= C * lines.len() as u64, "100,000 lines: {steps}");
    assert_eq!(tree.len(), 100_000);
    check(
        "100,000 markup lines",
        &"**a** _b_ :) <t:1> ~c~\n".repeat(100_000),
    );
    // Each of these nodes computes a UTF-16 offset; the conversion goes on
    // from the previous one (and counts its steps), so a megabyte of them
    // is linear too. Non-ASCII text before them makes UTF-16 differ from
    // bytes.
    for unit in [
        "---\n",
        "<t:1700000000>\n",
        "a\n\n| a |\n|-|\n",
        "***\n",
        "é😀 <t:1700000000:R> ---\n---\n",
    ] {
        check_family(unit, &[1_000, 100_000, 1_000_000]).unwrap();
    }
}

/// Many openings that share one closing: every `[` of `[[[…[a](url` ends
/// its title at the same `](`, and every `<` of `<<<…<url|` reads the same
/// URL. Reading that URL once per opening, or building each opening's title
/// before the URL fails, is quadratic (both were: 1.3 s for 80 KB of
/// `[…[a](http://x.io/b…`, 1.4 s for 16 KB of `[ [ … [ a](b`).
#[test]
fn many_openings_sharing_one_url() {
    let opts = all_on();
    for n in [1_000, 10_000, 100_000] {
        let tail = "b".repeat(n);
        for text in [
            format!("{}a](http://x.io/{tail}", "[".repeat(n)),
            format!("{}a](http://x.io/{tail})", "[".repeat(n)),
            format!("{}a](+123456{}", "[".repeat(n), "7".repeat(n)),
            format!("{}http://a.io/{tail} |", "<".repeat(n)),
            format!("{}a](http://x.io/{tail}\n", "[ ".repeat(n)),
        ] {
            let (_, steps) = parse_counting_steps(&text, &opts);
            assert!(
                steps <= C * text.len() as u64,
                "{:?}…: {steps} steps for {} bytes",
                &text[..8],
                text.len()
            );
        }
    }
}
