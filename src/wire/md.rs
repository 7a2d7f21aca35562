//! Reading and writing [`Node`]s in the reference's JSON form.
//!
//! Writing gives the bytes `JSON.stringify` gives for the reference's tree:
//! keys in the order the reference builds them, `undefined` fields absent,
//! numbers as JavaScript prints them. Reading accepts that form, the shapes
//! of older releases (a LINK `label` that is one node, a TIMESTAMP
//! `fallback` that is a PLAIN_TEXT node) and newer ones (unknown node types,
//! unknown fields), and writes each back as it was read.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::ast::{
    CodeBlock, Emoji, Extra, ExtraField, Fallback, JsNumber, Kind, Label, Link, Node, RawJson,
    Shortcode, TableCell, UnknownNode,
};

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// Writes a node's keys in order, slipping unknown fields in at the
/// positions they were read at.
struct Fields<'x, M> {
    map: M,
    extras: &'x [ExtraField<'x>],
    written: usize,
}

impl<'x, M: SerializeMap> Fields<'x, M> {
    fn flush_extras(&mut self) -> Result<(), M::Error> {
        while let Some((first, rest)) = self.extras.split_first() {
            if first.position > self.written {
                break;
            }
            self.map.serialize_entry(&*first.key, &*first.value.0)?;
            self.extras = rest;
            self.written += 1;
        }
        Ok(())
    }

    fn entry<V: Serialize + ?Sized>(&mut self, key: &str, value: &V) -> Result<(), M::Error> {
        self.flush_extras()?;
        self.map.serialize_entry(key, value)?;
        self.written += 1;
        Ok(())
    }

    fn end(mut self) -> Result<M::Ok, M::Error> {
        for f in self.extras {
            self.map.serialize_entry(&*f.key, &*f.value.0)?;
        }
        self.extras = &[];
        self.map.end()
    }
}

/// A PLAIN_TEXT node written from a bare string.
struct PlainRef<'x>(&'x str);

impl Serialize for PlainRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("type", "PLAIN_TEXT")?;
        m.serialize_entry("value", self.0)?;
        m.end()
    }
}

impl Serialize for Label<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Label::Many(v) => v.serialize(s),
            Label::One(n) => n.serialize(s),
        }
    }
}

impl Serialize for Fallback<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Fallback::Range(a, b) => {
                let mut seq = s.serialize_seq(Some(2))?;
                seq.serialize_element(a)?;
                seq.serialize_element(b)?;
                seq.end()
            }
            Fallback::Plain(t) => PlainRef(t).serialize(s),
        }
    }
}

impl Serialize for JsNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.get();
        // Integers JavaScript prints digit for digit take the fast path.
        if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
            return s.serialize_i64(v as i64);
        }
        let raw = RawValue::from_string(self.to_js_string()).map_err(ser::Error::custom)?;
        raw.serialize(s)
    }
}

struct LinkValue<'x> {
    src: &'x str,
    label: &'x Label<'x>,
}

impl Serialize for LinkValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("src", &PlainRef(self.src))?;
        m.serialize_entry("label", self.label)?;
        m.end()
    }
}

struct ColorValue(u8, u8, u8, u8);

impl Serialize for ColorValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("r", &self.0)?;
        m.serialize_entry("g", &self.1)?;
        m.serialize_entry("b", &self.2)?;
        m.serialize_entry("a", &self.3)?;
        m.end()
    }
}

struct TimestampValue<'x>(&'x str, &'x str);

impl Serialize for TimestampValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("timestamp", self.0)?;
        m.serialize_entry("format", self.1)?;
        m.end()
    }
}

struct TableValue<'x>(&'x [Node<'x>], &'x [Node<'x>]);

impl Serialize for TableValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("header", self.0)?;
        m.serialize_entry("rows", self.1)?;
        m.end()
    }
}

