//! Message text → `md` tree, node for node what the reference parser
//! (`@rocket.chat/message-parser` 0.32.0) produces.
//!
//! The pipeline: `block` splits the text into blocks (paragraphs,
//! headings, quotes, code, lists, tables, …); `inline` parses the inline
//! content of each; leaf recognisers for characters (`chars`), emoji
//! (`emoji`), timestamps (`timestamp`) and links (`links`) sit below, and
//! `memo` keeps the work linear. See `docs/design.md`.

mod block;
pub(crate) mod chars;
mod clock;
mod cursor;
pub(crate) mod emoji;
mod inline;
pub(crate) mod links;
mod memo;
mod reduce;
pub(crate) mod timestamp;

pub use clock::iso_to_ms;

/// Parser options, read from the same JSON as the reference's options
/// (`colors`, `emoticons`, `katex: {dollarSyntax, parenthesisSyntax}`,
/// `customDomains`), plus the clock for timestamps.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Parse `color:#rgb` swatches (`COLOR` nodes).
    pub colors: bool,
    /// Turn ASCII emoticons such as `:)` into `EMOJI` nodes.
    pub emoticons: bool,
    /// Math: present when KaTeX is enabled.
    pub katex: Option<Katex>,
    /// Extra top-level domains that autolink (`customDomains`).
    pub custom_domains: Option<Vec<String>>,
    /// The clock, in milliseconds since the Unix epoch, for timestamp forms
    /// that the reference resolves against today's date (`<t:10:00>`).
    /// `None` reads the system clock. Times are in UTC.
    pub now: Option<i64>,
}

/// Which math delimiters are on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Katex {
    /// `$…$` and `$$…$$`.
    pub dollar_syntax: bool,
    /// `\(…\)` and `\[…\]`.
    pub parenthesis_syntax: bool,
}

/// Options as the reference spells them in JSON:
/// `{"colors":true,"emoticons":true,"katex":{"dollarSyntax":true,"parenthesisSyntax":true},"customDomains":["intranet"]}`.
/// Unknown keys and values of the wrong type are errors.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct OptionsJson {
    #[serde(default)]
    colors: Option<bool>,
    #[serde(default)]
    emoticons: Option<bool>,
    #[serde(default, deserialize_with = "object_or_null")]
    katex: Option<KatexJson>,
    #[serde(default)]
    custom_domains: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct KatexJson {
    #[serde(default)]
    dollar_syntax: Option<bool>,
    #[serde(default)]
    parenthesis_syntax: Option<bool>,
}

impl Options {
    /// Reads options from the reference's JSON form. An absent option is
    /// off, as in the reference (which treats `undefined` as false).
    ///
    /// ```
    /// let o = chatmark::Options::from_json(r#"{"colors":true,"katex":{"dollarSyntax":true}}"#).unwrap();
    /// assert!(o.colors && !o.emoticons);
    /// assert!(o.katex.unwrap().dollar_syntax);
    /// assert!(chatmark::Options::from_json(r#"{"colour":true}"#).is_err());
    /// ```
    pub fn from_json(json: &str) -> Result<Options, crate::wire::Error> {
        let mut de = serde_json::Deserializer::from_str(json);
        let raw: OptionsJson = object(&mut de)?;
        de.end()?;
        Ok(Options::from(raw))
    }

    /// Options from an already-parsed JSON value (an object, as for
    /// [`Options::from_json`]).
    pub fn from_value(value: serde_json::Value) -> Result<Options, crate::wire::Error> {
        Ok(Options::from(object::<OptionsJson, _>(value)?))
    }

    /// The clock to use: `now`, or the system's.
    pub(crate) fn now_ms(&self) -> i64 {
        self.now.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0)
        })
    }
}

