//! Inline rules: what a line of text is made of (text, emphasis, code,
//! links, mentions, emoji, timestamps, math, spoilers).
//!
//! Each rule mirrors one rule of the reference grammar: ordered choice is
//! tried in the grammar's order, repetition is greedy, and a failing rule
//! leaves the position where it found it.

use std::borrow::Cow;

use super::chars;
use super::cursor::Parser;
use super::emoji;
use super::links::DOTLESS_HOST;
use super::memo::{Look, Scan, Seq};
use super::reduce::{Item, Joiner, reduce};
use crate::ast::{Emoji as EmojiNode, Kind, Label, Link, Node, Shortcode};

/// Which emphasis a content item belongs to; it decides the plain-run and
/// single-character rules and which markers stop the content.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Emph {
    Bold,
    Italic,
    Strike,
}

impl Emph {
    fn seq(self) -> Seq {
        match self {
            Emph::Bold => Seq::Bold,
            Emph::Italic => Seq::Italic,
            Emph::Strike => Seq::Strike,
        }
    }

    fn marker(self) -> u8 {
        match self {
            Emph::Bold => b'*',
            Emph::Italic => b'_',
            Emph::Strike => b'~',
        }
    }
}

impl<'a> Parser<'a, '_> {
    // ------------------------------------------------------------------
    // Small rules
    // ------------------------------------------------------------------

    /// `Whitespace = $[ \t]+`.
    pub(crate) fn whitespace(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        self.take_bytes(|c| c == b' ' || c == b'\t');
        (self.pos > start).then(|| self.plain(start, self.pos))
    }

    /// `Any = !EndOfLine .`.
    pub(crate) fn any(&mut self) -> Option<Node<'a>> {
        let t = self.any_text()?;
        Some(Node::plain(t))
    }

    /// [`Parser::any`]'s text.
    #[inline]
    pub(crate) fn any_text(&mut self) -> Option<&'a str> {
        if self.at_eol() {
            return None;
        }
        self.any_char()
    }

    /// `Line = $([ \t]* AnyText+ [ \t]*)`.
    pub(crate) fn line(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        self.take_bytes(|c| c == b' ' || c == b'\t');
        let text_start = self.pos;
        // `AnyText` takes every non-ASCII character, so a byte scan finds
        // its end (at an ASCII byte).
        self.take_bytes(|c| c >= 0x80 || matches!(c, 0x20..=0x27 | 0x2B..=0x5A | 0x61..=0x7A));
        if self.pos == text_start {
            self.pos = start;
            return None;
        }
        self.take_bytes(|c| c == b' ' || c == b'\t');
        Some(self.plain(start, self.pos))
    }

    /// `InlineCode = "`" $[^`\n]+ "`"`.
    pub(crate) fn inline_code(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        if !self.eat_byte(b'`') {
            return None;
        }
        let text = self.take_bytes(|c| c != b'`' && c != b'\n');
        if text.is_empty() || !self.eat_byte(b'`') {
            self.pos = start;
            return None;
        }
        Some(Node::new(Kind::InlineCode(Cow::Borrowed(text))))
    }

    // ------------------------------------------------------------------
    // Emoji
    // ------------------------------------------------------------------

    /// `Emoji = EmojiShortCode / UnicodeEmoji`.
    pub(crate) fn emoji(&mut self) -> Option<Node<'a>> {
        if let Some((end, name)) = emoji::emoji_shortcode(self.s, self.pos) {
            self.pos = end;
            return Some(Node::new(Kind::Emoji(EmojiNode::Shortcode(Box::new(
                Shortcode {
                    value: Cow::Borrowed(name),
                    short_code: Cow::Borrowed(name),
                },
            )))));
        }
        let end = self.unicode_emoji_end(self.pos)?;
        let text = self.slice(self.pos, end);
        self.pos = end;
        Some(Node::new(Kind::Emoji(EmojiNode::Unicode(Cow::Borrowed(
            text,
        )))))
    }

    /// `Emoticon = &{options.emoticons} EmoticonPattern`.
    pub(crate) fn emoticon(&mut self) -> Option<Node<'a>> {
        if !self.opts.emoticons {
            return None;
        }
        let (end, short_code) = emoji::emoticon(self.s, self.pos)?;
        let text = self.slice(self.pos, end);
        self.pos = end;
        if self.measuring {
            // Only whether an item matches, and where it ends, is asked:
            // no need for the boxed node.
            return Some(Node::plain(text));
        }
        Some(Node::new(Kind::Emoji(EmojiNode::Shortcode(Box::new(
            Shortcode {
                value: Cow::Borrowed(text),
                short_code: Cow::Borrowed(short_code),
            },
        )))))
    }

    /// `EmoticonNeighbor = EndOfLine / Whitespace / "*" / !.` (a lookahead).
    pub(crate) fn at_emoticon_neighbour(&self) -> bool {
        matches!(
            self.peek(),
            None | Some(b'\n' | b'\r' | b' ' | b'\t' | b'*')
        )
    }

    // ------------------------------------------------------------------
    // Mentions
    // ------------------------------------------------------------------

    /// `UserMention = Text "@"+ AlphaNumericChar / AtUserMention`: the first
    /// form (`a@b`, kept as text with one `@`) only inside emphasis.
    pub(crate) fn user_mention(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        // `Text` is one UTF-16 unit: an astral character is two, and its
        // second half is never "@", so the form fails on it.
        if let Some(c) = self
            .peek_char()
            .filter(|&c| chars::is_any_text(c) && c.len_utf16() == 1)
        {
            self.pos += c.len_utf8();
            let ats = self.pos;
            self.take_bytes(|b| b == b'@');
            if self.pos > ats
                && let Some(u) = self
                    .peek_char()
                    .filter(|&u| chars::is_alpha_numeric_char(u))
            {
                self.pos += u.len_utf8();
                return Some(Node::plain(format!("{c}@{u}")));
            }
            self.pos = start;
        }
        self.at_user_mention()
    }

    /// `AtUserMention = "@"+ $(names ([:@] names)?) &{!name.endsWith("__")}`.
    pub(crate) fn at_user_mention(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        if self.peek() != Some(b'@') {
            return None;
        }
        self.take_bytes(|b| b == b'@');
        let name_start = self.pos;
        if self.take_names().is_empty() {
            self.pos = start;
            return None;
        }
        let after_first = self.pos;
        if matches!(self.peek(), Some(b':' | b'@')) {
            self.pos += 1;
            if self.take_names().is_empty() {
                self.pos = after_first;
            }
        }
        let name = self.slice(name_start, self.pos);
        if name.ends_with("__") {
            self.pos = start;
            return None;
        }
        Some(Node::new(Kind::MentionUser(Cow::Borrowed(name))))
    }

    /// `ChannelMention`: `Text "#" AlphaNumericChar` (kept as text) or
    /// `"#" names`.
    pub(crate) fn channel_mention(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        if let Some(c) = self.peek_char().filter(|&c| c.len_utf16() == 1)
            && chars::is_any_text(c)
        {
            self.pos += c.len_utf8();
            if self.eat_byte(b'#')
                && let Some(u) = self
                    .peek_char()
                    .filter(|&u| chars::is_alpha_numeric_char(u))
            {
                self.pos += u.len_utf8();
                return Some(self.plain(start, self.pos));
            }
            self.pos = start;
        }
        if !self.eat_byte(b'#') {
            return None;
        }
        let name = self.take_names();
        if name.is_empty() {
            self.pos = start;
            return None;
        }
        Some(Node::new(Kind::MentionChannel(Cow::Borrowed(name))))
    }

    // ------------------------------------------------------------------
    // Emphasis
    // ------------------------------------------------------------------

    /// `EmphasisWithWhitespace`: a run of one marker, whitespace, a run of
    /// the same marker (`** **`), as text.
    #[inline]
    pub(crate) fn emphasis_with_whitespace(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        let m = self.peek()?;
        if !matches!(m, b'*' | b'_' | b'~') {
            return None;
        }
        // A run of one or two markers ended by another byte than a blank:
        // the commonest failure, seen without the cached run scan.
        let b = self.b;
        let after = |i: usize| b.get(start + i).copied();
        let short = if after(1) == Some(m) { 2 } else { 1 };
        if self.shortcuts()
            && after(short) != Some(m)
            && !matches!(after(short), Some(b' ' | b'\t'))
        {
            return None;
        }
        self.emphasis_with_whitespace_here(m)
    }

    /// [`Parser::emphasis_with_whitespace`] past its first checks (a
    /// function of its own: most calls end before it).
    #[inline(never)]
    fn emphasis_with_whitespace_here(&mut self, m: u8) -> Option<Node<'a>> {
        let start = self.pos;
        let ws = self.run_end(m, start);
        let ws_end = self.take_spaces_from(ws);
        if ws_end == ws || self.b.get(ws_end) != Some(&m) {
            return None;
        }
        self.pos = self.run_end(m, ws_end);
        Some(self.plain(start, self.pos))
    }

    /// The end of the run of byte `m` from `pos` (cached: a run is scanned once).
    fn run_end(&mut self, m: u8, pos: usize) -> usize {
        let b = self.b;
        self.memo.scan(Scan::Run(m), pos, |p| {
            p + b[p..].iter().take_while(|&&c| c == m).count()
        })
    }

    /// The end of the spaces and tabs from `pos`.
    fn take_spaces_from(&self, pos: usize) -> usize {
        pos + self.b[pos..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count()
    }

    /// `Emphasis = MaybeBold / MaybeItalic / MaybeStrikethrough`.
    pub(crate) fn emphasis(&mut self) -> Option<Item<'a>> {
        if let Some(n) = self.maybe_bold() {
            return Some(n.into());
        }
        if let Some(i) = self.maybe_italic() {
            return Some(i);
        }
        self.maybe_strike().map(Item::from)
    }

    /// `MaybeBold`: bold, unless already inside bold.
    pub(crate) fn maybe_bold(&mut self) -> Option<Node<'a>> {
        if self.skip_bold {
            return None;
        }
        self.skip_bold = true;
        let r = self.bold();
        self.skip_bold = false;
        r
    }

    /// `MaybeItalic`: italic, unless already inside italic.
    pub(crate) fn maybe_italic(&mut self) -> Option<Item<'a>> {
        if self.skip_italic {
            return None;
        }
        self.skip_italic = true;
        let r = self.italic();
        self.skip_italic = false;
        r
    }

    /// `MaybeStrikethrough`: strike, unless already inside strike.
    pub(crate) fn maybe_strike(&mut self) -> Option<Node<'a>> {
        if self.skip_strike {
            return None;
        }
        self.skip_strike = true;
        let r = self.strike();
        self.skip_strike = false;
        r
    }

    /// `Bold = "**" BoldContent "**" / "*" BoldContent "*"`.
    fn bold(&mut self) -> Option<Node<'a>> {
        self.delimited(b'*', 2, Emph::Bold)
            .or_else(|| self.delimited(b'*', 1, Emph::Bold))
    }

    /// `Strikethrough = "~~" Content "~~" / "~" Content "~"`.
    fn strike(&mut self) -> Option<Node<'a>> {
        self.delimited(b'~', 2, Emph::Strike)
            .or_else(|| self.delimited(b'~', 1, Emph::Strike))
    }

    /// `n` markers, the content, `n` markers.
    fn delimited(&mut self, m: u8, n: usize, kind: Emph) -> Option<Node<'a>> {
        let start = self.pos;
        for _ in 0..n {
            if !self.eat_byte(m) {
                self.pos = start;
                return None;
            }
        }
        let close = &[m, m][..n];
        let Some(value) = self.closed_content(kind, close) else {
            self.pos = start;
            return None;
        };
        self.pos += n;
        Some(Node::new(match kind {
            Emph::Bold => Kind::Bold(value),
            Emph::Italic => Kind::Italic(value),
            Emph::Strike => Kind::Strike(value),
        }))
    }

    /// `Italic`: a word ending in `_` (text), `__x__word` and `_x_word`
    /// (text), then `__x__` and `_x_`.
    #[inline]
    fn italic(&mut self) -> Option<Item<'a>> {
        let start = self.pos;
        if !matches!(
            self.peek(),
            Some(b'_' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z')
        ) {
            return None;
        }
        // [a-zA-Z0-9]+ "_" "_"? → text
        let word = self.take_bytes(|c| c.is_ascii_alphanumeric());
        if !word.is_empty() {
            if self.eat_byte(b'_') {
                self.eat_byte(b'_');
                return Some(self.plain(start, self.pos).into());
            }
            self.pos = start;
            return None;
        }
        self.underscore_italic()
    }

    /// [`Parser::italic`] at `_` (a function of its own: most calls are
    /// settled before it).
    #[inline(never)]
    fn underscore_italic(&mut self) -> Option<Item<'a>> {
        let start = self.pos;
        // "_"{n} ItalicContentItems "_"{n} word → text pieces (n = 2, then
        // 1), then "_"{n} ItalicContentItems "_"{n} → italic (n = 2, then
        // 1). The content after n underscores is the same in both forms,
        // so each is built once, when first needed.
        let mut contents: [Option<(Vec<Node<'a>>, usize)>; 2] = [None, None];
        for n in [2usize, 1] {
            self.pos = start;
            if !self.eat_run(b'_', n) {
                continue;
            }
            let Some(items) = self.closed_content(Emph::Italic, &b"__"[..n]) else {
                continue;
            };
            let end = self.pos;
            self.pos = end + n;
            let tail = if n == 2 {
                self.take_bytes(|c| c.is_ascii_alphanumeric())
            } else {
                self.take_bytes(|c| c.is_ascii_alphabetic())
            };
            if tail.is_empty() {
                // Without the italic of `__`, the one of `_` is the answer.
                if n == 1 && contents[1].is_none() {
                    self.pos = end + 1;
                    return Some(Node::new(Kind::Italic(items)).into());
                }
                contents[n - 1] = Some((items, end));
                continue;
            }
            let tail_start = end + n;
            // Content that is nothing but the source text between the
            // underscores (one PLAIN_TEXT borrowed from it, as the join
            // makes of plain words) joins with the pieces around it into
            // the one text they span.
            if let [
                Node {
                    kind: Kind::PlainText(Cow::Borrowed(t)),
                    extra,
                },
            ] = items.as_slice()
                && extra.is_empty()
                && std::ptr::eq(t.as_ptr(), self.b[start + n..].as_ptr())
                && t.len() == end - (start + n)
            {
                return Some(Item::One(self.plain(start, self.pos)));
            }
            let mut all = Vec::with_capacity(items.len() + 3);
            all.push(Item::One(self.plain(start, start + n)));
            // ItalicContentItems is reduced on its own first: the merged nodes
            // are what the outer join sees as neighbours.
            all.extend(items.into_iter().map(Item::One));
            all.push(Item::One(self.plain(tail_start - n, tail_start)));
            all.push(Item::One(self.plain(tail_start, self.pos)));
            return Some(Item::Many(reduce(self.s, all)));
        }
        for n in [2usize, 1] {
            if let Some((items, end)) = contents[n - 1].take() {
                self.pos = end + n;
                return Some(Node::new(Kind::Italic(items)).into());
            }
        }
        self.pos = start;
        None
    }

    /// Where the greedy sequence of `seq` items from `pos` stops, with the
    /// flags as they are. Remembered for every position the walk visits, so
    /// a later walk that reaches one of them stops there.
    pub(crate) fn seq_end(&mut self, seq: Seq, pos: usize) -> usize {
        let flags = self.flags();
        if let Some(e) = self.memo.seq_end(seq, pos, flags) {
            return e;
        }
        let saved = self.pos;
        let was_measuring = std::mem::replace(&mut self.measuring, true);
        let mut visited = self.memo.take_visited();
        self.pos = pos;
        let end = loop {
            let q = self.pos;
            if let Some(e) = self.memo.seq_end(seq, q, flags) {
                break e;
            }
            visited.push(q as u32);
            self.memo.steps += 1;
            let ok = match seq {
                Seq::Bold | Seq::Italic => {
                    let kind = if seq == Seq::Bold {
                        Emph::Bold
                    } else {
                        Emph::Italic
                    };
                    self.emphasis_plain_span(kind);
                    self.pos > q || self.emphasis_item(kind).is_some()
                }
                Seq::Strike => self.emphasis_item(Emph::Strike).is_some(),
                Seq::LinkTitle => self.link_title().is_some(),
                Seq::Spoiler => {
                    !self.looking_at("||")
                        && self
                            .inline_item()
                            .or_else(|| self.any().map(Item::from))
                            .is_some()
                }
            };
            if !ok || self.pos <= q {
                self.pos = q;
                break q;
            }
        };
        for &v in &visited {
            self.memo.set_seq_end(seq, v as usize, flags, end);
        }
        self.memo.give_visited(visited);
        self.pos = saved;
        self.measuring = was_measuring;
        end
    }

    /// Consumes exactly `n` bytes `m` (more may follow).
    fn eat_run(&mut self, m: u8, n: usize) -> bool {
        let start = self.pos;
        for _ in 0..n {
            if !self.eat_byte(m) {
                self.pos = start;
                return false;
            }
        }
        true
    }

    /// Takes the words and blanks from the position that bold or italic
    /// content takes as plain items: blanks (`Whitespace`, the first
    /// preferential rule) and words of [`Parser::emphasis_word_end`] (in
    /// strike content, [`Parser::strike_plain_span`]). Returns whether its
    /// first and its last raw item are not blank. No walk of bold or italic
    /// content starts inside such a span (those walks start after a `*` or
    /// `_`, and the words stop at every marker), so the walks need not
    /// remember the positions within it. The last span is remembered for
    /// one entry (`Parser::plain_span`).
    #[inline(always)]
    fn emphasis_plain_span(&mut self, kind: Emph) -> (bool, bool) {
        let start = self.pos;
        let (marker, from, end, first, last) = self.plain_span;
        if marker == kind.marker() && from == start {
            self.pos = end;
            return (first, last);
        }
        let (first, last) = self.scan_plain_span(kind);
        self.plain_span = (kind.marker(), start, self.pos, first, last);
        (first, last)
    }

    /// [`Parser::emphasis_plain_span`] without its one-entry memory.
    #[inline(always)]
    fn scan_plain_span(&mut self, kind: Emph) -> (bool, bool) {
        if kind == Emph::Strike {
            return self.strike_plain_span();
        }
        // The first raw item is a blank run or a word (which touches).
        let first = !matches!(self.peek(), Some(b' ' | b'\t'));
        let mut touches = false;
        loop {
            match self.peek() {
                Some(b' ' | b'\t') => {
                    self.take_bytes(|c| c == b' ' || c == b'\t');
                    touches = false;
                }
                Some(_) => match self.emphasis_word_end(kind) {
                    Some(end) => {
                        self.pos = end;
                        touches = true;
                    }
                    None => break,
                },
                None => break,
            }
        }
        (first, touches)
    }

    /// Strike content's plain span: its items from the position while they
    /// are strike runs (the first alternative of strike content, tried
    /// before any other) or, where the run is empty at a space, a
    /// `Whitespace` run (the next alternative that can match there: the
    /// escaped and plain timestamps need `\\` or `<`). Returns whether its
    /// first and its last raw item are not blank. The runs stop at every
    /// marker, so no walk of emphasis content starts inside the span.
    fn strike_plain_span(&mut self) -> (bool, bool) {
        let mut first = None;
        let mut last = false;
        loop {
            let start = self.pos;
            let end = self.strike_run_end(start);
            if end > start {
                last = !chars::js_blank(&self.s[start..end]);
                self.pos = end;
            } else if self.peek() == Some(b' ') {
                self.take_bytes(|c| c == b' ' || c == b'\t');
                last = false;
            } else {
                break;
            }
            first.get_or_insert(last);
        }
        (first.unwrap_or(false), last)
    }

    /// Where the strike run from `from` ends ([`strike_run_end`]),
    /// counted as work.
    fn strike_run_end(&mut self, from: usize) -> usize {
        let end = strike_run_end(self.b, from);
        self.memo.steps += (end - from) as u64 + 1;
        end
    }

    /// Bold and italic content's fast lane: the span of
    /// [`Parser::emphasis_plain_span`] extends the PLAIN_TEXT node before
    /// it. True when it took anything.
    #[inline]
    fn emphasis_fast_lane(&mut self, kind: Emph, joined: &mut Joiner<'a>) -> bool {
        let start = self.pos;
        let (first, last) = self.emphasis_plain_span(kind);
        if self.pos == start {
            return false;
        }
        joined.extend_plain(&self.s[start..self.pos], first, last);
        true
    }

    /// The content of bold, italic or strike from the position when it is
    /// non-empty and followed by `close` (the closing markers), with the
    /// position at its end; else `None`, the position unchanged.
    ///
    /// The content is walked once: a walk that finds its end builds the
    /// items as it goes and remembers the end for every position it visited
    /// (what [`Parser::seq_end`] remembers), and stops building as soon as
    /// it reaches a position whose end is known and does not close. While a
    /// sequence walk only measures, nothing is built.
    fn closed_content(&mut self, kind: Emph, close: &[u8]) -> Option<Vec<Node<'a>>> {
        let start = self.pos;
        // At its own marker, bold or italic content has no first item
        // unless a preferential rule starts there (the plain run, the
        // single character and `Line` all refuse the marker); strike
        // content has none at all (see `strike_item`).
        if self.b.get(start) == Some(&kind.marker())
            && (kind == Emph::Strike || !self.preferential_may_start(kind, start))
        {
            return None;
        }
        let shortcut = self.shortcuts();
        // Without its marker after the first content byte, nothing closes.
        if shortcut && !self.marker_after(kind.marker(), start + 1) {
            return None;
        }
        if shortcut && let Some(items) = self.closed_plain_content(kind, close) {
            return Some(items);
        }
        let closes =
            |p: &mut Self, end: usize| end > start && starts_with_close(&p.b[end..], close);
        self.build_walk(kind.seq(), closes, |p, joined| {
            if p.emphasis_fast_lane(kind, joined) {
                return true;
            }
            match p.emphasis_item(kind) {
                Some(item) => {
                    joined.push_item(item);
                    true
                }
                None => false,
            }
        })
    }

    /// The most common content, without the walk: a non-empty span of
    /// plain words and blanks ([`Parser::emphasis_plain_span`]) right
    /// before `close`, where no further content item starts. The walk's
    /// answer is then one PLAIN_TEXT of the span, whatever the memo holds
    /// (the walk is a function of position and flags). The memo is not
    /// needed: no walk of emphasis content starts inside the span (see
    /// [`Parser::emphasis_plain_span`]), and one from the span's start
    /// repeats only this scan, which stops at the next marker. `None`, the
    /// position unchanged, when the content is of another kind.
    fn closed_plain_content(&mut self, kind: Emph, close: &[u8]) -> Option<Vec<Node<'a>>> {
        let start = self.pos;
        self.emphasis_plain_span(kind);
        let end = self.pos;
        if end > start && starts_with_close(&self.b[end..], close) {
            self.memo.steps += 1;
            // At its own closing marker, strike content has no item (see
            // `strike_item`), and bold or italic content has one only if a
            // preferential rule may start there (the fallback's run, its
            // single character and `Line` all refuse the own marker).
            let more = kind != Emph::Strike
                && self.preferential_may_start(kind, end)
                && self.emphasis_item(kind).is_some();
            self.pos = end;
            if !more {
                return Some(if self.measuring {
                    Vec::new()
                } else {
                    vec![self.plain(start, end)]
                });
            }
        }
        self.pos = start;
        None
    }

    /// A greedy sequence of `seq` from the position, built in one walk:
    /// `item` adds one item (or a fast-lane span) to the join, or says
    /// there is none; `closes(end)` says whether the rule succeeds with the
    /// sequence ending at `end` (it may move the position; it is put back).
    /// Returns the joined items with the position at the end when `closes`
    /// accepts the end; else `None`, the position unchanged.
    ///
    /// When the end is already known, `closes` is asked first and the items
    /// are built only for a rule that succeeds (many openings can share one
    /// end: building each one's items and then failing would be quadratic);
    /// while a walk only measures, they are not built at all. Else the walk
    /// builds as it goes, remembers its end for every position it visited
    /// (what [`Parser::seq_end`] remembers) and stops building as soon as it
    /// reaches a position whose end is known: then, if `closes(end)`, the
    /// rest is built.
    fn build_walk(
        &mut self,
        seq: Seq,
        closes: impl Fn(&mut Self, usize) -> bool,
        mut item: impl FnMut(&mut Self, &mut Joiner<'a>) -> bool,
    ) -> Option<Vec<Node<'a>>> {
        let start = self.pos;
        let flags = self.flags();
        let accepts = |p: &mut Self, end: usize| {
            let at = p.pos;
            let ok = closes(p, end);
            p.pos = at;
            ok
        };
        if self.measuring || self.memo.seq_end(seq, start, flags).is_some() {
            let end = self.seq_end(seq, start);
            if !accepts(self, end) {
                return None;
            }
            if self.measuring {
                self.pos = end;
                return Some(Vec::new());
            }
            let mut joined = Joiner::new(self.s);
            while self.pos < end && item(self, &mut joined) {}
            if self.pos != end {
                self.pos = start;
                return None;
            }
            return Some(joined.finish());
        }
        let mut joined = Joiner::new(self.s);
        let mut visited = self.memo.take_visited();
        let mut known = None;
        loop {
            let q = self.pos;
            if let Some(e) = self.memo.seq_end(seq, q, flags) {
                known = Some(e);
                break;
            }
            visited.push(q as u32);
            self.memo.steps += 1;
            if !item(self, &mut joined) || self.pos <= q {
                self.pos = q;
                break;
            }
        }
        let end = known.unwrap_or(self.pos);
        for &v in &visited {
            self.memo.set_seq_end(seq, v as usize, flags, end);
        }
        self.memo.give_visited(visited);
        if !accepts(self, end) {
            self.pos = start;
            return None;
        }
        // The walk met a known position: build the rest.
        while self.pos < end {
            if !item(self, &mut joined) {
                break;
            }
        }
        if self.pos != end {
            self.pos = start;
            return None;
        }
        Some(joined.finish())
    }

    /// One content item of an emphasis.
    #[inline(always)]
    fn emphasis_item(&mut self, kind: Emph) -> Option<Item<'a>> {
        self.memo.steps += 1;
        if kind == Emph::Strike {
            return self.strike_item();
        }
        if let Some(end) = self.emphasis_word_end(kind) {
            let start = self.pos;
            self.pos = end;
            return Some(self.plain(start, end).into());
        }
        if let Some(i) = self.emphasis_preferential(kind) {
            return Some(i);
        }
        self.emphasis_fallback(kind).map(Item::from)
    }

    /// The end of a bold or italic content item that can only be the
    /// fallback's plain run: at an ASCII letter or digit that starts no
    /// emoticon or keycap, is not followed by `#` or `@` (the mentions' text
    /// forms) and, in bold, does not start a word ending in `_` (italic's
    /// first form), none of the preferential rules can match. `None` when
    /// the full choice is needed.
    #[inline(always)]
    fn emphasis_word_end(&mut self, kind: Emph) -> Option<usize> {
        let b = self.b;
        let p = self.pos;
        let c = *b.get(p)?;
        if !c.is_ascii_alphanumeric() {
            return None;
        }
        if self.alnum_starts_other_rule(c) || b.get(p + 1) == Some(&b'@') {
            return None;
        }
        let len = b[p..]
            .iter()
            .position(|c| matches!(c, b'\n' | b' ' | b'*' | b'_' | b'~'))
            .unwrap_or(b.len() - p);
        // In bold, a word of letters and digits ending in `_` may be
        // italic's first form (the letters and digits stop at `_`, so only
        // a word that ends at it can be).
        if kind == Emph::Bold
            && b.get(p + len) == Some(&b'_')
            && b[p..p + len].iter().all(u8::is_ascii_alphanumeric)
        {
            return None;
        }
        self.memo.steps += len as u64 + 1;
        Some(p + len)
    }

    /// `BoldContentPreferentialItemPattern` / `ItalicContentPreferentialItemPattern`.
    #[inline]
    fn emphasis_preferential(&mut self, kind: Emph) -> Option<Item<'a>> {
        if !self.preferential_may_start(kind, self.pos) {
            return None;
        }
        self.emphasis_preferential_here(kind)
    }

    /// [`Parser::emphasis_preferential`] where one of its rules may start
    /// (a function of its own: most calls end before it).
    #[inline(never)]
    fn emphasis_preferential_here(&mut self, kind: Emph) -> Option<Item<'a>> {
        if let Some(item) = self.emphasis_preferential_at_marker(kind) {
            return item;
        }
        if let Some(n) = self
            .whitespace()
            .or_else(|| self.inline_code())
            .or_else(|| self.timestamp())
            .or_else(|| self.maybe_references())
            .or_else(|| self.user_mention())
            .or_else(|| self.channel_mention())
        {
            return Some(n.into());
        }
        if kind == Emph::Bold {
            if let Some(i) = self.maybe_italic() {
                return Some(i);
            }
        } else if let Some(n) = self.maybe_bold() {
            return Some(n.into());
        }
        if let Some(n) = self.maybe_strike().or_else(|| self.emoji()) {
            return Some(n.into());
        }
        self.emphasis_emoticon(kind).map(Item::from)
    }

    /// [`Parser::emphasis_preferential`] at a marker, a letter or a digit
    /// that no mention's text form (`@` or `#` next), emoji or emoticon
    /// can start: of the preferential rules only the other emphasis can
    /// match there (whitespace, code, timestamps, links and mentions each
    /// need another first byte), so it alone is tried. `None` when the
    /// full choice is needed.
    #[inline]
    fn emphasis_preferential_at_marker(&mut self, kind: Emph) -> Option<Option<Item<'a>>> {
        let b = self.b;
        let p = self.pos;
        let c = *b.get(p)?;
        if !self.shortcuts()
            || !matches!(c, b'_' | b'*' | b'~' | b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9')
            || matches!(b.get(p + 1), Some(b'@' | b'#'))
            || self.emoticon_at(p)
            || emoji::may_start_unicode_emoji(b, p)
        {
            return None;
        }
        Some(match (c, kind) {
            (b'~', _) => self.maybe_strike().map(Item::from),
            (_, Emph::Bold) => self.maybe_italic(),
            (b'*', _) => self.maybe_bold().map(Item::from),
            _ => return None,
        })
    }

    /// False when none of the preferential rules of `kind` can start at
    /// `p`, judged by its first bytes (each rule's first character):
    /// whitespace, code, timestamps, links, mentions (also their text forms,
    /// one character before `@` or `#`), the other emphasis, emoji and
    /// emoticons. Saves trying each rule at markers and punctuation.
    #[inline]
    fn preferential_may_start(&self, kind: Emph, p: usize) -> bool {
        let b = self.b;
        let Some(&c) = b.get(p) else {
            return false;
        };
        // The first byte alone first: the checks after it make calls.
        let by_first = match c {
            b' ' | b'\t' | b'`' | b'<' | b'@' | b'#' | b':' => true,
            // Links, strike and the other emphasis only where their skip
            // flags let them start: bold content tries italic (a word or
            // `_`), italic content bold.
            b'[' => !self.skip_references,
            b'~' => !self.skip_strike,
            b'_' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => {
                kind == Emph::Bold && !self.skip_italic
            }
            b'*' => kind == Emph::Italic && !self.skip_bold,
            _ => false,
        };
        by_first
            || matches!(b.get(p + utf8_width(c)), Some(b'@' | b'#'))
            || self.emoticon_at(p)
            || emoji::may_start_unicode_emoji(b, p)
    }

    /// `BoldEmoticon = Emoticon &(EmoticonNeighbor / BoldContentPreferentialItemPattern)`
    /// (italic also accepts a following `_`).
    fn emphasis_emoticon(&mut self, kind: Emph) -> Option<Node<'a>> {
        let start = self.pos;
        let e = self.emoticon()?;
        if self.at_emoticon_neighbour() || (kind == Emph::Italic && self.peek() == Some(b'_')) {
            return Some(e);
        }
        let after = self.pos;
        let look = if kind == Emph::Bold {
            Look::Bold
        } else {
            Look::Italic
        };
        if self.look_ok(look, after) {
            Some(e)
        } else {
            self.pos = start;
            None
        }
    }

    /// `BoldPlainRun / AnyBold / Line` and `ItalicPlainRun / AnyItalic / Line`.
    fn emphasis_fallback(&mut self, kind: Emph) -> Option<Node<'a>> {
        let start = self.pos;
        // The run stops at a line feed, a space and every emphasis marker
        // (all ASCII: a byte scan finds the same end).
        self.take_bytes(|c| !matches!(c, b'\n' | b' ' | b'*' | b'_' | b'~'));
        if self.pos > start {
            return Some(self.plain(start, self.pos));
        }
        // One character: not a line feed, a space or the own marker.
        let own = char::from(kind.marker());
        if let Some(c) = self.peek_char()
            && c != '\n'
            && c != ' '
            && c != own
        {
            self.pos += c.len_utf8();
            return Some(self.plain(start, self.pos));
        }
        self.line()
    }

    /// An item of `StrikethroughContent`.
    fn strike_item(&mut self) -> Option<Item<'a>> {
        let start = self.pos;
        // No alternative starts with `~`: the plain run, the single
        // character and `Line` refuse it, and no other rule begins with
        // it (nor is it `Text` before `@` or `#`).
        if self.peek() == Some(b'~') {
            return None;
        }
        self.pos = self.strike_run_end(start);
        if self.pos > start {
            return Some(self.plain(start, self.pos).into());
        }
        if let Some(n) = self
            .escaped_timestamp()
            .or_else(|| self.timestamp())
            .or_else(|| self.whitespace())
            .or_else(|| self.inline_code())
            .or_else(|| self.maybe_references())
            .or_else(|| self.user_mention())
            .or_else(|| self.channel_mention())
        {
            return Some(n.into());
        }
        if let Some(i) = self.maybe_italic() {
            return Some(i);
        }
        if let Some(n) = self
            .maybe_bold()
            .or_else(|| self.emoji())
            .or_else(|| self.emoticon())
        {
            return Some(n.into());
        }
        if let Some(c) = self.peek_char()
            && c != '\n'
            && c != ' '
            && c != '~'
        {
            self.pos += c.len_utf8();
            // `AnyStrike` takes one UTF-16 unit. For U+1F000–U+1FBFF (the only
            // astral characters the plain run refuses) that is the high
            // surrogate; the next item is then the plain run from the low
            // surrogate on, which merges with it. Taking the character and
            // that run together gives the same text and the same
            // neighbours.
            if ('\u{1F000}'..='\u{1FBFF}').contains(&c) {
                self.pos = self.strike_run_end(self.pos);
            }
            return Some(self.plain(start, self.pos).into());
        }
        self.line().map(Item::from)
    }

    // ------------------------------------------------------------------
    // Links and references
    // ------------------------------------------------------------------

    /// `MaybeReferences`: a link, unless already inside one.
    pub(crate) fn maybe_references(&mut self) -> Option<Node<'a>> {
        if self.skip_references {
            return None;
        }
        self.skip_references = true;
        let r = self.references();
        self.skip_references = false;
        r
    }

    /// `References`: `[label](url)` or `<url|label>`.
    fn references(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        if self.eat_byte(b'[') {
            let body = self.pos;
            // The title ends where `](` starts: without one ahead there is
            // no link (a cached scan, so a run of `[` costs one pass).
            let b = self.b;
            let close = self.memo.scan(Scan::LinkClose, body, |p| {
                (p..b.len().saturating_sub(1))
                    .find(|&i| b[i] == b']' && b[i + 1] == b'(')
                    .unwrap_or(b.len())
            });
            if close >= b.len() {
                self.pos = start;
                return None;
            }
            let item = |p: &mut Self, joined: &mut Joiner<'a>| match p.link_title() {
                Some(t) => {
                    joined.push_item(t);
                    true
                }
                None => false,
            };
            // `](`, the URL, `)`: the href, with the position after them.
            let url = |p: &mut Self| -> Option<Cow<'a, str>> {
                if !p.eat("](") {
                    return None;
                }
                let href = p.markdown_link_ref()?;
                p.eat_byte(b')').then_some(href)
            };
            // The title may be empty; the link needs its URL (read once:
            // `markdown_link_ref` keeps its last answer).
            let closes = |p: &mut Self, end: usize| {
                p.pos = end;
                url(p).is_some()
            };
            let title = if let Some(title) = self.plain_link_title(body, close) {
                let ok = closes(self, close);
                self.pos = close;
                if !ok {
                    self.pos = start;
                    return None;
                }
                title
            } else {
                let Some(title) = self.build_walk(Seq::LinkTitle, closes, item) else {
                    self.pos = start;
                    return None;
                };
                title
            };
            let Some(href) = url(self) else {
                self.pos = start;
                return None;
            };
            let label = if title.is_empty() {
                Label::Many(vec![Node::new(Kind::PlainText(href.clone()))])
            } else {
                Label::Many(title)
            };
            return Some(Node::new(Kind::Link(Box::new(Link { src: href, label }))));
        }
        if self.eat_byte(b'<') {
            // `<url|label>`: without a `|` ahead there is no link (a cached
            // scan, as for `](`).
            let b = self.b;
            let pipe = self.memo.scan(Scan::Pipe, self.pos, |p| {
                p + b[p..].iter().take_while(|&&c| c != b'|').count()
            });
            if pipe >= b.len() {
                self.pos = start;
                return None;
            }
            if let Some(href) = self.link_ref()
                && self.eat_byte(b'|')
            {
                let t0 = self.pos;
                if let Some(end) = super::links::link_title2(self.s, self.pos) {
                    self.pos = end;
                    if self.eat_byte(b'>') {
                        let label = Label::Many(vec![self.plain(t0, end)]);
                        return Some(Node::new(Kind::Link(Box::new(Link { src: href, label }))));
                    }
                }
            }
            self.pos = start;
        }
        None
    }

    /// The walk of a link title from `body` without the walk, when all of
    /// it up to `close` (the first `](`, with more text after it) is ASCII
    /// letters, digits and spaces: each item is then a run or a
    /// `Whitespace` (no emphasis starts at a letter or digit without a `_`
    /// after its word), the walk stops at `](`, and its joined items are
    /// one PLAIN_TEXT of the title (none when it is empty). The walk's memo
    /// is not needed: no title walk starts inside it (each starts after a
    /// `[`). `None` when the walk is needed.
    fn plain_link_title(&mut self, body: usize, close: usize) -> Option<Vec<Node<'a>>> {
        if !self.shortcuts() {
            return None;
        }
        let b = self.b;
        if close + 2 >= b.len()
            || !b[body..close]
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || c == b' ')
        {
            return None;
        }
        self.memo.steps += (close - body) as u64 + 1;
        Some(if close == body || self.measuring {
            Vec::new()
        } else {
            vec![self.plain(body, close)]
        })
    }

    /// `LinkTitle = Whitespace / Emphasis / $[^\]()*_~ \t\r\n]+ / !("](" .) !("] [" [^\]]* "](") .`
    fn link_title(&mut self) -> Option<Item<'a>> {
        if let Some(n) = self.whitespace() {
            return Some(n.into());
        }
        if let Some(i) = self.emphasis() {
            return Some(i);
        }
        let start = self.pos;
        let b = self.b;
        self.pos = self.memo.scan(Scan::TitleRun, start, |p| {
            p + b[p..]
                .iter()
                .take_while(|c| {
                    !matches!(
                        c,
                        b']' | b'(' | b')' | b'*' | b'_' | b'~' | b' ' | b'\t' | b'\r' | b'\n'
                    )
                })
                .count()
        });
        if self.pos > start {
            return Some(self.plain(start, self.pos).into());
        }
        if self.looking_at("](") && self.pos + 2 < self.b.len() {
            return None;
        }
        if self.looking_at("] [") {
            let from = self.pos + 3;
            let close = self.memo.scan(Scan::CloseBracket, from, |p| {
                p + b[p..].iter().take_while(|&&c| c != b']').count()
            });
            if b.get(close + 1) == Some(&b'(') {
                return None;
            }
        }
        let start = self.pos;
        self.any_char()?;
        Some(self.plain(start, self.pos).into())
    }

    /// `MarkdownLinkRef`: the URL of `[label](url)`.
    ///
    /// The last answer is kept: the titles of many `[` can end at the same
    /// `](`, and reading the URL after it once per `[` would be quadratic.
    fn markdown_link_ref(&mut self) -> Option<Cow<'a, str>> {
        let pos = self.pos;
        let answer = match &self.link_url {
            Some((at, known)) if *at == pos => known.clone(),
            _ => {
                let found = super::links::markdown_link_ref(self.s, pos);
                self.link_url = Some((pos, found.clone()));
                found
            }
        };
        let (end, href) = answer?;
        self.pos = end;
        Some(href)
    }

    /// `LinkRef`: the URL of `<url|label>`.
    fn link_ref(&mut self) -> Option<Cow<'a, str>> {
        let (end, href) = super::links::link_ref(self.s, self.pos)?;
        self.pos = end;
        Some(href)
    }

    // ------------------------------------------------------------------
    // Timestamps
    // ------------------------------------------------------------------

    /// `TimestampRules`: `<t:…>`.
    pub(crate) fn timestamp(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        if !self.b[start..].starts_with(b"<t:") {
            return None;
        }
        let now_ms = self.now_ms();
        let (end, ts, format) = super::timestamp::timestamp(self.s, self.pos, now_ms)?;
        self.pos = end;
        let fallback = Some(crate::ast::Fallback::Range(
            self.utf16_offset(start),
            self.utf16_offset(end),
        ));
        Some(Node::new(Kind::Timestamp(Box::new(
            crate::ast::Timestamp {
                timestamp: Cow::Owned(ts),
                format: Cow::Owned(format.to_string()),
                fallback,
            },
        ))))
    }

    /// `EscapedTimestampRules`: `\<t:…>` as text.
    pub(crate) fn escaped_timestamp(&mut self) -> Option<Node<'a>> {
        let (end, text) = super::timestamp::escaped_timestamp(self.s, self.pos)?;
        self.pos = end;
        Some(Node::plain(text))
    }

    // ------------------------------------------------------------------
    // The inline item dispatch
    // ------------------------------------------------------------------

    /// `InlineItemPattern`: the first character picks the rules tried
    /// first; when they fail, the rules every character tries follow.
    pub(crate) fn inline_item(&mut self) -> Option<Item<'a>> {
        self.memo.steps += 1;
        let c = self.peek()?;
        if c == b'\n' {
            // Every alternative fails on a line feed (each needs another
            // first character, and PlainRun stops at it).
            return None;
        }
        if c == b'*' && self.inside_star_run() {
            // Only `EmphasisWithWhitespace` can match (see
            // `inside_star_run`); every later rule refuses `*`.
            return self.emphasis_with_whitespace().map(Item::from);
        }
        let first: Option<Item<'a>> = match c {
            b' ' | b'\t' => self.whitespace().map(Item::from),
            b'\\' => self
                .escaped_timestamp()
                .or_else(|| self.katex_inline())
                .or_else(|| self.escaped())
                .map(Item::from),
            b'[' => self.maybe_references().map(Item::from),
            b'<' => self
                .timestamp()
                .or_else(|| self.maybe_references())
                .or_else(|| self.inline_emoticon())
                .map(Item::from),
            b'!' => self.image().map(Item::from),
            b'|' => self.spoiler().map(Item::from),
            b'@' => self.at_user_mention().map(Item::from),
            b'`' => self.inline_code().map(Item::from),
            b'+' => self.autolinked_phone().map(Item::from),
            b'$' => self.katex_inline().map(Item::from),
            b':' => self
                .emoji()
                .or_else(|| self.inline_emoticon())
                .map(Item::from),
            b'*' => self
                .emphasis_with_whitespace()
                .map(Item::from)
                .or_else(|| self.emphasis())
                .or_else(|| self.inline_emoticon().map(Item::from)),
            b'~' => self
                .emphasis_with_whitespace()
                .map(Item::from)
                .or_else(|| self.emphasis()),
            b'-' => self
                .plain_run_before_emoticon()
                .or_else(|| self.inline_emoticon())
                .map(Item::from),
            _ => None,
        };
        if first.is_some() {
            return first;
        }
        let word_like = c >= 0x80 || c.is_ascii_alphanumeric();
        if word_like && self.only_plain_run_can_match(c) {
            return self.plain_run().map(Item::from);
        }
        // The rules below, in the grammar's order, each skipped where its
        // first character cannot be `c` (an e-mail starts with a letter, a
        // digit, a non-ASCII mark or `mailto:`; only italic is left of the
        // emphasis, and it starts with a letter, a digit or `_`; a channel
        // mention is `#` or its text form, one character before `#`).
        let b = self.b;
        let p = self.pos;
        if word_like && let Some(n) = self.autolinked_email() {
            return Some(n.into());
        }
        if let Some(n) = self
            .underscore_prefixed_domain()
            .or_else(|| self.autolinked_url())
        {
            return Some(n.into());
        }
        // EmphasisWithWhitespace and Emphasis were already tried for `*`
        // and `~`, with the same state and so the same failure.
        if c == b'_'
            && let Some(n) = self.emphasis_with_whitespace()
        {
            return Some(n.into());
        }
        if (c == b'_' || c.is_ascii_alphanumeric())
            && let Some(i) = self.emphasis()
        {
            return Some(i);
        }
        if (c == b'#' || b.get(p + utf8_width(c)) == Some(&b'#'))
            && let Some(n) = self.channel_mention()
        {
            return Some(n.into());
        }
        // A shortcode starts with `:`, tried first for it.
        if emoji::may_start_unicode_emoji(b, p)
            && let Some(n) = self.emoji()
        {
            return Some(n.into());
        }
        // `PlainRunBeforeEmoticon` starts with `-`; `-`, `:`, `*` and `<`
        // tried emoticons first.
        if !matches!(c, b'-' | b':' | b'*' | b'<')
            && emoji::may_start_emoticon(c)
            && let Some(n) = self.inline_emoticon()
        {
            return Some(n.into());
        }
        self.color().or_else(|| self.plain_run()).map(Item::from)
    }

    /// At a `*` followed by two more: no bold can start here (the content
    /// of `**` and of `*` would both start at a `*`, where bold content has
    /// no item unless a preferential rule starts there, checked), nor an
    /// emoticon (none is `**`), nor italic or strike; of the rules tried
    /// after them none accepts `*` (no e-mail, URL, mention, emoji or
    /// colour starts with it, and `PlainRun` stops at it).
    fn inside_star_run(&self) -> bool {
        let p = self.pos;
        if !self.b[p..].starts_with(b"***") || self.skip_bold {
            return false;
        }
        !self.preferential_may_start(Emph::Bold, p + 1)
            && !self.preferential_may_start(Emph::Bold, p + 2)
    }

    /// At the ASCII letter or digit `c` (at `pos`): whether a rule other
    /// than a plain run can start here for a reason local to the next
    /// byte or two — an emoticon starting with a letter or digit (`D:`,
    /// `B-)`, `8-)`, `O:)`, `0:)`, `X-)`; with emoticons on), `color:`, a
    /// keycap emoji (a digit
    /// before a non-ASCII character) or a channel mention's text form
    /// (`x#`). The word-level guards are the callers'.
    #[inline]
    fn alnum_starts_other_rule(&self, c: u8) -> bool {
        let b = self.b;
        let p = self.pos;
        let special = match c {
            b'D' | b'B' | b'8' | b'O' | b'0' | b'X' => self.emoticon_at(p),
            b'c' => b[p..].starts_with(b"color:"),
            _ => false,
        };
        special
            || b.get(p + 1) == Some(&b'#')
            || (c.is_ascii_digit() && b.get(p + 1).is_some_and(|n| !n.is_ascii()))
    }

    /// At the non-ASCII character whose first byte is `c` (at `pos`):
    /// whether a rule other than a plain run can start here. No emphasis,
    /// emoticon, colour or mention starts with a non-ASCII character; a
    /// Unicode emoji may, and so may the channel mention's text form
    /// (`Text "#"`: `#` right after it). The word-level guards are the
    /// callers'.
    #[inline]
    fn non_ascii_starts_other_rule(&self, c: u8) -> bool {
        let p = self.pos;
        self.b.get(p + utf8_width(c)) == Some(&b'#') || self.unicode_emoji_end(p).is_some()
    }

    /// The end of `[^ \t\r\n:./@]*` from `pos` (the URL autolink guard's
    /// scan; cached).
    fn url_stop(&mut self, pos: usize) -> usize {
        let b = self.b;
        self.memo
            .scan(Scan::UrlStop, pos, |q| first_of(&URL_STOP, b, q))
    }

    /// The end of `[^ \t\r\n@]*` from `pos` (the e-mail autolink guard's
    /// scan; cached).
    fn email_stop(&mut self, pos: usize) -> usize {
        let b = self.b;
        self.memo.scan(Scan::EmailStop, pos, |q| {
            first_of_far(&EMAIL_STOP, EMAIL_STOP_BYTES, b, q)
        })
    }

    /// The common case of [`Parser::only_plain_run_can_match`] in one pass:
    /// at an ASCII letter or digit that starts no emoticon, `color:`,
    /// keycap or `x#` mention text, a word with none of `:./@` nor a
    /// `PlainRun` stop before the next blank or line end is one `PlainRun`
    /// to that blank. So is a word that ends in a full stop before a blank
    /// (a `.` with nothing of the word after it starts no host), and one
    /// with a `!`, `)` or `:` before a blank (that character is then text
    /// alone, see [`Parser::lone_text_char`]). A word
    /// that reaches another `PlainRun` stop (`!`, `:`, `(`, …) is one
    /// `PlainRun` to that stop when the autolink guards, which scan on to
    /// the next blank, meet no `@` and no URL there (nor `//` after a
    /// `:`), and, in a word of letters and digits, the stop is not the `_`
    /// of italic's first form. Returns the end, or `None` when the full
    /// check is needed.
    ///
    /// A word may also start with a non-ASCII character that JavaScript's
    /// trim keeps, that starts no Unicode emoji and that has no `#` after
    /// it (the checks of [`Parser::only_plain_run_can_match`]; for the
    /// lead bytes of [`starts_plain_word`] only the `#`), or with one of
    /// the punctuation marks of [`Parser::punct_word_end`].
    #[inline]
    pub(crate) fn simple_word_end(&mut self, c: u8) -> Option<usize> {
        let b = self.b;
        let p = self.pos;
        if c.is_ascii_alphanumeric() {
            if self.alnum_starts_other_rule(c) {
                return None;
            }
        } else if starts_plain_word(c) {
            // Only a `#` after it could start another rule.
            if b.get(p + utf8_width(c)) == Some(&b'#') {
                return None;
            }
        } else if c >= 0x80 {
            let first = self.s[p..].chars().next()?;
            if chars::is_js_whitespace(first) || self.non_ascii_starts_other_rule(c) {
                return None;
            }
        } else if PUNCT_WORD_START[c as usize] {
            return self.punct_word_end(c);
        } else {
            return None;
        }
        let end = self.word_stop(p);
        if ends_word(b, end) {
            return Some(end);
        }
        match b.get(end) {
            Some(b'.' | b'!' | b')' | b':') if let Some(e) = self.word_tail_end(p, end) => Some(e),
            Some(b':') if b[end + 1..].starts_with(b"//") => {
                // The URL guard's scan (its stops are among the word's)
                // ends here too, before `://`: only a plain run is not
                // the answer, and the full choice of rules will ask.
                self.plain_run_only = (p, false);
                None
            }
            Some(b':') => self.guards_clear(end + 1).then_some(end),
            Some(b'_')
                if c.is_ascii_alphanumeric() && b[p..end].iter().all(u8::is_ascii_alphanumeric) =>
            {
                None
            }
            Some(&stop) if PLAIN_RUN_STOP[stop as usize] => {
                self.guards_clear(end + 1).then_some(end)
            }
            _ => None,
        }
    }

    /// The first of [`WORD_STOP`] from `p`, or the end (counted as work).
    #[inline]
    fn word_stop(&mut self, p: usize) -> usize {
        let end = first_of(&WORD_STOP, self.b, p);
        self.memo.steps += (end - p) as u64 + 1;
        end
    }

    /// [`Parser::simple_word_end`] at a punctuation mark of
    /// [`PUNCT_WORD_START`] (`-`, `=`, `>`, `"`, `{`, …): the end of a word
    /// from there that reaches a blank, a line feed or the end with none of
    /// [`WORD_STOP`]. Such a word is one `PlainRun`: no rule but an
    /// emoticon (checked), a phone number (`+` and a digit) or a channel
    /// mention's text form (`#` next) starts with one of them, and the
    /// autolink guards' scans meet neither `@`, `.` nor `://` before the
    /// blank. `None` when the full choice is needed.
    #[inline(never)]
    fn punct_word_end(&mut self, c: u8) -> Option<usize> {
        let b = self.b;
        let p = self.pos;
        let next = b.get(p + 1).copied();
        if next == Some(b'#')
            || (c == b'+' && next.is_some_and(|n| n.is_ascii_digit()))
            || self.emoticon_at(p)
        {
            return None;
        }
        let end = self.word_stop(p);
        ends_word(b, end).then_some(end)
    }

    /// For a word from `p` whose plain bytes end at `end`, where one of
    /// the word's stops follows: the word's end when what follows the
    /// stop is known to be text up to a blank, a line feed or the end —
    /// a full stop before one (but `localhost.` starts a URL, a host
    /// without a dot); an ellipsis after a word of letters and digits (a
    /// host needs a label after each dot); a `!`, `)` or `:` before one,
    /// the lone character of [`Parser::lone_text_char`] (no emoticon has
    /// a blank second, and no URL can start there). `None` otherwise, and
    /// when an emoticon starts at `p` and reaches past `end`.
    /// (Not inlined: the fast lane's byte loop calls it once per span at
    /// most, and stays smaller without it.)
    #[inline(never)]
    fn word_tail_end(&self, p: usize, end: usize) -> Option<usize> {
        let b = self.b;
        let tail = match *b.get(end)? {
            b'.' if ends_word(b, end + 1) => {
                (!b[p..end].starts_with(DOTLESS_HOST)).then_some(end + 1)
            }
            b'.' if self.shortcuts()
                && b.get(end + 1) == Some(&b'.')
                && b[p..end].iter().all(u8::is_ascii_alphanumeric)
                && !b[p..].starts_with(DOTLESS_HOST) =>
            {
                let dots = b[end..].iter().take_while(|&&c| c == b'.').count();
                ends_word(b, end + dots).then_some(end + dots)
            }
            b'!' | b')' | b':' if self.shortcuts() && ends_word(b, end + 1) => Some(end + 1),
            _ => None,
        }?;
        // An emoticon at the word's start reaches its stop when the word
        // is one byte (`D:`, `O:)`); a longer one would end in the word.
        // Asked last: most words have no tail, and the call costs the
        // others nothing then.
        if end == p + 1 && self.emoticon_at(p) {
            return None;
        }
        Some(tail)
    }

    /// From the position, as far as they go: runs of blanks and the
    /// simplest words of [`Parser::simple_word_end`], those that start with
    /// an ASCII letter or digit where no other rule can start (judged with
    /// the next byte: [`SIMPLE_BYTE`]) and that end at a blank, a line feed
    /// or the end (a text tail of [`Parser::word_tail_end`] there
    /// included). Each is a raw item of the
    /// fast lane. Returns whether the last one taken is a word, or `None`
    /// when none was taken (the position is then unchanged).
    #[inline]
    pub(crate) fn simple_words(&mut self) -> Option<bool> {
        self.simple_words_with(word_run)
    }

    /// [`Parser::simple_words`] with `run` as its byte loop (the tests
    /// give it another, to compare).
    #[inline(always)]
    fn simple_words_with(
        &mut self,
        run: impl Fn(&[u8], usize, bool, usize) -> WordRun,
    ) -> Option<bool> {
        let b = self.b;
        let start = self.pos;
        let mut i = start;
        // In a word (else in blanks), and where the word started. The loop
        // branches only where the span ends, not at every word and blank:
        // those branches were mispredicted about twice per word.
        let mut in_word = false;
        let mut word_start = start;
        loop {
            let r = run(b, i, in_word, word_start);
            (i, in_word, word_start) = (r.end, r.in_word, r.word_start);
            // A word ends at a line feed; a full stop, an ellipsis, `!`,
            // `)` or `:` may end it as text, and the span goes on; at any
            // other stop the word is not simple, and the span ends before
            // it.
            match r.stop {
                Some(c) if in_word && c != b'\n' => {
                    if let Some(e) = self.word_tail_end(word_start, i) {
                        i = e;
                        continue;
                    }
                    i = word_start;
                    in_word = false;
                }
                _ => {}
            }
            break;
        }
        self.memo.steps += (i - start) as u64 + 1;
        self.pos = i;
        (i > start).then_some(in_word)
    }

    /// At `(`, `)`, `!` (not before `[`, an image) or `:` (before a blank
    /// or the end): whether every rule fails here, so that the item is the
    /// character alone (`Any`). No rule starts with one of them but an
    /// emoticon (when on), a shortcode (`:` and a name), the channel
    /// mention's text form (`#` next) and the URL autolink, whose
    /// lookahead (`[^ \t\r\n:./@]*` then `://` or `.`) must fail; the
    /// plain run stops at them.
    #[inline]
    pub(crate) fn lone_text_char(&mut self, c: u8) -> bool {
        let b = self.b;
        let p = self.pos;
        if !self.shortcuts() {
            return false;
        }
        let lone = match c {
            b'(' | b')' => true,
            b'!' => b.get(p + 1) != Some(&b'['),
            // No shortcode or emoticon is `:` and a blank.
            b':' => ends_word(b, p + 1),
            _ => false,
        };
        if !lone || b.get(p + 1) == Some(&b'#') || self.emoticon_at(p) {
            return false;
        }
        let stop = self.url_stop(p);
        !(b[stop..].starts_with(b"://") || b.get(stop) == Some(&b'.'))
    }

    /// Adds the bytes of [`Parser::marker_run_text_end`] to `joined` as
    /// text (raw items that are not blank), if there are any.
    #[inline]
    pub(crate) fn marker_run_text(&mut self, joined: &mut Joiner<'a>) {
        let b = self.b;
        let p = self.pos;
        // Most items start with a byte that is not repeated; the run must
        // also be of a marker, and all but a backtick need two more.
        if let Some(&m) = b.get(p)
            && MARKER_RUN_BYTE[m as usize]
            && b.get(p + 1) == Some(&m)
            && (m == b'`' || b.get(p + 2) == Some(&m))
        {
            self.take_marker_run_text(joined);
        }
    }

    #[cold]
    #[inline(never)]
    fn take_marker_run_text(&mut self, joined: &mut Joiner<'a>) {
        if let Some(end) = self.marker_run_text_end() {
            joined.extend_plain(&self.s[self.pos..end], true, true);
            self.pos = end;
        }
    }

    /// In a line's loop (`(InlineItemPattern / Any)*`, no skip flag set):
    /// the end of the bytes from the position, inside a run of one marker
    /// (`*`, `~`, `_`, `` ` `` or `|`), each of which is `Any` alone
    /// because every rule fails there; `None` when there are none. Each
    /// such byte is followed by enough of the same marker that the rules
    /// starting with it find empty content or a second opener:
    ///
    /// - `` ` `` before `` ` ``: inline code needs a non-empty body;
    /// - `~` before two more: strike content at its own marker has no
    ///   first item, after one marker or two;
    /// - `_` before three more: nor has italic content where no
    ///   preferential rule starts (one could at the run's last `_`, before
    ///   an `@`), and `__x__word` needs the same content; `*` before three
    ///   more is [`Parser::inside_star_run`] (its preferential checks fail
    ///   at a `*` before another);
    /// - `|` before three more: a spoiler's content cannot start at `||`.
    ///
    /// Of the other rules none starts with these bytes (no emoticon,
    /// emoji, mention or colour does, and the plain run stops at them) but
    /// two, ruled out for the whole run at once: `EmphasisWithWhitespace`
    /// (a run, blanks, a run of the same marker), which needs a blank where
    /// the run ends, and the autolinks (`AutolinkedURL`,
    /// `UnderscorePrefixedDomain`), whose guard scans on from the run to
    /// the first of `[ \t\r\n:./@]`, here required to be a blank, a line
    /// end or the end of the text. The last bytes of the run are left to
    /// the full choice of rules.
    pub(crate) fn marker_run_text_end(&mut self) -> Option<usize> {
        let b = self.b;
        let p = self.pos;
        let m = *b.get(p)?;
        // How many more of the marker each byte taken needs after it.
        let needs = match m {
            b'`' => 1,
            b'~' => 2,
            b'_' | b'*' | b'|' => 3,
            _ => return None,
        };
        if !self.shortcuts() || self.flags() != 0 || b.get(p + needs) != Some(&m) {
            return None;
        }
        let end = self.run_end(m, p);
        let taken = end.saturating_sub(needs);
        if taken <= p
            || (m != b'`' && m != b'|' && matches!(b.get(end), Some(b' ' | b'\t')))
            || !ends_word(b, self.url_stop(p))
        {
            return None;
        }
        if m == b'*' && !self.inside_star_run() {
            return None;
        }
        self.memo.steps += (taken - p) as u64;
        Some(taken)
    }

    /// True when the next of `[ \t\r\n:./@]` from `i` is a blank, a line
    /// feed or the end: the autolink guards scanning on from there meet
    /// no `@` and no URL. (The URL guard's cached scan: a line without
    /// blanks is scanned once, not once per word.)
    #[inline]
    fn guards_clear(&mut self, i: usize) -> bool {
        let i = i.min(self.b.len());
        let stop = self.url_stop(i);
        ends_word(self.b, stop)
    }

    /// True when none of the rules the grammar tries before `PlainRun` can
    /// match here, so the answer is `PlainRun`. At an ASCII letter or digit:
    /// no emoticon, `color:#` or keycap start, no word ending in `_`
    /// (italic's first form), no `#` next (a channel mention's text form).
    /// At a non-ASCII character: no Unicode emoji, no `#` next. Either way,
    /// no `@` ahead in the word (e-mail) and no `://` or `.` followed by
    /// more of the word (URL).
    pub(crate) fn only_plain_run_can_match(&mut self, c: u8) -> bool {
        // The fast lane asks first; when the answer is no, the full choice
        // of rules asks again at the same place.
        let p = self.pos;
        let (at, answer) = self.plain_run_only;
        if at == p {
            return answer;
        }
        let answer = self.scan_only_plain_run_can_match(c);
        self.plain_run_only = (p, answer);
        answer
    }

    /// [`Parser::only_plain_run_can_match`] without its one-entry memory.
    fn scan_only_plain_run_can_match(&mut self, c: u8) -> bool {
        let b = self.b;
        let p = self.pos;
        if c.is_ascii_alphanumeric() {
            if self.alnum_starts_other_rule(c) {
                return false;
            }
            let word_end = p + b[p..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            if b.get(word_end) == Some(&b'_') {
                return false;
            }
        } else if c >= 0x80 {
            if self.non_ascii_starts_other_rule(c) {
                return false;
            }
        } else {
            return false;
        }
        // The URL guard's stops include `@` and the blanks, so one scan
        // settles both guards for a word with none of `:./@`.
        let url_stop = self.url_stop(p);
        match b.get(url_stop) {
            None | Some(b' ' | b'\t' | b'\r' | b'\n') => return true,
            Some(b'@') => return false,
            _ => {}
        }
        // A `.` ends no host when nothing of the word follows it, unless
        // the word is `localhost` (a host without a dot).
        let dot_in_word = b.get(url_stop) == Some(&b'.')
            && (!matches!(
                b.get(url_stop + 1),
                None | Some(b' ' | b'\t' | b'\r' | b'\n')
            ) || b[p..url_stop].starts_with(DOTLESS_HOST));
        if b[url_stop..].starts_with(b"://") || dot_in_word {
            return false;
        }
        let email_stop = self.email_stop(p);
        b.get(email_stop) != Some(&b'@')
    }

    /// `PlainRun = $[^*_~`:\n<\[\]! \t()\\|]+`.
    fn plain_run(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        self.take_plain_run();
        (self.pos > start).then(|| self.plain(start, self.pos))
    }

    /// Consumes what `PlainRun` matches (possibly nothing). Its stop
    /// characters are all ASCII, so a byte scan finds the same end.
    pub(crate) fn take_plain_run(&mut self) {
        let start = self.pos;
        self.pos = self.plain_run_end(start);
        self.memo.steps += (self.pos - start) as u64 + 1;
    }

    /// Where `PlainRun` from `from` ends (`from` itself when it matches
    /// nothing).
    #[inline]
    pub(crate) fn plain_run_end(&self, from: usize) -> usize {
        first_of(&PLAIN_RUN_STOP, self.b, from)
    }

    /// `PlainRunBeforeEmoticon = "-" &("_" "-" .)`.
    fn plain_run_before_emoticon(&mut self) -> Option<Node<'a>> {
        if self.looking_at("-_-") && self.pos + 3 < self.b.len() {
            self.pos += 1;
            return Some(self.plain(self.pos - 1, self.pos));
        }
        None
    }

    /// `InlineEmoticon = Emoticon &(EmoticonNeighbor / InlineItemPattern)`.
    fn inline_emoticon(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        let e = self.emoticon()?;
        if self.at_emoticon_neighbour() {
            return Some(e);
        }
        let after = self.pos;
        if self.look_ok(Look::Inline, after) {
            Some(e)
        } else {
            self.pos = start;
            None
        }
    }

    /// Whether an item of `look` can start at `pos` (the lookahead after an
    /// emoticon). An emoticon's own lookahead looks past the next emoticon,
    /// so a chain of them (`:):):)…`) would recurse once per emoticon: the
    /// chain is walked first and evaluated from its far end, each answer
    /// remembered, so every evaluation finds the next one known.
    fn look_ok(&mut self, look: Look, pos: usize) -> bool {
        let flags = self.flags();
        if let Some(ok) = self.memo.look(look, pos, flags) {
            return ok;
        }
        let mut chain = vec![pos];
        let mut r = pos;
        while let Some((end, _)) = emoji::emoticon(self.s, r).filter(|_| self.opts.emoticons) {
            let stop = match self.b.get(end) {
                None | Some(b'\n' | b'\r' | b' ' | b'\t' | b'*') => true,
                Some(b'_') => look == Look::Italic,
                _ => false,
            };
            if stop || self.memo.look(look, end, flags).is_some() {
                break;
            }
            chain.push(end);
            r = end;
        }
        let saved = self.pos;
        // Only whether an item matches is asked: measured, not built (as
        // a sequence walk measures).
        let was_measuring = std::mem::replace(&mut self.measuring, true);
        for &q in chain.iter().rev() {
            self.pos = q;
            self.memo.steps += 1;
            let ok = match look {
                Look::Inline => self.inline_item().is_some(),
                Look::Bold => self.emphasis_preferential(Emph::Bold).is_some(),
                Look::Italic => self.emphasis_preferential(Emph::Italic).is_some(),
            };
            self.memo.set_look(look, q, flags, ok);
        }
        self.measuring = was_measuring;
        self.pos = saved;
        self.memo.look(look, pos, flags).unwrap_or(false)
    }

    /// `Escaped = "\\" [*_~`#.]`: the character as text.
    fn escaped(&mut self) -> Option<Node<'a>> {
        match (self.peek(), self.peek_at(1)) {
            (Some(b'\\'), Some(b'*' | b'_' | b'~' | b'`' | b'#' | b'.')) => {
                self.pos += 2;
                Some(self.plain(self.pos - 1, self.pos))
            }
            _ => None,
        }
    }

    /// `KatexInline`: `\(…\)` and/or `$…$`, as the options allow; the
    /// content ends at the first closing delimiter that is on.
    fn katex_inline(&mut self) -> Option<Node<'a>> {
        let k = self.opts.katex?;
        let start = self.pos;
        if !(k.parenthesis_syntax && self.eat("\\(") || k.dollar_syntax && self.eat("$")) {
            return None;
        }
        let body = self.pos;
        let b = self.b;
        let (paren, dollar) = (k.parenthesis_syntax, k.dollar_syntax);
        let close = self.memo.scan(Scan::KatexInlineClose, body, |p| {
            (p..b.len())
                .find(|&i| paren && b[i..].starts_with(b"\\)") || dollar && b[i] == b'$')
                .unwrap_or(b.len())
        });
        if close >= b.len() {
            self.pos = start;
            return None;
        }
        self.pos = close + if b[close] == b'$' { 1 } else { 2 };
        Some(Node::new(Kind::InlineKatex(Cow::Borrowed(
            &self.s[body..close],
        ))))
    }

    /// `Image = "![" Line? "](" MarkdownLinkRef ")"`.
    fn image(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        if !self.eat("![") {
            return None;
        }
        let title = self.line();
        if !self.eat("](") {
            self.pos = start;
            return None;
        }
        let Some(src) = self.markdown_link_ref() else {
            self.pos = start;
            return None;
        };
        if !self.eat_byte(b')') {
            self.pos = start;
            return None;
        }
        let label = title.unwrap_or_else(|| Node::new(Kind::PlainText(src.clone())));
        Some(Node::new(Kind::Image(Box::new(Link {
            src,
            label: Label::One(Box::new(label)),
        }))))
    }

    /// `Spoiler = "||" (!"||" (InlineItemPattern / Any))+ "||"`.
    fn spoiler(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        if !self.eat("||") {
            return None;
        }
        // The content's first item needs `!"||"`.
        if self.looking_at("||") {
            self.pos = start;
            return None;
        }
        let body = self.pos;
        // The most common content without the walk: one fast-lane span
        // right before `||`, where the walk's next item fails at once. No
        // spoiler content starts inside the span (it has no `|`), so the
        // walk's memo is not needed.
        let shortcut = self.shortcuts();
        if shortcut {
            let mut joined = Joiner::new(self.s);
            if self.fast_lane(&mut joined) && self.looking_at("||") {
                self.pos += 2;
                let value = if self.measuring {
                    Vec::new()
                } else {
                    joined.finish()
                };
                return Some(Node::new(Kind::Spoiler(value)));
            }
            self.pos = body;
        }
        let closes = |p: &mut Self, end: usize| end > body && p.b[end..].starts_with(b"||");
        let item = |p: &mut Self, joined: &mut Joiner<'a>| {
            !p.looking_at("||") && (p.fast_lane(joined) || p.inline_item_or_any(joined))
        };
        let content = self.build_walk(Seq::Spoiler, closes, item);
        let Some(value) = content else {
            self.pos = start;
            return None;
        };
        self.pos += 2;
        Some(Node::new(Kind::Spoiler(value)))
    }

    /// `AutolinkedPhone = Phone`: a `tel:` link from five digits on.
    fn autolinked_phone(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        let (end, text, number) = super::links::phone(self.s, self.pos)?;
        self.pos = end;
        let _ = text;
        let label = self.plain(start, end);
        Some(
            match super::links::phone_checker(self.slice(start, end), &number) {
                Some(href) => Node::new(Kind::Link(Box::new(Link {
                    src: Cow::Owned(href),
                    label: Label::Many(vec![label]),
                }))),
                None => label,
            },
        )
    }

    /// `AutolinkedEmail = &([^ \t\r\n@]* "@") Email`.
    fn autolinked_email(&mut self) -> Option<Node<'a>> {
        // &([^ \t\r\n@]* "@"), with the scan's end cached.
        let b = self.b;
        let stop = self.email_stop(self.pos);
        if b.get(stop) != Some(&b'@') {
            return None;
        }
        let (end, addr) = super::links::email(self.s, self.pos)?;
        self.pos = end;
        let label = Node::new(Kind::PlainText(Cow::Borrowed(addr)));
        Some(match super::links::auto_email(addr) {
            Some(href) => Node::new(Kind::Link(Box::new(Link {
                src: Cow::Owned(href),
                label: Label::Many(vec![label]),
            }))),
            None => label,
        })
    }

    /// `UnderscorePrefixedDomain = "_" DomainName &(EndOfLine / !. / [^_])`.
    fn underscore_prefixed_domain(&mut self) -> Option<Node<'a>> {
        if self.peek() != Some(b'_') {
            return None;
        }
        // A `DomainName` is `localhost` or has a dot before any blank or
        // line end (no `DomainChar` is one); the URL guard's cached scan
        // finds the first of them, or a `:./@` before which a dot may yet
        // come.
        let shortcut = self.shortcuts();
        let from = self.pos + 1;
        if shortcut
            && matches!(
                self.b.get(self.url_stop(from)),
                None | Some(b' ' | b'\t' | b'\r' | b'\n')
            )
            && !self.b[from..].starts_with(DOTLESS_HOST)
        {
            return None;
        }
        let end = super::links::domain_name(self.s, self.pos + 1)?;
        if self.b.get(end) == Some(&b'_') {
            return None;
        }
        let start = self.pos;
        self.pos = end;
        Some(self.plain(start, end))
    }

    /// `AutolinkedURL = &([^ \t\r\n:./@]* ("://" / ".")) AutoLinkURL`.
    fn autolinked_url(&mut self) -> Option<Node<'a>> {
        // &([^ \t\r\n:./@]* ("://" / ".")), with the scan's end cached.
        let b = self.b;
        let stop = self.url_stop(self.pos);
        if !(b[stop..].starts_with(b"://") || b.get(stop) == Some(&b'.')) {
            return None;
        }
        let start = self.pos;
        let (end, host) = super::links::auto_link_url_and_host(self.s, self.pos)?;
        self.pos = end;
        let text = self.slice(start, end);
        let label = Node::new(Kind::PlainText(Cow::Borrowed(text)));
        let domains = self.opts.custom_domains.as_deref();
        let href = match host {
            Some(host) if self.shortcuts() => {
                super::links::auto_link_with_host(text, host, domains)
            }
            _ => super::links::auto_link(text, domains),
        };
        Some(match href {
            Some(href) => Node::new(Kind::Link(Box::new(Link {
                src: href,
                label: Label::Many(vec![label]),
            }))),
            None => label,
        })
    }

    /// `Color = &{colors} "color:#" (HexByte{3,4} / HexNible{3,4}) !AnyText`.
    fn color(&mut self) -> Option<Node<'a>> {
        if !self.opts.colors || !self.looking_at("color:#") {
            return None;
        }
        let p = self.pos + 7;
        let hex: Vec<u8> = self.b[p..]
            .iter()
            .take(8)
            .take_while(|c| c.is_ascii_hexdigit())
            .map(|&c| (c as char).to_digit(16).unwrap_or(0) as u8)
            .collect();
        let (channels, used): (Vec<u8>, usize) = if hex.len() >= 6 {
            let n = (hex.len() / 2).min(4);
            (
                (0..n).map(|i| hex[2 * i] * 16 + hex[2 * i + 1]).collect(),
                2 * n,
            )
        } else if hex.len() >= 3 {
            let n = hex.len().min(4);
            ((0..n).map(|i| hex[i] * 17).collect(), n)
        } else {
            return None;
        };
        let end = p + used;
        if self.s[end..].chars().next().is_some_and(chars::is_any_text) {
            return None;
        }
        self.pos = end;
        let a = channels.get(3).copied().unwrap_or(255);
        Some(Node::new(Kind::Color {
            r: channels[0],
            g: channels[1],
            b: channels[2],
            a,
        }))
    }
}

