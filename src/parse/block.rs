//! Block rules: the top level of a message (big emoji, quotes, spoiler
//! blocks, code, rules, tables, headings, lists, math, line breaks,
//! paragraphs).

use std::borrow::Cow;

use super::cursor::Parser;
use super::memo::Scan;
use super::reduce::Joiner;
use crate::ast::{CodeBlock, Fallback, JsNumber, Kind, Node, Root, TableCell};

impl<'a> Parser<'a, '_> {
    /// `Start = BigEmoji !. / (Blocks / Paragraph / EndOfLine)+`.
    pub(crate) fn document(&mut self) -> Root<'a> {
        self.document_after_plain_line(None)
    }

    /// [`Parser::document`] of a message whose first line's plain part
    /// (`parse::plain_line_len`) is known to be `first_plain` bytes long:
    /// the first line is the plain-line paragraph of that length
    /// ([`Parser::plain_line_paragraph`]) when it has one, and is not
    /// scanned for one again when it has none.
    pub(crate) fn document_after_plain_line(&mut self, first_plain: Option<usize>) -> Root<'a> {
        // Room for the first four blocks at once: every message but the
        // empty one has a block, and a list made with its room is cheaper
        // than one grown at its first push.
        let mut out = Vec::with_capacity(4);
        // The first line is known to start no plain-line paragraph.
        let mut first_line_known = false;
        if let Some(plain) = first_plain
            && self.shortcuts()
        {
            // No big emoji starts with a plain line's letter.
            match self.plain_line_paragraph_of(plain) {
                Some(p) => out.push(p),
                None => first_line_known = true,
            }
        }
        if out.is_empty() {
            if let Some(big) = self.big_emoji()
                && self.at_end()
            {
                out.push(big);
                return out;
            }
            self.pos = 0;
        }
        while !self.at_end() {
            let before = self.pos;
            if !std::mem::take(&mut first_line_known)
                && let Some(p) = self.plain_line_paragraph()
            {
                out.push(p);
                continue;
            }
            if let Some(b) = self.block() {
                out.push(b);
            } else if let Some(p) = self.paragraph() {
                out.push(p);
            } else if self.end_of_line() {
                out.push(Node::new(Kind::Paragraph(vec![Node::plain("")])));
            }
            if self.pos == before {
                // Unreachable for the grammar (a paragraph takes any
                // character); kept so that no input can loop.
                self.pos += self.peek_char().map_or(1, char::len_utf8);
            }
        }
        out
    }

    /// At a block's start, a line that is all plain line (see
    /// `parse::plain_line_len`: it starts with a letter, which starts no
    /// block) up to a line feed or the end is a paragraph of one
    /// PLAIN_TEXT, the line feed taken: no rule can start within it, so
    /// none can reach past it. When only the line's start is plain, its
    /// plain words (`parse::plain_words_len`) start the paragraph as text,
    /// as for the message's first line.
    fn plain_line_paragraph(&mut self) -> Option<Node<'a>> {
        // A plain line starts with a letter: most other lines are settled
        // here, without a call.
        if !self.shortcuts() || !self.b.get(self.pos).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        self.plain_line_paragraph_of(super::plain_line_len(&self.b[self.pos..]))
    }

    /// [`Parser::plain_line_paragraph`] of a line whose plain part
    /// (`parse::plain_line_len`) is known to be `plain` bytes long.
    fn plain_line_paragraph_of(&mut self, plain: usize) -> Option<Node<'a>> {
        let start = self.pos;
        let line = &self.b[start..];
        if plain == 0 {
            return None;
        }
        if matches!(line.get(plain), None | Some(b'\n')) {
            return Some(self.plain_paragraph(plain));
        }
        match super::plain_words_len(line, plain) {
            0 => None,
            words => Some(self.paragraph_after_plain_text(start, start + words)),
        }
    }

    /// The paragraph of the `len` bytes from the position, a plain line
    /// up to a line feed (taken) or the end.
    fn plain_paragraph(&mut self, len: usize) -> Node<'a> {
        let start = self.pos;
        self.pos = start + len;
        self.end_of_line();
        Node::new(Kind::Paragraph(vec![self.plain(start, start + len)]))
    }

    /// The paragraph from `start`, a line's start, whose text up to `plain`
    /// (after a space) is known to be plain words and blanks.
    fn paragraph_after_plain_text(&mut self, start: usize, plain: usize) -> Node<'a> {
        let mut joined = Joiner::for_line(self.s);
        joined.extend_plain(&self.s[start..plain], true, false);
        self.pos = plain;
        let joined = self.inline_items_into(joined);
        self.end_of_line();
        Node::new(Kind::Paragraph(joined.finish()))
    }

    /// `BigEmoji`: one to three emoji (or emoticons) and nothing but
    /// spaces and line ends around them.
    fn big_emoji(&mut self) -> Option<Node<'a>> {
        self.skip_blank();
        // A shortcode starts with `:`, and Unicode emoji and emoticons
        // with bytes of their own: most messages start with none.
        let p = self.pos;
        let c = self.peek()?;
        if c != b':' && !super::emoji::may_start_unicode_emoji(self.b, p) && !self.emoticon_at(p) {
            return None;
        }
        let mut emoji = Vec::new();
        while emoji.len() < 3 {
            let Some(e) = self.emoji().or_else(|| self.emoticon()) else {
                break;
            };
            emoji.push(e);
            self.skip_blank();
        }
        (!emoji.is_empty()).then(|| Node::new(Kind::BigEmoji(emoji)))
    }

    /// `(EndOfLine / Space)*`.
    fn skip_blank(&mut self) {
        loop {
            if self.end_of_line() || self.eat_byte(b' ') || self.eat_byte(b'\t') {
                continue;
            }
            break;
        }
    }

    /// `Blocks`: Blockquote / BlockSpoiler / Code / HorizontalRule / Table /
    /// Heading / Tasks / OrderedList / UnorderedList / Katex / LineBreak.
    /// Each starts with a character of its own, so the first character
    /// picks the candidates, kept in the grammar's order.
    fn block(&mut self) -> Option<Node<'a>> {
        self.memo.steps += 1;
        match self.peek()? {
            b'>' => self.blockquote(),
            b'|' => self.spoiler_block().or_else(|| self.table()),
            b'`' => self.code(),
            b'-' => self
                .horizontal_rule()
                .or_else(|| self.tasks())
                .or_else(|| self.unordered_list()),
            b' ' | b'\t' => self.horizontal_rule().or_else(|| self.line_break()),
            b'#' => self.heading(),
            b'0'..=b'9' => self.ordered_list(),
            b'*' => self.unordered_list(),
            b'\\' | b'$' => self.katex_block(),
            b'\r' | b'\n' => self.line_break(),
            _ => None,
        }
    }

    /// `Paragraph = Inline`.
    pub(crate) fn paragraph(&mut self) -> Option<Node<'a>> {
        let v = self.inline_line()?;
        Some(Node::new(Kind::Paragraph(v)))
    }

    /// `Inline = (InlineItemPattern / Any)+ EndOfLine?`.
    pub(crate) fn inline_line(&mut self) -> Option<Vec<Node<'a>>> {
        let joined = self.inline_items();
        if joined.is_empty() {
            return None;
        }
        self.end_of_line();
        Some(joined.finish())
    }

    /// `(InlineItemPattern / Any)*` (the rest of a line), joined.
    fn inline_items(&mut self) -> Joiner<'a> {
        self.inline_items_into(Joiner::for_line(self.s))
    }

    /// [`Parser::inline_items`], added to `joined`.
    fn inline_items_into(&mut self, mut joined: Joiner<'a>) -> Joiner<'a> {
        let start = self.pos;
        loop {
            // Where the fast lane stops it would take nothing more (it
            // stops only where none of its words or blanks starts), so an
            // item is next either way.
            self.fast_lane(&mut joined);
            // Then most of a run of one marker, as text, when it is that:
            // the run's last bytes are items of their own either way.
            self.marker_run_text(&mut joined);
            if !self.inline_item_or_any(&mut joined) {
                break;
            }
            joined.plan_growth(self.pos - start, self.s.len() - self.pos);
        }
        joined
    }

    /// `InlineItemPattern / Any`, joined: false when neither matches.
    #[inline]
    pub(crate) fn inline_item_or_any(&mut self, joined: &mut Joiner<'a>) -> bool {
        if let Some(i) = self.inline_item() {
            joined.push_item(i);
            return true;
        }
        match self.any_text() {
            Some(t) => {
                joined.push_plain(t);
                true
            }
            None => false,
        }
    }

    /// The fast lane of the loops `(InlineItemPattern / …)*`: blanks and
    /// words that can only be `Whitespace` or `PlainRun` items extend the
    /// PLAIN_TEXT node before them without making items. True when it took
    /// anything. Valid in every loop whose first alternative is
    /// `InlineItemPattern` and whose stops (`|`, `*`, `\|`, line ends) a
    /// blank or such a word never contains.
    #[inline]
    pub(crate) fn fast_lane(&mut self, joined: &mut Joiner<'a>) -> bool {
        // Before most items the lane takes nothing, and its first byte
        // tells (a marker, `@`, `#`, `[`, a line end, the text's end).
        match self.b.get(self.pos) {
            Some(&c) if !super::inline::LANE_NEVER_STARTS[c as usize] => {
                self.fast_lane_here(joined)
            }
            _ => false,
        }
    }

    /// [`Parser::fast_lane`] past its first-byte check.
    pub(crate) fn fast_lane_here(&mut self, joined: &mut Joiner<'a>) -> bool {
        let span = self.pos;
        // Blanks before a byte where the lane takes nothing (most often
        // one space between two items of markup): the lane takes the
        // blanks and stops there, and they are its only raw item. (Like
        // the check in the loop, a shortcut: without it the loop finds the
        // same, which the tests compare.)
        if self.shortcuts()
            && let Some(end) = self.blanks_before_lane_stop(span)
        {
            self.memo.steps += (end - span) as u64 + 1;
            self.pos = end;
            joined.extend_plain(&self.s[span..end], false, false);
            return true;
        }
        // Whether the last raw item taken is not blank.
        let mut touches = None;
        loop {
            if let Some(last) = self.simple_words() {
                touches = Some(last);
            }
            let Some(c) = self.peek() else {
                break;
            };
            // Where the lane takes nothing, whatever follows (most often
            // the marker after a space between two items of markup).
            if self.shortcuts() && super::inline::lane_stops_at(self.b, self.pos) {
                break;
            }
            // `simple_words` took the blanks: a word is next.
            let start = self.pos;
            if let Some(end) = self.simple_word_end(c) {
                self.pos = end;
                touches = Some(true);
            } else if (c >= 0x80 || c.is_ascii_alphanumeric()) && self.only_plain_run_can_match(c) {
                self.take_plain_run();
                // Blank is what JavaScript's trim removes (U+3000 too).
                let text = &self.s[start..self.pos];
                touches = Some(c.is_ascii() || !super::chars::js_blank(text));
            } else if self.lone_text_char(c) {
                self.pos += 1;
                touches = Some(true);
            } else {
                break;
            }
        }
        match touches {
            Some(last) => {
                let first = joined.emoji_waits() && self.first_item_touches(span);
                joined.extend_plain(&self.s[span..self.pos], first, last);
                true
            }
            None => false,
        }
    }

    /// The end of the blanks from `span` when there are any and the lane
    /// takes nothing after them
    /// ([`lane_stops_at`](super::inline::lane_stops_at)).
    #[inline]
    fn blanks_before_lane_stop(&self, span: usize) -> Option<usize> {
        let b = self.b;
        if !matches!(b.get(span), Some(b' ' | b'\t')) {
            return None;
        }
        let mut end = span + 1;
        while matches!(b.get(end), Some(b' ' | b'\t')) {
            end += 1;
        }
        super::inline::lane_stops_at(b, end).then_some(end)
    }

    /// Whether the first raw item of a fast-lane span from `span` is not
    /// blank: a blank run is; a word from an ASCII character or another
    /// character that JavaScript's trim keeps is not; else the item is the
    /// `PlainRun` from there, blank when trim removes all of it.
    fn first_item_touches(&self, span: usize) -> bool {
        match self.b.get(span) {
            None | Some(b' ' | b'\t') => false,
            Some(&c) if c < 0x80 => true,
            Some(_) => {
                let first = self.s[span..].chars().next();
                if !first.is_some_and(super::chars::is_js_whitespace) {
                    return true;
                }
                let end = self.plain_run_end(span);
                !super::chars::js_blank(&self.s[span..end])
            }
        }
    }

    /// `BlockquoteLine+`.
    fn blockquote(&mut self) -> Option<Node<'a>> {
        let mut lines = Vec::new();
        loop {
            let start = self.pos;
            if !self.eat_byte(b'>') {
                break;
            }
            self.take_bytes(|c| c == b' ' || c == b'\t');
            if self.end_of_line() {
                lines.push(Node::new(Kind::Paragraph(vec![Node::plain("")])));
                continue;
            }
            match self.paragraph() {
                Some(p) => lines.push(p),
                None => {
                    self.pos = start;
                    break;
                }
            }
        }
        (!lines.is_empty()).then(|| Node::new(Kind::Quote(lines)))
    }

    /// `"||" EndOfLine (!"||" Paragraph)+ EndOfLine? "||"`.
    fn spoiler_block(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        if !self.eat("||") || !self.end_of_line() {
            self.pos = start;
            return None;
        }
        let mut paras = Vec::new();
        while !self.looking_at("||") {
            match self.paragraph() {
                Some(p) => paras.push(p),
                None => break,
            }
        }
        if paras.is_empty() {
            self.pos = start;
            return None;
        }
        self.end_of_line();
        if !self.eat("||") {
            self.pos = start;
            return None;
        }
        Some(Node::new(Kind::SpoilerBlock(paras)))
    }

    /// `"```" CodeLanguage? EndOfLine CodeLine+ EndOfLine "```"`.
    fn code(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        if !self.eat("```") {
            return None;
        }
        let lang = self
            .take_bytes(|c| c.is_ascii_alphanumeric() || matches!(c, b' ' | b'_' | b'-' | b'.'));
        let language = (!lang.is_empty()).then_some(Cow::Borrowed(lang));
        if !self.end_of_line() {
            self.pos = start;
            return None;
        }
        let mut lines = Vec::new();
        while let Some(l) = self.code_line() {
            lines.push(l);
        }
        if lines.is_empty() || !self.end_of_line() || !self.eat("```") {
            self.pos = start;
            return None;
        }
        Some(Node::new(Kind::Code(Box::new(CodeBlock {
            language: Some(language.unwrap_or(Cow::Borrowed("none"))),
            lines,
        }))))
    }

    /// `CodeLine = CodeChunk / "\n" CodeChunk / "\n" !"```"`.
    fn code_line(&mut self) -> Option<Node<'a>> {
        if let Some(t) = self.code_chunk() {
            return Some(Node::new(Kind::CodeLine(Cow::Borrowed(t))));
        }
        let start = self.pos;
        if !self.eat_byte(b'\n') {
            return None;
        }
        if let Some(t) = self.code_chunk() {
            return Some(Node::new(Kind::CodeLine(Cow::Borrowed(t))));
        }
        if self.looking_at("```") {
            self.pos = start;
            return None;
        }
        Some(Node::new(Kind::CodeLine(Cow::Borrowed(""))))
    }

    /// `CodeChunk = ([^\r\n`] / "`" [^`\r\n] / "``" [^`\r\n] / "``" &EOL / "`" &EOL)+`.
    fn code_chunk(&mut self) -> Option<&'a str> {
        let start = self.pos;
        loop {
            // Every byte but these is a step of its own (a character's
            // bytes included): to the first of them at once.
            let rest = &self.b[self.pos..];
            let plain = memchr::memchr3(b'\r', b'\n', b'`', rest).unwrap_or(rest.len());
            self.pos += plain;
            let b = &rest[plain..];
            let step = match b {
                [b'`', c, ..] if !matches!(c, b'\r' | b'\n' | b'`') => 2,
                [b'`', b'`', c, ..] if !matches!(c, b'\r' | b'\n' | b'`') => 3,
                // One or two backticks just before a line end or the end.
                [b'`', b'`'] | [b'`', b'`', b'\r' | b'\n', ..] => 2,
                [b'`'] | [b'`', b'\r' | b'\n', ..] => 1,
                _ => break,
            };
            self.pos += step;
            // Keep on a character boundary: the step's last byte may start
            // a multi-byte character.
            while !self.s.is_char_boundary(self.pos) {
                self.pos += 1;
            }
        }
        (self.pos > start).then(|| self.slice(start, self.pos))
    }

    /// `[ \t]* "---"+ [ \t]* (EndOfLine / !.)` (three dashes or more).
    fn horizontal_rule(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        self.take_bytes(|c| c == b' ' || c == b'\t');
        let d0 = self.pos;
        self.take_bytes(|c| c == b'-');
        let d1 = self.pos;
        if d1 - d0 < 3 {
            self.pos = start;
            return None;
        }
        self.take_bytes(|c| c == b' ' || c == b'\t');
        if !self.end_of_line() && !self.at_end() {
            self.pos = start;
            return None;
        }
        let fallback = Fallback::Range(self.utf16_offset(d0), self.utf16_offset(d1));
        Some(Node::new(Kind::HorizontalRule {
            fallback: Some(fallback),
        }))
    }

    /// A table: a row, the alignment row, more rows.
    fn table(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        // No alignment row anywhere after the first `|`: no table, and no
        // need to build the header row's cells (a line that starts with a
        // spoiler would be parsed twice).
        let b = self.b;
        let from = (start + 1).min(b.len());
        if self.shortcuts()
            && self
                .memo
                .scan(Scan::AlignmentRow, from, |q| alignment_cell_pipe(b, q))
                == b.len()
        {
            return None;
        }
        let header = self.table_row()?;
        let Some(aligns) = self.table_alignments() else {
            self.pos = start;
            return None;
        };
        let mut rows = Vec::new();
        while let Some(r) = self.table_row() {
            rows.push(r);
        }
        let fallback = Fallback::Range(self.utf16_offset(start), self.utf16_offset(self.pos));
        let cell = |value: Vec<Node<'a>>, align: Option<&'static str>| {
            Node::new(Kind::TableCell(Box::new(TableCell {
                align: align.map(Cow::Borrowed),
                value: trim_cell(value),
            })))
        };
        let width = header.len();
        let header_cells: Vec<Node<'a>> = header
            .into_iter()
            .enumerate()
            .map(|(i, v)| cell(v, aligns.get(i).copied().flatten()))
            .collect();
        let body: Vec<Node<'a>> = rows
            .into_iter()
            .map(|row| {
                let mut row = row.into_iter();
                let cells = (0..width)
                    .map(|i| {
                        cell(
                            row.next().unwrap_or_default(),
                            aligns.get(i).copied().flatten(),
                        )
                    })
                    .collect();
                Node::new(Kind::TableRow(cells))
            })
            .collect();
        Some(Node::new(Kind::Table(Box::new(crate::ast::Table {
            header: header_cells,
            rows: body,
            fallback: Some(fallback),
        }))))
    }

    /// `"|" (Cell "|")+ EndOfLine?`: the cells' items.
    fn table_row(&mut self) -> Option<Vec<Vec<Node<'a>>>> {
        let start = self.pos;
        if !self.eat_byte(b'|') {
            return None;
        }
        let mut cells = Vec::new();
        loop {
            let cell_start = self.pos;
            let items = self.table_cell();
            if !self.eat_byte(b'|') {
                self.pos = cell_start;
                break;
            }
            cells.push(items);
        }
        if cells.is_empty() {
            self.pos = start;
            return None;
        }
        self.end_of_line();
        Some(cells)
    }

    /// `("\|" / !"|" !EndOfLine (InlineItemPattern / Any))*`.
    fn table_cell(&mut self) -> Vec<Node<'a>> {
        let mut joined = Joiner::new(self.s);
        loop {
            if self.looking_at("\\|") {
                let p = self.pos;
                self.pos += 2;
                joined.push(self.plain(p + 1, p + 2));
                continue;
            }
            if self.peek() == Some(b'|') || self.at_eol() || self.at_end() {
                break;
            }
            if self.fast_lane(&mut joined) {
                continue;
            }
            if !self.inline_item_or_any(&mut joined) {
                break;
            }
        }
        joined.finish()
    }

    /// `"|" ([ \t]* ":"? "-"+ ":"? [ \t]* "|")+ EndOfLine?`.
    fn table_alignments(&mut self) -> Option<Vec<Option<&'static str>>> {
        let start = self.pos;
        if !self.eat_byte(b'|') {
            return None;
        }
        let mut aligns = Vec::new();
        loop {
            let cell_start = self.pos;
            self.take_bytes(|c| c == b' ' || c == b'\t');
            let left = self.eat_byte(b':');
            let d = self.pos;
            self.take_bytes(|c| c == b'-');
            if self.pos == d {
                self.pos = cell_start;
                break;
            }
            let right = self.eat_byte(b':');
            self.take_bytes(|c| c == b' ' || c == b'\t');
            if !self.eat_byte(b'|') {
                self.pos = cell_start;
                break;
            }
            aligns.push(match (left, right) {
                (true, true) => Some("center"),
                (false, true) => Some("right"),
                (true, false) => Some("left"),
                (false, false) => None,
            });
        }
        if aligns.is_empty() {
            self.pos = start;
            return None;
        }
        self.end_of_line();
        Some(aligns)
    }

    /// `"#"{1,4} [ \t]+ (InlineItemPattern / !EndOfLine Any)+ EndOfLine?`.
    fn heading(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        let hashes = self.take_bytes(|c| c == b'#').len();
        if hashes > 4 {
            self.pos = start + 4;
        }
        let level = hashes.min(4) as u32;
        let ws = self.pos;
        self.take_bytes(|c| c == b' ' || c == b'\t');
        if self.pos == ws {
            self.pos = start;
            return None;
        }
        let joined = self.inline_items();
        if joined.is_empty() {
            self.pos = start;
            return None;
        }
        self.end_of_line();
        Some(Node::new(Kind::Heading {
            level,
            value: joined.finish(),
        }))
    }

    /// `Task+`: `- [x] text` / `- [ ] text`.
    fn tasks(&mut self) -> Option<Node<'a>> {
        let mut tasks = Vec::new();
        loop {
            let start = self.pos;
            if !self.eat("- [") {
                break;
            }
            let status = if self.eat_byte(b'x') {
                true
            } else if self.eat_byte(b' ') {
                false
            } else {
                self.pos = start;
                break;
            };
            let ws = self.pos + 1;
            if !self.eat_byte(b']') || self.take_bytes(|c| c == b' ' || c == b'\t').is_empty() {
                self.pos = start;
                break;
            }
            let _ = ws;
            match self.inline_line() {
                Some(value) => tasks.push(Node::new(Kind::Task { status, value })),
                None => {
                    self.pos = start;
                    break;
                }
            }
        }
        (!tasks.is_empty()).then(|| Node::new(Kind::Tasks(tasks)))
    }

    /// `(Digits "." [ \t]+ Inline)+`.
    fn ordered_list(&mut self) -> Option<Node<'a>> {
        let mut items = Vec::new();
        loop {
            let start = self.pos;
            let digits = self.take_bytes(|c| c.is_ascii_digit());
            if digits.is_empty()
                || !self.eat_byte(b'.')
                || self.take_bytes(|c| c == b' ' || c == b'\t').is_empty()
            {
                self.pos = start;
                break;
            }
            match self.inline_line() {
                Some(value) => items.push(Node::new(Kind::ListItem {
                    value,
                    number: Some(JsNumber::new(parse_int(digits))),
                })),
                None => {
                    self.pos = start;
                    break;
                }
            }
        }
        (!items.is_empty()).then(|| Node::new(Kind::OrderedList(items)))
    }

    /// `("-" [ \t]+ Inline)+ / ("*" [ \t]+ AsteriskItemContent)+`.
    fn unordered_list(&mut self) -> Option<Node<'a>> {
        // An item starts with its marker and a blank: most lines that
        // start with `*` (bold) or `-` have none.
        if !matches!(self.b.get(self.pos + 1), Some(b' ' | b'\t')) {
            return None;
        }
        for marker in [b'-', b'*'] {
            let mut items = Vec::new();
            loop {
                let start = self.pos;
                if !self.eat_byte(marker) || self.take_bytes(|c| c == b' ' || c == b'\t').is_empty()
                {
                    self.pos = start;
                    break;
                }
                let value = if marker == b'-' {
                    self.inline_line()
                } else {
                    self.asterisk_item_content()
                };
                match value {
                    Some(value) => items.push(Node::new(Kind::ListItem {
                        value,
                        number: None,
                    })),
                    None => {
                        self.pos = start;
                        break;
                    }
                }
            }
            if !items.is_empty() {
                return Some(Node::new(Kind::UnorderedList(items)));
            }
        }
        None
    }

    /// `(InlineItemPattern / !"*" Any)+ !"*" EndOfLine?`.
    fn asterisk_item_content(&mut self) -> Option<Vec<Node<'a>>> {
        let start = self.pos;
        let mut joined = Joiner::new(self.s);
        loop {
            if self.fast_lane(&mut joined) {
                continue;
            }
            if let Some(i) = self.inline_item() {
                joined.push_item(i);
                continue;
            }
            if self.peek() == Some(b'*') {
                break;
            }
            match self.any_text() {
                Some(t) => joined.push_plain(t),
                None => break,
            }
        }
        if joined.is_empty() || self.peek() == Some(b'*') {
            self.pos = start;
            return None;
        }
        self.end_of_line();
        Some(joined.finish())
    }

    /// `KatexStart (!KatexEnd .)* KatexEnd`: `\[…\]` or `$$…$$`.
    fn katex_block(&mut self) -> Option<Node<'a>> {
        let k = self.opts.katex?;
        let start = self.pos;
        if !(k.parenthesis_syntax && self.eat("\\[") || k.dollar_syntax && self.eat("$$")) {
            return None;
        }
        let body = self.pos;
        let b = self.b;
        let (paren, dollar) = (k.parenthesis_syntax, k.dollar_syntax);
        let end = self
            .memo
            .scan(super::memo::Scan::KatexBlockClose, body, |p| {
                (p..b.len())
                    .find(|&i| {
                        paren && b[i..].starts_with(b"\\]") || dollar && b[i..].starts_with(b"$$")
                    })
                    .unwrap_or(b.len())
            });
        if end >= b.len() {
            self.pos = start;
            return None;
        }
        self.pos = end + 2;
        Some(Node::new(Kind::Katex(Cow::Borrowed(&self.s[body..end]))))
    }

    /// `LineBreak = Space* EndOfLine`.
    fn line_break(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        self.take_bytes(|c| c == b' ' || c == b'\t');
        if self.end_of_line() {
            return Some(Node::new(Kind::LineBreak));
        }
        self.pos = start;
        None
    }
}