/// Reads a `T` only from a JSON object: serde would also take a struct from
/// an array of its fields in order (`[true]` as `{"colors":true}`), which
/// the reference's options never are.
fn object<'de, T: serde::Deserialize<'de>, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<T, D::Error> {
    struct Only<T>(std::marker::PhantomData<T>);
    impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for Only<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }
    d.deserialize_map(Only(std::marker::PhantomData))
}

/// [`object`], or `None` for `null`.
fn object_or_null<'de, T: serde::Deserialize<'de>, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    struct OrNull<T>(std::marker::PhantomData<T>);
    impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for OrNull<T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object or null")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Option<T>, D2::Error> {
            object(d).map(Some)
        }
    }
    d.deserialize_option(OrNull(std::marker::PhantomData))
}

impl From<OptionsJson> for Options {
    fn from(raw: OptionsJson) -> Self {
        Options {
            colors: raw.colors.unwrap_or(false),
            emoticons: raw.emoticons.unwrap_or(false),
            katex: raw.katex.map(|k| Katex {
                dollar_syntax: k.dollar_syntax.unwrap_or(false),
                parenthesis_syntax: k.parenthesis_syntax.unwrap_or(false),
            }),
            custom_domains: raw.custom_domains,
            now: None,
        }
    }
}

/// Parses message text into its `md` tree, as the reference parser 0.32.0
/// does with the same options. Empty input gives an empty tree (the
/// reference throws on it).
///
/// ```
/// use chatmark::{parse, Options};
///
/// let tree = parse("Hello **world**", &Options::default());
/// assert_eq!(
///     chatmark::wire::to_string(&tree),
///     r#"[{"type":"PARAGRAPH","value":[{"type":"PLAIN_TEXT","value":"Hello "},{"type":"BOLD","value":[{"type":"PLAIN_TEXT","value":"world"}]}]}]"#
/// );
/// ```
pub fn parse<'a>(text: &'a str, options: &Options) -> crate::ast::Root<'a> {
    if text.is_empty() {
        return Vec::new();
    }
    let b = text.as_bytes();
    let plain = plain_line_len(b);
    if plain == b.len() {
        return plain_line(text);
    }
    cursor::Parser::new(text, options).document_after_plain_line(Some(plain))
}

/// The plain words of a line whose first `plain` bytes are plain line: up
/// to the last space among them (0 without one). They are text whatever
/// follows (see [`plain_line_len`]).
pub(crate) fn plain_words_len(line: &[u8], plain: usize) -> usize {
    line[..plain]
        .iter()
        .rposition(|&c| c == b' ')
        .map_or(0, |i| i + 1)
}

/// The tree of a plain line (all of it in [`plain_line_len`]): one
/// paragraph of its text.
fn plain_line(text: &str) -> crate::ast::Root<'_> {
    use crate::ast::{Kind, Node};
    vec![Node::new(Kind::Paragraph(vec![Node::plain(text)]))]
}

/// Whether all of `b` is a plain line (see [`plain_line_len`]).
#[cfg(test)]
fn is_plain_line(b: &[u8]) -> bool {
    !b.is_empty() && plain_line_len(b) == b.len()
}

/// How much of `b` from its start is a plain line: an ASCII letter, then
/// nothing but ASCII letters, digits, spaces, `,`, `'`, `"`, `?`, `!` not
/// before `[`, and full stops before a space or the end (0 when `b` does
/// not start with a letter). No rule but `Paragraph`, and within it none
/// but plain text, can match within such text, whatever the options: each
/// other rule needs a character it lacks (a marker, `:`, `@`, `#`, `<`, a
/// bracket, a line end, non-ASCII, a dot inside a word, or a first
/// character that starts a block), except the URL autolink at the word
/// `localhost` before a full stop, where the plain line ends. So a message
/// that is all plain line is one PLAIN_TEXT in one PARAGRAPH, and the
/// words of a plain start up to its last space are text however the
/// message goes on (property tests check both against the whole parser).
/// Short chat lines are often of this kind.
pub(crate) fn plain_line_len(b: &[u8]) -> usize {
    if !b.first().is_some_and(u8::is_ascii_alphabetic) {
        return 0;
    }
    plain_bytes_len(b)
}

