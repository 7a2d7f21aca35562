//! Generated input for fuzzing and property tests: `md` trees and
//! message-like text, for other projects' harnesses (a client fuzzing its
//! rendering of `md`, a server its storage) and for chatmark's own.
//!
//! Two features, either of which enables this module:
//!
//! - `proptest`: strategies. [`any_tree`] gives trees shaped as the parser
//!   makes them (blocks at the top, inline nodes in paragraphs, cells in
//!   tables, …) with every known node type; [`any_wire_tree`] adds what a
//!   stored tree may also hold (the shapes of older releases, node types and
//!   fields chatmark does not know); [`message_like`] gives message text
//!   built from markup tokens ([`MARKUP_TOKENS`]) and awkward characters
//!   (control characters, `\r`, ZWJ sequences, lone combining marks, emoji).
//! - `arbitrary`: [`arbitrary::Arbitrary`] for [`Node`] (a block node, so
//!   that a `Vec<Node>` is a root), [`Kind`], [`Label`], [`Emoji`],
//!   [`Fallback`] and [`JsNumber`], drawing the same trees as
//!   [`any_wire_tree`] from the fuzzer's bytes, and [`MessageLike`] for
//!   message text.
//!
//! Every generated tree is *valid*: it uses the node types and field shapes
//! the wire format reads, so writing it with [`crate::wire::to_string`] and
//! reading that back with [`crate::wire::from_str`] gives the same tree and
//! the same bytes. Depth is bounded ([`MAX_DEPTH`] levels of nesting), and
//! so is size. Text comes with no guarantee beyond being valid UTF-8: it may
//! hold `<`, `&`, quotes, control characters and any code point, which is
//! what a renderer must escape.
//!
//! With the `proptest` feature:
//!
//! ```
//! # #[cfg(feature = "proptest")] {
//! use chatmark::testing::{any_tree, message_like};
//! use proptest::prelude::*;
//! use proptest::test_runner::{Config, TestRunner};
//!
//! let mut runner = TestRunner::new(Config { cases: 32, ..Config::default() });
//!
//! // A server's storage: every tree survives being written and read back.
//! runner
//!     .run(&any_tree(), |tree| {
//!         let json = chatmark::wire::to_string(&tree);
//!         let back = chatmark::wire::from_str(&json).unwrap();
//!         prop_assert_eq!(back, tree);
//!         Ok(())
//!     })
//!     .unwrap();
//!
//! // A client's renderer: message-like text through the parser.
//! runner
//!     .run(&message_like(), |text| {
//!         let tree = chatmark::parse(&text, &chatmark::Options::default());
//!         prop_assert!(text.trim().is_empty() || !tree.is_empty());
//!         Ok(())
//!     })
//!     .unwrap();
//! # }
//! ```
//!
//! With the `arbitrary` feature, in a `cargo fuzz` target:
//!
//! ```ignore
//! use chatmark::ast::Root;
//! use libfuzzer_sys::fuzz_target;
//!
//! fuzz_target!(|tree: Root<'static>| {
//!     let html = my_renderer::render(&tree); // must not panic
//! });
//! ```

use std::borrow::Cow;

use crate::ast::{
    CodeBlock, Emoji, Extra, ExtraField, Fallback, JsNumber, Kind, Label, Link, Node, RawJson,
    Root, Shortcode, TableCell, UnknownNode,
};

/// How deep generated trees nest: a root's blocks are at depth 0, and no
/// node is generated deeper than this.
pub const MAX_DEPTH: usize = 5;

/// The most nodes (blocks, inlines, list items, cells) one list gets.
const MAX_LIST: usize = 6;

