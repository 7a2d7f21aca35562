//! Renderers for the `md` tree: safe HTML ([`html`]), readable plain text
//! ([`text`]) and the one-line preview of a room list or thread ([`preview`]).
//!
//! All three follow how Rocket.Chat's own renderer (gazzodown) shows each
//! node. What only the host application knows — its base URL, the users and
//! rooms the message mentions, the viewer's settings and time zone, an emoji
//! table — comes in through a [`RenderContext`].
//!
//! Rendering never fails and never panics, whatever tree it is given: node
//! types it does not know render their fallback text or nothing, and odd
//! shapes (empty lists, heading levels out of range, nodes in unusual
//! places) render as well as they can.
//!
//! ```
//! use chatmark::render::{RenderContext, to_html, to_preview, to_text};
//!
//! let text = "**Hi** @john, see https://example.com :smile:";
//! let tree = chatmark::parse(text, &chatmark::Options::default());
//! let ctx = RenderContext::default();
//! assert_eq!(
//!     to_html(&tree, &ctx),
//!     "<div><strong>Hi</strong> @john, see <a href=\"https://example.com/\" \
//!      title=\"https://example.com/\" rel=\"noopener noreferrer\" target=\"_blank\">\
//!      https://example.com</a> <span class=\"emoji\" role=\"img\" title=\":smile:\" \
//!      aria-label=\":smile:\">😄</span></div>"
//! );
//! assert_eq!(to_text(&tree, &ctx), "Hi @john, see https://example.com 😄");
//! assert_eq!(to_preview(&tree, &ctx), "Hi @john, see https://example.com 😄");
//! ```

use std::borrow::Cow;

use crate::ast::{Emoji, Fallback, Node, RawJson};

mod emoji;
pub mod html;
pub mod preview;
pub mod room;
pub mod text;
mod time;
pub mod url;

pub use emoji::EmojiTable;
pub use html::render as to_html;
pub use preview::render as to_preview;
pub use text::render as to_text;

/// Nesting deeper than this renders nothing, so that a hand-made tree of any
/// depth cannot exhaust the stack. The parser never nests this deep.
pub(crate) const MAX_DEPTH: usize = 200;

/// A user the message mentions, as the server lists it in the message's
/// `mentions` array (`{_id, username, name, type?}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct MentionedUser {
    /// The user id (`_id`).
    #[serde(rename = "_id", default)]
    pub id: Option<String>,
    /// The username, which `@name` mentions match.
    #[serde(default)]
    pub username: Option<String>,
    /// The display name, shown with [`RenderContext::use_real_name`].
    #[serde(default)]
    pub name: Option<String>,
    /// `user` (or absent) for users, `team` for teams (matched by `name`),
    /// `group` for custom mention groups (matched by `name`).
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
}

/// A room the message mentions, as the server lists it in the message's
/// `channels` array (`{_id, name, fname?}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct MentionedChannel {
    /// The room id (`_id`).
    #[serde(rename = "_id", default)]
    pub id: Option<String>,
    /// The room name, which `#name` mentions match.
    #[serde(default)]
    pub name: Option<String>,
    /// The display name, shown instead of the name when present.
    #[serde(default)]
    pub fname: Option<String>,
}

