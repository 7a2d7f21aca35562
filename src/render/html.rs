//! The `md` tree as safe, static HTML, following the element choices of
//! Rocket.Chat's renderer (gazzodown).
//!
//! | node | HTML |
//! |---|---|
//! | `PARAGRAPH` | `<div>…</div>` |
//! | `BOLD` / `ITALIC` / `STRIKE` | `<strong>` / `<em>` / `<del>` around each text, code, link or formatting child |
//! | `INLINE_CODE` | `<code class="code-colors inline">` |
//! | `CODE` | `<pre><code class="code-colors language-…">` lines joined with `\n` |
//! | `HEADING` | `<h1>`…`<h4>` (levels out of range: 0 → `h1`, above 4 → `h4`) |
//! | `QUOTE` (and `BLOCKQUOTE`) | `<blockquote>` with a `<div>` per paragraph |
//! | lists | `<ul><li>`, `<ol><li value="N">` |
//! | `TASKS` | `<ul class="task-list"><li><input type="checkbox" disabled [checked]> …` |
//! | `LINK` | `<a href title>`; outside [`RenderContext::base_url`] also `rel="noopener noreferrer" target="_blank"` |
//! | `IMAGE` | `<a …><img src data-title alt style="max-width: 100%;"></a>` |
//! | mentions | `<span class="mention-link mention-link--user">` etc. when resolved, plain `@name` / `#name` when not |
//! | `EMOJI` | `<span class="emoji" role="img" title=":name:">😄</span>` |
//! | `BIG_EMOJI` | `<div class="big-emoji" role="presentation">` with `emoji emoji--big` spans |
//! | `COLOR` | a swatch `<span>` and the `rgba(…)` text |
//! | `SPOILER` / `SPOILER_BLOCK` | `<span class="spoiler" tabindex="0">` / `<div class="spoiler spoiler-block" tabindex="0">`, hidden by [`STYLESHEET`] until focused or hovered |
//! | `KATEX` / `INLINE_KATEX` | escaped TeX in `<div class="katex-block">` / `<span class="katex-inline">` for a client-side KaTeX |
//! | `TIMESTAMP` | `<time class="timestamp" datetime="ISO" title="…">text</time>` |
//! | `TABLE` | `<table><thead><tr><th style="text-align: …">` / `<tbody><tr><td>` |
//! | `LINE_BREAK` / `HORIZONTAL_RULE` | `<br>` / `<hr>` |
//! | unknown types | their `fallback` text, or nothing |
//!
//! Every text and attribute is escaped, and every URL goes through
//! [`super::url::sanitize`]. The output uses only the elements and
//! attributes listed in [`ALLOWED_ELEMENTS`] and [`ALLOWED_ATTRIBUTES`].
//!
//! Where the reference drops content (a `TIMESTAMP` or `COLOR` inside
//! bold, a `BLOCKQUOTE`), this renderer shows it: children that the
//! reference would not wrap are rendered unwrapped, and `BLOCKQUOTE`
//! renders as `QUOTE`.

use super::time::stamp;
use super::url::sanitize;
use super::{EmojiShow, MAX_DEPTH, RenderContext, UserMention, alt_text};
use crate::ast::{Kind, Label, Node};

/// Every element the renderer writes.
pub const ALLOWED_ELEMENTS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "hr",
    "img",
    "input",
    "li",
    "ol",
    "pre",
    "span",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "ul",
];

/// Every attribute the renderer writes. `style` only ever holds the fixed
/// declarations of color swatches, images and table alignment.
pub const ALLOWED_ATTRIBUTES: &[&str] = &[
    "alt",
    "aria-hidden",
    "aria-label",
    "checked",
    "class",
    "data-title",
    "data-uid",
    "datetime",
    "disabled",
    "href",
    "rel",
    "role",
    "src",
    "style",
    "tabindex",
    "target",
    "title",
    "type",
    "value",
];

