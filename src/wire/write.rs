//! A tree's compact JSON written directly, for [`super::to_string`]: the
//! bytes `serde_json::to_string` writes for it through the `Serialize`
//! impls of [`super::md`] (a test holds the two together on every
//! conformance tree and on trees with unknown nodes and fields), without
//! serde's per-value machinery. A node's fixed parts are written at once
//! (`{"type":"PLAIN_TEXT","value":`), and only its strings are escaped;
//! written so, a corpus pass is about twice as fast.

use crate::ast::{Emoji, ExtraField, Fallback, JsNumber, Kind, Label, Node};

/// Where the JSON goes: a `String` or a `Vec<u8>` (only whole UTF-8
/// strings and ASCII bytes are put).
pub(crate) trait Sink {
    /// Appends `s`.
    fn put(&mut self, s: &str);
    /// Appends the ASCII byte `b`.
    fn put_ascii(&mut self, b: u8);
}

impl Sink for String {
    #[inline]
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
    #[inline]
    fn put_ascii(&mut self, b: u8) {
        self.push(char::from(b));
    }
}

impl Sink for Vec<u8> {
    #[inline]
    fn put(&mut self, s: &str) {
        self.extend_from_slice(s.as_bytes());
    }
    #[inline]
    fn put_ascii(&mut self, b: u8) {
        self.push(b);
    }
}