impl Serialize for Node<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut f = Fields {
            map: s.serialize_map(None)?,
            extras: self.extra.fields(),
            written: 0,
        };
        f.entry("type", self.kind.type_name())?;
        match &self.kind {
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
            | Kind::TableRow(v) => f.entry("value", v)?,
            Kind::PlainText(t) | Kind::Katex(t) | Kind::InlineKatex(t) => f.entry("value", t)?,
            Kind::InlineCode(t)
            | Kind::CodeLine(t)
            | Kind::MentionUser(t)
            | Kind::MentionChannel(t) => f.entry("value", &PlainRef(t))?,
            Kind::Code(c) => {
                if let Some(l) = &c.language {
                    f.entry("language", l)?;
                }
                f.entry("value", &c.lines)?;
            }
            Kind::Heading { level, value } => {
                f.entry("level", level)?;
                f.entry("value", value)?;
            }
            Kind::Link(l) | Kind::Image(l) => f.entry(
                "value",
                &LinkValue {
                    src: &l.src,
                    label: &l.label,
                },
            )?,
            Kind::Emoji(Emoji::Shortcode(e)) => {
                f.entry("value", &PlainRef(&e.value))?;
                f.entry("shortCode", &e.short_code)?;
            }
            Kind::Emoji(Emoji::Unicode(u)) => f.entry("unicode", u)?,
            Kind::Color { r, g, b, a } => f.entry("value", &ColorValue(*r, *g, *b, *a))?,
            Kind::Task { status, value } => {
                f.entry("status", status)?;
                f.entry("value", value)?;
            }
            Kind::ListItem { value, number } => {
                f.entry("value", value)?;
                if let Some(n) = number {
                    f.entry("number", n)?;
                }
            }
            Kind::LineBreak => {}
            Kind::HorizontalRule { fallback } => {
                if let Some(fb) = fallback {
                    f.entry("fallback", fb)?;
                }
            }
            Kind::Timestamp(t) => {
                f.entry("value", &TimestampValue(&t.timestamp, &t.format))?;
                if let Some(fb) = &t.fallback {
                    f.entry("fallback", fb)?;
                }
            }
            Kind::Table(t) => {
                f.entry("value", &TableValue(&t.header, &t.rows))?;
                if let Some(fb) = &t.fallback {
                    f.entry("fallback", fb)?;
                }
            }
            Kind::TableCell(c) => {
                if let Some(a) = &c.align {
                    f.entry("align", a)?;
                }
                f.entry("value", &c.value)?;
            }
            Kind::Unknown(u) => {
                for (k, v) in &u.fields {
                    f.entry(k, &*v.0)?;
                }
            }
        }
        f.end()
    }
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// A string that borrows from the input when the input allows it.
struct CowStr<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for CowStr<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CowStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// A PLAIN_TEXT node read down to its text.
struct PlainText<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for PlainText<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(PlainVisitor)
    }
}

struct PlainVisitor;

impl<'de> Visitor<'de> for PlainVisitor {
    type Value = PlainText<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a PLAIN_TEXT node {\"type\":\"PLAIN_TEXT\",\"value\":string}")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut seen_type = false;
        let mut value = None;
        while let Some(CowStr(k)) = map.next_key::<CowStr>()? {
            match &*k {
                "type" => {
                    let CowStr(t) = map.next_value()?;
                    if t != "PLAIN_TEXT" {
                        return Err(de::Error::custom(format_args!(
                            "expected a PLAIN_TEXT node here, found type {t:?}"
                        )));
                    }
                    seen_type = true;
                }
                "value" => value = Some(map.next_value::<CowStr>()?.0),
                other => {
                    return Err(de::Error::custom(format_args!(
                        "unexpected field {other:?} in a PLAIN_TEXT node"
                    )));
                }
            }
        }
        match (seen_type, value) {
            (true, Some(v)) => Ok(PlainText(v)),
            (false, _) => Err(de::Error::custom("PLAIN_TEXT node without \"type\"")),
            (true, None) => Err(de::Error::custom("PLAIN_TEXT node without \"value\"")),
        }
    }
}

