//! The `md` tree: the nodes a Rocket.Chat-compatible server stores in a
//! message's `md` field.
//!
//! Every node is a [`Node`]: a [`Kind`] (its `type` and typed fields) plus
//! any fields chatmark does not know ([`Extra`]), kept so that a tree read
//! from a newer server is written back unchanged. Node types chatmark does
//! not know at all are kept whole as [`Kind::Unknown`].
//!
//! Text borrows from its source where it can ([`Cow`]): a tree parsed from a
//! message or read from a JSON string points into that string, and
//! [`Node::into_owned`] turns it into a `'static` tree when it must outlive
//! its source.
//!
//! The JSON form (field names, key order, absent fields) is the one the
//! reference parser writes; see [`crate::wire`] for reading and writing.
//!
//! ```
//! use chatmark::ast::{Kind, Node};
//!
//! let tree = vec![Node::new(Kind::Paragraph(vec![Node::plain("Hello")]))];
//! let json = serde_json::to_string(&tree).unwrap();
//! assert_eq!(json, r#"[{"type":"PARAGRAPH","value":[{"type":"PLAIN_TEXT","value":"Hello"}]}]"#);
//! ```

use std::borrow::Cow;
use std::num::NonZeroU64;

use serde_json::value::RawValue;

/// A whole message tree: the top-level blocks, in order.
pub type Root<'a> = Vec<Node<'a>>;

/// One node of the tree: what it is, plus the fields chatmark does not know.
///
/// A node is 48 bytes on 64-bit targets: the fields of the kinds that would
/// make it larger (links, images, shortcode emoji, code blocks, table cells,
/// timestamps, tables, unknown nodes) are boxed, so a long message's lists
/// take less memory (a paragraph of 1 MB of `@a ` mentions holds 666,667
/// nodes).
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    /// The node's type and its known fields.
    pub kind: Kind<'a>,
    /// Fields a newer writer added that chatmark does not know; usually empty.
    pub extra: Extra<'a>,
}

/// Unknown fields of a known node, each with its position among the node's
/// keys, so that writing the node back puts it where it was.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extra<'a>(pub Option<Box<Vec<ExtraField<'a>>>>);

/// One unknown field: its key position, its key and its raw JSON value.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraField<'a> {
    /// Index of the key among all keys of the object as it was read.
    pub position: usize,
    /// The key.
    pub key: Cow<'a, str>,
    /// The value, as the JSON text it was read from.
    pub value: RawJson,
}

/// A JSON value kept as the text it was read from.
#[derive(Debug, Clone)]
pub struct RawJson(pub Box<RawValue>);

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

impl Extra<'_> {
    /// True when the node has no unknown fields.
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|v| v.is_empty())
    }

    /// The unknown fields, in key order.
    pub fn fields(&self) -> &[ExtraField<'_>] {
        match &self.0 {
            Some(v) => v,
            None => &[],
        }
    }

    fn into_owned(self) -> Extra<'static> {
        Extra(self.0.map(|v| {
            Box::new(
                v.into_iter()
                    .map(|f| ExtraField {
                        position: f.position,
                        key: Cow::Owned(f.key.into_owned()),
                        value: f.value,
                    })
                    .collect(),
            )
        }))
    }
}