/// [`plain_line_len`] less its first letter: how far `b` has only the
/// plain line's bytes, `!` not before `[` and full stops before a space or
/// the end, up to the word `localhost` before such a full stop (a host
/// without a dot, where a URL starts).
fn plain_bytes_len(b: &[u8]) -> usize {
    let mut at = 0;
    loop {
        // Eight bytes at a time, without a branch each, while all are
        // plain-line bytes other than the full stop.
        while let Some(chunk) = b.get(at..at + 8) {
            let mut ok = true;
            for &c in chunk {
                ok &= PLAIN_LINE_BYTE[c as usize];
            }
            if !ok {
                break;
            }
            at += 8;
        }
        // Then byte by byte to the first other byte: the end, a full stop
        // before a space or the end (then eight at a time again), or the
        // byte where the plain line ends.
        loop {
            match b.get(at) {
                None => return b.len(),
                Some(&c) if PLAIN_LINE_BYTE[c as usize] => at += 1,
                Some(b'.') if matches!(b.get(at + 1), None | Some(b' ')) => {
                    if let Some(word) = localhost_word(b, at) {
                        return word;
                    }
                    at += 1;
                    break;
                }
                // `!` starts no rule but an image (`![`).
                Some(b'!') if b.get(at + 1) != Some(&b'[') => {
                    at += 1;
                    break;
                }
                Some(_) => return at,
            }
        }
    }
}

/// Where the word before the full stop at `i` in a plain line starts, if
/// it starts with `localhost` (words there start at the line's start or
/// after a space): the URL autolink's guard, from the word's start, passes
/// over the plain line's punctuation (`localhost!.`) to the full stop, and
/// `localhost` is a host without a dot.
fn localhost_word(b: &[u8], i: usize) -> Option<usize> {
    // Words are short: a byte loop is cheaper than a vector search.
    let word = b[..i].iter().rposition(|&c| c == b' ').map_or(0, |s| s + 1);
    b[word..i].starts_with(links::DOTLESS_HOST).then_some(word)
}

/// The bytes of a plain line ([`plain_line_len`]) that are plain wherever
/// they stand: all but the full stop and `!`, which depend on the next byte.
static PLAIN_LINE_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || matches!(b, b' ' | b',' | b'\'' | b'"' | b'?');
        c += 1;
    }
    t
};

/// [`parse`], also returning the work it did (steps of the parser's loops
/// and scans). Used by the tests that prove linear work; not a stable API.
#[doc(hidden)]
pub fn parse_counting_steps<'a>(text: &'a str, options: &Options) -> (crate::ast::Root<'a>, u64) {
    if text.is_empty() {
        return (Vec::new(), 0);
    }
    let mut p = cursor::Parser::new(text, options);
    let root = p.document();
    (root, p.memo.steps + links::steps())
}

#[cfg(test)]
mod tests {
    use super::{Options, cursor, is_plain_line, plain_bytes_len, plain_line};
    use proptest::prelude::*;