impl<'de> Deserialize<'de> for Label<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Label<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a label: a node or an array of nodes")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                NodesVisitor.visit_seq(seq).map(Label::Many)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                NodeVisitor.visit_map(map).map(|n| Label::One(Box::new(n)))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Fallback<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Fallback<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a fallback: [start, end] or a PLAIN_TEXT node")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let a: u64 = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::custom("fallback range needs [start, end]"))?;
                let b: u64 = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::custom("fallback range needs [start, end]"))?;
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::custom(
                        "fallback range has more than two numbers",
                    ));
                }
                Ok(Fallback::Range(a, b))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                PlainVisitor.visit_map(map).map(|p| Fallback::Plain(p.0))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for JsNumber {
    /// A number, or `null`: what `JSON.stringify` writes for a number
    /// beyond `f64` (`parseInt` of 309+ digits is `Infinity`). `null` reads
    /// as infinity, which writes back as `null`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<f64>::deserialize(d).map(|v| JsNumber::new(v.unwrap_or(f64::INFINITY)))
    }
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(NodeVisitor)
    }
}

struct NodesVisitor;

impl<'de> Visitor<'de> for NodesVisitor {
    type Value = Vec<Node<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of nodes")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(n) = seq.next_element_seed(NodeSeed)? {
            out.push(n);
        }
        Ok(out)
    }
}

struct NodeSeed;

impl<'de> DeserializeSeed<'de> for NodeSeed {
    type Value = Node<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(NodeVisitor)
    }
}

/// An array of nodes, read with a clear message when it is something else.
struct NodeList<'de>(Vec<Node<'de>>);

impl<'de> Deserialize<'de> for NodeList<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(NodesVisitor).map(NodeList)
    }
}

/// What the `value` of a known type holds.
#[derive(Clone, Copy, PartialEq)]
enum ValueShape {
    Nodes,
    Link,
    Color,
    Timestamp,
    Table,
    /// No `value` (LINE_BREAK, HORIZONTAL_RULE): a `value` key is kept as an unknown field.
    Absent,
    /// EMOJI: a PLAIN_TEXT node in the shortcode form.
    EmojiPlain,
}

/// The known `type` strings other than the [`Simple`] kinds' (read by
/// [`read_simple`]), each with the shape of its `value`.
fn shape_of(type_name: &str) -> Option<ValueShape> {
    use ValueShape::*;
    Some(match type_name {
        "CODE" | "HEADING" | "TASK" | "LIST_ITEM" | "TABLE_CELL" => Nodes,
        "LINK" | "IMAGE" => Link,
        "COLOR" => Color,
        "TIMESTAMP" => Timestamp,
        "TABLE" => Table,
        "LINE_BREAK" | "HORIZONTAL_RULE" => Absent,
        "EMOJI" => EmojiPlain,
        _ => return None,
    })
}

/// The fields of a known node as they are read, before they are checked.
#[derive(Default)]
struct Parts<'de> {
    nodes: Option<Vec<Node<'de>>>,
    text: Option<Cow<'de, str>>,
    src: Option<Cow<'de, str>>,
    label: Option<Label<'de>>,
    color: Option<[u8; 4]>,
    timestamp: Option<(Cow<'de, str>, Cow<'de, str>)>,
    table: Option<(Vec<Node<'de>>, Vec<Node<'de>>)>,
    language: Option<Cow<'de, str>>,
    level: Option<u32>,
    status: Option<bool>,
    number: Option<JsNumber>,
    align: Option<Cow<'de, str>>,
    fallback: Option<Fallback<'de>>,
    short_code: Option<Cow<'de, str>>,
    unicode: Option<Cow<'de, str>>,
    extra: Vec<ExtraField<'de>>,
    /// Known keys read so far (one bit each), to refuse duplicates.
    seen: u16,
}

/// The bit of a key that node type `type_name` knows, or `None` for a key
/// it keeps as an unknown field.
fn known_key(key: &str, shape: ValueShape, type_name: &str) -> Option<u16> {
    Some(match key {
        "value" if shape != ValueShape::Absent => 1,
        "language" if type_name == "CODE" => 2,
        "level" if type_name == "HEADING" => 4,
        "status" if type_name == "TASK" => 8,
        "number" if type_name == "LIST_ITEM" => 16,
        "align" if type_name == "TABLE_CELL" => 32,
        "fallback" if matches!(type_name, "HORIZONTAL_RULE" | "TIMESTAMP" | "TABLE") => 64,
        "shortCode" if type_name == "EMOJI" => 128,
        "unicode" if type_name == "EMOJI" => 256,
        _ => return None,
    })
}