/// A node's type and typed content. The comment on each variant gives the
/// `type` string it is written with.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind<'a> {
    /// `PARAGRAPH`: a line of inline nodes.
    Paragraph(Vec<Node<'a>>),
    /// `PLAIN_TEXT`: text.
    PlainText(Cow<'a, str>),
    /// `BOLD`: inline nodes shown bold.
    Bold(Vec<Node<'a>>),
    /// `ITALIC`: inline nodes shown italic.
    Italic(Vec<Node<'a>>),
    /// `STRIKE`: inline nodes shown struck through.
    Strike(Vec<Node<'a>>),
    /// `SPOILER`: inline nodes hidden until revealed.
    Spoiler(Vec<Node<'a>>),
    /// `INLINE_CODE`: code within a line (its value is a PLAIN_TEXT node).
    InlineCode(Cow<'a, str>),
    /// `CODE`: a fenced code block of `CODE_LINE` nodes (boxed, as
    /// [`Kind::Timestamp`]).
    Code(Box<CodeBlock<'a>>),
    /// `CODE_LINE`: one line of a code block (its value is a PLAIN_TEXT node).
    CodeLine(Cow<'a, str>),
    /// `HEADING`: a heading of level 1 to 4.
    Heading {
        /// The level (`#` count), 1 to 4 from the parser.
        level: u32,
        /// The heading's inline nodes.
        value: Vec<Node<'a>>,
    },
    /// `QUOTE`: quoted paragraphs (`> …` lines).
    Quote(Vec<Node<'a>>),
    /// `BLOCKQUOTE`: a block quote of paragraphs (defined, not produced, by the reference).
    Blockquote(Vec<Node<'a>>),
    /// `SPOILER_BLOCK`: paragraphs hidden until revealed.
    SpoilerBlock(Vec<Node<'a>>),
    /// `LINK`: a link (boxed, as [`Kind::Timestamp`]).
    Link(Box<Link<'a>>),
    /// `IMAGE`: an image, with the fields of a link: its URL and its
    /// label, the alt text (boxed, as [`Kind::Timestamp`]).
    Image(Box<Link<'a>>),
    /// `MENTION_USER`: `@name` (the value is a PLAIN_TEXT node without the `@`).
    MentionUser(Cow<'a, str>),
    /// `MENTION_CHANNEL`: `#name` (the value is a PLAIN_TEXT node without the `#`).
    MentionChannel(Cow<'a, str>),
    /// `EMOJI`: an emoji, by shortcode or by unicode.
    Emoji(Emoji<'a>),
    /// `BIG_EMOJI`: a message of one to three emoji only.
    BigEmoji(Vec<Node<'a>>),
    /// `COLOR`: a `color:#rrggbb` swatch.
    Color {
        /// Red, 0–255.
        r: u8,
        /// Green, 0–255.
        g: u8,
        /// Blue, 0–255.
        b: u8,
        /// Alpha, 0–255.
        a: u8,
    },
    /// `TASKS`: a task list of `TASK` nodes.
    Tasks(Vec<Node<'a>>),
    /// `TASK`: one task, done or not.
    Task {
        /// True when checked (`- [x]`).
        status: bool,
        /// The task's inline nodes.
        value: Vec<Node<'a>>,
    },
    /// `ORDERED_LIST`: `LIST_ITEM` nodes with numbers.
    OrderedList(Vec<Node<'a>>),
    /// `UNORDERED_LIST`: `LIST_ITEM` nodes.
    UnorderedList(Vec<Node<'a>>),
    /// `LIST_ITEM`: one list item.
    ListItem {
        /// The item's inline nodes.
        value: Vec<Node<'a>>,
        /// The number typed before the item (ordered lists only).
        number: Option<JsNumber>,
    },
    /// `LINE_BREAK`: an empty line between blocks.
    LineBreak,
    /// `HORIZONTAL_RULE`: a `---` line.
    HorizontalRule {
        /// Where it stands in the source.
        fallback: Option<Fallback<'a>>,
    },
    /// `KATEX`: a math block (TeX source).
    Katex(Cow<'a, str>),
    /// `INLINE_KATEX`: inline math (TeX source).
    InlineKatex(Cow<'a, str>),
    /// `TIMESTAMP`: a `<t:…>` date and time (boxed: its fields would make
    /// every node larger; see [`Node`] for the size).
    Timestamp(Box<Timestamp<'a>>),
    /// `TABLE`: a table with a header row and body rows (boxed, as
    /// [`Kind::Timestamp`]).
    Table(Box<Table<'a>>),
    /// `TABLE_ROW`: the cells of one body row.
    TableRow(Vec<Node<'a>>),
    /// `TABLE_CELL`: one cell (boxed, as [`Kind::Timestamp`]).
    TableCell(Box<TableCell<'a>>),
    /// A node type chatmark does not know, kept as read (boxed, as
    /// [`Kind::Timestamp`]).
    Unknown(Box<UnknownNode<'a>>),
}

/// The fields of a `CODE` node ([`Kind::Code`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CodeBlock<'a> {
    /// The fence's language; the reference writes `"none"` when absent.
    pub language: Option<Cow<'a, str>>,
    /// The lines (`CODE_LINE` nodes).
    pub lines: Vec<Node<'a>>,
}

/// The fields of a `LINK` or `IMAGE` node ([`Kind::Link`], [`Kind::Image`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Link<'a> {
    /// The target URL (the image's URL), written as a PLAIN_TEXT node.
    pub src: Cow<'a, str>,
    /// The label (an image's alt text).
    pub label: Label<'a>,
}

/// The fields of a `TABLE_CELL` node ([`Kind::TableCell`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TableCell<'a> {
    /// `left`, `center` or `right`, when the separator row says so.
    pub align: Option<Cow<'a, str>>,
    /// The cell's inline nodes.
    pub value: Vec<Node<'a>>,
}

/// A node of a type chatmark does not know ([`Kind::Unknown`]).
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownNode<'a> {
    /// Its `type`.
    pub type_name: Cow<'a, str>,
    /// Its other fields, in order, as raw JSON.
    pub fields: Vec<(Cow<'a, str>, RawJson)>,
}

/// The fields of a `TIMESTAMP` node ([`Kind::Timestamp`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Timestamp<'a> {
    /// Unix time in seconds, as a decimal string.
    pub timestamp: Cow<'a, str>,
    /// The display format: one of `t T d D f F R`.
    pub format: Cow<'a, str>,
    /// Where it stands in the source (or, in 0.31.31, its source text).
    pub fallback: Option<Fallback<'a>>,
}

/// The fields of a `TABLE` node ([`Kind::Table`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Table<'a> {
    /// The header cells (`TABLE_CELL` nodes).
    pub header: Vec<Node<'a>>,
    /// The body rows (`TABLE_ROW` nodes).
    pub rows: Vec<Node<'a>>,
    /// Where it stands in the source.
    pub fallback: Option<Fallback<'a>>,
}

/// The two forms of `EMOJI`.
#[derive(Debug, Clone, PartialEq)]
pub enum Emoji<'a> {
    /// `{"value": PLAIN_TEXT(typed text), "shortCode": name}`: `:smile:` or an
    /// ASCII emoticon such as `:)` (typed text `:)`, shortcode `slight_smile`);
    /// boxed, as [`Kind::Timestamp`].
    Shortcode(Box<Shortcode<'a>>),
    /// `{"unicode": "😀"}`: an emoji character (sequence).
    Unicode(Cow<'a, str>),
}

/// The fields of a shortcode emoji ([`Emoji::Shortcode`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode<'a> {
    /// The text as typed (without colons for `:name:`).
    pub value: Cow<'a, str>,
    /// The shortcode name.
    pub short_code: Cow<'a, str>,
}

/// A link's or image's label: an array of nodes (current releases) or a
/// single node (releases before 0.31.31 and images).
#[derive(Debug, Clone, PartialEq)]
pub enum Label<'a> {
    /// An array of nodes.
    Many(Vec<Node<'a>>),
    /// A single node.
    One(Box<Node<'a>>),
}

impl<'a> Label<'a> {
    /// The label's nodes, whichever form it has.
    pub fn nodes(&self) -> &[Node<'a>] {
        match self {
            Label::Many(v) => v,
            Label::One(n) => std::slice::from_ref(n),
        }
    }
}

/// Where a node came from: `[start, end]` offsets into the message text
/// (UTF-16 code units, as the reference counts), or, in 0.31.31, the source
/// text itself as a PLAIN_TEXT node.
#[derive(Debug, Clone, PartialEq)]
pub enum Fallback<'a> {
    /// `[start, end]` in UTF-16 code units of the message text.
    Range(u64, u64),
    /// A PLAIN_TEXT node holding the source text.
    Plain(Cow<'a, str>),
}

/// A JavaScript number, written the way `JSON.stringify` writes it
/// (`1`, `1.5`, `1e+21`). List item numbers come from `parseInt` on any run
/// of digits, so they can exceed 2^53.
///
/// It is kept in eight bytes with a spare bit pattern, so that an
/// `Option<JsNumber>` is eight bytes too (which keeps a [`Kind::ListItem`]
/// and so every [`Node`] small); any NaN is kept as the one NaN JavaScript
/// has.
///
/// ```
/// use chatmark::ast::JsNumber;
///
/// assert_eq!(JsNumber::new(1e21).to_js_string(), "1e+21");
/// assert_eq!(JsNumber::new(2.5).get(), 2.5);
/// assert_eq!(std::mem::size_of::<Option<JsNumber>>(), 8);
/// ```
#[derive(Clone, Copy)]
pub struct JsNumber(NonZeroU64);

/// XORed with the bits of the number: a NaN other than the canonical one,
/// which [`JsNumber::new`] never keeps, so that the stored bits are never 0.
const JS_NUMBER_KEY: u64 = 0x7ff8_0000_0000_0001;

impl JsNumber {
    /// The number `value` (any NaN becomes the canonical NaN).
    pub fn new(value: f64) -> Self {
        let value = if value.is_nan() { f64::NAN } else { value };
        match NonZeroU64::new(value.to_bits() ^ JS_NUMBER_KEY) {
            Some(bits) => JsNumber(bits),
            // Unreachable: only the bits of JS_NUMBER_KEY, a NaN, give 0.
            None => JsNumber(NonZeroU64::MIN),
        }
    }

    /// The number's value.
    pub fn get(self) -> f64 {
        f64::from_bits(self.0.get() ^ JS_NUMBER_KEY)
    }

    /// The number as JavaScript prints it (non-finite values as `null`, as
    /// `JSON.stringify` does).
    pub fn to_js_string(self) -> String {
        let value = self.get();
        if !value.is_finite() {
            return "null".to_owned();
        }
        let mut buf = ryu_js::Buffer::new();
        buf.format_finite(value).to_owned()
    }
}

/// Compares the values as `f64` does (`NaN` is unequal to itself).
impl PartialEq for JsNumber {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for JsNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("JsNumber").field(&self.get()).finish()
    }
}

impl<'a> Node<'a> {
    /// A node of this kind with no unknown fields.
    pub fn new(kind: Kind<'a>) -> Self {
        Node {
            kind,
            extra: Extra::default(),
        }
    }

    /// A `PLAIN_TEXT` node.
    pub fn plain(text: impl Into<Cow<'a, str>>) -> Self {
        Node::new(Kind::PlainText(text.into()))
    }

    /// The `type` string this node is written with.
    pub fn type_name(&self) -> &str {
        self.kind.type_name()
    }

    /// The node's child nodes, for kinds that hold a list of nodes (a link's
    /// or image's label included); empty for the others.
    pub fn children(&self) -> &[Node<'a>] {
        if let Some(v) = self.kind.node_list() {
            return v;
        }
        match &self.kind {
            Kind::Heading { value: v, .. }
            | Kind::Task { value: v, .. }
            | Kind::ListItem { value: v, .. } => v,
            Kind::Code(c) => &c.lines,
            Kind::TableCell(c) => &c.value,
            Kind::Link(l) | Kind::Image(l) => l.label.nodes(),
            _ => &[],
        }
    }

    /// The same node owning all its text, free of the source's lifetime.
    pub fn into_owned(self) -> Node<'static> {
        Node {
            kind: self.kind.into_owned(),
            extra: self.extra.into_owned(),
        }
    }
}

fn own(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

fn own_all(v: Vec<Node<'_>>) -> Vec<Node<'static>> {
    v.into_iter().map(Node::into_owned).collect()
}

impl Fallback<'_> {
    fn into_owned(self) -> Fallback<'static> {
        match self {
            Fallback::Range(a, b) => Fallback::Range(a, b),
            Fallback::Plain(s) => Fallback::Plain(own(s)),
        }
    }
}

impl<'a> Kind<'a> {
    /// For the kinds whose one field is `value`, a list of nodes
    /// (PARAGRAPH, BOLD, QUOTE, TABLE_ROW, …), that list.
    pub(crate) fn node_list(&self) -> Option<&[Node<'a>]> {
        match self {
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
            | Kind::TableRow(v) => Some(v),
            _ => None,
        }
    }

    /// The `type` string this kind is written with.
    pub fn type_name(&self) -> &str {
        match self {
            Kind::Paragraph(_) => "PARAGRAPH",
            Kind::PlainText(_) => "PLAIN_TEXT",
            Kind::Bold(_) => "BOLD",
            Kind::Italic(_) => "ITALIC",
            Kind::Strike(_) => "STRIKE",
            Kind::Spoiler(_) => "SPOILER",
            Kind::InlineCode(_) => "INLINE_CODE",
            Kind::Code(_) => "CODE",
            Kind::CodeLine(_) => "CODE_LINE",
            Kind::Heading { .. } => "HEADING",
            Kind::Quote(_) => "QUOTE",
            Kind::Blockquote(_) => "BLOCKQUOTE",
            Kind::SpoilerBlock(_) => "SPOILER_BLOCK",
            Kind::Link(_) => "LINK",
            Kind::Image(_) => "IMAGE",
            Kind::MentionUser(_) => "MENTION_USER",
            Kind::MentionChannel(_) => "MENTION_CHANNEL",
            Kind::Emoji(_) => "EMOJI",
            Kind::BigEmoji(_) => "BIG_EMOJI",
            Kind::Color { .. } => "COLOR",
            Kind::Tasks(_) => "TASKS",
            Kind::Task { .. } => "TASK",
            Kind::OrderedList(_) => "ORDERED_LIST",
            Kind::UnorderedList(_) => "UNORDERED_LIST",
            Kind::ListItem { .. } => "LIST_ITEM",
            Kind::LineBreak => "LINE_BREAK",
            Kind::HorizontalRule { .. } => "HORIZONTAL_RULE",
            Kind::Katex(_) => "KATEX",
            Kind::InlineKatex(_) => "INLINE_KATEX",
            Kind::Timestamp(_) => "TIMESTAMP",
            Kind::Table(_) => "TABLE",
            Kind::TableRow(_) => "TABLE_ROW",
            Kind::TableCell(_) => "TABLE_CELL",
            Kind::Unknown(u) => &u.type_name,
        }
    }

    fn into_owned(self) -> Kind<'static> {
        match self {
            Kind::Paragraph(v) => Kind::Paragraph(own_all(v)),
            Kind::PlainText(s) => Kind::PlainText(own(s)),
            Kind::Bold(v) => Kind::Bold(own_all(v)),
            Kind::Italic(v) => Kind::Italic(own_all(v)),
            Kind::Strike(v) => Kind::Strike(own_all(v)),
            Kind::Spoiler(v) => Kind::Spoiler(own_all(v)),
            Kind::InlineCode(s) => Kind::InlineCode(own(s)),
            Kind::Code(c) => {
                let CodeBlock { language, lines } = *c;
                Kind::Code(Box::new(CodeBlock {
                    language: language.map(own),
                    lines: own_all(lines),
                }))
            }
            Kind::CodeLine(s) => Kind::CodeLine(own(s)),
            Kind::Heading { level, value } => Kind::Heading {
                level,
                value: own_all(value),
            },
            Kind::Quote(v) => Kind::Quote(own_all(v)),
            Kind::Blockquote(v) => Kind::Blockquote(own_all(v)),
            Kind::SpoilerBlock(v) => Kind::SpoilerBlock(own_all(v)),
            Kind::Link(l) => Kind::Link(Box::new(l.into_owned())),
            Kind::Image(l) => Kind::Image(Box::new(l.into_owned())),
            Kind::MentionUser(s) => Kind::MentionUser(own(s)),
            Kind::MentionChannel(s) => Kind::MentionChannel(own(s)),
            Kind::Emoji(Emoji::Shortcode(e)) => {
                let Shortcode { value, short_code } = *e;
                Kind::Emoji(Emoji::Shortcode(Box::new(Shortcode {
                    value: own(value),
                    short_code: own(short_code),
                })))
            }
            Kind::Emoji(Emoji::Unicode(s)) => Kind::Emoji(Emoji::Unicode(own(s))),
            Kind::BigEmoji(v) => Kind::BigEmoji(own_all(v)),
            Kind::Color { r, g, b, a } => Kind::Color { r, g, b, a },
            Kind::Tasks(v) => Kind::Tasks(own_all(v)),
            Kind::Task { status, value } => Kind::Task {
                status,
                value: own_all(value),
            },
            Kind::OrderedList(v) => Kind::OrderedList(own_all(v)),
            Kind::UnorderedList(v) => Kind::UnorderedList(own_all(v)),
            Kind::ListItem { value, number } => Kind::ListItem {
                value: own_all(value),
                number,
            },
            Kind::LineBreak => Kind::LineBreak,
            Kind::HorizontalRule { fallback } => Kind::HorizontalRule {
                fallback: fallback.map(Fallback::into_owned),
            },
            Kind::Katex(s) => Kind::Katex(own(s)),
            Kind::InlineKatex(s) => Kind::InlineKatex(own(s)),
            Kind::Timestamp(t) => {
                let Timestamp {
                    timestamp,
                    format,
                    fallback,
                } = *t;
                Kind::Timestamp(Box::new(Timestamp {
                    timestamp: own(timestamp),
                    format: own(format),
                    fallback: fallback.map(Fallback::into_owned),
                }))
            }
            Kind::Table(t) => {
                let Table {
                    header,
                    rows,
                    fallback,
                } = *t;
                Kind::Table(Box::new(Table {
                    header: own_all(header),
                    rows: own_all(rows),
                    fallback: fallback.map(Fallback::into_owned),
                }))
            }
            Kind::TableRow(v) => Kind::TableRow(own_all(v)),
            Kind::TableCell(c) => {
                let TableCell { align, value } = *c;
                Kind::TableCell(Box::new(TableCell {
                    align: align.map(own),
                    value: own_all(value),
                }))
            }
            Kind::Unknown(u) => {
                let UnknownNode { type_name, fields } = *u;
                Kind::Unknown(Box::new(UnknownNode {
                    type_name: own(type_name),
                    fields: fields.into_iter().map(|(k, v)| (own(k), v)).collect(),
                }))
            }
        }
    }
}

impl Link<'_> {
    fn into_owned(self) -> Link<'static> {
        Link {
            src: own(self.src),
            label: self.label.into_owned(),
        }
    }
}

impl<'a> Label<'a> {
    fn into_owned(self) -> Label<'static> {
        match self {
            Label::Many(v) => Label::Many(own_all(v)),
            Label::One(n) => Label::One(Box::new(n.into_owned())),
        }
    }
}

/// Turns a whole tree into one that owns its text.
pub fn into_owned(root: Root<'_>) -> Root<'static> {
    own_all(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_pointer_width = "64")]
    #[test]
    fn nodes_stay_small() {
        assert_eq!(std::mem::size_of::<Kind<'_>>(), 40);
        assert_eq!(std::mem::size_of::<Node<'_>>(), 48);
    }

    #[test]
    fn js_number_keeps_every_value() {
        for v in [
            0.0,
            -0.0,
            1.0,
            1e21,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            5e-324,
        ] {
            assert_eq!(JsNumber::new(v).get().to_bits(), v.to_bits());
        }
        assert!(JsNumber::new(f64::from_bits(JS_NUMBER_KEY)).get().is_nan());
        assert!(JsNumber::new(-f64::NAN).get().is_nan());
        assert_eq!(Some(JsNumber::new(3.0)), Some(JsNumber::new(3.0)));
        assert_ne!(Some(JsNumber::new(3.0)), None);
    }
}
