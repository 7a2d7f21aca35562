//! Properties of the parser on generated text (proptest):
//!
//! - it is total: no input panics, whatever the options (control
//!   characters, `\r`, ZWJ sequences, lone combining marks, emoji, and text
//!   made of markup tokens);
//! - its tree survives the wire round trip (`from_str(to_string(t)) == t`,
//!   and writing again gives the same bytes);
//! - it invents no text ([`check_provenance`] says precisely what may come
//!   from where) and `fallback` ranges lie within the input;
//! - it is deterministic.
//!
//! Case counts are modest so that the file runs in seconds; set
//! `PROPTEST_CASES` to run more (e.g. `PROPTEST_CASES=20000`).

mod common;

use chatmark::ast::{Emoji, Fallback, Kind, Label, Link, Node, Shortcode};
use chatmark::{Katex, Options, parse, wire};
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// Provenance: where each text of a parsed tree may come from
// ---------------------------------------------------------------------------

/// The characters before which the parser drops a backslash: `Escaped =
/// "\\" [*_~`#.]`, `\<t:` (an escaped timestamp is written without its
/// backslash) and, in a table cell, `\|`.
fn escapable(c: char, after: &[char], in_cell: bool) -> bool {
    matches!(c, '*' | '_' | '~' | '`' | '#' | '.')
        || (c == '<' && after.starts_with(&['t', ':']))
        || (c == '|' && in_cell)
}

/// Where a text sits in the tree, for the rewrites that depend on it.
#[derive(Clone, Copy, Default)]
struct Place {
    /// Inside a TABLE_CELL: `\|` loses its backslash.
    cell: bool,
    /// Inside BOLD, ITALIC or STRIKE: the reference's mention form there
    /// (`Text "@" …`) writes a run of `@` before a name as one `@`
    /// (`_a@@user_` → `a@user`, `~a:@@user~` → `a:@user`).
    emphasis: bool,
}

/// True when `value` occurs in `input` as a contiguous piece, up to the
/// rewrites the parser makes of plain text:
///
/// - an escape loses its backslash: the input may hold one extra `\\`
///   before any character of `value` that [`escapable`] allows;
/// - `mailto:` before an e-mail address that does not become a link is
///   dropped (`*mailto:a@b.com-!` → `*a@b.com-!`): the input may hold an
///   extra `mailto:` where an `@` follows without whitespace;
/// - inside BOLD, ITALIC or STRIKE, a run of `@` before a name may be
///   written as one `@` (`_a@@user_` → `a@user`; see [`Place`]).
///
/// Matching is by characters; a backslash in `value` must be in the input.
fn occurs_unescaped(input: &[char], value: &str, place: Place) -> bool {
    let v: Vec<char> = value.chars().collect();
    (0..=input.len()).any(|start| matches_at(input, start, &v, place))
}

const MAILTO: [char; 7] = ['m', 'a', 'i', 'l', 't', 'o', ':'];

fn matches_at(input: &[char], mut p: usize, v: &[char], place: Place) -> bool {
    for (k, &c) in v.iter().enumerate() {
        // A dropped `mailto:` (tried when the text itself does not go on).
        if input[p.min(input.len())..].starts_with(&MAILTO)
            && input[p + 7..]
                .iter()
                .take_while(|c| !c.is_whitespace())
                .any(|&c| c == '@')
            && (input.get(p) != Some(&c) || matches_at(input, p + 7, &v[k..], place))
        {
            if input.get(p) != Some(&c) {
                return matches_at(input, p + 7, &v[k..], place);
            }
            return true;
        }
        if input.get(p) == Some(&c) {
            p += 1;
            if c == '@' && place.emphasis && v.get(k + 1) != Some(&'@') {
                while input.get(p) == Some(&'@') {
                    p += 1;
                }
            }
        } else if input.get(p) == Some(&'\\')
            && input.get(p + 1) == Some(&c)
            && escapable(c, &input[p + 2..], place.cell)
        {
            p += 2;
        } else {
            return false;
        }
    }
    true
}