fn read_field<'de, A: MapAccess<'de>>(
    parts: &mut Parts<'de>,
    shape: ValueShape,
    type_name: &str,
    position: usize,
    key: Cow<'de, str>,
    src: &mut A,
) -> Result<(), A::Error> {
    use ValueShape::*;
    let dup = |k: &str| twice::<A::Error>(type_name, k);
    // A known key may appear once: a second one would be lost on writing,
    // and what is written must read back the same.
    if let Some(bit) = known_key(&key, shape, type_name) {
        if parts.seen & bit != 0 {
            return Err(dup(&key));
        }
        parts.seen |= bit;
    }
    match (&*key, shape) {
        ("value", Nodes) => {
            if parts.nodes.is_some() {
                return Err(dup("value"));
            }
            let NodeList(v) = src.next_value()?;
            parts.nodes = Some(v);
        }
        ("value", EmojiPlain) => {
            if parts.text.is_some() {
                return Err(dup("value"));
            }
            let PlainText(s) = src.next_value()?;
            parts.text = Some(s);
        }
        ("value", Link) => {
            let LinkParts { src: s, label } = src.next_value()?;
            parts.src = Some(s);
            parts.label = Some(label);
        }
        ("value", Color) => {
            let ColorParts(c) = src.next_value()?;
            parts.color = Some(c);
        }
        ("value", Timestamp) => {
            let TimestampParts(t, f) = src.next_value()?;
            parts.timestamp = Some((t, f));
        }
        ("value", Table) => {
            let TableParts(h, r) = src.next_value()?;
            parts.table = Some((h, r));
        }
        ("language", _) if type_name == "CODE" => {
            let CowStr(s) = src.next_value()?;
            parts.language = Some(s);
        }
        ("level", _) if type_name == "HEADING" => parts.level = Some(src.next_value()?),
        ("status", _) if type_name == "TASK" => parts.status = Some(src.next_value()?),
        ("number", _) if type_name == "LIST_ITEM" => parts.number = Some(src.next_value()?),
        ("align", _) if type_name == "TABLE_CELL" => {
            let CowStr(s) = src.next_value()?;
            parts.align = Some(s);
        }
        ("fallback", _) if matches!(type_name, "HORIZONTAL_RULE" | "TIMESTAMP" | "TABLE") => {
            parts.fallback = Some(src.next_value()?)
        }
        ("shortCode", _) if type_name == "EMOJI" => {
            let CowStr(s) = src.next_value()?;
            parts.short_code = Some(s);
        }
        ("unicode", _) if type_name == "EMOJI" => {
            let CowStr(s) = src.next_value()?;
            parts.unicode = Some(s);
        }
        _ => {
            let value: Box<RawValue> = src.next_value()?;
            parts.extra.push(ExtraField {
                position,
                key,
                value: RawJson(value),
            });
        }
    }
    Ok(())
}

fn missing<E: de::Error>(type_name: &str, field: &str) -> E {
    de::Error::custom(format_args!("{type_name} node without {field:?}"))
}

fn twice<E: de::Error>(type_name: &str, field: &str) -> E {
    de::Error::custom(format_args!("{type_name} node has field {field:?} twice"))
}