/// What the host application knows that changes how a message renders.
///
/// [`Default`] gives a neutral context: no base URL (every link is
/// external), nothing resolved, emoji on (with the built-in table), ASCII
/// emoticons converted, UTC, the system clock, no source text.
///
/// ```
/// use chatmark::render::{MentionedUser, RenderContext};
///
/// let ctx = RenderContext {
///     base_url: Some("https://chat.example.com/".into()),
///     mentions: vec![MentionedUser {
///         id: Some("u1".into()),
///         username: Some("john".into()),
///         name: Some("John Doe".into()),
///         kind: None,
///     }],
///     use_real_name: true,
///     tz_offset_minutes: 120,
///     ..RenderContext::default()
/// };
/// let tree = chatmark::parse("hi @john", &chatmark::Options::default());
/// assert!(chatmark::render::to_html(&tree, &ctx).contains(">John Doe</span>"));
/// ```
#[derive(Debug, Clone)]
pub struct RenderContext<'a> {
    /// The server's base URL (`https://chat.example.com/`): links under it
    /// are internal (no new tab); all others open in a new tab with
    /// `rel="noopener noreferrer"`. `None`: every link is external.
    pub base_url: Option<String>,
    /// The users the message mentions (its `mentions` field).
    pub mentions: Vec<MentionedUser>,
    /// The rooms the message mentions (its `channels` field).
    pub channels: Vec<MentionedChannel>,
    /// Show a mentioned user's display name instead of the username
    /// (setting `UI_Use_Real_Name`).
    pub use_real_name: bool,
    /// Prefix resolved mentions with `@` / `#` (user preference
    /// `mentionsWithSymbol`).
    pub show_mention_symbol: bool,
    /// Show emoji (user preference `useEmojis`); off, shortcodes stay text.
    pub use_emoji: bool,
    /// Show ASCII emoticons such as `:)` as emoji (user preference
    /// `convertAsciiEmoji`); off, they stay as typed.
    pub convert_ascii_emoji: bool,
    /// The viewer's user id: a mention of them is highlighted as such.
    pub own_user_id: Option<String>,
    /// Shortcode → Unicode emoji.
    pub emoji: EmojiTable,
    /// The viewer's time zone as minutes east of UTC (`120` for UTC+2).
    pub tz_offset_minutes: i32,
    /// The clock for relative timestamps (`<t:…:R>`), in milliseconds since
    /// the Unix epoch; `None` reads the system clock.
    pub now_ms: Option<i64>,
    /// The message text the tree was parsed from: nodes the renderer does
    /// not know show the part of it their `fallback` range points at.
    pub source: Option<&'a str>,
    /// An issue tracker URL with `%s` for the number: an unresolved `#123`
    /// becomes a link to it (only `http://` and `https://` templates).
    pub issue_links_template: Option<String>,
    /// Hide spoiler text in [`to_text`] and [`to_preview`] (shown as
    /// `[spoiler]`), e.g. for notifications. Off by default, as in the
    /// reference's preview. The HTML always keeps it, hidden by CSS.
    pub hide_spoilers: bool,
}

impl Default for RenderContext<'_> {
    fn default() -> Self {
        RenderContext {
            base_url: None,
            mentions: Vec::new(),
            channels: Vec::new(),
            use_real_name: false,
            show_mention_symbol: false,
            use_emoji: true,
            convert_ascii_emoji: true,
            own_user_id: None,
            emoji: EmojiTable::default(),
            tz_offset_minutes: 0,
            now_ms: None,
            source: None,
            issue_links_template: None,
            hide_spoilers: false,
        }
    }
}

impl<'a> RenderContext<'a> {
    /// Takes the mentioned users and rooms from a stored message (its
    /// `mentions` and `channels` fields).
    ///
    /// ```
    /// use chatmark::render::RenderContext;
    /// use chatmark::wire::rooms::RoomsResponse;
    ///
    /// let json = r#"{"update":[{"_id":"r","lastMessage":{"msg":"@ann","mentions":[{"_id":"u1","username":"ann","name":"Ann"}],"channels":[]}}]}"#;
    /// let rooms = RoomsResponse::from_str(json).unwrap();
    /// let msg = rooms.update()[0].last_message().unwrap();
    /// let ctx = RenderContext::default().with_message(msg);
    /// assert_eq!(ctx.mentions[0].name.as_deref(), Some("Ann"));
    /// ```
    pub fn with_message(mut self, message: &crate::wire::rooms::Message) -> Self {
        self.mentions = message.fields().get("mentions").unwrap_or_default();
        self.channels = message.fields().get("channels").unwrap_or_default();
        self
    }