/// The length of the UTF-8 sequence that starts with byte `c` (1 for a
/// byte that starts none).
#[inline]
fn utf8_width(c: u8) -> usize {
    match c {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// `StrikethroughPlainRun`'s class: not a line feed, `~`, space, `*`, `_`,
/// `:`, `` ` ``, `@`, `#`, `[`, `]`, `\\`, `<`, `!`, `|`, U+2300–U+27BF, nor
/// a character whose UTF-16 form starts with D83C–D83E (U+1F000–U+1FBFF).
#[cfg(test)]
fn is_strike_run_char(c: char) -> bool {
    !matches!(
        c,
        '\n' | '~' | ' ' | '*' | '_' | ':' | '`' | '@' | '#' | '[' | ']' | '\\' | '<' | '!' | '|'
            | '\u{2300}'..='\u{27BF}'
            | '\u{1F000}'..='\u{1FBFF}'
    )
}

/// Where the run of `is_strike_run_char` characters from `from` ends;
/// `from` itself when there is none. A byte scan: the stops are ASCII,
/// U+2300–U+27BF (`E2 8C`–`E2 9E`) and U+1F000–U+1FBFF (`F0 9F 80`–`F0 9F
/// AF`).
fn strike_run_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(&c) = b.get(i) {
        let stop = match c {
            0xE2 => matches!(b.get(i + 1), Some(0x8C..=0x9E)),
            0xF0 => b.get(i + 1) == Some(&0x9F) && matches!(b.get(i + 2), Some(0x80..=0xAF)),
            _ => STRIKE_RUN_STOP[c as usize],
        };
        if stop {
            break;
        }
        i += 1;
    }
    i
}

/// `hay.starts_with(close)` for an emphasis's one or two closing markers,
/// compared byte by byte: `starts_with` on a slice of unknown length calls
/// `memcmp`.
#[inline]
fn starts_with_close(hay: &[u8], close: &[u8]) -> bool {
    match *close {
        [m] => hay.first() == Some(&m),
        [m, n] => hay.len() >= 2 && hay[0] == m && hay[1] == n,
        _ => hay.starts_with(close),
    }
}

/// The position of the first byte of `set` in `b` from `from`, or the end
/// (also for a `from` past the end).
#[inline]
fn first_of(set: &[bool; 256], b: &[u8], from: usize) -> usize {
    let rest = b.get(from..).unwrap_or_default();
    from + rest
        .iter()
        .position(|&c| set[c as usize])
        .unwrap_or(rest.len())
}

/// [`first_of`] for scans that can run far (the e-mail guard scans to
/// the next blank or `@`, which a long URL puts far away): the first
/// [`NEAR`] bytes one at a time, as most such scans end there, then
/// `memchr` passes over the rest, each for up to three of the bytes of
/// `set` (listed in `members`) and each over what the passes before it
/// left.
#[inline]
fn first_of_far(set: &[bool; 256], members: &[u8], b: &[u8], from: usize) -> usize {
    let rest = b.get(from..).unwrap_or_default();
    let near = rest.len().min(NEAR);
    match rest[..near].iter().position(|&c| set[c as usize]) {
        Some(i) => from + i,
        None if near == rest.len() => from + near,
        None => from + far_first_of(members, rest, near),
    }
}

/// The rest of [`first_of_far`]: the first of `members` in `rest` from
/// `near`, or its end.
#[cold]
#[inline(never)]
fn far_first_of(members: &[u8], rest: &[u8], near: usize) -> usize {
    let mut end = rest.len();
    for group in members.chunks(3) {
        let hay = &rest[near..end];
        let found = match *group {
            [x] => memchr::memchr(x, hay),
            [x, y] => memchr::memchr2(x, y, hay),
            [x, y, z] => memchr::memchr3(x, y, z, hay),
            _ => None,
        };
        if let Some(i) = found {
            end = near + i;
        }
    }
    end
}

/// How many bytes [`first_of_far`] looks at one at a time.
const NEAR: usize = 128;

/// The markers whose runs the line loop takes as text
/// ([`Parser::marker_run_text_end`]).
static MARKER_RUN_BYTE: [bool; 256] = with_bytes([false; 256], b"*~_`|");

/// `set` with `bytes` added: byte tables for the scans.
const fn with_bytes(mut set: [bool; 256], bytes: &[u8]) -> [bool; 256] {
    let mut i = 0;
    while i < bytes.len() {
        set[bytes[i] as usize] = true;
        i += 1;
    }
    set
}

/// The ASCII characters that end a strike run (see `is_strike_run_char`).
static STRIKE_RUN_STOP: [bool; 256] = with_bytes([false; 256], b"\n~ *_:`@#[]\\<!|");

/// The bytes that end the URL autolink guard's scan ([`Parser::url_stop`]).
static URL_STOP: [bool; 256] = with_bytes([false; 256], b" \t\r\n:./@");

/// The bytes that end the e-mail autolink guard's scan ([`Parser::email_stop`]).
static EMAIL_STOP: [bool; 256] = with_bytes([false; 256], EMAIL_STOP_BYTES);

/// The members of [`EMAIL_STOP`].
const EMAIL_STOP_BYTES: &[u8] = b" \t\r\n@";

/// The bytes that end a `PlainRun`.
static PLAIN_RUN_STOP: [bool; 256] = with_bytes([false; 256], b"*_~`:\n<[]! \t()\\|");

/// The bit of [`SIMPLE_BYTE`] for a blank.
const BLANK_BIT: u8 = 0x40;

/// The bit of [`SIMPLE_BYTE`] for a stop.
const STOP_BIT: u8 = 0x80;

/// Bits of [`NEXT_IS`]: what the byte after a word's first byte is. `ANY`
/// is set for every byte.
const ANY: u8 = 0b1;
const HASH: u8 = 0b10;
const NON_ASCII: u8 = 0b100;
const EMOTICON_SECOND: u8 = 0b1000;
const LETTER_O: u8 = 0b10000;

/// Per byte, what it is as the byte after a word's first byte: `#`, a
/// non-ASCII byte, the second byte of an emoticon that is not a stop (`-`,
/// `;`, `=`), `o`.
static NEXT_IS: [u8; 256] = {
    let mut t = [ANY; 256];
    t[b'#' as usize] |= HASH;
    t[b'-' as usize] |= EMOTICON_SECOND;
    t[b';' as usize] |= EMOTICON_SECOND;
    t[b'=' as usize] |= EMOTICON_SECOND;
    t[b'o' as usize] |= LETTER_O;
    let mut c = 0x80;
    while c < 256 {
        t[c] |= NON_ASCII;
        c += 1;
    }
    t
};

/// Per byte, for [`Parser::simple_words`]: [`STOP_BIT`] for a stop
/// ([`WORD_STOP`] less the blanks), [`BLANK_BIT`] for a blank, else the
/// [`NEXT_IS`] bits of the next bytes that rule out a word starting with it
/// (see [`Parser::alnum_starts_other_rule`]): `#` after a letter, also a
/// non-ASCII byte after a digit (a keycap), also `-`, `;`, `=` after the
/// letters and digits that start emoticons (`B-)`, `8-D`, `O=)`, `0;-)`,
/// `X-P`; their other second bytes are stops), also `o` after `c`
/// (`color:`); and every next byte after any other byte.
static SIMPLE_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b == b' ' || b == b'\t' {
            BLANK_BIT
        } else if WORD_STOP[c] {
            STOP_BIT
        } else if matches!(b, b'D' | b'B' | b'O' | b'X') {
            HASH | EMOTICON_SECOND
        } else if matches!(b, b'8' | b'0') {
            HASH | NON_ASCII | EMOTICON_SECOND
        } else if b == b'c' {
            HASH | LETTER_O
        } else if b.is_ascii_digit() {
            HASH | NON_ASCII
        } else if b.is_ascii_alphabetic() {
            HASH
        } else {
            ANY
        };
        c += 1;
    }
    t
};