/// Pieces of message text that the parser treats specially: emphasis and
/// code markers, links, mentions, emoji, timestamps, math, block starts.
/// [`message_like`] concatenates them with words and awkward characters.
pub const MARKUP_TOKENS: &[&str] = &[
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
    "\\<",
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
    "  ",
    "\t",
    "> ",
    "- ",
    "* ",
    "1. ",
    "10) ",
    "- [ ] ",
    "- [x] ",
    "# ",
    "## ",
    "#### ",
    "##### ",
    "---",
    "***",
    "```js\n",
    "\n```",
    "| a | b |\n",
    "|---|:-:|\n",
    "|:--|--:|\n",
    "||spoiler||",
    ":)",
    ":-)",
    ";)",
    ":D",
    "B)",
    ":smile:",
    ":+1:",
    ":flag_br:",
    ":not_an_emoji:",
    "<t:1700000000>",
    "<t:1700000000:R>",
    "<t:10:00:t>",
    "\\<t:1700000000:f>",
    "<t:",
    "color:#ff0000",
    "color:#abcd",
    "http://",
    "https://",
    "https://example.com/a?b=c#d",
    "www.",
    "example.com",
    "rocket.chat",
    "intranet",
    "localhost",
    "mailto:",
    "a@b.com",
    "user.name+tag@example.co.uk",
    "+55 11 99999-9999",
    "+1(800)555-0100",
    "@user",
    "@all",
    "#general",
    "[label](https://a.io)",
    "<https://a.io|title>",
    "![alt](x.png)",
    "[a](",
    "**bold**",
    "_italic_",
    "~strike~",
    "`code`",
    "$x^2$",
    "\\(a\\)",
    "\\[b\\]",
];

/// Characters that are easy to get wrong: controls, line and paragraph
/// separators, joiners, marks, emoji pieces, astral and private-use code
/// points.
const AWKWARD: &[&str] = &[
    "\0",
    "\u{1}",
    "\u{8}",
    "\u{b}",
    "\u{c}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{9f}",
    "\u{a0}",
    "\u{ad}",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{200e}",
    "\u{200f}",
    "\u{202e}",
    "\u{2028}",
    "\u{2029}",
    "\u{2060}",
    "\u{feff}",
    "\u{fffd}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{301}",
    "\u{308}",
    "\u{20dd}",
    "\u{20e3}",
    "\u{fe0f}",
    "\u{fe0e}",
    "\u{1f3fb}",
    "\u{e0067}",
    "😀",
    "👍",
    "🇧🇷",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🏳\u{fe0f}\u{200d}🌈",
    "1\u{fe0f}\u{20e3}",
    "\u{1f600}\u{200d}",
    "e\u{301}",
    "\u{301}\u{301}",
    "©",
    "™",
    "ß",
    "İ",
    "ﬁ",
    "𝔘",
    "\u{10ffff}",
    "\u{e000}",
    "<",
    "&",
    "&amp;",
    "\"",
    "'",
    "<script>",
    "</p>",
    "&#x3c;",
];

const WORDS: &[&str] = &[
    "a",
    "hello",
    "world",
    "x y",
    "Olá",
    "日本語",
    "שלום",
    "مرحبا",
    "1234",
    "42",
    "e.g.",
];

// ---------------------------------------------------------------------------
// The generator, over any source of choices
// ---------------------------------------------------------------------------

/// Where the generator's choices come from: a fuzzer's bytes or a
/// proptest-shrinkable byte vector. An exhausted source answers 0, which is
/// always the simplest choice (stop a list, take a PLAIN_TEXT), so that
/// generation ends and shrinking leads to small trees.
trait Choices {
    /// A number in `0..n` (`n ≥ 1`).
    fn below(&mut self, n: usize) -> usize;
    /// Eight bytes as a number.
    fn bits(&mut self) -> u64;
}

/// Bytes read front to back.
struct Bytes<'b> {
    data: &'b [u8],
}

impl Choices for Bytes<'_> {
    fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let width = if n <= 256 { 1 } else { 4 };
        let mut v: usize = 0;
        for _ in 0..width {
            let Some((&b, rest)) = self.data.split_first() else {
                break;
            };
            self.data = rest;
            v = (v << 8) | usize::from(b);
        }
        v % n
    }

    fn bits(&mut self) -> u64 {
        let mut v = 0u64;
        for _ in 0..8 {
            let Some((&b, rest)) = self.data.split_first() else {
                break;
            };
            self.data = rest;
            v = (v << 8) | u64::from(b);
        }
        v
    }
}

