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
    cursor::Parser::new(text, options).document()
}

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