/// A minimal stylesheet for the classes the renderer writes: spoilers
/// blurred until focused or hovered, big emoji, task lists, inline code.
///
/// KaTeX elements hold TeX source; a page renders them with KaTeX, e.g.
/// `document.querySelectorAll('.katex-inline, .katex-block').forEach(el =>
/// katex.render(el.textContent, el, {displayMode: el.classList.contains('katex-block'),
/// throwOnError: false, macros: {'\\href': '\\@secondoftwo'}}))`.
pub const STYLESHEET: &str = "\
.spoiler{filter:blur(4px);transition:filter 230ms ease;cursor:pointer;border-radius:2px;padding-inline:2px}
.spoiler:focus,.spoiler:hover{filter:none}
div.spoiler{display:block}
.emoji--big{font-size:2em}
.task-list{list-style:none;padding-inline-start:0}
.code-colors.inline{font-family:monospace;padding:0 .2em;border-radius:3px;background:rgba(127,127,127,.15)}
.mention-link{font-weight:bold}
.mention-link--me{color:#d40c26}
.katex-block{overflow-x:auto}
";

/// Renders a tree as HTML.
///
/// ```
/// use chatmark::render::{RenderContext, html};
///
/// let tree = chatmark::parse("# Title\n- [x] done\n<script>", &chatmark::Options::default());
/// assert_eq!(
///     html::render(&tree, &RenderContext::default()),
///     "<h1>Title</h1><ul class=\"task-list\"><li><input type=\"checkbox\" disabled checked> done</li></ul>\
///      <div>&lt;script&gt;</div>"
/// );
/// ```
pub fn render(tree: &[Node<'_>], ctx: &RenderContext<'_>) -> String {
    // Room for a short message's markup at once: most need no growth.
    let mut out = String::with_capacity(256);
    render_into(tree, ctx, &mut out);
    out
}

/// Renders a tree as HTML, appending to `out`.
pub fn render_into(tree: &[Node<'_>], ctx: &RenderContext<'_>, out: &mut String) {
    let mut w = Writer { out, ctx };
    for n in tree {
        w.block(n, 0);
    }
}

/// Where a node stands, for the few kinds that render differently there.
#[derive(Clone, Copy, Default)]
struct At {
    /// Inside a link's label: links render their label only.
    in_link: bool,
    /// Inside BIG_EMOJI.
    big: bool,
}

struct Writer<'o, 'c, 'a> {
    out: &'o mut String,
    ctx: &'c RenderContext<'a>,
}

impl Writer<'_, '_, '_> {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn text(&mut self, s: &str) {
        // Most text has nothing to escape: a vector search for the first
        // byte that needs it, and the bytes before it are copied at once.
        match memchr::memchr3(b'&', b'<', b'>', s.as_bytes()) {
            None => self.out.push_str(s),
            Some(i) => {
                self.out.push_str(&s[..i]);
                html_escape::encode_text_to_string(&s[i..], self.out);
            }
        }
    }

    /// ` name="value"`, escaped.
    fn attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        // As in `text`, with `"` escaped too.
        let b = value.as_bytes();
        let first = match (
            memchr::memchr3(b'&', b'<', b'>', b),
            memchr::memchr(b'"', b),
        ) {
            (Some(i), Some(j)) => i.min(j),
            (i, j) => i.or(j).unwrap_or(b.len()),
        };
        self.out.push_str(&value[..first]);
        html_escape::encode_double_quoted_attribute_to_string(&value[first..], self.out);
        self.out.push('"');
    }

    /// A top-level block, or a child of a block container.
    fn block(&mut self, n: &Node<'_>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match &n.kind {
            Kind::PlainText(_)
            | Kind::Bold(_)
            | Kind::Italic(_)
            | Kind::Strike(_)
            | Kind::Spoiler(_)
            | Kind::InlineCode(_)
            | Kind::Link { .. }
            | Kind::Image { .. }
            | Kind::MentionUser(_)
            | Kind::MentionChannel(_)
            | Kind::Emoji(_)
            | Kind::Color { .. }
            | Kind::InlineKatex(_)
            | Kind::Timestamp(_)
            | Kind::TableCell { .. }
            | Kind::TableRow(_)
            | Kind::ListItem { .. }
            | Kind::CodeLine(_) => {
                // An inline where a block belongs: a paragraph of it.
                self.raw("<div>");
                self.node(n, depth, At::default());
                self.raw("</div>");
            }
            Kind::Unknown(u) => {
                if let Some(t) = self.ctx.unknown_fallback(&u.fields) {
                    self.raw("<div>");
                    self.text(&t);
                    self.raw("</div>");
                }
            }
            _ => self.node(n, depth, At::default()),
        }
    }

    fn blocks(&mut self, nodes: &[Node<'_>], depth: usize) {
        for n in nodes {
            self.block(n, depth);
        }
    }

    fn inlines(&mut self, nodes: &[Node<'_>], depth: usize, at: At) {
        for n in nodes {
            self.node(n, depth, at);
        }
    }

    fn node(&mut self, n: &Node<'_>, depth: usize, at: At) {
        if depth > MAX_DEPTH {
            return;
        }
        let d = depth + 1;
        match &n.kind {
            Kind::Paragraph(v) => {
                self.raw("<div>");
                self.inlines(v, d, at);
                self.raw("</div>");
            }
            Kind::PlainText(s) => self.text(s),
            Kind::Bold(v) => self.format("strong", v, d, at),
            Kind::Italic(v) => self.format("em", v, d, at),
            Kind::Strike(v) => self.format("del", v, d, at),
            Kind::Spoiler(v) => {
                self.raw("<span class=\"spoiler\" tabindex=\"0\" aria-label=\"Spoiler\">");
                self.inlines(v, d, at);
                self.raw("</span>");
            }
            Kind::InlineCode(s) | Kind::CodeLine(s) => {
                self.raw("<code class=\"code-colors inline\">");
                self.text(s);
                self.raw("</code>");
            }
            Kind::Code(c) => self.code(c.language.as_deref(), &c.lines),
            Kind::Heading { level, value } => {
                let tag = match level {
                    2 => "h2",
                    3 => "h3",
                    4.. => "h4",
                    _ => "h1",
                };
                self.raw("<");
                self.raw(tag);
                self.raw(">");
                self.inlines(value, d, at);
                self.raw("</");
                self.raw(tag);
                self.raw(">");
            }
            Kind::Quote(v) | Kind::Blockquote(v) => {
                self.raw("<blockquote>");
                self.blocks(v, d);
                self.raw("</blockquote>");
            }
            Kind::SpoilerBlock(v) => {
                self.raw(
                    "<div class=\"spoiler spoiler-block\" tabindex=\"0\" aria-label=\"Spoiler\">",
                );
                self.blocks(v, d);
                self.raw("</div>");
            }
            Kind::Link(l) => self.link(&l.src, &l.label, d, at),
            Kind::Image(l) => self.image(&l.src, &l.label, d),
            Kind::MentionUser(name) => self.mention_user(name),
            Kind::MentionChannel(name) => self.mention_channel(name),
            Kind::Emoji(e) => self.emoji(e, at.big),
            Kind::BigEmoji(v) => {
                self.raw("<div class=\"big-emoji\" role=\"presentation\">");
                self.inlines(v, d, At { big: true, ..at });
                self.raw("</div>");
            }
            Kind::Color { r, g, b, a } => {
                let pct = crate::ast::JsNumber::new(f64::from(*a) / 255.0 * 100.0).to_js_string();
                let rgba = format!("rgba({r}, {g}, {b}, {pct}%)");
                self.raw(
                    "<span class=\"color\"><span class=\"color-swatch\" style=\"background-color: ",
                );
                self.raw(&rgba);
                self.raw(
                    "; display: inline-block; width: 1em; height: 1em; vertical-align: middle; \
                     margin-inline-end: 0.5em;\"></span>",
                );
                self.raw(&rgba);
                self.raw("</span>");
            }
            Kind::Tasks(v) => {
                self.raw("<ul class=\"task-list\">");
                for item in v {
                    self.list_item(item, d, false);
                }
                self.raw("</ul>");
            }
            Kind::OrderedList(v) => {
                self.raw("<ol>");
                for item in v {
                    self.list_item(item, d, true);
                }
                self.raw("</ol>");
            }
            Kind::UnorderedList(v) => {
                self.raw("<ul>");
                for item in v {
                    self.list_item(item, d, false);
                }
                self.raw("</ul>");
            }
            Kind::Task { .. } | Kind::ListItem { .. } => self.list_item(n, depth, false),
            Kind::LineBreak => self.raw("<br>"),
            Kind::HorizontalRule { .. } => self.raw("<hr>"),
            Kind::Katex(s) => {
                self.raw("<div class=\"katex-block\" role=\"math\"");
                self.attr("aria-label", s);
                self.raw(">");
                self.text(s);
                self.raw("</div>");
            }
            Kind::InlineKatex(s) => {
                self.raw("<span class=\"katex-inline\" role=\"math\"");
                self.attr("aria-label", s);
                self.raw(">");
                self.text(s);
                self.raw("</span>");
            }
            Kind::Timestamp(t) => match stamp(
                &t.timestamp,
                &t.format,
                self.ctx.tz_offset_minutes,
                self.ctx.now(),
            ) {
                Some(s) => {
                    self.raw("<time class=\"timestamp\"");
                    self.attr("datetime", &s.iso);
                    self.attr("title", &s.title);
                    self.raw(">");
                    self.text(&s.text);
                    self.raw("</time>");
                }
                None => {
                    let fb = t.fallback.as_ref().and_then(|f| self.ctx.fallback_text(f));
                    match fb {
                        Some(t) if !t.is_empty() => self.text(&t),
                        _ => self.raw("Invalid Date"),
                    }
                }
            },
            Kind::Table(t) => {
                let (header, rows) = (&t.header, &t.rows);
                self.raw("<table>");
                if !header.is_empty() {
                    self.raw("<thead><tr>");
                    for c in header {
                        self.cell("th", c, d);
                    }
                    self.raw("</tr></thead>");
                }
                if !rows.is_empty() {
                    self.raw("<tbody>");
                    for r in rows {
                        self.raw("<tr>");
                        match &r.kind {
                            Kind::TableRow(cells) => {
                                for c in cells {
                                    self.cell("td", c, d + 1);
                                }
                            }
                            _ => self.cell("td", r, d + 1),
                        }
                        self.raw("</tr>");
                    }
                    self.raw("</tbody>");
                }
                self.raw("</table>");
            }
            Kind::TableRow(v) => {
                for (i, c) in v.iter().enumerate() {
                    if i > 0 {
                        self.raw(" ");
                    }
                    self.node(c, d, at);
                }
            }
            Kind::TableCell(c) => self.inlines(&c.value, d, at),
            Kind::Unknown(u) => {
                if let Some(t) = self.ctx.unknown_fallback(&u.fields) {
                    self.text(&t);
                }
            }
        }
    }

    /// BOLD / ITALIC / STRIKE: the tag around each child that takes it.
    fn format(&mut self, tag: &str, children: &[Node<'_>], depth: usize, at: At) {
        for c in children {
            let wrap = matches!(
                c.kind,
                Kind::PlainText(_)
                    | Kind::InlineCode(_)
                    | Kind::Link { .. }
                    | Kind::Bold(_)
                    | Kind::Italic(_)
                    | Kind::Strike(_)
            );
            if wrap {
                self.raw("<");
                self.raw(tag);
                self.raw(">");
                self.node(c, depth, at);
                self.raw("</");
                self.raw(tag);
                self.raw(">");
            } else {
                self.node(c, depth, at);
            }
        }
    }

    fn code(&mut self, language: Option<&str>, lines: &[Node<'_>]) {
        self.raw("<pre><code class=\"code-colors");
        if let Some(lang) = language.filter(|l| *l != "none" && is_language_name(l)) {
            self.raw(" language-");
            self.text(lang);
        }
        self.raw("\">");
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self.raw("\n");
            }
            if let Kind::CodeLine(s) | Kind::PlainText(s) = &line.kind {
                self.text(s);
            }
        }
        self.raw("</code></pre>");
    }

    fn list_item(&mut self, item: &Node<'_>, depth: usize, ordered: bool) {
        if depth > MAX_DEPTH {
            return;
        }
        let d = depth + 1;
        match &item.kind {
            Kind::ListItem { value, number } => {
                self.raw("<li");
                if let Some(n) = number.filter(|n| ordered && n.get().is_finite()) {
                    self.attr("value", &n.to_js_string());
                }
                self.raw(">");
                self.inlines(value, d, At::default());
                self.raw("</li>");
            }
            Kind::Task { status, value } => {
                self.raw("<li><input type=\"checkbox\" disabled");
                if *status {
                    self.raw(" checked");
                }
                self.raw("> ");
                self.inlines(value, d, At::default());
                self.raw("</li>");
            }
            _ => {
                self.raw("<li>");
                self.node(item, d, At::default());
                self.raw("</li>");
            }
        }
    }

    fn cell(&mut self, tag: &str, cell: &Node<'_>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        self.raw("<");
        self.raw(tag);
        match &cell.kind {
            Kind::TableCell(c) => {
                let value = &c.value;
                // An explicit match: no look-up a crafted value could reach.
                let style = match c.align.as_deref() {
                    Some("left") => Some("text-align: left;"),
                    Some("center") => Some("text-align: center;"),
                    Some("right") => Some("text-align: right;"),
                    _ => None,
                };
                if let Some(s) = style {
                    self.attr("style", s);
                }
                self.raw(">");
                self.inlines(value, depth + 1, At::default());
            }
            _ => {
                self.raw(">");
                self.node(cell, depth + 1, At::default());
            }
        }
        self.raw("</");
        self.raw(tag);
        self.raw(">");
    }

    fn link(&mut self, src: &str, label: &Label<'_>, depth: usize, at: At) {
        let label_at = At {
            in_link: true,
            ..at
        };
        if at.in_link {
            // A link inside a link's label: its label only.
            self.label(label, depth, label_at, src);
            return;
        }
        let href = sanitize(src);
        self.raw("<a");
        self.attr("href", &href);
        let base = self.ctx.base_url.as_deref().filter(|b| !b.is_empty());
        match base.and_then(|b| href.strip_prefix(b)) {
            Some(rest) => {
                self.attr("title", &format!("Go to {rest}"));
            }
            None => {
                self.attr("title", &href);
                self.raw(" rel=\"noopener noreferrer\" target=\"_blank\"");
            }
        }
        self.raw(">");
        self.label(label, depth, label_at, &href);
        self.raw("</a>");
    }

    /// A link's label: only text and formatting render (as in the
    /// reference); an empty label shows the address.
    fn label(&mut self, label: &Label<'_>, depth: usize, at: At, href: &str) {
        let start = self.out.len();
        for n in label.nodes() {
            if matches!(
                n.kind,
                Kind::PlainText(_) | Kind::Bold(_) | Kind::Italic(_) | Kind::Strike(_)
            ) {
                self.node(n, depth, at);
            }
        }
        if self.out.len() == start {
            self.text(href);
        }
    }

    fn image(&mut self, src: &str, label: &Label<'_>, depth: usize) {
        let s = sanitize(src);
        let mut alt = String::new();
        alt_text(label.nodes(), &mut alt, depth);
        self.raw("<a");
        self.attr("href", &s);
        self.raw(" target=\"_blank\" rel=\"noopener noreferrer\"");
        self.attr("title", &alt);
        self.raw("><img");
        self.attr("src", &s);
        self.attr("data-title", &s);
        self.attr("alt", &alt);
        self.raw(" style=\"max-width: 100%;\"></a>");
    }

    fn mention_user(&mut self, name: &str) {
        let ctx = self.ctx;
        let sym = if ctx.show_mention_symbol { "@" } else { "" };
        let resolved = ctx.resolve_user(name);
        match resolved {
            UserMention::All | UserMention::Here => {
                let (class, title, word) = if matches!(resolved, UserMention::All) {
                    (
                        "mention-link mention-link--all",
                        "Mentions all room members",
                        "all",
                    )
                } else {
                    (
                        "mention-link mention-link--here",
                        "Mentions online room members",
                        "here",
                    )
                };
                self.raw("<span");
                self.attr("class", class);
                self.attr("title", title);
                self.raw(">");
                self.raw(sym);
                self.raw(word);
                self.raw("</span>");
            }
            UserMention::Resolved(m) => {
                let shown = ctx.user_label(m, name);
                let me = m.id.is_some() && m.id == ctx.own_user_id;
                let (class, title) = match m.kind.as_deref() {
                    _ if me => (
                        "mention-link mention-link--user mention-link--me",
                        "Mentions you",
                    ),
                    Some("group") => ("mention-link mention-link--group", "Mentions group"),
                    Some("team") => ("mention-link mention-link--team", "Mentions team"),
                    _ => ("mention-link mention-link--user", "Mentions user"),
                };
                self.raw("<span");
                self.attr("class", class);
                if let Some(id) = &m.id {
                    self.attr("data-uid", id);
                }
                self.attr("title", title);
                self.raw(">");
                self.raw(sym);
                self.text(shown);
                self.raw("</span>");
            }
            UserMention::Unresolved => {
                self.raw("@");
                self.text(name);
            }
        }
    }

    fn mention_channel(&mut self, name: &str) {
        let ctx = self.ctx;
        if let Some(c) = ctx.resolve_channel(name) {
            let shown = c.fname.as_deref().filter(|s| !s.is_empty()).unwrap_or(name);
            self.raw("<span class=\"mention-link mention-link--room\" title=\"Mentions channel\">");
            if ctx.show_mention_symbol {
                self.raw("#");
            }
            self.text(shown);
            self.raw("</span>");
            return;
        }
        let issue = ctx
            .issue_links_template
            .as_deref()
            .filter(|_| !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()))
            .map(|t| t.replace("%s", name))
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        match issue {
            Some(url) => {
                self.raw("<a");
                self.attr("href", &sanitize(&url));
                self.raw(" rel=\"noopener noreferrer\" target=\"_blank\">#");
                self.text(name);
                self.raw("</a>");
            }
            None => {
                self.raw("#");
                self.text(name);
            }
        }
    }

    fn emoji(&mut self, e: &crate::ast::Emoji<'_>, big: bool) {
        match self.ctx.emoji(e) {
            EmojiShow::Text(t) => self.text(&t),
            EmojiShow::Emoji { unicode, name } => {
                self.raw(if big {
                    "<span class=\"emoji emoji--big\" role=\"img\""
                } else {
                    "<span class=\"emoji\" role=\"img\""
                });
                self.attr("title", &name);
                self.attr("aria-label", &name);
                self.raw(">");
                self.text(&unicode);
                self.raw("</span>");
            }
            EmojiShow::Unknown(f) => {
                self.raw("<span role=\"img\"");
                if f.starts_with(':') {
                    self.attr("aria-label", &f);
                }
                self.attr("title", &f);
                self.raw(">");
                self.text(&f);
                self.raw("</span>");
            }
        }
    }
}

