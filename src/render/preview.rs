//! The one-line preview of a message, exactly as the reference's
//! `PreviewMarkup` shows it (thread previews; chatmark's `rooms` command uses
//! it for the room list too).
//!
//! Only the first meaningful block shows: the first that is neither a
//! `LINE_BREAK` nor a `HORIZONTAL_RULE` (or, failing that, the first that is
//! not a `LINE_BREAK`). Nothing after it, no `…`.
//!
//! | block | preview |
//! |---|---|
//! | `PARAGRAPH`, `HEADING` | its inlines (no `#`) |
//! | `UNORDERED_LIST` | `- ` and the first item |
//! | `ORDERED_LIST` | `N. ` and the first item (`- ` without a number) |
//! | `TASKS` | `☑ ` or `☐ ` and the first task |
//! | `QUOTE` | `> ` and the first paragraph |
//! | `SPOILER_BLOCK` | every paragraph, run together |
//! | `CODE` | its first non-blank line, trimmed |
//! | `KATEX` | the TeX source |
//! | `TABLE` | the header cells joined with ` | ` |
//! | `BIG_EMOJI` (the only block) | its emoji |
//! | anything else | its fallback text from [`RenderContext::source`], or nothing |
//!
//! Inlines: formatting markers dropped; links and images show their label;
//! mentions `@name` / `#name` as typed (never resolved); code without
//! backticks; emoji as Unicode (or `:code:` when unknown or turned off);
//! colors `#rrggbb` (`#rrggbbaa` unless opaque); inline math its TeX;
//! spoilers their text; timestamps nothing. Line breaks inside the chosen
//! block become spaces, so the result is always one line.

use super::{EmojiShow, MAX_DEPTH, RenderContext, color_hex, js_trim};
use crate::ast::{Kind, Node};