/// True when `digits` (ASCII digits only, at least one) are the digits of
/// a piece of the input that starts with `+` and holds only digits and the
/// separators of phone numbers (`(`, `)`, `-`, space).
fn phone_digits_occur(input: &[char], digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    input.iter().enumerate().any(|(i, &c)| {
        if c != '+' {
            return false;
        }
        let found: String = input[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | '-' | ' '))
            .filter(|c| c.is_ascii_digit())
            .collect();
        found.starts_with(digits)
    })
}

/// Checks that a parsed tree invents no text. Precisely, for `input`
/// parsed with `options`:
///
/// - PLAIN_TEXT values (also a TIMESTAMP fallback node's) occur in the
///   input up to dropped escape backslashes ([`occurs_unescaped`], with
///   `\|` only inside a TABLE_CELL);
/// - INLINE_CODE, CODE_LINE, MENTION_USER, MENTION_CHANNEL, KATEX,
///   INLINE_KATEX values, unicode emoji and a code block's language (unless
///   `none`) occur in the input verbatim;
/// - an EMOJI shortcode node's `value` occurs verbatim; its `shortCode`
///   either equals the value (`:name:`, which occurs with its colons), or,
///   only when emoticons are on, names the emoticon typed (not checked);
/// - a LINK's or IMAGE's `src` is a piece of the input verbatim, or that
///   piece after `//` (scheme-less autolinks), or after `mailto:`, or is
///   `tel:` and the digits of a `+`-phone number in the input;
/// - TIMESTAMP: `timestamp` is computed (not checked beyond being a
///   decimal string), `format` is one of `tTdDfFR`;
/// - COLOR nodes appear only with `colors`, KATEX and INLINE_KATEX only
///   with math on, HEADING levels are 1–4, TABLE_CELL aligns are
///   `left`/`center`/`right`, no node has unknown fields or an unknown type;
/// - every `fallback` range satisfies `start ≤ end ≤` the input's length in
///   UTF-16 code units.
///
/// Returns the first violation found.
fn check_provenance(input: &str, options: &Options, tree: &[Node<'_>]) -> Result<(), String> {
    let chars: Vec<char> = input.chars().collect();
    let len16 = input.encode_utf16().count() as u64;
    let verbatim = |what: &str, v: &str| -> Result<(), String> {
        if input.contains(v) {
            Ok(())
        } else {
            Err(format!("{what} {v:?} is not in the input"))
        }
    };
    let plain = |v: &str, place: Place| -> Result<(), String> {
        if occurs_unescaped(&chars, v, place) {
            Ok(())
        } else {
            Err(format!("PLAIN_TEXT {v:?} is not in the input"))
        }
    };
    let range = |fb: &Option<Fallback<'_>>| -> Result<(), String> {
        match fb {
            Some(Fallback::Range(a, b)) if !(a <= b && *b <= len16) => Err(format!(
                "fallback [{a}, {b}] outside the input (UTF-16 length {len16})"
            )),
            Some(Fallback::Plain(v)) => plain(v, Place::default()),
            _ => Ok(()),
        }
    };
    // Nodes to visit, each with where it sits.
    let mut stack: Vec<(&Node<'_>, Place)> =
        tree.iter().rev().map(|n| (n, Place::default())).collect();
    while let Some((n, place)) = stack.pop() {
        if !n.extra.is_empty() {
            return Err(format!("{} node with unknown fields", n.type_name()));
        }
        match &n.kind {
            Kind::PlainText(v) => plain(v, place)?,
            Kind::InlineCode(v) => verbatim("INLINE_CODE", v)?,
            Kind::CodeLine(v) => verbatim("CODE_LINE", v)?,
            Kind::MentionUser(v) => verbatim("MENTION_USER", v)?,
            Kind::MentionChannel(v) => verbatim("MENTION_CHANNEL", v)?,
            Kind::Katex(v) | Kind::InlineKatex(v) => {
                if options.katex.is_none() {
                    return Err(format!("{} without math on", n.type_name()));
                }
                verbatim(n.type_name(), v)?
            }
            Kind::Code(c) => match c.language.as_deref() {
                None | Some("none") => {}
                Some(l) => verbatim("CODE language", l)?,
            },
            Kind::Emoji(Emoji::Unicode(u)) => verbatim("unicode EMOJI", u)?,
            Kind::Emoji(Emoji::Shortcode(e)) => {
                let (value, short_code) = (&e.value, &e.short_code);
                if value == short_code {
                    verbatim("EMOJI shortcode", &format!(":{value}:"))?
                } else if options.emoticons {
                    verbatim("EMOJI emoticon", value)?
                } else {
                    return Err(format!(
                        "EMOJI {value:?} with shortCode {short_code:?} while emoticons are off"
                    ));
                }
            }
            Kind::Link(l) | Kind::Image(l) => {
                let src = &l.src;
                let ok = input.contains(&**src)
                    || src.strip_prefix("//").is_some_and(|s| input.contains(s))
                    || src
                        .strip_prefix("mailto:")
                        .is_some_and(|s| input.contains(s))
                    || src
                        .strip_prefix("tel:")
                        .is_some_and(|d| phone_digits_occur(&chars, d));
                if !ok {
                    return Err(format!(
                        "{} src {src:?} is not from the input",
                        n.type_name()
                    ));
                }
            }
            Kind::Timestamp(t) => {
                let (timestamp, format, fallback) = (&t.timestamp, &t.format, &t.fallback);
                let digits = timestamp.strip_prefix('-').unwrap_or(timestamp);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!("TIMESTAMP value {timestamp:?} is not a number"));
                }
                if !matches!(&**format, "t" | "T" | "d" | "D" | "f" | "F" | "R") {
                    return Err(format!("TIMESTAMP format {format:?}"));
                }
                range(fallback)?
            }
            Kind::HorizontalRule { fallback } => range(fallback)?,
            Kind::Table(t) => {
                let (header, rows) = (&t.header, &t.rows);
                range(&t.fallback)?;
                stack.extend(rows.iter().rev().map(|n| (n, place)));
                stack.extend(header.iter().rev().map(|n| (n, place)));
            }
            Kind::Color { .. } if !options.colors => {
                return Err("COLOR without colors on".to_owned());
            }
            Kind::Heading { level, .. } if !(1..=4).contains(level) => {
                return Err(format!("HEADING level {level}"));
            }
            Kind::TableCell(c)
                if c.align
                    .as_deref()
                    .is_some_and(|a| !matches!(a, "left" | "center" | "right")) =>
            {
                return Err(format!("TABLE_CELL align {:?}", c.align));
            }
            Kind::Unknown(u) => {
                return Err(format!("unknown node type {:?}", u.type_name));
            }
            _ => {}
        }
        if let Kind::Link(l) = &n.kind
            && let Label::One(_) = l.label
        {
            return Err("LINK with a single-node label (an older release's shape)".to_owned());
        }
        let inner = Place {
            cell: place.cell || matches!(n.kind, Kind::TableCell(_)),
            emphasis: place.emphasis
                || matches!(n.kind, Kind::Bold(_) | Kind::Italic(_) | Kind::Strike(_)),
        };
        stack.extend(n.children().iter().rev().map(|n| (n, inner)));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

const NOW: i64 = 1_736_942_400_000; // 2025-01-15T12:00:00Z

fn all_on() -> Options {
    Options {
        colors: true,
        emoticons: true,
        katex: Some(Katex {
            dollar_syntax: true,
            parenthesis_syntax: true,
        }),
        custom_domains: Some(vec!["intranet".to_owned()]),
        now: Some(NOW),
    }
}

fn any_options() -> impl Strategy<Value = Options> {
    (
        any::<bool>(),
        any::<bool>(),
        proptest::option::of((any::<bool>(), any::<bool>())),
        proptest::option::of(proptest::sample::select(vec![
            vec![],
            vec!["intranet".to_owned()],
            vec!["local".to_owned(), "corp.example".to_owned()],
        ])),
    )
        .prop_map(|(colors, emoticons, katex, custom_domains)| Options {
            colors,
            emoticons,
            katex: katex.map(|(dollar_syntax, parenthesis_syntax)| Katex {
                dollar_syntax,
                parenthesis_syntax,
            }),
            custom_domains,
            now: Some(NOW),
        })
}

/// Pieces the parser treats specially.
const TOKENS: &[&str] = &[
    "*",
    "**",
    "_",
    "__",
    "~",
    "~~",
    "`",
    "```",
    "||",
    "\\",
    "\\*",
    "\\_",
    "\\.",
    "\\<t:",
    "[",
    "]",
    "(",
    ")",
    "](",
    "![",
    "<",
    ">",
    "|",
    "!",
    "#",
    "@",
    ":",
    ".",
    "-",
    "+",
    "$",
    "$$",
    "\\(",
    "\\)",
    "\\[",
    "\\]",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "> ",
    "- ",
    "1. ",
    "- [ ] ",
    "- [x] ",
    "# ",
    "#### ",
    "---",
    "```js\n",
    "| a | b |\n",
    "|---|:-:|\n",
    ":)",
    ":-)",
    ";)",
    "B)",
    ":D",
    ":smile:",
    ":+1:",
    ":nope:",
    "<t:1700000000>",
    "<t:1700000000:R>",
    "<t:10:00:t>",
    "<t:2025-01-01T10:00:00Z:f>",
    "color:#ff0000",
    "color:#abc",
    "http://",
    "https://",
    "www.",
    "example.com",
    "intranet",
    "a.io/x?y=1#z",
    "localhost:3000",
    "mailto:",
    "a@b.com",
    "+55 11 99999-9999",
    "+1(800)555-0100",
    "+12345",
    "@user",
    "#general",
    "[label](https://a.io)",
    "<https://a.io|title>",
    "![alt](x.png)",
    "[a](+55-1234567)",
    "**bold**",
    "_it_",
    "~st~",
    "`c`",
    "$x^2$",
    "a",
    "word",
    "😀",
    "👍🏽",
];

/// Characters that are easy to get wrong.
const AWKWARD: &[&str] = &[
    "\0",
    "\u{1}",
    "\u{8}",
    "\u{b}",
    "\u{c}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{ad}",
    "\u{200b}",
    "\u{200d}",
    "\u{200e}",
    "\u{202e}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{fffd}",
    "\u{ffff}",
    "\u{301}",
    "\u{308}",
    "\u{20dd}",
    "\u{20e3}",
    "\u{fe0f}",
    "\u{1f3fb}",
    "\u{e0067}",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🏳\u{fe0f}\u{200d}🌈",
    "1\u{fe0f}\u{20e3}",
    "\u{1f600}\u{200d}",
    "e\u{301}",
    "🇧🇷",
    "\u{10ffff}",
    "𝔘",
    "İ",
];

/// Any characters, control characters and the awkward ones weighted up.
fn awkward_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => any::<char>().prop_map(String::from),
        2 => (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        3 => proptest::sample::select(AWKWARD).prop_map(str::to_owned),
        1 => proptest::sample::select(TOKENS).prop_map(str::to_owned),
    ];
    proptest::collection::vec(piece, 0..48).prop_map(|v| v.concat())
}