/// Where the byte loop of [`Parser::simple_words`] stopped: the
/// position, whether in a word, where that word started, and the stop
/// byte there (`None` at the text's end or before a word that is not
/// simple).
struct WordRun {
    end: usize,
    in_word: bool,
    word_start: usize,
    stop: Option<u8>,
}

/// The byte loop of [`Parser::simple_words`] from `i`, to the end or the
/// first stop byte. Whether a word may start at a byte is judged with the
/// next byte, one turn later: `pending` holds what the byte after a
/// word's first byte must not be (the low bits of `SIMPLE_BYTE`; 0 when
/// the byte before did not start a word), met with what this byte is
/// (`NEXT_IS`), both read from one table.
#[inline(always)]
fn word_run(b: &[u8], mut i: usize, mut in_word: bool, mut word_start: usize) -> WordRun {
    let mut stop = None;
    let mut pending = 0u8;
    while let Some(&c) = b.get(i) {
        let [class, next_is] = LANE_BYTE[c as usize];
        if pending & next_is != 0 {
            // The word started one byte back is not simple: the span ends
            // before it, after a blank.
            i -= 1;
            in_word = false;
            pending = 0;
            break;
        }
        if class & STOP_BIT != 0 {
            stop = Some(c);
            break;
        }
        let blank = class & BLANK_BIT != 0;
        let starting = !blank & !in_word;
        pending = if starting {
            class & !(STOP_BIT | BLANK_BIT)
        } else {
            0
        };
        word_start = if starting { i } else { word_start };
        in_word = !blank;
        i += 1;
    }
    // At the end, a word's first byte meets no next byte (as a zero would).
    if stop.is_none() && pending & NEXT_IS[0] != 0 {
        i -= 1;
        in_word = false;
    }
    WordRun {
        end: i,
        in_word,
        word_start,
        stop,
    }
}