#[cfg(feature = "arbitrary")]
impl Choices for arbitrary::Unstructured<'_> {
    fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        self.choose_index(n).unwrap_or(0)
    }

    fn bits(&mut self) -> u64 {
        <u64 as arbitrary::Arbitrary>::arbitrary(self).unwrap_or(0)
    }
}

/// Which trees to make.
#[derive(Clone, Copy, PartialEq)]
enum Shapes {
    /// As the parser makes them (current release, known types only).
    Parser,
    /// Anything the wire format reads: also older shapes, unknown node
    /// types and unknown fields.
    Wire,
}

struct Gen<'c, C: ?Sized> {
    c: &'c mut C,
    shapes: Shapes,
}

impl<C: Choices + ?Sized> Gen<'_, C> {
    fn pick<'s>(&mut self, from: &[&'s str]) -> &'s str {
        from[self.c.below(from.len())]
    }

    fn coin(&mut self, one_in: usize) -> bool {
        self.c.below(one_in) == one_in - 1
    }

    fn wire(&self) -> bool {
        self.shapes == Shapes::Wire
    }

    /// How many items a list gets: `min` and then one more while the
    /// source says so.
    fn count(&mut self, min: usize, max: usize) -> usize {
        let mut n = min;
        while n < max && self.c.below(3) != 0 {
            n += 1;
        }
        n
    }

    fn any_char(&mut self) -> char {
        let v = (self.c.bits() % 0x11_0000) as u32;
        char::from_u32(v).unwrap_or('\u{fffd}')
    }

    /// Text: words, markup tokens and awkward or arbitrary characters.
    fn text(&mut self, nonempty: bool) -> String {
        let n = self.count(usize::from(nonempty), 8);
        let mut s = String::new();
        for _ in 0..n {
            match self.c.below(5) {
                0 => s.push_str(self.pick(WORDS)),
                1 => s.push_str(self.pick(MARKUP_TOKENS)),
                2 => s.push_str(self.pick(AWKWARD)),
                3 => s.push(self.any_char()),
                _ => s.push(' '),
            }
        }
        if nonempty && s.is_empty() {
            s.push('a');
        }
        s
    }

    fn cow(&mut self, nonempty: bool) -> Cow<'static, str> {
        Cow::Owned(self.text(nonempty))
    }

    fn ascii_digits(&mut self, min: usize, max: usize) -> String {
        let n = self.count(min, max);
        (0..n)
            .map(|_| char::from(b'0' + self.c.below(10) as u8))
            .collect()
    }

    fn range(&mut self) -> Fallback<'static> {
        let a = self.c.below(10_000) as u64;
        Fallback::Range(a, a + self.c.below(1_000) as u64)
    }

    fn number(&mut self) -> JsNumber {
        match self.c.below(4) {
            0 => JsNumber::new(self.c.below(100) as f64),
            1 => JsNumber::new(self.ascii_digits(1, 40).parse().unwrap_or(0.0)),
            2 => JsNumber::new((self.c.bits() >> 11) as f64),
            _ if self.wire() => {
                let v = f64::from_bits(self.c.bits());
                JsNumber::new(if v.is_finite() { v } else { 1.5 })
            }
            _ => JsNumber::new(1e21),
        }
    }

    /// Unknown fields for a node with `known` keys (`type` included), at
    /// positions that writing and reading give back.
    fn extra(&mut self, known: usize) -> Extra<'static> {
        if !self.wire() || !self.coin(6) {
            return Extra::default();
        }
        let n = self.count(1, 3);
        // Positions: n distinct values in 1..known+n, increasing.
        let mut slots: Vec<usize> = (1..known + n).collect();
        let mut chosen = Vec::with_capacity(n);
        for _ in 0..n {
            chosen.push(slots.remove(self.c.below(slots.len())));
        }
        chosen.sort_unstable();
        let fields = chosen
            .into_iter()
            .enumerate()
            .map(|(i, position)| ExtraField {
                position,
                key: Cow::Owned(format!("x-field{i}")),
                value: self.raw_json(),
            })
            .collect();
        Extra(Some(Box::new(fields)))
    }

    fn raw_json(&mut self) -> RawJson {
        const VALUES: &[&str] = &[
            "null",
            "true",
            "0",
            "-1.5e300",
            "\"s\"",
            "\"\\u00e9\\n\"",
            "[]",
            "[1,{\"a\":[null]}]",
            "{}",
            "{\"type\":\"PLAIN_TEXT\",\"value\":\"x\"}",
        ];
        let text = if self.coin(4) {
            serde_json::to_string(&self.text(false)).unwrap_or_default()
        } else {
            self.pick(VALUES).to_owned()
        };
        RawJson(
            serde_json::value::RawValue::from_string(text).unwrap_or_else(|_| {
                serde_json::value::RawValue::from_string("null".to_owned()).expect("null is JSON")
            }),
        )
    }

    fn node(&mut self, kind: Kind<'static>) -> Node<'static> {
        let known = 1 + known_fields(&kind);
        Node {
            kind,
            extra: self.extra(known),
        }
    }

    fn unknown(&mut self) -> Node<'static> {
        const TYPES: &[&str] = &["HIGHLIGHT", "MENTION_ROLE", "X_NEW_BLOCK", "", "paragraph"];
        let n = self.count(0, 3);
        let fields = (0..n)
            .map(|i| (Cow::Owned(format!("f{i}")), self.raw_json()))
            .collect();
        Node::new(Kind::Unknown(Box::new(UnknownNode {
            type_name: Cow::Owned(self.pick(TYPES).to_owned()),
            fields,
        })))
    }

    // -- blocks ---------------------------------------------------------

    fn root(&mut self) -> Root<'static> {
        let n = self.count(0, MAX_LIST);
        (0..n).map(|_| self.block(0)).collect()
    }

    fn block(&mut self, depth: usize) -> Node<'static> {
        let deeper = depth + 1 < MAX_DEPTH;
        let kind = match self.c.below(16) {
            _ if !deeper => Kind::LineBreak,
            1 => Kind::Heading {
                level: 1 + self.c.below(4) as u32,
                value: self.inlines(depth + 1, true),
            },
            2 => Kind::Quote(self.paragraphs(depth + 1)),
            3 => Kind::SpoilerBlock(self.paragraphs(depth + 1)),
            4 => Kind::Blockquote(self.paragraphs(depth + 1)),
            5 => {
                const LANGS: &[&str] = &["none", "js", "rust", "c++", ""];
                let language = match self.c.below(3) {
                    0 => Some(Cow::Borrowed("none")),
                    1 => Some(Cow::Owned(self.pick(LANGS).to_owned())),
                    _ if self.wire() => None,
                    _ => Some(self.cow(false)),
                };
                let n = self.count(0, MAX_LIST);
                let lines = (0..n)
                    .map(|_| {
                        let k = Kind::CodeLine(self.cow(false));
                        self.node(k)
                    })
                    .collect();
                Kind::Code(Box::new(CodeBlock { language, lines }))
            }
            6 => Kind::UnorderedList(self.items(depth + 1, false)),
            7 => Kind::OrderedList(self.items(depth + 1, true)),
            8 => {
                let n = self.count(1, MAX_LIST);
                let tasks = (0..n)
                    .map(|_| {
                        let k = Kind::Task {
                            status: self.coin(2),
                            value: self.inlines(depth + 2, false),
                        };
                        self.node(k)
                    })
                    .collect();
                Kind::Tasks(tasks)
            }
            9 => self.table(depth + 1),
            10 => Kind::LineBreak,
            11 => Kind::HorizontalRule {
                fallback: if self.coin(2) {
                    Some(self.range())
                } else {
                    None
                },
            },
            12 => Kind::Katex(self.cow(false)),
            13 => {
                let n = self.count(1, 3);
                Kind::BigEmoji((0..n).map(|_| self.emoji()).collect())
            }
            14 if self.wire() => return self.unknown(),
            _ => Kind::Paragraph(self.inlines(depth + 1, true)),
        };
        self.node(kind)
    }

    fn paragraphs(&mut self, depth: usize) -> Vec<Node<'static>> {
        let n = self.count(1, MAX_LIST);
        (0..n)
            .map(|_| {
                let k = Kind::Paragraph(self.inlines(depth + 1, true));
                self.node(k)
            })
            .collect()
    }

    fn items(&mut self, depth: usize, ordered: bool) -> Vec<Node<'static>> {
        let n = self.count(1, MAX_LIST);
        (0..n)
            .map(|_| {
                let k = Kind::ListItem {
                    value: self.inlines(depth + 1, false),
                    number: ordered.then(|| self.number()),
                };
                self.node(k)
            })
            .collect()
    }

    fn table(&mut self, depth: usize) -> Kind<'static> {
        let width = self.count(1, 4);
        let header = self.cells(depth + 1, width);
        let n = self.count(0, MAX_LIST);
        let rows = (0..n)
            .map(|_| {
                let k = Kind::TableRow(self.cells(depth + 2, width));
                self.node(k)
            })
            .collect();
        Kind::Table(Box::new(crate::ast::Table {
            header,
            rows,
            fallback: if self.coin(3) {
                None
            } else {
                Some(self.range())
            },
        }))
    }

    fn cells(&mut self, depth: usize, width: usize) -> Vec<Node<'static>> {
        const ALIGN: &[&str] = &["left", "center", "right"];
        (0..width)
            .map(|_| {
                let align = match self.c.below(4) {
                    0 => None,
                    _ if self.wire() && self.coin(4) => Some(self.cow(false)),
                    _ => Some(Cow::Borrowed(self.pick(ALIGN))),
                };
                let k = Kind::TableCell(Box::new(TableCell {
                    align,
                    value: self.inlines(depth + 1, false),
                }));
                self.node(k)
            })
            .collect()
    }

    // -- inlines --------------------------------------------------------

    /// A run of inline nodes, as the parser leaves them: no two PLAIN_TEXT
    /// nodes side by side (the parser merges them).
    fn inlines(&mut self, depth: usize, nonempty: bool) -> Vec<Node<'static>> {
        let n = self.count(usize::from(nonempty), MAX_LIST);
        let mut out: Vec<Node<'static>> = Vec::with_capacity(n);
        for _ in 0..n {
            let node = self.inline(depth, false);
            let after_plain = matches!(
                out.last(),
                Some(Node {
                    kind: Kind::PlainText(_),
                    ..
                })
            );
            if after_plain && matches!(node.kind, Kind::PlainText(_)) && !self.wire() {
                continue;
            }
            out.push(node);
        }
        out
    }

    fn inline(&mut self, depth: usize, in_link: bool) -> Node<'static> {
        let deeper = depth + 1 < MAX_DEPTH;
        let kind = match self.c.below(16) {
            _ if !deeper => Kind::PlainText(self.cow(true)),
            1 => Kind::Bold(self.inlines(depth + 1, true)),
            2 => Kind::Italic(self.inlines(depth + 1, true)),
            3 => Kind::Strike(self.inlines(depth + 1, true)),
            4 => Kind::Spoiler(self.inlines(depth + 1, true)),
            5 => Kind::InlineCode(self.cow(true)),
            6 | 7 if !in_link => {
                const SRC: &[&str] = &[
                    "https://rocket.chat",
                    "//example.com",
                    "mailto:a@b.com",
                    "tel:5511999999999",
                    "javascript:alert(1)",
                    "data:text/html,<b>",
                    "x.png",
                    "",
                ];
                let src = if self.coin(3) {
                    self.cow(false)
                } else {
                    Cow::Borrowed(self.pick(SRC))
                };
                let label = if self.wire() && self.coin(3) {
                    Label::One(Box::new(self.inline(depth + 1, true)))
                } else {
                    let n = self.count(1, 3);
                    Label::Many((0..n).map(|_| self.inline(depth + 1, true)).collect())
                };
                let link = Box::new(Link { src, label });
                if self.c.below(4) == 0 {
                    Kind::Image(link)
                } else {
                    Kind::Link(link)
                }
            }
            8 => Kind::MentionUser(self.cow(true)),
            9 => Kind::MentionChannel(self.cow(true)),
            10 => return self.emoji(),
            11 => {
                let v = self.c.bits().to_le_bytes();
                Kind::Color {
                    r: v[0],
                    g: v[1],
                    b: v[2],
                    a: v[3],
                }
            }
            12 => Kind::InlineKatex(self.cow(true)),
            13 => {
                const FORMATS: &[&str] = &["t", "T", "d", "D", "f", "F", "R"];
                let fallback = match self.c.below(4) {
                    0 => None,
                    1 if self.wire() => Some(Fallback::Plain(self.cow(true))),
                    _ => Some(self.range()),
                };
                Kind::Timestamp(Box::new(crate::ast::Timestamp {
                    timestamp: Cow::Owned(self.ascii_digits(1, 12)),
                    format: Cow::Borrowed(self.pick(FORMATS)),
                    fallback,
                }))
            }
            14 if self.wire() => return self.unknown(),
            _ => Kind::PlainText(self.cow(true)),
        };
        self.node(kind)
    }

    fn emoji(&mut self) -> Node<'static> {
        const CODES: &[&str] = &["smile", "+1", "slight_smile", "flag_br", "x"];
        const UNICODE: &[&str] = &[
            "😀",
            "👍🏽",
            "🇧🇷",
            "👨\u{200d}👩\u{200d}👧",
            "❤\u{fe0f}",
            "1\u{fe0f}\u{20e3}",
        ];
        let kind = match self.c.below(3) {
            0 => {
                let code = self.pick(CODES);
                Kind::Emoji(Emoji::Shortcode(Box::new(Shortcode {
                    value: Cow::Borrowed(code),
                    short_code: Cow::Borrowed(code),
                })))
            }
            1 => Kind::Emoji(Emoji::Shortcode(Box::new(Shortcode {
                value: Cow::Borrowed(":)"),
                short_code: Cow::Borrowed("slight_smile"),
            }))),
            _ => Kind::Emoji(Emoji::Unicode(Cow::Borrowed(self.pick(UNICODE)))),
        };
        self.node(kind)
    }
}