    /// The same context reading fallback ranges from `source`.
    pub fn with_source(mut self, source: &'a str) -> Self {
        self.source = Some(source);
        self
    }

    pub(crate) fn now(&self) -> i64 {
        self.now_ms.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0)
        })
    }

    /// The text a fallback stands for: a range of the source, or the text a
    /// 0.31.31 tree carries.
    pub(crate) fn fallback_text<'f>(&'f self, fallback: &'f Fallback<'_>) -> Option<Cow<'f, str>> {
        match fallback {
            Fallback::Plain(s) => Some(Cow::Borrowed(&**s)),
            Fallback::Range(start, end) => self
                .source
                .map(|src| Cow::Borrowed(utf16_slice(src, *start, *end))),
        }
    }

    /// The fallback text of a node chatmark does not know (its `fallback`
    /// field: a range or a PLAIN_TEXT node).
    pub(crate) fn unknown_fallback(&self, fields: &[(Cow<'_, str>, RawJson)]) -> Option<String> {
        let raw = fields.iter().find(|(k, _)| k == "fallback")?.1.0.get();
        match serde_json::from_str::<serde_json::Value>(raw).ok()? {
            serde_json::Value::Array(a) if a.len() == 2 => {
                let start = a[0].as_f64()?;
                let end = a[1].as_f64()?;
                let src = self.source?;
                let clamp = |x: f64| if x.is_nan() || x < 0.0 { 0 } else { x as u64 };
                Some(utf16_slice(src, clamp(start), clamp(end)).to_owned())
            }
            serde_json::Value::Object(o) => match o.get("value")? {
                serde_json::Value::String(s) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    /// Resolves `@name` against the message's mentions.
    pub(crate) fn resolve_user(&self, name: &str) -> UserMention<'_> {
        let name = name.strip_prefix('@').unwrap_or(name);
        match name {
            "all" => return UserMention::All,
            "here" => return UserMention::Here,
            _ => {}
        }
        let found = self.mentions.iter().find(|m| match m.kind.as_deref() {
            None | Some("user") => m.username.as_deref() == Some(name),
            Some("team") | Some("group") => m.name.as_deref() == Some(name),
            Some(_) => false,
        });
        match found {
            Some(m) => UserMention::Resolved(m),
            None => UserMention::Unresolved,
        }
    }

    /// What a resolved user mention shows: the display name with
    /// [`use_real_name`](Self::use_real_name), else the username; the
    /// mention text when the entry lacks it.
    pub(crate) fn user_label<'m>(&self, m: &'m MentionedUser, raw: &'m str) -> &'m str {
        let raw = raw.strip_prefix('@').unwrap_or(raw);
        if self.use_real_name {
            m.name.as_deref().or(m.username.as_deref())
        } else {
            m.username.as_deref().or(m.name.as_deref())
        }
        .filter(|s| !s.is_empty())
        .unwrap_or(raw)
    }

    /// Resolves `#name` against the message's channels.
    pub(crate) fn resolve_channel(&self, name: &str) -> Option<&MentionedChannel> {
        self.channels
            .iter()
            .find(|c| c.name.as_deref() == Some(name))
    }

    /// What an `EMOJI` node shows under this context's settings.
    pub(crate) fn emoji<'e>(&'e self, e: &'e Emoji<'_>) -> EmojiShow<'e> {
        match e {
            Emoji::Shortcode(e) => {
                let (value, short_code) = (&e.value, &e.short_code);
                let ascii = value != short_code;
                if !self.use_emoji {
                    return EmojiShow::Text(if ascii {
                        Cow::Borrowed(&**value)
                    } else {
                        Cow::Owned(format!(":{short_code}:"))
                    });
                }
                if ascii && !self.convert_ascii_emoji {
                    return EmojiShow::Text(Cow::Borrowed(&**value));
                }
                let name = format!(":{short_code}:");
                match self.emoji.get(short_code) {
                    Some(u) => EmojiShow::Emoji {
                        unicode: Cow::Borrowed(u),
                        name,
                    },
                    None => EmojiShow::Unknown(name),
                }
            }
            Emoji::Unicode(u) => match self.emoji.name_of(u) {
                Some(name) => EmojiShow::Emoji {
                    unicode: Cow::Borrowed(&**u),
                    name: format!(":{name}:"),
                },
                None => EmojiShow::Unknown(u.to_string()),
            },
        }
    }
}

/// A user mention, resolved.
pub(crate) enum UserMention<'c> {
    All,
    Here,
    Resolved(&'c MentionedUser),
    Unresolved,
}

/// How an emoji shows.
pub(crate) enum EmojiShow<'e> {
    /// As plain text (emoji off, or an emoticon left as typed).
    Text(Cow<'e, str>),
    /// A known emoji: its character(s) and `:name:`.
    Emoji { unicode: Cow<'e, str>, name: String },
    /// Not in the table: `:shortcode:` or the character(s) as given.
    Unknown(String),
}

/// `source.slice(start, end)` with JavaScript's UTF-16 offsets, clamped to
/// the text and widened to whole characters.
pub(crate) fn utf16_slice(src: &str, start: u64, end: u64) -> &str {
    if start >= end {
        return "";
    }
    let mut units = 0u64;
    let mut from = None;
    let mut to = src.len();
    for (i, c) in src.char_indices() {
        let next = units + c.len_utf16() as u64;
        if from.is_none() && next > start {
            from = Some(i);
        }
        if next > end {
            to = if units >= end { i } else { i + c.len_utf8() };
            break;
        }
        units = next;
    }
    match from {
        Some(f) if f <= to => &src[f..to],
        _ => "",
    }
}

/// The text of a `COLOR` in the preview: `#rrggbb`, plus `aa` unless opaque.
pub(crate) fn color_hex(r: u8, g: u8, b: u8, a: u8) -> String {
    if a == 255 {
        format!("#{r:02x}{g:02x}{b:02x}")
    } else {
        format!("#{r:02x}{g:02x}{b:02x}{a:02x}")
    }
}

/// JavaScript's `String.prototype.trim`.
pub(crate) fn js_trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
}

/// A node's label-like text: what an image's `alt` shows (§1.11).
pub(crate) fn alt_text(nodes: &[Node<'_>], out: &mut String, depth: usize) {
    use crate::ast::Kind;
    if depth > MAX_DEPTH {
        return;
    }
    for n in nodes {
        match &n.kind {
            Kind::PlainText(s) | Kind::InlineCode(s) => out.push_str(s),
            Kind::Bold(v) | Kind::Italic(v) | Kind::Strike(v) => alt_text(v, out, depth + 1),
            Kind::Link(link) => {
                let (src, label) = (&link.src, &link.label);
                let mut l = String::new();
                alt_text(label.nodes(), &mut l, depth + 1);
                if l.is_empty() {
                    out.push_str(src);
                } else {
                    out.push_str(&l);
                    out.push_str(" (");
                    out.push_str(src);
                    out.push(')');
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_slices() {
        let s = "a😀b";
        assert_eq!(utf16_slice(s, 0, 1), "a");
        assert_eq!(utf16_slice(s, 1, 3), "😀");
        assert_eq!(utf16_slice(s, 1, 2), "😀");
        assert_eq!(utf16_slice(s, 3, 4), "b");
        assert_eq!(utf16_slice(s, 0, 99), "a😀b");
        assert_eq!(utf16_slice(s, 4, 99), "");
        assert_eq!(utf16_slice(s, 3, 1), "");
        assert_eq!(utf16_slice("", 0, 3), "");
    }

    #[test]
    fn colors() {
        assert_eq!(color_hex(255, 128, 0, 255), "#ff8000");
        assert_eq!(color_hex(255, 128, 0, 128), "#ff800080");
        assert_eq!(color_hex(100, 200, 50, 0), "#64c83200");
    }
}