fn build<'de, E: de::Error>(type_name: Cow<'de, str>, p: Parts<'de>) -> Result<Node<'de>, E> {
    let t = &*type_name;
    let nodes = |n: Option<Vec<Node<'de>>>| n.ok_or_else(|| missing::<E>(t, "value"));
    let kind = match t {
        "CODE" => Kind::Code(Box::new(CodeBlock {
            language: p.language,
            lines: nodes(p.nodes)?,
        })),
        "HEADING" => Kind::Heading {
            level: p.level.ok_or_else(|| missing::<E>(t, "level"))?,
            value: nodes(p.nodes)?,
        },
        "TASK" => Kind::Task {
            status: p.status.ok_or_else(|| missing::<E>(t, "status"))?,
            value: nodes(p.nodes)?,
        },
        "LIST_ITEM" => Kind::ListItem {
            value: nodes(p.nodes)?,
            number: p.number,
        },
        "TABLE_CELL" => Kind::TableCell(Box::new(TableCell {
            align: p.align,
            value: nodes(p.nodes)?,
        })),
        "LINK" | "IMAGE" => {
            let src = p.src.ok_or_else(|| missing::<E>(t, "value"))?;
            let label = p.label.ok_or_else(|| missing::<E>(t, "value"))?;
            let link = Box::new(Link { src, label });
            if t == "LINK" {
                Kind::Link(link)
            } else {
                Kind::Image(link)
            }
        }
        "COLOR" => {
            let [r, g, b, a] = p.color.ok_or_else(|| missing::<E>(t, "value"))?;
            Kind::Color { r, g, b, a }
        }
        "TIMESTAMP" => {
            let (timestamp, format) = p.timestamp.ok_or_else(|| missing::<E>(t, "value"))?;
            Kind::Timestamp(Box::new(crate::ast::Timestamp {
                timestamp,
                format,
                fallback: p.fallback,
            }))
        }
        "TABLE" => {
            let (header, rows) = p.table.ok_or_else(|| missing::<E>(t, "value"))?;
            Kind::Table(Box::new(crate::ast::Table {
                header,
                rows,
                fallback: p.fallback,
            }))
        }
        "LINE_BREAK" => Kind::LineBreak,
        "HORIZONTAL_RULE" => Kind::HorizontalRule {
            fallback: p.fallback,
        },
        "EMOJI" => match (p.text, p.short_code, p.unicode) {
            (Some(value), Some(short_code), None) => {
                Kind::Emoji(Emoji::Shortcode(Box::new(Shortcode { value, short_code })))
            }
            (None, None, Some(u)) => Kind::Emoji(Emoji::Unicode(u)),
            _ => {
                return Err(de::Error::custom(
                    "EMOJI node needs either \"value\" and \"shortCode\" or \"unicode\" alone",
                ));
            }
        },
        _ => unreachable_type::<E>(t)?,
    };
    let extra = if p.extra.is_empty() {
        Extra::default()
    } else {
        Extra(Some(Box::new(p.extra)))
    };
    Ok(Node { kind, extra })
}

fn unreachable_type<E: de::Error>(t: &str) -> Result<Kind<'static>, E> {
    Err(de::Error::custom(format_args!(
        "internal: no builder for type {t:?}"
    )))
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a node: an object with a \"type\"")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let type_name = match map.next_key::<CowStr>()? {
            None => return Err(de::Error::custom("node without \"type\"")),
            Some(CowStr(k)) if k == "type" => read_type(&mut map)?,
            Some(CowStr(k)) => return visit_reordered(k, map),
        };
        if let Some(simple) = simple_kind(&type_name) {
            return read_simple(simple, type_name, map);
        }
        let Some(shape) = shape_of(&type_name) else {
            // Unknown type: keep every other field as raw JSON, in order.
            let mut fields = Vec::new();
            while let Some(CowStr(k)) = map.next_key::<CowStr>()? {
                fields.push((k, RawJson(map.next_value()?)));
            }
            return Ok(Node::new(Kind::Unknown(Box::new(UnknownNode {
                type_name,
                fields,
            }))));
        };
        let mut parts = Parts::default();
        let mut position = 1; // "type" is key 0
        while let Some(CowStr(k)) = map.next_key::<CowStr>()? {
            read_field(&mut parts, shape, &type_name, position, k, &mut map)?;
            position += 1;
        }
        build(type_name, parts)
    }
}

