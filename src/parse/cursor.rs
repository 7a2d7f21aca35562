//! The parser's state: the input, the position, the options and the
//! grammar's re-entrancy flags, with the small matchers every rule uses.

use std::borrow::Cow;
use std::cell::Cell;

use super::Options;
use crate::ast::{Kind, Node};

/// One parse in progress. Rules are methods on it (in `block` and
/// `inline`); each either succeeds, leaving `pos` after what it matched, or
/// fails, leaving `pos` where it was.
pub(crate) struct Parser<'a, 'o> {
    /// The whole message.
    pub s: &'a str,
    /// The same, as bytes.
    pub b: &'a [u8],
    /// Current byte offset.
    pub pos: usize,
    /// Options of this parse.
    pub opts: &'o Options,
    /// The clock for timestamps, in ms since the epoch: read on first use
    /// (most messages have no timestamp, and reading the clock is a
    /// system call's cost).
    now_ms: Option<i64>,
    /// The grammar's flags that stop a rule from nesting in itself.
    pub skip_bold: bool,
    pub skip_italic: bool,
    pub skip_strike: bool,
    pub skip_references: bool,
    /// True inside a sequence walk that only measures where items end
    /// (`seq_end`): nested emphasis content is then not built.
    pub measuring: bool,
    /// What keeps the parse linear.
    pub memo: super::memo::Memo,
    /// The last byte offset converted to UTF-16 and its UTF-16 offset:
    /// conversions start from here, so a message's fallbacks cost one pass
    /// over it, not one pass each.
    utf16_mark: (usize, u64),
    /// How many bytes from the start are ASCII, where a byte offset is its
    /// UTF-16 offset (`usize::MAX` until the first conversion).
    ascii_prefix: usize,
    /// The last `MarkdownLinkRef` read: where, and its answer.
    pub link_url: Option<(usize, Option<LinkUrl<'a>>)>,
    /// The last plain span of emphasis content taken
    /// (`emphasis_plain_span`): the kind's marker, where it started, where
    /// it ended, and whether its first and last raw items are not blank.
    /// A content walk often scans the same span just after
    /// `closed_plain_content` did.
    pub plain_span: (u8, usize, usize, bool, bool),
    /// The last Unicode emoji looked for: where, and its end. The fast
    /// lane's word checks and then the emoji rule ask at the same place.
    unicode_emoji: Cell<(usize, Option<usize>)>,
    /// The last answer of `only_plain_run_can_match`: where, and what.
    pub plain_run_only: (usize, bool),
    /// For `*`, `_` and `~`: one past the last one in the message (0 when
    /// there is none), or `usize::MAX` until first asked
    /// ([`Parser::marker_after`]).
    marker_ends: [usize; 3],
    /// Tests only: take none of the shortcuts that skip a rule's general
    /// path (see [`Parser::shortcuts`]), to check them against it.
    #[cfg(test)]
    pub no_shortcuts: bool,
}

/// The ASCII bytes of `UTF8NamesValidation` (`[-_.A-Za-z0-9]`), for
/// [`Parser::take_names`].
static ASCII_NAME_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x80 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.';
        c += 1;
    }
    t
};

/// A `MarkdownLinkRef` that matched: its end and its href.
pub(crate) type LinkUrl<'a> = (usize, Cow<'a, str>);

impl<'a, 'o> Parser<'a, 'o> {
    pub fn new(s: &'a str, opts: &'o Options) -> Self {
        super::links::begin_parse(s);
        Parser {
            s,
            b: s.as_bytes(),
            pos: 0,
            opts,
            now_ms: None,
            utf16_mark: (0, 0),
            ascii_prefix: usize::MAX,
            link_url: None,
            plain_span: (0, usize::MAX, 0, false, false),
            unicode_emoji: Cell::new((usize::MAX, None)),
            plain_run_only: (usize::MAX, false),
            marker_ends: [usize::MAX; 3],
            #[cfg(test)]
            no_shortcuts: false,
            skip_bold: false,
            skip_italic: false,
            skip_strike: false,
            skip_references: false,
            measuring: false,
            memo: super::memo::Memo::new(s.len()),
        }
    }