/// A code block's language is written into a class: only a plain name.
fn is_language_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'#' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::Writer;
    use crate::render::RenderContext;

    /// The escaping shortcut (copy up to the first byte that needs
    /// escaping, then escape the rest) writes what escaping all of it
    /// writes: each special byte first, in the middle, last, twice, and
    /// among multi-byte characters.
    #[test]
    fn escaping_agrees_with_escaping_everything() {
        let ctx = RenderContext::default();
        for special in ["&", "<", ">", "\"", "'"] {
            for text in [
                special.to_owned(),
                format!("{special}abc"),
                format!("ab{special}c"),
                format!("abc{special}"),
                format!("a{special}b{special}c"),
                format!("é{special}😀{special}"),
                format!("x<y{special}"),
                "plain".to_owned(),
                String::new(),
            ] {
                let mut out = String::new();
                Writer {
                    out: &mut out,
                    ctx: &ctx,
                }
                .text(&text);
                assert_eq!(out, html_escape::encode_text(&text), "{text:?}");
                let mut out = String::new();
                Writer {
                    out: &mut out,
                    ctx: &ctx,
                }
                .attr("title", &text);
                let expected = format!(
                    " title=\"{}\"",
                    html_escape::encode_double_quoted_attribute(&text)
                );
                assert_eq!(out, expected, "{text:?}");
            }
        }
    }
}