/// Text made of markup tokens, with some words and awkward characters.
fn markup_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(TOKENS).prop_map(str::to_owned),
        1 => proptest::sample::select(AWKWARD).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..48).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![awkward_text(), markup_text()]
}

fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_cases);
    ProptestConfig {
        cases,
        // No files written next to the tests; failures print their input.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

/// The wire round trip of a parsed tree.
fn round_trip(tree: &[Node<'_>]) -> Result<(), TestCaseError> {
    let json = wire::to_string(tree);
    let back = wire::from_str(&json)
        .map_err(|e| TestCaseError::fail(format!("does not read back: {e}\n{json}")))?;
    prop_assert_eq!(&back[..], tree, "{}", json);
    prop_assert_eq!(wire::to_string(&back), json);
    Ok(())
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn parse_is_total_on_awkward_text(text in awkward_text(), options in any_options()) {
        let tree = parse(&text, &options);
        let _ = wire::to_string(&tree);
        let tree = parse(&text, &all_on());
        let _ = wire::to_string(&tree);
    }

    #[test]
    fn parse_is_total_on_markup(text in markup_text(), options in any_options()) {
        let tree = parse(&text, &options);
        let _ = wire::to_string(&tree);
        let tree = parse(&text, &all_on());
        let _ = wire::to_string(&tree);
    }

    #[test]
    fn parsed_trees_round_trip(text in any_text(), options in any_options()) {
        round_trip(&parse(&text, &options))?;
    }

    #[test]
    fn parsed_text_comes_from_the_input(text in any_text(), options in any_options()) {
        let tree = parse(&text, &options);
        if let Err(e) = check_provenance(&text, &options, &tree) {
            return Err(TestCaseError::fail(format!("{e}\ntree: {}", wire::to_string(&tree))));
        }
    }

    #[test]
    fn parse_is_deterministic(text in any_text(), options in any_options()) {
        let first = wire::to_string(&parse(&text, &options));
        let copy = text.clone();
        prop_assert_eq!(wire::to_string(&parse(&copy, &options)), first.clone());
        prop_assert_eq!(wire::to_string(&parse(&text, &options)), first);
    }

    /// The provenance check can fail: a character that is not in the input,
    /// added to any one text of the tree, is reported.
    #[test]
    fn provenance_check_catches_invented_text(text in markup_text(), pick in any::<prop::sample::Index>()) {
        const INVENTED: char = '\u{E0100}';
        prop_assume!(!text.contains(INVENTED));
        let options = all_on();
        let mut tree = parse(&text, &options);
        let mut texts = Vec::new();
        collect_texts(&mut tree, &mut texts);
        prop_assume!(!texts.is_empty());
        let i = pick.index(texts.len());
        texts[i].to_mut().push(INVENTED);
        prop_assert!(check_provenance(&text, &options, &tree).is_err());
    }
}

/// The checked texts of a tree, mutable.
fn collect_texts<'t, 'a>(
    nodes: &'t mut [Node<'a>],
    out: &mut Vec<&'t mut std::borrow::Cow<'a, str>>,
) {
    for n in nodes {
        match &mut n.kind {
            Kind::PlainText(v)
            | Kind::InlineCode(v)
            | Kind::CodeLine(v)
            | Kind::MentionUser(v)
            | Kind::MentionChannel(v)
            | Kind::Katex(v)
            | Kind::InlineKatex(v)
            | Kind::Emoji(Emoji::Unicode(v)) => out.push(v),
            Kind::Emoji(Emoji::Shortcode(e)) => out.push(&mut e.value),
            Kind::Link(l) | Kind::Image(l) => {
                let Link { src, label } = &mut **l;
                out.push(src);
                match label {
                    Label::Many(v) => collect_texts(v, out),
                    Label::One(n) => collect_texts(std::slice::from_mut(&mut **n), out),
                }
            }
            Kind::Paragraph(v)
            | Kind::Bold(v)
            | Kind::Italic(v)
            | Kind::Strike(v)
            | Kind::Spoiler(v)
            | Kind::Quote(v)
            | Kind::Blockquote(v)
            | Kind::SpoilerBlock(v)
            | Kind::BigEmoji(v)
            | Kind::Tasks(v)
            | Kind::OrderedList(v)
            | Kind::UnorderedList(v)
            | Kind::TableRow(v)
            | Kind::Heading { value: v, .. }
            | Kind::Task { value: v, .. }
            | Kind::ListItem { value: v, .. } => collect_texts(v, out),
            Kind::Code(c) => collect_texts(&mut c.lines, out),
            Kind::TableCell(c) => collect_texts(&mut c.value, out),
            Kind::Table(t) => {
                collect_texts(&mut t.header, out);
                collect_texts(&mut t.rows, out);
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------
// The checker itself: it accepts the reference's own trees and rejects
// invented text
// ---------------------------------------------------------------------------

/// The reference parser's trees for its own test suite satisfy the
/// provenance check: the check describes the reference, not only chatmark.
#[test]
fn reference_trees_pass_the_provenance_check() {
    let mut failures = Vec::new();
    for case in common::jsonl("reference-tests.jsonl") {
        let input = case["input"].as_str().unwrap();
        let options = match case.get("options") {
            Some(v) => Options::from_value(v.clone()).unwrap(),
            None => Options::default(),
        };
        let expected = serde_json::to_string(&case["expected"]).unwrap();
        let tree = wire::from_str(&expected).unwrap();
        if let Err(e) = check_provenance(input, &options, &tree) {
            failures.push(format!("{input:?}: {e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} reference trees fail the check:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

#[test]
fn provenance_check_rejects_what_the_input_does_not_hold() {
    let p = |s: &str| Node::plain(s.to_owned());
    let para = |v: Vec<Node<'static>>| vec![Node::new(Kind::Paragraph(v))];
    let o = Options::default();
    // Accepted: pieces, escapes resolved.
    assert!(check_provenance("a \\*b\\* c", &o, &para(vec![p("a *b* c")])).is_ok());
    assert!(check_provenance("x \\<t:1:R>", &o, &para(vec![p("x <t:1:R>")])).is_ok());
    // Invented text.
    assert!(check_provenance("abc", &o, &para(vec![p("abd")])).is_err());
    // A backslash dropped where the parser keeps it.
    assert!(check_provenance("a\\b", &o, &para(vec![p("ab")])).is_err());
    assert!(check_provenance("a\\<x", &o, &para(vec![p("a<x")])).is_err());
    assert!(check_provenance("a\\|x", &o, &para(vec![p("a|x")])).is_err());
    // `@@` as one `@`: inside emphasis only.
    let strike = |v: &str| para(vec![Node::new(Kind::Strike(vec![p(v)]))]);
    assert!(check_provenance("~a:@@user~", &o, &strike("a:@user")).is_ok());
    assert!(check_provenance("a:@@user", &o, &para(vec![p("a:@user")])).is_err());
    assert!(check_provenance("~a:@@user~", &o, &strike("a:user")).is_err());
    // A dropped `mailto:` before an address only.
    assert!(check_provenance("*mailto:a@b.com-!", &o, &para(vec![p("*a@b.com-!")])).is_ok());
    assert!(check_provenance("*mailto:ab.com-!", &o, &para(vec![p("*ab.com-!")])).is_err());
    assert!(check_provenance("*mailto: a@b.com", &o, &para(vec![p("* a@b.com")])).is_err());
    // Two pieces of the input glued together.
    assert!(check_provenance("ab cd", &o, &para(vec![p("abcd")])).is_err());
    // Links: rewrites allowed, others not.
    let link = |src: &str| {
        para(vec![Node::new(Kind::Link(Box::new(Link {
            src: src.to_owned().into(),
            label: Label::Many(vec![p("x")]),
        })))])
    };
    assert!(check_provenance("see a.io x", &o, &link("//a.io")).is_ok());
    assert!(check_provenance("a@b.io x", &o, &link("mailto:a@b.io")).is_ok());
    assert!(check_provenance("+55 (11) 9-8 x", &o, &link("tel:551198")).is_ok());
    assert!(check_provenance("see a.io x", &o, &link("https://a.io")).is_err());
    assert!(check_provenance("+55 11 x", &o, &link("tel:5512")).is_err());
    // Emoticons only when on.
    let emoticon = para(vec![Node::new(Kind::Emoji(Emoji::Shortcode(Box::new(
        Shortcode {
            value: ":)".into(),
            short_code: "slight_smile".into(),
        },
    ))))]);
    assert!(check_provenance(":)", &o, &emoticon).is_err());
    assert!(check_provenance(":)", &all_on(), &emoticon).is_ok());
    // Fallback ranges in UTF-16 units: "😀" is two.
    let hr = |a, b| {
        vec![Node::new(Kind::HorizontalRule {
            fallback: Some(Fallback::Range(a, b)),
        })]
    };
    assert!(check_provenance("😀", &o, &hr(0, 2)).is_ok());
    assert!(check_provenance("😀", &o, &hr(0, 3)).is_err());
    assert!(check_provenance("😀", &o, &hr(2, 1)).is_err());
}