    /// The end of the Unicode emoji at `p` ([`super::emoji::unicode_emoji`]),
    /// remembered for one position.
    #[inline]
    pub fn unicode_emoji_end(&self, p: usize) -> Option<usize> {
        let (at, end) = self.unicode_emoji.get();
        if at == p {
            return end;
        }
        let end = super::emoji::unicode_emoji(self.s, p);
        self.unicode_emoji.set((p, end));
        end
    }

    /// Whether an emoticon starts at `p` and the options turn emoticons
    /// on: where a rule that would take the text must leave it.
    #[inline]
    pub fn emoticon_at(&self, p: usize) -> bool {
        self.opts.emoticons
            && self
                .b
                .get(p)
                .is_some_and(|&c| super::emoji::may_start_emoticon(c))
            && super::emoji::emoticon(self.s, p).is_some()
    }

    /// Whether the emphasis marker `m` (`*`, `_` or `~`) occurs at `from`
    /// or after it: one backward search per marker and parse, then a
    /// comparison. Emphasis content cannot close without one.
    pub fn marker_after(&mut self, m: u8, from: usize) -> bool {
        let slot = match m {
            b'*' => 0,
            b'_' => 1,
            _ => 2,
        };
        if self.marker_ends[slot] == usize::MAX {
            self.marker_ends[slot] = memchr::memrchr(m, self.b).map_or(0, |p| p + 1);
            self.memo.steps += self.b.len() as u64 + 1;
        }
        from < self.marker_ends[slot]
    }

    /// Whether the shortcuts that give a rule's answer without its general
    /// path are on: always, but for tests that compare them with it.
    #[inline(always)]
    pub fn shortcuts(&self) -> bool {
        #[cfg(test)]
        return !self.no_shortcuts;
        #[cfg(not(test))]
        true
    }

    /// The skip flags as one byte, for memo keys.
    #[inline]
    pub fn flags(&self) -> u8 {
        u8::from(self.skip_bold)
            | u8::from(self.skip_italic) << 1
            | u8::from(self.skip_strike) << 2
            | u8::from(self.skip_references) << 3
    }

    /// True at the end of input.
    #[inline]
    pub fn at_end(&self) -> bool {
        self.pos >= self.b.len()
    }

    /// The byte at the position.
    #[inline]
    pub fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    /// The byte `n` after the position.
    #[inline]
    pub fn peek_at(&self, n: usize) -> Option<u8> {
        self.b.get(self.pos + n).copied()
    }

    /// The character at the position.
    #[inline]
    pub fn peek_char(&self) -> Option<char> {
        self.s.get(self.pos..).and_then(|r| r.chars().next())
    }

    /// True when the input continues with `lit` at the position.
    #[inline]
    pub fn looking_at(&self, lit: &str) -> bool {
        self.b[self.pos.min(self.b.len())..].starts_with(lit.as_bytes())
    }