/// The kinds whose one known field is `value`, a list of nodes, a string
/// or a string as a PLAIN_TEXT node (most nodes of a tree), with their
/// constructors: read without [`Parts`] and its second match on the type.
#[derive(Clone, Copy)]
enum Simple<'de> {
    Nodes(fn(Vec<Node<'de>>) -> Kind<'de>),
    Text(fn(Cow<'de, str>) -> Kind<'de>),
    /// A string held as a PLAIN_TEXT node (`{"type":"PLAIN_TEXT","value":…}`).
    Plain(fn(Cow<'de, str>) -> Kind<'de>),
}

fn simple_kind<'de>(type_name: &str) -> Option<Simple<'de>> {
    use Simple::{Nodes, Plain, Text};
    Some(match type_name {
        "PLAIN_TEXT" => Text(Kind::PlainText),
        "MENTION_USER" => Plain(Kind::MentionUser),
        "MENTION_CHANNEL" => Plain(Kind::MentionChannel),
        "INLINE_CODE" => Plain(Kind::InlineCode),
        "CODE_LINE" => Plain(Kind::CodeLine),
        "PARAGRAPH" => Nodes(Kind::Paragraph),
        "BOLD" => Nodes(Kind::Bold),
        "ITALIC" => Nodes(Kind::Italic),
        "STRIKE" => Nodes(Kind::Strike),
        "SPOILER" => Nodes(Kind::Spoiler),
        "QUOTE" => Nodes(Kind::Quote),
        "BLOCKQUOTE" => Nodes(Kind::Blockquote),
        "SPOILER_BLOCK" => Nodes(Kind::SpoilerBlock),
        "BIG_EMOJI" => Nodes(Kind::BigEmoji),
        "TASKS" => Nodes(Kind::Tasks),
        "ORDERED_LIST" => Nodes(Kind::OrderedList),
        "UNORDERED_LIST" => Nodes(Kind::UnorderedList),
        "TABLE_ROW" => Nodes(Kind::TableRow),
        "KATEX" => Text(Kind::Katex),
        "INLINE_KATEX" => Text(Kind::InlineKatex),
        _ => return None,
    })
}

/// The fields after `type` of a node of a [`Simple`] kind: `value` once,
/// any other key an unknown field (as [`read_field`] has it).
fn read_simple<'de, A: MapAccess<'de>>(
    simple: Simple<'de>,
    type_name: Cow<'de, str>,
    mut map: A,
) -> Result<Node<'de>, A::Error> {
    let (mut nodes, mut text, mut extra) = (None, None, Vec::new());
    let mut position = 1; // "type" is key 0
    while let Some(CowStr(key)) = map.next_key::<CowStr>()? {
        if key == "value" {
            if nodes.is_some() || text.is_some() {
                return Err(twice(&type_name, "value"));
            }
            match simple {
                Simple::Nodes(_) => nodes = Some(map.next_value::<NodeList>()?.0),
                Simple::Text(_) => text = Some(map.next_value::<CowStr>()?.0),
                Simple::Plain(_) => text = Some(map.next_value::<PlainText>()?.0),
            }
        } else {
            extra.push(ExtraField {
                position,
                key,
                value: RawJson(map.next_value()?),
            });
        }
        position += 1;
    }
    let kind = match (simple, nodes, text) {
        (Simple::Nodes(make), Some(v), _) => make(v),
        (Simple::Text(make) | Simple::Plain(make), _, Some(t)) => make(t),
        _ => return Err(missing(&type_name, "value")),
    };
    let extra = if extra.is_empty() {
        Extra::default()
    } else {
        Extra(Some(Box::new(extra)))
    };
    Ok(Node { kind, extra })
}

fn read_type<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Cow<'de, str>, A::Error> {
    Ok(map.next_value::<TypeName>()?.0)
}

/// A node's `type`: a string, borrowed from the input when it has no
/// escapes; anything else is an error that says what was found.
struct TypeName<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for TypeName<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        fn found<E: de::Error, T>(what: impl fmt::Display) -> Result<T, E> {
            Err(de::Error::custom(format_args!(
                "node \"type\" must be a string, found {what}"
            )))
        }
        impl<'de> Visitor<'de> for V {
            type Value = TypeName<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a node \"type\" that is a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(TypeName(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(TypeName(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(TypeName(Cow::Owned(v)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                found(v)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                found(v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                found(v)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                found(v)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                found("null")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
                found("an array")
            }
            fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
                found("an object")
            }
        }
        d.deserialize_any(V)
    }
}