/// How many keys besides `type` the wire writes for a kind.
fn known_fields(kind: &Kind<'_>) -> usize {
    match kind {
        Kind::LineBreak => 0,
        Kind::HorizontalRule { fallback } => usize::from(fallback.is_some()),
        Kind::Code(c) => 1 + usize::from(c.language.is_some()),
        Kind::Heading { .. } | Kind::Task { .. } => 2,
        Kind::Emoji(Emoji::Shortcode(_)) => 2,
        Kind::Emoji(Emoji::Unicode(_)) => 1,
        Kind::ListItem { number, .. } => 1 + usize::from(number.is_some()),
        Kind::Timestamp(t) => 1 + usize::from(t.fallback.is_some()),
        Kind::Table(t) => 1 + usize::from(t.fallback.is_some()),
        Kind::TableCell(c) => 1 + usize::from(c.align.is_some()),
        Kind::Unknown(u) => u.fields.len(),
        _ => 1,
    }
}

/// The tree that `bytes` describe, as [`any_tree`] (`wire == false`) or
/// [`any_wire_tree`] (`wire == true`) make them. The same bytes always give
/// the same tree; fewer bytes give a smaller one.
pub fn tree_from_bytes(bytes: &[u8], wire: bool) -> Root<'static> {
    let mut src = Bytes { data: bytes };
    Gen {
        c: &mut src,
        shapes: if wire { Shapes::Wire } else { Shapes::Parser },
    }
    .root()
}