    /// Consumes `lit` if the input continues with it.
    #[inline]
    pub fn eat(&mut self, lit: &str) -> bool {
        if self.looking_at(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    /// Consumes one byte if it is `c`.
    #[inline]
    pub fn eat_byte(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Length of the line end at `pos` (`\r\n`, `\n` or `\r`), if any.
    #[inline]
    pub fn eol_len_at(&self, pos: usize) -> Option<usize> {
        match self.b.get(pos) {
            Some(b'\n') => Some(1),
            Some(b'\r') => Some(if self.b.get(pos + 1) == Some(&b'\n') {
                2
            } else {
                1
            }),
            _ => None,
        }
    }

    /// `EndOfLine`: consumes a line end.
    #[inline]
    pub fn end_of_line(&mut self) -> bool {
        match self.eol_len_at(self.pos) {
            Some(n) => {
                self.pos += n;
                true
            }
            None => false,
        }
    }

    /// True at a line end.
    #[inline]
    pub fn at_eol(&self) -> bool {
        matches!(self.peek(), Some(b'\n' | b'\r'))
    }

    /// Consumes one character (`.`: the grammar's one code unit; an astral
    /// character is taken whole).
    #[inline]
    pub fn any_char(&mut self) -> Option<&'a str> {
        let c = self.peek_char()?;
        let start = self.pos;
        self.pos += c.len_utf8();
        Some(&self.s[start..self.pos])
    }

    /// Consumes characters while `f` holds; returns the slice.
    #[inline]
    pub fn take_while(&mut self, f: impl Fn(char) -> bool) -> &'a str {
        let start = self.pos;
        let rest = &self.s[start..];
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            if !f(c) {
                end = i;
                break;
            }
        }
        self.memo.steps += end as u64 + 1;
        self.pos = start + end;
        &self.s[start..self.pos]
    }

    /// Consumes `UTF8NamesValidation` characters ([`super::chars::is_utf8_names_char`]);
    /// returns the slice. ASCII ones (`[-_.A-Za-z0-9]`) byte by byte, the
    /// rest character by character.
    #[inline]
    pub fn take_names(&mut self) -> &'a str {
        let start = self.pos;
        let ascii = self.b[start..]
            .iter()
            .position(|&c| !ASCII_NAME_BYTE[c as usize])
            .unwrap_or(self.b.len() - start);
        self.pos = start + ascii;
        self.memo.steps += ascii as u64 + 1;
        if self.b.get(self.pos).is_some_and(|&c| c >= 0x80) {
            self.take_while(super::chars::is_utf8_names_char);
        }
        &self.s[start..self.pos]
    }

    /// Consumes ASCII bytes while `f` holds; returns the slice.
    #[inline]
    pub fn take_bytes(&mut self, f: impl Fn(u8) -> bool) -> &'a str {
        let start = self.pos;
        while self.pos < self.b.len() && f(self.b[self.pos]) {
            self.pos += 1;
        }
        self.memo.steps += (self.pos - start) as u64 + 1;
        &self.s[start..self.pos]
    }

    /// The source text between two byte offsets.
    #[inline]
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        &self.s[start..end]
    }

    /// A PLAIN_TEXT node borrowing from the source.
    #[inline]
    pub fn plain(&self, start: usize, end: usize) -> Node<'a> {
        Node::new(Kind::PlainText(Cow::Borrowed(&self.s[start..end])))
    }

    /// The clock for timestamps (the options' `now`, else the system's).
    pub fn now_ms(&mut self) -> i64 {
        match self.now_ms {
            Some(ms) => ms,
            None => {
                let ms = self.opts.now_ms();
                self.now_ms = Some(ms);
                ms
            }
        }
    }

    /// The UTF-16 offset of a byte offset (the reference counts in UTF-16).
    ///
    /// Counts from the previous conversion, forwards or backwards, so the
    /// cost is the distance between conversions (in practice one pass).
    #[inline]
    pub fn utf16_offset(&mut self, byte: usize) -> u64 {
        let byte = byte.min(self.s.len());
        // Inside the ASCII start, once measured: the byte offset, without
        // a call.
        if self.ascii_prefix != usize::MAX && byte <= self.ascii_prefix {
            return byte as u64;
        }
        self.utf16_offset_counted(byte)
    }

    /// [`Parser::utf16_offset`] past the ASCII start (or before it is
    /// measured).
    #[inline(never)]
    fn utf16_offset_counted(&mut self, byte: usize) -> u64 {
        // Most texts are ASCII up to the offsets asked for, measured once
        // (each conversion then costs no count, however short).
        if self.ascii_prefix == usize::MAX {
            self.ascii_prefix = ascii_prefix_len(self.b);
            self.memo.steps += self.ascii_prefix as u64 + 1;
        }
        if byte <= self.ascii_prefix {
            return byte as u64;
        }
        let (mark, mark16) = self.utf16_mark;
        let at = if byte >= mark {
            mark16 + utf16_units(&self.b[mark..byte])
        } else {
            mark16 - utf16_units(&self.b[byte..mark])
        };
        self.memo.steps += byte.abs_diff(mark) as u64 + 1;
        self.utf16_mark = (byte, at);
        at
    }
}