/// A node whose first key is not `type` (no known server writes one): its
/// fields are buffered, put back together with `type` first and read again.
/// The result owns its text; unknown fields keep their order relative to
/// each other, and the node is written back with `type` first.
fn visit_reordered<'de, A: MapAccess<'de>>(
    first: Cow<'de, str>,
    mut map: A,
) -> Result<Node<'de>, A::Error> {
    let mut fields: Vec<(Cow<'de, str>, Box<RawValue>)> = vec![(first, map.next_value()?)];
    while let Some(CowStr(k)) = map.next_key::<CowStr>()? {
        fields.push((k, map.next_value()?));
    }
    let Some(t) = fields.iter().position(|(k, _)| k == "type") else {
        return Err(de::Error::custom("node without \"type\""));
    };
    let mut json = String::from("{");
    let order = std::iter::once(t).chain((0..fields.len()).filter(|&i| i != t));
    for (n, i) in order.enumerate() {
        if n > 0 {
            json.push(',');
        }
        let (k, v) = &fields[i];
        json.push_str(&serde_json::to_string(&**k).map_err(de::Error::custom)?);
        json.push(':');
        json.push_str(v.get());
    }
    json.push('}');
    let node: Node<'_> = serde_json::from_str(&json).map_err(de::Error::custom)?;
    Ok(node.into_owned())
}

struct LinkParts<'de> {
    src: Cow<'de, str>,
    label: Label<'de>,
}

impl<'de> Deserialize<'de> for LinkParts<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LinkParts<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a link value {\"src\": PLAIN_TEXT, \"label\": …}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let (mut src, mut label) = (None, None);
                while let Some(CowStr(k)) = map.next_key::<CowStr>()? {
                    match &*k {
                        "src" => src = Some(map.next_value::<PlainText>()?.0),
                        "label" => label = Some(map.next_value::<Label>()?),
                        other => {
                            return Err(de::Error::custom(format_args!(
                                "unexpected field {other:?} in a link value"
                            )));
                        }
                    }
                }
                Ok(LinkParts {
                    src: src.ok_or_else(|| de::Error::custom("link value without \"src\""))?,
                    label: label
                        .ok_or_else(|| de::Error::custom("link value without \"label\""))?,
                })
            }
        }
        d.deserialize_map(V)
    }
}

struct ColorParts([u8; 4]);

impl<'de> Deserialize<'de> for ColorParts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct C {
            r: u8,
            g: u8,
            b: u8,
            a: u8,
        }
        let C { r, g, b, a } = C::deserialize(d)?;
        Ok(ColorParts([r, g, b, a]))
    }
}

struct TimestampParts<'de>(Cow<'de, str>, Cow<'de, str>);

impl<'de> Deserialize<'de> for TimestampParts<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TimestampParts<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a timestamp value {\"timestamp\": string, \"format\": string}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let (mut ts, mut fmt) = (None, None);
                while let Some(CowStr(k)) = map.next_key::<CowStr>()? {
                    match &*k {
                        "timestamp" => ts = Some(map.next_value::<CowStr>()?.0),
                        "format" => fmt = Some(map.next_value::<CowStr>()?.0),
                        other => {
                            return Err(de::Error::custom(format_args!(
                                "unexpected field {other:?} in a timestamp value"
                            )));
                        }
                    }
                }
                Ok(TimestampParts(
                    ts.ok_or_else(|| de::Error::custom("timestamp value without \"timestamp\""))?,
                    fmt.ok_or_else(|| de::Error::custom("timestamp value without \"format\""))?,
                ))
            }
        }
        d.deserialize_map(V)
    }
}

struct TableParts<'de>(Vec<Node<'de>>, Vec<Node<'de>>);

impl<'de> Deserialize<'de> for TableParts<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TableParts<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table value {\"header\": [...], \"rows\": [...]}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let (mut header, mut rows) = (None, None);
                while let Some(CowStr(k)) = map.next_key::<CowStr>()? {
                    match &*k {
                        "header" => header = Some(map.next_value::<NodeList>()?.0),
                        "rows" => rows = Some(map.next_value::<NodeList>()?.0),
                        other => {
                            return Err(de::Error::custom(format_args!(
                                "unexpected field {other:?} in a table value"
                            )));
                        }
                    }
                }
                Ok(TableParts(
                    header.ok_or_else(|| de::Error::custom("table value without \"header\""))?,
                    rows.ok_or_else(|| de::Error::custom("table value without \"rows\""))?,
                ))
            }
        }
        d.deserialize_map(V)
    }
}