/// [`SIMPLE_BYTE`] and [`NEXT_IS`] of each byte, side by side: the fast
/// lane's byte loop reads both of a byte at once.
static LANE_BYTE: [[u8; 2]; 256] = {
    let mut t = [[0u8; 2]; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = [SIMPLE_BYTE[c], NEXT_IS[c]];
        c += 1;
    }
    t
};

/// Whether the fast lane takes nothing at `p`, whatever follows: the
/// text's end, a byte of [`LANE_NEVER_STARTS`], or a `:` before more of a
/// word (a shortcode's or an emoticon's start: a `:` is text alone only
/// before a blank, a line feed or the end, see
/// [`Parser::lone_text_char`]).
#[inline]
pub(crate) fn lane_stops_at(b: &[u8], p: usize) -> bool {
    match b.get(p) {
        None => true,
        Some(b':') => !ends_word(b, p + 1),
        Some(&c) => LANE_NEVER_STARTS[c as usize],
    }
}

/// Whether `b` ends at `i` or has a blank or a line feed there: where a
/// word of the fast lane may end.
#[inline]
fn ends_word(b: &[u8], i: usize) -> bool {
    matches!(b.get(i), None | Some(b' ' | b'\t' | b'\n'))
}

/// Whether a character with UTF-8 lead byte `b` (U+00C0 to U+0FFF, U+4000
/// to U+D7FF: Latin letters, Greek, Cyrillic, Hebrew, Arabic, the Indic
/// scripts, Thai, CJK ideographs, Hangul, …) starts a word of text as a
/// letter does: none is a Unicode emoji's first character nor one that
/// JavaScript's trim removes (a unit test checks every one), so only a
/// `#` right after it could start another rule there.
const fn starts_plain_word(b: u8) -> bool {
    matches!(b, 0xC3..=0xE0 | 0xE4..=0xED)
}