impl Drop for Parser<'_, '_> {
    fn drop(&mut self) {
        super::links::end_parse();
    }
}

/// How many bytes at the start of `b` are ASCII, eight at a time.
fn ascii_prefix_len(b: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if u64::from_ne_bytes(word) & HIGH != 0 {
            break;
        }
        at += 8;
    }
    at + b[at..].iter().take_while(|c| c.is_ascii()).count()
}

/// The UTF-16 length of UTF-8 text: one unit per character, two for a
/// character of four bytes (a surrogate pair). That is the bytes, less the
/// continuation bytes (`10xxxxxx`), plus the four-byte leads (`11110xxx`),
/// counted eight bytes at a time.
fn utf16_units(b: &[u8]) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut continuation = 0u64;
    let mut four_byte = 0u64;
    let mut chunks = b.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_ne_bytes(word);
        // Bit 7 of each byte: set when bit 7 is and bit 6 is not (or, for
        // the leads, when bits 7 to 4 all are).
        continuation += u64::from((w & !(w << 1) & HIGH).count_ones());
        four_byte += u64::from((w & (w << 1) & (w << 2) & (w << 3) & HIGH).count_ones());
    }
    for &c in chunks.remainder() {
        continuation += u64::from(c & 0xC0 == 0x80);
        four_byte += u64::from(c >= 0xF0);
    }
    b.len() as u64 - continuation + four_byte
}

#[cfg(test)]
mod tests {
    use super::{ascii_prefix_len, utf16_units};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        /// The names scan ends where a character-by-character reading of
        /// `UTF8NamesValidation` does.
        #[test]
        fn names_end_where_the_class_says(text in "[a-zA-Z0-9._\\- @#:é日٣\u{300}😀]{0,12}", from in 0usize..4) {
            let options = crate::parse::Options::default();
            let from = (0..=from.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let mut fast = super::Parser::new(&text, &options);
            fast.pos = from;
            let mut slow = super::Parser::new(&text, &options);
            slow.pos = from;
            prop_assert_eq!(fast.take_names(), slow.take_while(crate::parse::chars::is_utf8_names_char));
        }
    }

    #[test]
    fn utf16_units_count_as_javascript_does() {
        let pieces = [
            "",
            "a",
            "é",
            "€",
            "😀",
            "👍🏽",
            "ok",
            "شكرا",
            "\u{10FFFF}",
            "a\u{7F}\u{80}",
        ];
        // Every combination of three pieces, so that characters straddle
        // the eight-byte chunks at every offset.
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}xyz{c}{a}1234567{b}");
                    let want: usize = s.chars().map(char::len_utf16).sum();
                    assert_eq!(utf16_units(s.as_bytes()), want as u64, "{s:?}");
                    let ascii = s.bytes().take_while(u8::is_ascii).count();
                    assert_eq!(ascii_prefix_len(s.as_bytes()), ascii, "{s:?}");
                }
            }
        }
    }

    /// Conversions in any order, inside and past the ASCII start, agree
    /// with counting from the start.
    #[test]
    fn utf16_offsets_agree_with_a_count_from_the_start() {
        let s = "abc def ghij klmn é😀 x€y 12345678 шрифт z";
        let options = crate::parse::Options::default();
        let mut p = super::Parser::new(s, &options);
        let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
        for &i in bounds.iter().rev().chain(&bounds).step_by(3) {
            let want: usize = s[..i].chars().map(char::len_utf16).sum();
            assert_eq!(p.utf16_offset(i), want as u64, "at {i}");
        }
    }
}