/// Checks HTML that [`crate::render::to_html`] wrote, strictly and without
/// an HTML parser: every `<` opens or closes an element of
/// [`ALLOWED_ELEMENTS`](crate::render::html::ALLOWED_ELEMENTS) in the
/// renderer's own syntax (`<name attr="value" flag>`, `</name>`), with
/// attributes of [`ALLOWED_ATTRIBUTES`](crate::render::html::ALLOWED_ATTRIBUTES)
/// and none named `on…`; values hold no `"` or `<`; `href`, `src` and
/// `data-title` hold no script URL (`javascript:`, `data:`, `vbscript:`,
/// `livescript:`, also once entities are decoded, nor a value starting with
/// a character reference); non-void elements close in order. So no `<` of
/// the message reached the output unescaped. Returns the first violation.
///
/// ```
/// use chatmark::testing::check_html;
/// assert!(check_html("<div>a &lt; b</div><br>").is_ok());
/// assert!(check_html("<div>a < b</div>").is_err());
/// assert!(check_html("<a href=\"javascript:x\"></a>").is_err());
/// ```
pub fn check_html(html: &str) -> Result<(), String> {
    use crate::render::html::{ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS};
    const VOID: &[&str] = &["br", "hr", "img", "input"];
    let b = html.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut i = 0;
    let at = |p: usize, what: &str| -> String {
        let from = html.floor_char_boundary(p.saturating_sub(30));
        let to = html.ceil_char_boundary((p + 30).min(html.len()));
        format!("{what} at byte {p}: …{}…", &html[from..to])
    };
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let start = i + off;
        i = start + 1;
        let closing = b.get(i) == Some(&b'/');
        i += usize::from(closing);
        let n = i;
        while i < b.len() && (b[i].is_ascii_lowercase() || b[i].is_ascii_digit()) {
            i += 1;
        }
        let name = &html[n..i];
        if !ALLOWED_ELEMENTS.contains(&name) {
            return Err(at(start, "a `<` that is no allowed element"));
        }
        loop {
            match b.get(i) {
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b' ') if !closing => {
                    i += 1;
                    let a = i;
                    while i < b.len() && (b[i].is_ascii_lowercase() || b[i] == b'-') {
                        i += 1;
                    }
                    let attr = &html[a..i];
                    if !ALLOWED_ATTRIBUTES.contains(&attr) || attr.starts_with("on") {
                        return Err(at(a, "attribute not allowed"));
                    }
                    if b.get(i) == Some(&b'=') {
                        if b.get(i + 1) != Some(&b'"') {
                            return Err(at(i, "unquoted value"));
                        }
                        let v = i + 2;
                        let len = b[v..]
                            .iter()
                            .position(|&c| c == b'"')
                            .ok_or_else(|| at(i, "unterminated value"))?;
                        let value = &html[v..v + len];
                        if value.contains('<') {
                            return Err(at(v, "`<` in a value"));
                        }
                        if matches!(attr, "href" | "src" | "data-title")
                            && (script_url(value)
                                || script_url(&html_escape::decode_html_entities(value)))
                        {
                            return Err(at(v, "script URL"));
                        }
                        i = v + len + 1;
                    }
                }
                _ => return Err(at(i, "malformed tag")),
            }
        }
        if closing {
            if open.pop() != Some(name) {
                return Err(at(start, "closing tag out of order"));
            }
        } else if !VOID.contains(&name) {
            open.push(name);
        }
    }
    match open.last() {
        Some(e) => Err(format!("<{e}> never closed")),
        None => Ok(()),
    }
}