/// ASCII punctuation that starts a [`Parser::punct_word_end`] word: none
/// is a `PlainRun` stop or one of the autolink guards' stops (`.`, `/`,
/// `@`), and of the rules only an emoticon, a phone number (`+`) or a
/// channel mention's text form can start with one of them (`$`, `#` and
/// `*` start more, and stay out).
static PUNCT_WORD_START: [bool; 256] = with_bytes([false; 256], b"-=>{}+&%^;,?'\"");

/// The bytes at which the fast lane takes nothing, whatever follows
/// ([`Parser::fast_lane`]): ASCII bytes other than letters, digits,
/// blanks, [`PUNCT_WORD_START`] and the characters of
/// [`Parser::lone_text_char`]. At such a byte the lane's word loop stops at
/// once (it is a stop, or every next byte rules out a word starting with
/// it), no word of [`Parser::simple_word_end`] starts, and it is not text
/// alone.
pub(crate) static LANE_NEVER_STARTS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x80 {
        let b = c as u8;
        t[c] = !b.is_ascii_alphanumeric()
            && b != b' '
            && b != b'\t'
            && !PUNCT_WORD_START[c]
            && !matches!(b, b'(' | b')' | b'!' | b':');
        c += 1;
    }
    t
};

/// The bytes that end a [`Parser::simple_word_end`] word: `PlainRun`'s stops
/// and the autolink guards' (`\r`, `.`, `/`, `@`; `:` and the blanks are
/// both).
static WORD_STOP: [bool; 256] = with_bytes(PLAIN_RUN_STOP, b"\r./@");

