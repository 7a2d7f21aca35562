//! The whole message as readable plain text, for notifications, the text
//! part of e-mails and search indexes.
//!
//! - Blocks stand on their own lines; a `LINE_BREAK` (a blank line in the
//!   message) is an empty line; a rule is `---`.
//! - Formatting markers are dropped; code is kept as it is, without
//!   backticks or fences; math is its TeX source.
//! - Lists get `- `, `N. ` and `☑ ` / `☐ ` markers, quotes `> `; table rows
//!   are cells joined with ` | `.
//! - Links are `label (url)` when the label is not just the address (and
//!   just the label when the address is a script URL).
//! - Emoji are Unicode characters (or `:code:` when unknown or turned off);
//!   mentions show as in the HTML; timestamps are their en-US text;
//!   colors are `#rrggbb`.

use super::time::stamp;
use super::{EmojiShow, MAX_DEPTH, RenderContext, UserMention, alt_text, color_hex};
use crate::ast::{Kind, Node};

/// Renders a tree as plain text: one line per block, no trailing newline.
///
/// ```
/// use chatmark::render::{RenderContext, text};
///
/// let msg = "# Plan\n1. read [the spec](https://example.com/spec)\n2. ship :rocket:\n\n```\nlet x = 1;\n```";
/// let tree = chatmark::parse(msg, &chatmark::Options::default());
/// assert_eq!(
///     text::render(&tree, &RenderContext::default()),
///     "Plan\n1. read the spec (https://example.com/spec)\n2. ship 🚀\n\nlet x = 1;"
/// );
/// ```
pub fn render(tree: &[Node<'_>], ctx: &RenderContext<'_>) -> String {
    let mut lines = Lines::new('\n');
    let w = Writer { ctx };
    for n in tree {
        w.block(n, 0, &mut lines);
    }
    lines.finish()
}

/// Lines written one after the other into one string, joined by `sep`,
/// each starting with the quote prefix in effect (`> ` a level); a quoted
/// line left empty keeps its `>`s without the last space.
struct Lines {
    out: String,
    sep: char,
    /// `> ` for each quote the lines are in.
    prefix: String,
    /// Where the open line's text starts, and whether it had a prefix
    /// (`None` before the first line).
    open: Option<(usize, bool)>,
}

impl Lines {
    fn new(sep: char) -> Self {
        Lines {
            // Room for a short message at once: most need no growth.
            out: String::with_capacity(128),
            sep,
            prefix: String::new(),
            open: None,
        }
    }

    /// Ends the open line: a quoted one left empty loses its last space.
    fn close(&mut self) {
        if let Some((text, quoted)) = self.open
            && quoted
            && self.out.len() == text
        {
            self.out.pop();
        }
    }

    /// Starts a line; its text is written into what this returns.
    fn start(&mut self) -> &mut String {
        if self.open.is_some() {
            self.close();
            self.out.push(self.sep);
        }
        self.out.push_str(&self.prefix);
        self.open = Some((self.out.len(), !self.prefix.is_empty()));
        &mut self.out
    }

    /// A line of `text`.
    fn push(&mut self, text: &str) {
        self.start().push_str(text);
    }

    /// The lines, joined.
    fn finish(mut self) -> String {
        self.close();
        self.out
    }
}

struct Writer<'c, 'a> {
    ctx: &'c RenderContext<'a>,
}

impl Writer<'_, '_> {
    /// The lines of one block.
    fn block(&self, n: &Node<'_>, depth: usize, lines: &mut Lines) {
        if depth > MAX_DEPTH {
            return;
        }
        let d = depth + 1;
        match &n.kind {
            Kind::Paragraph(v) | Kind::Heading { value: v, .. } => {
                self.inlines(v, d, lines.start());
            }
            Kind::LineBreak => lines.push(""),
            Kind::HorizontalRule { .. } => lines.push("---"),
            Kind::Quote(v) | Kind::Blockquote(v) => {
                let outer = lines.prefix.len();
                lines.prefix.push_str("> ");
                for b in v {
                    self.block(b, d, lines);
                }
                lines.prefix.truncate(outer);
            }
            Kind::SpoilerBlock(v) => {
                if self.ctx.hide_spoilers {
                    lines.push("[spoiler]");
                } else {
                    for b in v {
                        self.block(b, d, lines);
                    }
                }
            }
            Kind::Code(c) => {
                for l in &c.lines {
                    match &l.kind {
                        Kind::CodeLine(s) | Kind::PlainText(s) => lines.push(s),
                        _ => lines.push(""),
                    }
                }
            }
            Kind::UnorderedList(v) | Kind::OrderedList(v) | Kind::Tasks(v) => {
                let ordered = matches!(n.kind, Kind::OrderedList(_));
                for (i, item) in v.iter().enumerate() {
                    self.item(item, i, ordered, d, lines.start());
                }
            }
            Kind::Task { .. } | Kind::ListItem { .. } => self.item(n, 0, false, d, lines.start()),
            Kind::Katex(s) => {
                let tex = s.trim_matches(['\n', '\r']);
                for l in tex.lines() {
                    lines.push(l);
                }
                if tex.is_empty() {
                    lines.push("");
                }
            }
            Kind::Table(t) => {
                if !t.header.is_empty() {
                    lines.push(&self.row(&t.header, d));
                }
                for r in &t.rows {
                    match &r.kind {
                        Kind::TableRow(cells) => lines.push(&self.row(cells, d)),
                        _ => lines.push(&self.inline_of(r, d)),
                    }
                }
            }
            Kind::TableRow(cells) => lines.push(&self.row(cells, d)),
            Kind::BigEmoji(v) => {
                // Emoji shown as text (`:smile:`, `:)`) are kept apart.
                let as_text = v.iter().any(|e| match &e.kind {
                    Kind::Emoji(e) => !matches!(self.ctx.emoji(e), EmojiShow::Emoji { .. }),
                    _ => true,
                });
                let parts: Vec<String> = v.iter().map(|e| self.inline_of(e, d)).collect();
                lines.push(&parts.join(if as_text { " " } else { "" }));
            }
            Kind::Unknown(u) => {
                if let Some(t) = self.ctx.unknown_fallback(&u.fields) {
                    lines.push(&t);
                }
            }
            _ => {
                let out = lines.start();
                self.inline(n, d, out);
            }
        }
    }

    /// A list item's line, written into `out`: its marker, then its text.
    fn item(&self, item: &Node<'_>, index: usize, ordered: bool, depth: usize, out: &mut String) {
        match &item.kind {
            Kind::ListItem { value, number } => {
                if ordered {
                    match number.filter(|n| n.get().is_finite()) {
                        Some(n) => out.push_str(&n.to_js_string()),
                        None => {
                            use std::fmt::Write;
                            let _ = write!(out, "{}", index + 1);
                        }
                    }
                    out.push_str(". ");
                } else {
                    out.push_str("- ");
                }
                self.inlines(value, depth + 1, out);
            }
            Kind::Task { status, value } => {
                out.push_str(if *status { "☑ " } else { "☐ " });
                self.inlines(value, depth + 1, out);
            }
            _ => {
                out.push_str("- ");
                self.inline(item, depth + 1, out);
            }
        }
    }

    fn row(&self, cells: &[Node<'_>], depth: usize) -> String {
        cells
            .iter()
            .map(|c| self.inline_of(c, depth + 1))
            .collect::<Vec<_>>()
            .join(" | ")
    }

    fn inline_of(&self, n: &Node<'_>, depth: usize) -> String {
        let mut out = String::new();
        self.inline(n, depth, &mut out);
        out
    }

    /// Each of `nodes` in turn, as [`Self::inline`] writes one.
    fn inlines(&self, nodes: &[Node<'_>], depth: usize, out: &mut String) {
        for n in nodes {
            self.inline(n, depth, out);
        }
    }

    fn inline(&self, n: &Node<'_>, depth: usize, out: &mut String) {
        if depth > MAX_DEPTH {
            return;
        }
        let d = depth + 1;
        let ctx = self.ctx;
        match &n.kind {
            Kind::PlainText(s) | Kind::InlineCode(s) | Kind::CodeLine(s) => out.push_str(s),
            Kind::InlineKatex(s) | Kind::Katex(s) => out.push_str(s),
            Kind::Bold(v)
            | Kind::Italic(v)
            | Kind::Strike(v)
            | Kind::Paragraph(v)
            | Kind::BigEmoji(v)
            | Kind::Heading { value: v, .. } => self.inlines(v, d, out),
            Kind::TableCell(cell) => self.inlines(&cell.value, d, out),
            Kind::Spoiler(v) => {
                if ctx.hide_spoilers {
                    out.push_str("[spoiler]");
                } else {
                    self.inlines(v, d, out);
                }
            }
            Kind::Link(l) => {
                let start = out.len();
                self.inlines(l.label.nodes(), d, out);
                link_after_label(out, start, &l.src);
            }
            Kind::Image(l) => {
                let start = out.len();
                alt_text(l.label.nodes(), out, d);
                link_after_label(out, start, &l.src);
            }
            Kind::MentionUser(name) => match ctx.resolve_user(name) {
                UserMention::All => out.push_str("@all"),
                UserMention::Here => out.push_str("@here"),
                UserMention::Resolved(m) => {
                    if ctx.show_mention_symbol {
                        out.push('@');
                    }
                    out.push_str(ctx.user_label(m, name));
                }
                UserMention::Unresolved => {
                    out.push('@');
                    out.push_str(name);
                }
            },
            Kind::MentionChannel(name) => match ctx.resolve_channel(name) {
                Some(c) => {
                    if ctx.show_mention_symbol {
                        out.push('#');
                    }
                    out.push_str(c.fname.as_deref().filter(|s| !s.is_empty()).unwrap_or(name));
                }
                None => {
                    out.push('#');
                    out.push_str(name);
                }
            },
            Kind::Emoji(e) => match ctx.emoji(e) {
                EmojiShow::Text(t) => out.push_str(&t),
                EmojiShow::Emoji { unicode, .. } => out.push_str(&unicode),
                EmojiShow::Unknown(f) => out.push_str(&f),
            },
            Kind::Color { r, g, b, a } => out.push_str(&color_hex(*r, *g, *b, *a)),
            Kind::Timestamp(t) => {
                match stamp(&t.timestamp, &t.format, ctx.tz_offset_minutes, ctx.now()) {
                    Some(s) => out.push_str(&s.text),
                    None => match t.fallback.as_ref().and_then(|f| ctx.fallback_text(f)) {
                        Some(t) if !t.is_empty() => out.push_str(&t),
                        _ => out.push_str("Invalid Date"),
                    },
                }
            }
            Kind::Unknown(u) => {
                if let Some(t) = ctx.unknown_fallback(&u.fields) {
                    out.push_str(&t);
                }
            }
            Kind::LineBreak => out.push(' '),
            // Blocks where an inline belongs: their lines, joined by spaces.
            _ => {
                let mut lines = Lines::new(' ');
                self.block(n, d, &mut lines);
                out.push_str(&lines.finish());
            }
        }
    }
}

/// A link whose label (its text, or an image's alt text) was just written
/// at `out[start..]`: the address alone when the label is empty or is the
/// address itself; else the label, trimmed, and the address in brackets
/// after it (none when unsafe).
fn link_after_label(out: &mut String, start: usize, src: &str) {
    let label = &out[start..];
    let trimmed = label.trim();
    let lead = label.len() - label.trim_start().len();
    let keep = trimmed.len();
    let src = if super::url::is_unsafe(src) {
        ""
    } else {
        src.trim()
    };
    if !src.is_empty() && (trimmed.is_empty() || same_address(trimmed, src)) {
        out.truncate(start);
        out.push_str(src);
        return;
    }
    out.replace_range(start..start + lead, "");
    out.truncate(start + keep);
    if !src.is_empty() {
        out.push_str(" (");
        out.push_str(src);
        out.push(')');
    }
}

/// Whether a label is the address itself, give or take the scheme and a
/// trailing slash (`example.com` for `//example.com`).
fn same_address(label: &str, src: &str) -> bool {
    fn core(s: &str) -> &str {
        let s = s.trim();
        let s = ["https://", "http://", "mailto:", "//"]
            .iter()
            .find_map(|p| {
                s.get(..p.len())
                    .filter(|h| h.eq_ignore_ascii_case(p))
                    .map(|_| &s[p.len()..])
            })
            .unwrap_or(s);
        s.strip_suffix('/').unwrap_or(s)
    }
    core(label) == core(src)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert!(same_address("example.com", "//example.com"));
        assert!(same_address("https://example.com", "https://example.com/"));
        assert!(same_address("a@b.c", "mailto:a@b.c"));
        assert!(!same_address("docs", "https://example.com"));
        // The label is written after what the line holds already.
        // (what the line holds, the label written after it, the address,
        // the line after the link)
        for (before, label, src, line) in [
            (
                "",
                "docs",
                "https://example.com",
                "docs (https://example.com)",
            ),
            (
                "see ",
                " docs ",
                "https://example.com",
                "see docs (https://example.com)",
            ),
            ("", "x", " javascript:alert(1)", "x"),
            ("a ", "\u{3000}x\t", "javascript:alert(1)", "a x"),
            ("", "", "javascript:alert(1)", ""),
            ("at ", "  ", "https://example.com", "at https://example.com"),
            ("at ", "example.com/", "//example.com", "at //example.com"),
            ("é ", " ünï ", "", "é ünï"),
        ] {
            let mut s = format!("{before}{label}");
            link_after_label(&mut s, before.len(), src);
            assert_eq!(s, line, "{label:?} {src:?}");
        }
    }
}