/// True for a URL a browser would run, or one starting with a character
/// reference (blanks and control characters ignored, any case).
fn script_url(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    ["javascript:", "data:", "vbscript:", "livescript:", "&#"]
        .iter()
        .any(|p| squeezed.starts_with(p))
}

// ---------------------------------------------------------------------------
// proptest
// ---------------------------------------------------------------------------

#[cfg(feature = "proptest")]
mod strategies {
    use proptest::prelude::*;

    use super::{AWKWARD, MARKUP_TOKENS, WORDS, tree_from_bytes};
    use crate::ast::Root;

    /// Valid trees as the parser shapes them, every known node type, depth
    /// at most [`super::MAX_DEPTH`]. Shrinks towards fewer, simpler nodes.
    pub fn any_tree() -> impl Strategy<Value = Root<'static>> {
        proptest::collection::vec(any::<u8>(), 0..2048).prop_map(|b| tree_from_bytes(&b, false))
    }

    /// Valid trees as a store may hold them: [`any_tree`]'s, plus older
    /// releases' shapes (a LINK label that is one node, a TIMESTAMP
    /// fallback that is a PLAIN_TEXT node), node types chatmark does not
    /// know, unknown fields, any finite list number.
    pub fn any_wire_tree() -> impl Strategy<Value = Root<'static>> {
        proptest::collection::vec(any::<u8>(), 0..2048).prop_map(|b| tree_from_bytes(&b, true))
    }

    /// One piece of message text: a markup token, a word, an awkward
    /// character or any character.
    pub fn message_piece() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => proptest::sample::select(MARKUP_TOKENS).prop_map(str::to_owned),
            2 => proptest::sample::select(WORDS).prop_map(str::to_owned),
            2 => proptest::sample::select(AWKWARD).prop_map(str::to_owned),
            1 => any::<char>().prop_map(String::from),
        ]
    }

    /// Message-like text: up to 40 pieces from [`message_piece`]. Shrinks
    /// towards fewer pieces.
    pub fn message_like() -> impl Strategy<Value = String> {
        proptest::collection::vec(message_piece(), 0..40).prop_map(|v| v.concat())
    }
}