#[cfg(test)]
mod tests {
    use super::{LANE_NEVER_STARTS, is_strike_run_char, strike_run_end};
    use crate::parse::{Options, cursor::Parser};
    use proptest::prelude::*;

    /// No character that [`super::starts_plain_word`] lets start a word
    /// is a Unicode emoji's start or JavaScript whitespace.
    #[test]
    fn plain_word_leads_start_no_emoji_and_no_blank() {
        let mut checked = 0;
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let text = c.encode_utf8(&mut buf);
            if !super::starts_plain_word(text.as_bytes()[0]) {
                continue;
            }
            checked += 1;
            assert!(!crate::parse::chars::is_js_whitespace(c), "{c:?}");
            assert!(
                !crate::parse::emoji::may_start_unicode_emoji(text.as_bytes(), 0),
                "{c:?}"
            );
            for next in ["", "\u{FE0F}", "\u{200D}\u{2764}", "\u{20E3}", "\u{1F3FB}"] {
                let s = format!("{c}{next}");
                assert_eq!(crate::parse::emoji::unicode_emoji(&s, 0), None, "{s:?}");
            }
        }
        assert!(checked > 40_000, "{checked}");
    }

    /// The far scans stop where the byte-at-a-time scan does, wherever
    /// the first stop lies (in the near bytes, past them, or nowhere), for
    /// each stop byte of either set and a byte outside both.
    #[test]
    fn far_scans_stop_where_near_ones_do() {
        use super::{EMAIL_STOP, EMAIL_STOP_BYTES, URL_STOP, first_of, first_of_far};
        // The e-mail guard's set, and one that takes more than one pass.
        let url_members = &b" \t\r\n:./@"[..];
        for (set, members) in [(&EMAIL_STOP, EMAIL_STOP_BYTES), (&URL_STOP, url_members)] {
            for stop in members.iter().copied().chain([b'x', 0xC3]) {
                for len in [0usize, 1, 15, 16, 17, 127, 128, 129, 200, 400] {
                    for at in (0..len).step_by(7).chain([len.saturating_sub(1)]) {
                        let mut b = vec![b'a'; len];
                        if at < len {
                            b[at] = stop;
                        }
                        // A second stop later on must not win.
                        if len > 0 {
                            b[len - 1] = if at + 1 < len { b'@' } else { b[len - 1] };
                        }
                        for from in [0, 1, 3] {
                            assert_eq!(
                                first_of_far(set, members, &b, from),
                                first_of(set, &b, from),
                                "{stop} {len} {at} {from}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// [`super::word_run`] as it was first written: each byte judged with
    /// the byte after it (a zero after the last).
    fn word_run_by_pairs(
        b: &[u8],
        mut i: usize,
        mut in_word: bool,
        mut word_start: usize,
    ) -> super::WordRun {
        let mut stop = None;
        while let Some(&c) = b.get(i) {
            let class = super::SIMPLE_BYTE[c as usize];
            if class & super::STOP_BIT != 0 {
                stop = Some(c);
                break;
            }
            let blank = class & super::BLANK_BIT != 0;
            let starting = !blank && !in_word;
            let next = b.get(i + 1).copied().unwrap_or(0);
            if starting && class & super::NEXT_IS[next as usize] != 0 {
                break;
            }
            if starting {
                word_start = i;
            }
            in_word = !blank;
            i += 1;
        }
        super::WordRun {
            end: i,
            in_word,
            word_start,
            stop,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 6000, failure_persistence: None, ..ProptestConfig::default() })]

        /// The shortcuts (plain emphasis and spoiler content, the table's
        /// alignment-row check, lone punctuation and ellipses in the fast
        /// lane) give the trees of the rules they skip:
        /// texts of markers, words, blanks, table pipes and the characters
        /// that start other rules (mentions' text forms, emoticons, emoji,
        /// links), parsed both ways.
        #[test]
        fn shortcuts_agree_with_the_rules(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "*", "**", "_", "__", "~", "~~", "a", "bold", "B", "x8", " ", "  ", "\t", "\n",
                "@", "#", ":)", ":D", "*)", "_a@b", "a#", "😀", "é", "[a](b.c)", "a.com", "`c`",
                "||", "<t:1>", ":smile:", "-", ".", "c", "color:#fff", "|", "|-", "| :--",
                "\n|", "-|", "(", ")", "!", "![a](b.c)", "(x.y)", "!#", "(#", "):", "...", "..",
                "localhost", "1.2.3", "a_", "@b", ":", ": ", "_a.b", "_localhost", "\u{A0}",
                "[", "](", "]", "[x y](https://a.b)", "[](a.b)", "(a.b)", "[x](", "] [",
                "привет", "日本", "ש", "क", "ไทย", "한", "ー", "\u{3000}", "é#", "Ω:", "ж!", "ć...",
                "-", "=", ">", "=>", "->", "{", "}", "+", "+5", "&", "%", "^", ";", "\"", "'", "-_-", ">:(", "=)", "-#", "--", "\"a\"",
                "*\t", "** ", "~ ", "_\t", "a@@b", "_@@u",
            ]), 0..14),
            emoticons in any::<bool>(),
        ) {
            let text: String = parts.concat();
            let options = Options { emoticons, ..Options::default() };
            let shortcut = Parser::new(&text, &options).document();
            let mut walk = Parser::new(&text, &options);
            walk.no_shortcuts = true;
            prop_assert_eq!(shortcut, walk.document(), "{:?}", text);
        }

        /// Runs of one marker (most of which the line loop takes as text
        /// at once, [`Parser::marker_run_text_end`]) between neighbours
        /// that may start or end a rule at the run's ends parse as the
        /// rules have them.
        #[test]
        fn marker_runs_agree_with_the_rules(
            parts in proptest::collection::vec((
                proptest::sample::select(vec!["*", "~", "_", "`", "|", "["]),
                1usize..9,
                proptest::sample::select(vec![
                    "", " ", "\t", "\n", "a", "b c", "x_", "@u", "#c", "\\0/*", "-)", ".", ".com",
                    "://x.co", "/", ":", "\r", "@", "localhost", "😀", "\u{FE0F}\u{20E3}", "*", "_",
                    "~", "`", "|", " *", " ~~", "a_", "||",
                ]),
            ), 1..5),
            lead in proptest::sample::select(vec!["", "a ", "- ", "> ", "# ", "|", "x"]),
            emoticons in any::<bool>(),
        ) {
            let mut text = lead.to_owned();
            for (m, n, after) in parts {
                text.push_str(&m.repeat(n));
                text.push_str(after);
            }
            let options = Options { emoticons, ..Options::default() };
            let shortcut = Parser::new(&text, &options).document();
            let mut walk = Parser::new(&text, &options);
            walk.no_shortcuts = true;
            prop_assert_eq!(shortcut, walk.document(), "{:?}", text);
        }

        /// Where the fast lane stops, it takes nothing more (the inline
        /// loop goes straight to an item after it).
        #[test]
        fn the_fast_lane_stops_where_it_would_take_nothing(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "bold", "B", "D", "c", "co", "x8", "0", " ", "  ", "\t", ".", "..", ",", "?", "'",
                "!", "(", ")", ":", ": ", "_", "*", "~", "@", "#", "😀", "é", "\u{3000}", "a.b", "x:",
                "localhost", "\n", "|",
            ]), 0..16),
        ) {
            let text: String = parts.concat();
            let options = Options::default();
            let mut p = Parser::new(&text, &options);
            let mut joined = crate::parse::reduce::Joiner::new(&text);
            while p.pos < text.len() {
                p.fast_lane(&mut joined);
                let at = p.pos;
                prop_assert!(!p.fast_lane(&mut joined), "{:?} at {}", text, at);
                prop_assert_eq!(p.pos, at);
                // Step over what stopped the lane, as an item would.
                p.pos += text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }

        /// The fast lane's word loop, which judges a word's first byte
        /// one turn late, takes what a loop judging each byte with the
        /// byte after it takes, from every position of texts of words,
        /// blanks and the bytes that rule a word out.
        #[test]
        fn the_word_loop_takes_what_a_loop_by_pairs_takes(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "bold", "B", "D", "O", "X", "8", "0", "c", "co", "x8", " ", "  ", "\t",
                "#", "-", ";", "=", "o", "é", "😀", ".", "..", "!", ")", ":", "\n", "*", ",",
                "localhost", "B-", "8;", "c#", "0é",
            ]), 0..14),
        ) {
            let text: String = parts.concat();
            let options = Options::default();
            for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let mut p = Parser::new(&text, &options);
                p.pos = from;
                let got = p.simple_words();
                let mut q = Parser::new(&text, &options);
                q.pos = from;
                let want = q.simple_words_with(word_run_by_pairs);
                prop_assert_eq!((got, p.pos), (want, q.pos), "{:?} from {}", text, from);
            }
        }

        /// Link titles of words, blanks and markers: the plain-title
        /// shortcut gives the walk's tree.
        #[test]
        fn plain_link_titles_agree_with_the_walk(
            title in "[ab1 _*~\\]\\[]{0,6}",
            url in proptest::sample::select(vec!["https://a.b", "a.b", "x", "", "https://a.b)c"]),
            after in proptest::sample::select(vec!["", ")", ") x", "](b.c)", " _"]),
        ) {
            let text = format!("x [{title}]({url}{after}");
            let options = Options::default();
            let shortcut = Parser::new(&text, &options).document();
            let mut walk = Parser::new(&text, &options);
            walk.no_shortcuts = true;
            prop_assert_eq!(shortcut, walk.document(), "{:?}", text);
        }
    }

    /// At every byte of [`LANE_NEVER_STARTS`], before any of a range of
    /// next characters and with the options on or off, the fast lane past
    /// its first-byte check takes nothing either.
    #[test]
    fn the_fast_lane_takes_nothing_where_its_first_byte_says_so() {
        let nexts = [
            "", " ", "\t", "\n", "a", "D", "0", "#", "-", ";", "=", "o", ")", "(", ":", "*", "_",
            "~", "/", ".", "@", "[", "]", "|", "\\", "<", ">", "é", "😀", "\u{3000}", "//a.b",
            "a.com", ":)", "-)", "D:",
        ];
        let mut checked = 0;
        for c in (0u8..0x80).filter(|&c| LANE_NEVER_STARTS[c as usize]) {
            for next in nexts {
                for emoticons in [false, true] {
                    let text = format!("{}{next}", c as char);
                    let options = Options {
                        emoticons,
                        ..Options::default()
                    };
                    let mut p = Parser::new(&text, &options);
                    let mut joined = crate::parse::reduce::Joiner::new(&text);
                    assert!(!p.fast_lane_here(&mut joined), "{text:?}");
                    assert_eq!(p.pos, 0, "{text:?}");
                    checked += 1;
                }
            }
        }
        // The table is not empty: the markers, `@`, `#`, `[`, line ends.
        assert!(checked > 20 * nexts.len());
        for c in b"*_~`@#[]<|\n\r.$" {
            assert!(LANE_NEVER_STARTS[*c as usize], "{}", *c as char);
        }
    }

    /// The byte scan stops where the character rule does: at every code
    /// point, alone and between run characters.
    #[test]
    fn strike_run_end_agrees_with_the_character_rule() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            let by_chars = s
                .char_indices()
                .find(|&(_, c)| !is_strike_run_char(c))
                .map_or(s.len(), |(i, _)| i);
            assert_eq!(
                strike_run_end(s.as_bytes(), 0),
                by_chars,
                "U+{:04X}",
                c as u32
            );
        }
    }
}