/// Renders the one-line preview of a tree.
///
/// ```
/// use chatmark::render::{RenderContext, preview};
///
/// let ctx = RenderContext::default();
/// let p = |s: &str| preview::render(&chatmark::parse(s, &chatmark::Options::default()), &ctx);
/// assert_eq!(p("\n\n- [ ] **buy** milk\n- [x] eggs"), "☐ buy milk");
/// assert_eq!(p("```js\n\n  const x = 1;  \nfoo()\n```"), "const x = 1;");
/// assert_eq!(p("> quoted @john :smile:"), "> quoted @john 😄");
/// assert_eq!(p("|a|b|\n|-|-|\n|1|2|"), "a | b");
/// ```
pub fn render(tree: &[Node<'_>], ctx: &RenderContext<'_>) -> String {
    // Room for a short message's line at once: most need no growth.
    let mut out = String::with_capacity(128);
    if let [only] = tree
        && let Kind::BigEmoji(v) = &only.kind
    {
        inlines(v, ctx, 0, &mut out);
        return one_line(out);
    }
    let chosen = tree
        .iter()
        .find(|n| !matches!(n.kind, Kind::LineBreak | Kind::HorizontalRule { .. }))
        .or_else(|| tree.iter().find(|n| !matches!(n.kind, Kind::LineBreak)));
    if let Some(b) = chosen {
        block(b, ctx, &mut out);
    }
    one_line(out)
}

/// `s` with each line end (`\r\n`, `\n` or `\r`) made a space.
pub(crate) fn one_line(s: String) -> String {
    // Most previews are one line: a vector search says so (a `char`
    // pattern would decode every character).
    let Some(first) = memchr::memchr2(b'\n', b'\r', s.as_bytes()) else {
        return s;
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(i) = memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push(' ');
        let end = if rest[i..].starts_with("\r\n") {
            i + 2
        } else {
            i + 1
        };
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn block(b: &Node<'_>, ctx: &RenderContext<'_>, out: &mut String) {
    match &b.kind {
        Kind::Paragraph(v) | Kind::Heading { value: v, .. } => inlines(v, ctx, 1, out),
        Kind::UnorderedList(v) => {
            if let Some(item) = v.first() {
                out.push_str("- ");
                item_inlines(item, ctx, out);
            }
        }
        Kind::OrderedList(v) => {
            if let Some(item) = v.first() {
                match &item.kind {
                    Kind::ListItem {
                        number: Some(n), ..
                    } if n.get() != 0.0 && !n.get().is_nan() => {
                        out.push_str(&n.to_js_string());
                        out.push_str(". ");
                    }
                    _ => out.push_str("- "),
                }
                item_inlines(item, ctx, out);
            }
        }
        Kind::Tasks(v) => {
            if let Some(task) = v.first() {
                let done = matches!(task.kind, Kind::Task { status: true, .. });
                out.push_str(if done { "☑ " } else { "☐ " });
                item_inlines(task, ctx, out);
            }
        }
        Kind::Quote(v) => {
            out.push_str("> ");
            if let Some(p) = v.first() {
                item_inlines(p, ctx, out);
            }
        }
        Kind::SpoilerBlock(v) => {
            if ctx.hide_spoilers {
                out.push_str("[spoiler]");
            } else {
                for p in v {
                    item_inlines(p, ctx, out);
                }
            }
        }
        Kind::Code(c) => {
            let first = c.lines.iter().find_map(|l| match &l.kind {
                Kind::CodeLine(s) | Kind::PlainText(s) if !js_trim(s).is_empty() => {
                    Some(js_trim(s))
                }
                _ => None,
            });
            if let Some(l) = first {
                out.push_str(l);
            }
        }
        Kind::Katex(s) => out.push_str(s),
        Kind::Table(t) => {
            for (i, cell) in t.header.iter().enumerate() {
                if i > 0 {
                    out.push_str(" | ");
                }
                item_inlines(cell, ctx, out);
            }
        }
        Kind::HorizontalRule { fallback: Some(f) } => {
            if let Some(t) = ctx.fallback_text(f) {
                out.push_str(&t);
            }
        }
        Kind::Timestamp(ts) => {
            if let Some(t) = ts.fallback.as_ref().and_then(|f| ctx.fallback_text(f)) {
                out.push_str(&t);
            }
        }
        Kind::Unknown(u) => {
            if let Some(t) = ctx.unknown_fallback(&u.fields) {
                out.push_str(&t);
            }
        }
        _ => {}
    }
}

/// The inlines of a list item, task, paragraph or cell.
fn item_inlines(n: &Node<'_>, ctx: &RenderContext<'_>, out: &mut String) {
    match &n.kind {
        Kind::ListItem { value: v, .. } | Kind::Task { value: v, .. } | Kind::Paragraph(v) => {
            inlines(v, ctx, 1, out)
        }
        Kind::TableCell(c) => inlines(&c.value, ctx, 1, out),
        _ => inline(n, ctx, 1, out),
    }
}

fn inlines(nodes: &[Node<'_>], ctx: &RenderContext<'_>, depth: usize, out: &mut String) {
    for n in nodes {
        inline(n, ctx, depth, out);
    }
}

fn inline(n: &Node<'_>, ctx: &RenderContext<'_>, depth: usize, out: &mut String) {
    if depth > MAX_DEPTH {
        return;
    }
    let d = depth + 1;
    match &n.kind {
        Kind::PlainText(s) | Kind::InlineCode(s) | Kind::InlineKatex(s) => out.push_str(s),
        Kind::Bold(v) | Kind::Italic(v) | Kind::Strike(v) => inlines(v, ctx, d, out),
        Kind::Spoiler(v) => {
            if ctx.hide_spoilers {
                out.push_str("[spoiler]");
            } else {
                inlines(v, ctx, d, out);
            }
        }
        Kind::Link(l) | Kind::Image(l) => inlines(l.label.nodes(), ctx, d, out),
        Kind::MentionUser(name) => {
            out.push('@');
            out.push_str(name);
        }
        Kind::MentionChannel(name) => {
            out.push('#');
            out.push_str(name);
        }
        Kind::Emoji(e) => match ctx.emoji(e) {
            EmojiShow::Text(t) => out.push_str(&t),
            EmojiShow::Emoji { unicode, .. } => out.push_str(&unicode),
            EmojiShow::Unknown(f) => out.push_str(&f),
        },
        Kind::Color { r, g, b, a } => out.push_str(&color_hex(*r, *g, *b, *a)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;

    /// Line ends become spaces as `replace("\r\n", " ")` and then
    /// `replace(['\n', '\r'], " ")` make them, in every mix.
    #[test]
    fn line_ends_become_spaces() {
        let pieces = ["a", "é", "\n", "\r", "\r\n", " ", "😀"];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            for t in &texts {
                let expected = t.replace("\r\n", " ").replace(['\n', '\r'], " ");
                assert_eq!(one_line(t.clone()), expected, "{t:?}");
            }
        }
    }
}