    /// The whole parser's tree of a text, without shortcuts.
    fn full<'a>(text: &'a str, options: &Options) -> crate::ast::Root<'a> {
        let mut p = cursor::Parser::new(text, options);
        p.no_shortcuts = true;
        p.document()
    }

    fn options() -> [Options; 2] {
        let all = Options::from_json(
            r#"{"colors":true,"emoticons":true,"katex":{"dollarSyntax":true,"parenthesisSyntax":true},"customDomains":["chat"]}"#,
        )
        .expect("options");
        [Options::default(), all]
    }

    #[test]
    fn plain_lines_are_recognised() {
        for t in [
            "Hello world",
            "ok",
            "Is it done? Yes, it's \"done\".",
            "a. b.",
            "Ship v2 now",
        ] {
            assert!(is_plain_line(t.as_bytes()), "{t:?}");
        }
        for t in [
            "",
            " a",
            "1. a",
            "a.b",
            "a:b",
            "a\nb",
            "a_b",
            "a-b",
            "é",
            "a#b",
            "a\tb",
            "a..",
            "a. .b",
            "localhost.",
            "a localhost. b",
            "localhost!.",
            "a localhost,. b",
        ] {
            assert!(!is_plain_line(t.as_bytes()), "{t:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]

        /// The chunked scan of plain-line bytes ends where a byte-by-byte
        /// reading of its rule does.
        #[test]
        fn plain_bytes_end_where_the_rule_says(text in "([a. ,!?\\[\n]|localhost){0,40}") {
            let b = text.as_bytes();
            let rule = (0..b.len())
                .find(|&i| {
                    let c = b[i];
                    !(c.is_ascii_alphanumeric()
                        || matches!(c, b' ' | b',' | b'\'' | b'"' | b'?')
                        || (c == b'!' && b.get(i + 1) != Some(&b'['))
                        || (c == b'.' && matches!(b.get(i + 1), None | Some(b' '))))
                })
                .unwrap_or(b.len());
            // A word from `localhost` on before a full stop that passes
            // ends it at the word's start.
            let word_start = |i: usize| b[..i].iter().rposition(|&c| c == b' ').map_or(0, |s| s + 1);
            let rule = (0..rule)
                .find(|&i| b[i] == b'.' && b[word_start(i)..i].starts_with(crate::parse::links::DOTLESS_HOST))
                .map_or(rule, word_start);
            prop_assert_eq!(plain_bytes_len(b), rule, "{:?}", text);
        }

        /// A message that starts with plain words and goes on with
        /// anything parses as the whole parser has it, its first words
        /// taken as text without the grammar.
        #[test]
        fn a_plain_start_is_taken_as_the_parser_takes_it(
            start in prop_oneof![
                "[A-Za-z][A-Za-z0-9 ,'\"?.!DBOXc8]{0,20}",
                "[A-Za-z ]{0,6} localhost[. ]{0,3}",
                "[A-Za-z ]{0,6} localhost[a,'\"?!]{0,2}[. ]{0,2}",
                "[A-Za-z][A-Za-z .]{0,8}\n[A-Za-z][A-Za-z0-9 ,.]{0,12}\n?[A-Za-z ]{0,6}",
            ],
            rest in "[A-Za-z0-9 ,.:;=@#_*~`|<>()\\[\\]!+$\\\\\n\t\u{A0}\u{3000}é😀-]{0,30}",
        ) {
            let text = format!("{start}{rest}");
            for o in options() {
                prop_assert_eq!(super::parse(&text, &o), full(&text, &o));
            }
        }

        /// Every text the shortcut takes parses, by the whole parser, to
        /// the shortcut's tree. The texts are words of the shortcut's
        /// bytes with one other ASCII character (drawn per text) between
        /// some of them, so that a byte let in by mistake forms its rule.
        #[test]
        fn the_plain_line_shortcut_agrees_with_the_parser(
            first in "[A-Za-z]",
            other in proptest::sample::select(
                "*_~`:;=@#<>()[]{}|$!+%&^-/\\\t\n\r".chars().collect::<Vec<char>>(),
            ),
            parts in proptest::collection::vec((prop_oneof![
                "[A-Za-z0-9 ,'\"?.!DBOXc8]{0,6}",
                Just(" localhost".to_owned()),
            ], any::<bool>()), 0..8),
        ) {
            let mut text = first;
            for (words, with_other) in parts {
                text.push_str(&words);
                if with_other {
                    text.push(other);
                }
            }
            if is_plain_line(text.as_bytes()) {
                for o in options() {
                    prop_assert_eq!(full(&text, &o), plain_line(&text));
                }
            }
        }
    }
}