#[cfg(feature = "proptest")]
pub use strategies::{any_tree, any_wire_tree, message_like, message_piece};

// ---------------------------------------------------------------------------
// arbitrary
// ---------------------------------------------------------------------------

#[cfg(feature = "arbitrary")]
mod arbitrary_impls {
    use arbitrary::{Arbitrary, Result, Unstructured};

    use super::{AWKWARD, Gen, MARKUP_TOKENS, Shapes, WORDS};
    use crate::ast::{Emoji, Fallback, JsNumber, Kind, Label, Node};

    fn wire_gen<'c, 'u>(u: &'c mut Unstructured<'u>) -> Gen<'c, Unstructured<'u>> {
        Gen {
            c: u,
            shapes: Shapes::Wire,
        }
    }

    /// A block node (so that `Vec<Node>` is a root) with a valid subtree,
    /// as [`super::any_wire_tree`] makes them.
    impl<'a> Arbitrary<'a> for Node<'_> {
        fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
            Ok(wire_gen(u).block(0))
        }
    }

    /// The kind of an arbitrary block [`Node`], without unknown fields.
    impl<'a> Arbitrary<'a> for Kind<'_> {
        fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
            Ok(wire_gen(u).block(0).kind)
        }
    }

    /// A label of inline nodes, either shape.
    impl<'a> Arbitrary<'a> for Label<'_> {
        fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
            let mut g = wire_gen(u);
            Ok(if g.coin(3) {
                Label::One(Box::new(g.inline(2, true)))
            } else {
                Label::Many(g.inlines(2, false))
            })
        }
    }

    impl<'a> Arbitrary<'a> for Emoji<'_> {
        fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
            match wire_gen(u).emoji().kind {
                Kind::Emoji(e) => Ok(e),
                _ => Err(arbitrary::Error::IncorrectFormat),
            }
        }
    }

    impl<'a> Arbitrary<'a> for Fallback<'_> {
        fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
            let mut g = wire_gen(u);
            Ok(if g.coin(4) {
                Fallback::Plain(g.cow(false))
            } else {
                g.range()
            })
        }
    }

    /// A finite number (non-finite ones are written as `null`).
    impl<'a> Arbitrary<'a> for JsNumber {
        fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
            Ok(wire_gen(u).number())
        }
    }

    /// Message-like text for a fuzz target: markup tokens, words and awkward
    /// characters, as [`super::message_like`] makes them.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct MessageLike(pub String);

    impl<'a> Arbitrary<'a> for MessageLike {
        fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
            let mut s = String::new();
            while !u.is_empty() && s.len() < 4096 {
                match u.choose_index(11)? {
                    0..=5 => s.push_str(u.choose(MARKUP_TOKENS)?),
                    6 | 7 => s.push_str(u.choose(WORDS)?),
                    8 | 9 => s.push_str(u.choose(AWKWARD)?),
                    _ => s.push(char::arbitrary(u)?),
                }
            }
            Ok(MessageLike(s))
        }
    }
}

#[cfg(feature = "arbitrary")]
pub use arbitrary_impls::MessageLike;