/// JavaScript's `parseInt(digits, 10)` for a run of ASCII digits.
fn parse_int(digits: &str) -> f64 {
    digits.parse::<f64>().unwrap_or(0.0)
}

/// Trims leading white space of the first and trailing white space of the
/// last PLAIN_TEXT of a table cell, dropping them when they become empty.
fn trim_cell(mut v: Vec<Node<'_>>) -> Vec<Node<'_>> {
    use super::chars::{js_trim_end, js_trim_start};
    if let Some(Node {
        kind: Kind::PlainText(t),
        ..
    }) = v.first_mut()
    {
        let trimmed = match t {
            Cow::Borrowed(s) => Cow::Borrowed(js_trim_start(s)),
            Cow::Owned(s) => Cow::Owned(js_trim_start(s).to_owned()),
        };
        if trimmed.is_empty() {
            v.remove(0);
        } else {
            *t = trimmed;
        }
    }
    if let Some(Node {
        kind: Kind::PlainText(t),
        ..
    }) = v.last_mut()
    {
        let trimmed = match t {
            Cow::Borrowed(s) => Cow::Borrowed(js_trim_end(s)),
            Cow::Owned(s) => Cow::Owned(js_trim_end(s).to_owned()),
        };
        if trimmed.is_empty() {
            v.pop();
        } else {
            *t = trimmed;
        }
    }
    v
}

/// Whether an alignment cell can start at `i` (after its `|`): blanks, an
/// optional `:`, then `-` (the start of `table_alignments`' cell).
/// The first `|` from `from` that starts an alignment cell
/// (a `|`, blanks, an optional `:` and a `-`), or the end. Found from the `-`
/// every such cell has: the first `-` with `|`, blanks and an optional `:`
/// before it (back to `from`) gives the first such `|`, since the blanks
/// and colon between a later one and its `-` cannot hold an earlier `-`.
fn alignment_cell_pipe(b: &[u8], from: usize) -> usize {
    let Some(rest) = b.get(from..) else {
        return b.len();
    };
    for d in memchr::memchr_iter(b'-', rest).map(|d| from + d) {
        let mut i = d;
        if i > from && b[i - 1] == b':' {
            i -= 1;
        }
        while i > from && matches!(b[i - 1], b' ' | b'\t') {
            i -= 1;
        }
        if i > from && b[i - 1] == b'|' {
            return i - 1;
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::alignment_cell_pipe;
    use proptest::prelude::*;

    fn starts_alignment_cell(b: &[u8], i: usize) -> bool {
        let blanks = b.get(i..).map_or(0, |r| {
            r.iter().take_while(|&&c| c == b' ' || c == b'\t').count()
        });
        let mut j = i + blanks;
        if b.get(j) == Some(&b':') {
            j += 1;
        }
        b.get(j) == Some(&b'-')
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]

        /// The search from the `-` finds the first `|` that a scan of
        /// every `|` would.
        #[test]
        fn alignment_cells_are_found_from_their_dash(text in "[|\\-: \ta]{0,24}", from in 0usize..26) {
            let b = text.as_bytes();
            let from = from.min(b.len());
            let scan = (from..b.len())
                .find(|&i| b[i] == b'|' && starts_alignment_cell(b, i + 1))
                .unwrap_or(b.len());
            prop_assert_eq!(alignment_cell_pipe(b, from), scan, "{:?} from {}", text, from);
        }
    }
}