/// Appends the compact JSON of `root` to `out`.
pub(crate) fn write<S: Sink>(out: &mut S, root: &[Node<'_>]) {
    nodes(out, root);
}

/// The compact JSON of `root`.
pub(crate) fn to_string(root: &[Node<'_>]) -> String {
    // A corpus message's tree is about 500 bytes of JSON: room for most at
    // once.
    let mut out = String::with_capacity(512);
    nodes(&mut out, root);
    out
}

/// `[node,node,…]`.
fn nodes<S: Sink>(out: &mut S, list: &[Node<'_>]) {
    out.put_ascii(b'[');
    for (i, n) in list.iter().enumerate() {
        if i > 0 {
            out.put_ascii(b',');
        }
        node(out, n);
    }
    out.put_ascii(b']');
}

/// `{"type":"PLAIN_TEXT","value":"…"}`.
fn plain<S: Sink>(out: &mut S, text: &str) {
    out.put(r#"{"type":"PLAIN_TEXT","value":"#);
    string(out, text);
    out.put_ascii(b'}');
}

/// An object's keys in order, with the unknown fields slipped in at the
/// positions they were read at (as `md`'s `Fields` does).
struct Object<'o, 'x, S: Sink> {
    out: &'o mut S,
    extras: &'x [ExtraField<'x>],
    written: usize,
}

impl<'o, 'x, S: Sink> Object<'o, 'x, S> {
    fn new(out: &'o mut S, extras: &'x [ExtraField<'x>]) -> Self {
        out.put_ascii(b'{');
        Object {
            out,
            extras,
            written: 0,
        }
    }

    /// The separator before the next key.
    fn comma(&mut self) {
        if self.written > 0 {
            self.out.put_ascii(b',');
        }
    }

    /// The unknown fields whose place comes before the next key.
    fn flush_extras(&mut self) {
        while let Some((first, rest)) = self.extras.split_first() {
            if first.position > self.written {
                break;
            }
            self.extra(first);
            self.extras = rest;
        }
    }

    fn extra(&mut self, f: &ExtraField<'_>) {
        self.escaped_key(&f.key).put(f.value.0.get());
    }

    /// Starts an entry with a key read from input (escaped), where it
    /// stands now.
    fn escaped_key(&mut self, key: &str) -> &mut S {
        self.comma();
        string(self.out, key);
        self.out.put_ascii(b':');
        self.written += 1;
        self.out
    }

    /// Starts an entry with `key`, the key as written (quoted, with its
    /// colon: `"value":`): the caller writes its value.
    fn key(&mut self, key: &str) -> &mut S {
        self.flush_extras();
        self.comma();
        self.out.put(key);
        self.written += 1;
        self.out
    }

    /// Starts the entry of a key read from input (escaped), after the
    /// unknown fields whose place comes first.
    fn any_key(&mut self, key: &str) -> &mut S {
        self.flush_extras();
        self.escaped_key(key)
    }

    /// The `fallback` entry, when there is one.
    fn fallback(&mut self, fb: Option<&Fallback<'_>>) {
        if let Some(fb) = fb {
            fallback(self.key(r#""fallback":"#), fb);
        }
    }

    fn end(mut self) {
        let extras = std::mem::take(&mut self.extras);
        for f in extras {
            self.extra(f);
        }
        self.out.put_ascii(b'}');
    }
}

fn node<S: Sink>(out: &mut S, n: &Node<'_>) {
    let extras = n.extra.fields();
    // The common nodes, with no unknown fields: their fixed parts at once.
    if extras.is_empty() {
        if let Kind::PlainText(t) = &n.kind {
            return plain(out, t);
        }
        if let Some(v) = n.kind.node_list() {
            out.put(r#"{"type":""#);
            out.put(n.kind.type_name());
            out.put(r#"","value":"#);
            nodes(out, v);
            out.put_ascii(b'}');
            return;
        }
    }
    let mut o = Object::new(out, extras);
    match &n.kind {
        // A name read from input, escaped.
        Kind::Unknown(u) => string(o.key(r#""type":"#), &u.type_name),
        // The known names need no escaping.
        kind => {
            let out = o.key(r#""type":"#);
            out.put_ascii(b'"');
            out.put(kind.type_name());
            out.put_ascii(b'"');
        }
    }
    match &n.kind {
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
        | Kind::TableRow(v) => nodes(o.key(r#""value":"#), v),
        Kind::PlainText(t) | Kind::Katex(t) | Kind::InlineKatex(t) => {
            string(o.key(r#""value":"#), t)
        }
        Kind::InlineCode(t)
        | Kind::CodeLine(t)
        | Kind::MentionUser(t)
        | Kind::MentionChannel(t) => plain(o.key(r#""value":"#), t),
        Kind::Code(c) => {
            if let Some(l) = &c.language {
                string(o.key(r#""language":"#), l);
            }
            nodes(o.key(r#""value":"#), &c.lines);
        }
        Kind::Heading { level, value } => {
            integer(o.key(r#""level":"#), *level);
            nodes(o.key(r#""value":"#), value);
        }
        Kind::Link(l) | Kind::Image(l) => {
            let out = o.key(r#""value":"#);
            out.put(r#"{"src":"#);
            plain(out, &l.src);
            out.put(r#","label":"#);
            match &l.label {
                Label::Many(v) => nodes(out, v),
                Label::One(n) => node(out, n),
            }
            out.put_ascii(b'}');
        }
        Kind::Emoji(Emoji::Shortcode(e)) => {
            plain(o.key(r#""value":"#), &e.value);
            string(o.key(r#""shortCode":"#), &e.short_code);
        }
        Kind::Emoji(Emoji::Unicode(u)) => string(o.key(r#""unicode":"#), u),
        Kind::Color { r, g, b, a } => {
            let out = o.key(r#""value":"#);
            for (key, v) in [
                (r#"{"r":"#, r),
                (r#","g":"#, g),
                (r#","b":"#, b),
                (r#","a":"#, a),
            ] {
                out.put(key);
                integer(out, *v);
            }
            out.put_ascii(b'}');
        }
        Kind::Task { status, value } => {
            o.key(r#""status":"#)
                .put(if *status { "true" } else { "false" });
            nodes(o.key(r#""value":"#), value);
        }
        Kind::ListItem { value, number } => {
            nodes(o.key(r#""value":"#), value);
            if let Some(n) = number {
                js_number(o.key(r#""number":"#), *n);
            }
        }
        Kind::LineBreak => {}
        Kind::HorizontalRule { fallback } => {
            o.fallback(fallback.as_ref());
        }
        Kind::Timestamp(t) => {
            let out = o.key(r#""value":"#);
            out.put(r#"{"timestamp":"#);
            string(out, &t.timestamp);
            out.put(r#","format":"#);
            string(out, &t.format);
            out.put_ascii(b'}');
            o.fallback(t.fallback.as_ref());
        }
        Kind::Table(t) => {
            let out = o.key(r#""value":"#);
            out.put(r#"{"header":"#);
            nodes(out, &t.header);
            out.put(r#","rows":"#);
            nodes(out, &t.rows);
            out.put_ascii(b'}');
            o.fallback(t.fallback.as_ref());
        }
        Kind::TableCell(c) => {
            if let Some(a) = &c.align {
                string(o.key(r#""align":"#), a);
            }
            nodes(o.key(r#""value":"#), &c.value);
        }
        Kind::Unknown(u) => {
            for (k, v) in &u.fields {
                o.any_key(k).put(v.0.get());
            }
        }
    }
    o.end();
}

fn fallback<S: Sink>(out: &mut S, fb: &Fallback<'_>) {
    match fb {
        Fallback::Range(a, b) => {
            out.put_ascii(b'[');
            integer(out, *a);
            out.put_ascii(b',');
            integer(out, *b);
            out.put_ascii(b']');
        }
        Fallback::Plain(t) => plain(out, t),
    }
}

/// As `JsNumber`'s `Serialize`: integers JavaScript prints digit for
/// digit as integers, the others as JavaScript prints them.
fn js_number<S: Sink>(out: &mut S, n: JsNumber) {
    let v = n.get();
    if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
        integer(out, v as i64);
    } else {
        out.put(&n.to_js_string());
    }
}

/// `v` in decimal, without an allocation (as serde_json writes integers).
fn integer<S: Sink>(out: &mut S, v: impl itoa::Integer) {
    out.put(itoa::Buffer::new().format(v));
}

/// A JSON string, escaped as `serde_json` escapes it: `"` and `\` with a
/// backslash, the control characters with their short escapes (`\b`,
/// `\t`, `\n`, `\f`, `\r`) or as `\u00XX`, everything else as it is.
fn string<S: Sink>(out: &mut S, s: &str) {
    out.put_ascii(b'"');
    let b = s.as_bytes();
    // Most strings need no escape: eight bytes at a time to the first
    // block that may hold one.
    let mut from = 0;
    while let Some(block) = b.get(from..from + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(block);
        if may_need_escape(u64::from_le_bytes(word)) {
            break;
        }
        from += 8;
    }
    let mut start = 0;
    for (i, &c) in b.iter().enumerate().skip(from) {
        let escape = ESCAPE[c as usize];
        if escape == 0 {
            continue;
        }
        // `c` is ASCII: `i` and `i + 1` are character boundaries.
        out.put(s.get(start..i).unwrap_or_default());
        out.put_ascii(b'\\');
        if escape == b'u' {
            out.put("u00");
            out.put_ascii(HEX[usize::from(c >> 4)]);
            out.put_ascii(HEX[usize::from(c & 0xF)]);
        } else {
            out.put_ascii(escape);
        }
        start = i + 1;
    }
    out.put(s.get(start..).unwrap_or_default());
    out.put_ascii(b'"');
}

/// Whether one of the eight bytes of `w` is below 0x20, `"` or `\` (exact:
/// each test is that of a byte being zero or less than a value).
#[inline]
fn may_need_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    (below(w, 0x20) | below(w ^ (ONES * 0x22), 1) | below(w ^ (ONES * 0x5C), 1)) != 0
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Per byte: 0 when it is written as it is, else the letter of its escape
/// (`u` for `\u00XX`).
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = b'u';
        c += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

#[cfg(test)]
mod tests {
    use super::to_string;
    use crate::parse::{Options, parse};
    use proptest::prelude::*;

    /// The direct writer and serde's agree on trees read from JSON with
    /// unknown node types, unknown fields at every place, old shapes and
    /// numbers of every kind.
    #[test]
    fn agrees_with_serde_on_read_trees() {
        let cases = [
            r#"[{"type":"PARAGRAPH","value":[{"type":"PLAIN_TEXT","value":"a\"b\\c\n\u0001\u001f\u007f\t\b\f\r é 😀"}]}]"#,
            r#"[{"x":1,"type":"PLAIN_TEXT","value":"a","y":[1,{"z":null}]}]"#,
            r#"[{"type":"PLAIN_TEXT","x":true,"value":"a"}]"#,
            r#"[{"type":"NEW_KIND","value":{"a":[1,2]},"extra":"\u00e9\""}]"#,
            r#"[{"type":"ORDERED_LIST","value":[{"type":"LIST_ITEM","value":[],"number":1e21},{"type":"LIST_ITEM","value":[],"number":-0},{"type":"LIST_ITEM","value":[],"number":2.5},{"type":"LIST_ITEM","value":[],"number":12345678901234567890}]}]"#,
            r#"[{"type":"LINK","value":{"src":{"type":"PLAIN_TEXT","value":"https://a.b"},"label":{"type":"PLAIN_TEXT","value":"old"}}}]"#,
            r#"[{"type":"HEADING","level":3,"value":[]},{"type":"TASKS","value":[{"type":"TASK","status":false,"value":[]}]}]"#,
            r#"[{"type":"COLOR","value":{"r":1,"g":22,"b":255,"a":0}}]"#,
            r#"[{"type":"LINE_BREAK"},{"type":"LINE_BREAK","q":"\\"}]"#,
            r#"[{"type":"HORIZONTAL_RULE","fallback":[0,3]}]"#,
            r#"[{"type":"HORIZONTAL_RULE","fallback":[18446744073709551615,10]},{"type":"HEADING","level":4294967295,"value":[]}]"#,
            r#"[{"type":"PARAGRAPH","value":[{"type":"TIMESTAMP","value":{"timestamp":"1","format":"t"},"fallback":{"type":"PLAIN_TEXT","value":"<t:1>"}}]}]"#,
            r#"[{"type":"CODE","language":"js","value":[{"type":"CODE_LINE","value":{"type":"PLAIN_TEXT","value":"x"}}],"k":{}}]"#,
            r#"[{"type":"TABLE","value":{"header":[],"rows":[]},"fallback":[1,2]}]"#,
            r#"[{"type":"PARAGRAPH","value":[{"type":"EMOJI","value":{"type":"PLAIN_TEXT","value":":)"},"shortCode":"slight_smile","a":1}]}]"#,
        ];
        for json in cases {
            let tree = crate::wire::from_str(json).expect(json);
            assert_eq!(
                to_string(&tree),
                serde_json::to_string(&tree).expect(json),
                "{json}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

        /// On parsed trees of texts of every kind of markup.
        #[test]
        fn agrees_with_serde_on_parsed_trees(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "*b*", "_i_", "~s~", "`c`", "```js\nx\n```", "> q", "# h", "- a", "1. a", "- [x] t",
                "| a | b |\n| - | - |\n| c | d |", "||sp||", "$$a$$", "\\(x\\)", "$y$", "@u", "#c",
                ":smile:", ":)", "😀", "[l](https://a.b)", "![i](https://a.b/c.png)", "a.com",
                "<t:1630360800:f>", "color:#fff", "---", "\n", "\n\n", " ", "\"", "\\", "\t", "\u{1}",
                "é", "x",
            ]), 0..12),
        ) {
            let text: String = parts.concat();
            let options = Options::from_json(
                r#"{"colors":true,"emoticons":true,"katex":{"dollarSyntax":true,"parenthesisSyntax":true}}"#,
            ).unwrap_or_default();
            let tree = parse(&text, &options);
            prop_assert_eq!(to_string(&tree), serde_json::to_string(&tree).unwrap_or_default());
        }
    }
}
