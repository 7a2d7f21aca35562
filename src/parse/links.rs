//! URLs, e-mail addresses and phone numbers: the grammar's recognisers
//! (0.32.0, PEG semantics: ordered choice, greedy repetition without
//! backtracking, lookaheads) and the reference's decisions on what becomes a
//! link (`autoLink`, `autoEmail`, `phoneChecker`).
//!
//! Every recogniser takes the input and a byte offset and returns the byte
//! offset after its match. Where the grammar's `.` or a negated class takes
//! one UTF-16 unit, an astral character is taken whole: none of these rules
//! tells the two halves of a surrogate pair apart.
//!
//! The link decisions reproduce the parts of tldts 6.1.86 the reference
//! bundles (host-name extraction with `mixedInputs`, IP detection, host-name
//! validation, `validHosts`) by hand; the public-suffix lookup itself is the
//! [`psl`] crate, pinned to 2.1.100 (list of 2025-04-12). tldts 6.1.86
//! (published 2025-04-15) carries the same list: all 10,216 of its rules
//! and exceptions give the same answer through both. Only whether some rule
//! (ICANN or private) matches the host matters here, so a newer `psl` would
//! differ only for top-level domains delegated or retired since (2.1.247,
//! of late 2025, drops `bentley`, `goo`, `helsinki`, … and adds `hotel`,
//! `web`).

use std::borrow::Cow;

use super::chars::{
    is_alpha_digit, is_alpha_numeric_or_mark_char, is_digit, is_extra, is_hex_digit, is_safe,
    is_space,
};

/// The character at byte `p` and the offset after it.
fn ch(s: &str, p: usize) -> Option<(char, usize)> {
    let c = s.get(p..)?.chars().next()?;
    Some((c, p + c.len_utf8()))
}

/// `Digits` (`[0-9]+`) at `p`: the end, if at least one digit.
fn digits(b: &[u8], p: usize) -> Option<usize> {
    let n = b
        .get(p..)?
        .iter()
        .take_while(|&&c| is_digit(char::from(c)))
        .count();
    (n > 0).then_some(p + n)
}

/// Byte classes for the scans below, one bit each; every member is ASCII,
/// so a byte of a non-ASCII character is in none (ordinary text).
/// `Space`.
const SPACE: u8 = 1;
/// `EndOfLine`'s characters.
const EOL: u8 = 2;
/// `Extra`.
const EXTRA: u8 = 4;
/// `MarkdownLinkExtra`.
const MD_EXTRA: u8 = 8;
/// Not a URL body character: `AnyText / [*\[\/\]\^_\`{}~(]` takes
/// `[\x20-\x28\x2A-\x5B\x5D-\x7B\x7D-\x7E]` and every non-ASCII character.
const NOT_BODY: u8 = 16;
/// Not a `URLScheme` character (`[A-Za-z0-9+-]`).
const NOT_SCHEME: u8 = 32;
/// What tldts's host-name scan looks for: `[#/?@\]:A-Z]`.
const HOST_MARK: u8 = 64;
/// A URL scheme's character after the first (`[A-Za-z0-9+.-]`).
const SCHEME_TAIL: u8 = 128;

/// The class bits of each byte.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        let mut f = 0;
        if is_space(c as char) {
            f |= SPACE;
        }
        if c == b'\r' || c == b'\n' {
            f |= EOL;
        }
        if is_extra(c as char) {
            f |= EXTRA;
        }
        if matches!(
            c,
            b'.' | b',' | b'!' | b'%' | b'*' | b'"' | b'\'' | b':' | b';' | b'='
        ) {
            f |= MD_EXTRA;
        }
        if !matches!(c, 0x20..=0x28 | 0x2A..=0x5B | 0x5D..=0x7B | 0x7D..=0x7E) {
            f |= NOT_BODY;
        }
        if !(c.is_ascii_alphanumeric() || c == b'+' || c == b'-') {
            f |= NOT_SCHEME;
        }
        if matches!(c, b'#' | b'/' | b'?' | b'@' | b']' | b':' | b'A'..=b'Z') {
            f |= HOST_MARK;
        }
        if c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-') {
            f |= SCHEME_TAIL;
        }
        t[i] = f;
        i += 1;
    }
    let mut i = 128;
    while i < 256 {
        t[i] = NOT_SCHEME;
        i += 1;
    }
    t
};

/// The class bits of byte `c`.
#[inline]
fn class(c: u8) -> u8 {
    CLASS[usize::from(c)]
}

/// Whether byte `p` of `b` is inside a character (not on a boundary).
#[inline]
fn inside_char(b: &[u8], p: usize) -> bool {
    b.get(p).is_some_and(|&c| (0x80..0xC0).contains(&c))
}

/// `URLScheme` = `$([A-Za-z0-9+-] |1..32| ":")`.
pub fn url_scheme(s: &str, pos: usize) -> Option<usize> {
    let b = s.as_bytes();
    let n = b
        .get(pos..)?
        .iter()
        .take(32)
        .take_while(|&&c| class(c) & NOT_SCHEME == 0)
        .count();
    (n > 0 && b.get(pos + n) == Some(&b':')).then_some(pos + n + 1)
}

/// A character of `URLAuthorityUser` / `URLAuthorityPassword`:
/// `AlphaDigit / ![@/] Safe`.
fn userinfo_char(c: u8) -> bool {
    let c = char::from(c);
    is_alpha_digit(c) || (c != '@' && c != '/' && is_safe(c))
}

/// `URLAuthorityUserInfo` = `$(User (":" Password)? "@")`.
fn url_authority_user_info(b: &[u8], pos: usize) -> Option<usize> {
    let run = |p: usize| p + b[p..].iter().take_while(|&&c| userinfo_char(c)).count();
    let user_end = run(pos);
    if user_end == pos {
        return None;
    }
    let mut p = user_end;
    if b.get(p) == Some(&b':') {
        let pass_end = run(p + 1);
        if pass_end > p + 1 {
            p = pass_end;
        }
    }
    (b.get(p) == Some(&b'@')).then_some(p + 1)
}

/// `URLAuthority` = `$("//" URLAuthorityUserInfo? URLAuthorityHost)`.
pub fn url_authority(s: &str, pos: usize) -> Option<usize> {
    let b = s.as_bytes();
    if !b.get(pos..)?.starts_with(b"//") {
        return None;
    }
    let p = pos + 2;
    let p = url_authority_user_info(b, p).unwrap_or(p);
    url_authority_host(s, p)
}

/// `Digits |4, "."|`: four dot-separated digit groups.
fn four_digit_groups(b: &[u8], pos: usize) -> Option<usize> {
    let mut p = digits(b, pos)?;
    for _ in 0..3 {
        if b.get(p) != Some(&b'.') {
            return None;
        }
        p = digits(b, p + 1)?;
    }
    Some(p)
}

/// `URLAuthorityHost` = `(DomainName / $(Digits |4, "."|)) (":" Digits)?`.
pub fn url_authority_host(s: &str, pos: usize) -> Option<usize> {
    let b = s.as_bytes();
    let p = domain_name(s, pos).or_else(|| four_digit_groups(b, pos))?;
    if b.get(p) == Some(&b':')
        && let Some(e) = digits(b, p + 1)
    {
        return Some(e);
    }
    Some(p)
}

/// What the `.` at the end of `DomainChar` refuses (`!EndOfLine !Space
/// ![\\/|><%\`[\]]`).
fn domain_char_stop(c: char) -> bool {
    matches!(
        c,
        '\r' | '\n' | ' ' | '\t' | '\\' | '/' | '|' | '>' | '<' | '%' | '`' | '[' | ']'
    )
}

/// `DomainChar` = `[a-zA-Z0-9] / !Extra ([_-] / !Safe) !EndOfLine !Space
/// ![\\/|><%\`[\]] .`: the end of one `DomainChar` at `p`.
///
/// `[_-]` consumes, so after `_` or `-` the final `.` takes the character
/// after it too: `-$`, `_.` and `-@` are single `DomainChar`s. Every other
/// `DomainChar` is one character, decided by its first byte
/// ([`DOMAIN_BYTE`]).
#[inline(always)]
fn domain_char(s: &str, p: usize) -> Option<usize> {
    let b = s.as_bytes();
    match DOMAIN_BYTE[usize::from(*b.get(p)?)] {
        DC_ONE => Some(p + 1),
        DC_WIDE => unit(b, p).map(|(_, e)| e),
        DC_PAIR => match unit(b, p + 1) {
            Some((c2, e)) if !domain_char_stop(char::from(c2)) => Some(e),
            _ => None,
        },
        _ => None,
    }
}

/// An ASCII character that is a `DomainChar` by itself.
const DC_ONE: u8 = 0;
/// No `DomainChar` starts here (or not a character boundary).
const DC_NONE: u8 = 1;
/// `_` or `-`: a `DomainChar` with the character after it, unless that
/// one is a stop.
const DC_PAIR: u8 = 2;
/// The first byte of a non-ASCII character, a `DomainChar` by itself
/// (neither `Extra` nor `Safe` nor a stop).
const DC_WIDE: u8 = 3;

/// What a `DomainChar` at each byte is: letters and digits are one;
/// otherwise not `Extra`, and `[_-]` or not `Safe`, and then not a stop of
/// the final `.` (for `_` and `-`, the stop test is on the next character).
static DOMAIN_BYTE: [u8; 256] = {
    let mut t = [DC_NONE; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = match c {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => DC_ONE,
            // Extra
            b'.' | b',' | b'!' | b'%' | b'~' | b'*' | b'"' | b'\'' | b':' | b';' | b'(' | b')'
            | b'=' => DC_NONE,
            b'_' | b'-' => DC_PAIR,
            // Safe
            b'$' | b'@' | b'&' | b'+' | b'#' | b'?' => DC_NONE,
            // Stops of the final `.`
            b'\r' | b'\n' | b' ' | b'\t' | b'\\' | b'/' | b'|' | b'>' | b'<' | b'`' | b'['
            | b']' => DC_NONE,
            0x00..=0x7F => DC_ONE,
            0x80..=0xBF => DC_NONE,
            0xC0..=0xFF => DC_WIDE,
        };
        i += 1;
    }
    t
};

/// The character at byte `p` of valid UTF-8 `b`, by its first byte: that
/// byte and the offset after the character (`None` at the end, or where
/// `p` is not on a character boundary, as `str::get` would refuse).
#[inline]
fn unit(b: &[u8], p: usize) -> Option<(u8, usize)> {
    let c = *b.get(p)?;
    let len = match c {
        0..=0x7F => 1,
        0x80..=0xBF => return None,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    Some((c, p + len))
}

/// Per-parse memory of the scans below, so that scans restarting inside
/// an earlier one (`_a_a_a…`, `<t:1<t:1…`) cost nothing: without it they
/// rescan to the end from every start. The parser calls [`begin_parse`]
/// with its input and [`end_parse`] when done; the memory is used only for
/// that input during that parse.
struct ScanMemo {
    /// The input of the parse in progress (address, length), if any.
    input: Option<(usize, usize)>,
    /// The parse in progress's stamp (never 0): entries of `domain_runs`
    /// with another stamp are left over from earlier parses, so the table
    /// need not be cleared between parses.
    stamp: u32,
    /// For each position some `DomainChar+` run visited in this parse:
    /// the stamp (high 32 bits) and the run's index in `run_ends` (low 32
    /// bits). Grown to the input on first use, kept between small parses.
    domain_runs: Vec<u64>,
    /// Where each run of this parse ended, by run index.
    run_ends: Vec<u32>,
    /// No run of this parse visited a position at or after this one.
    reach: usize,
    /// The last `URLBody` scan: from, to.
    url_body: Option<(usize, usize)>,
}

thread_local! {
    static MEMO: std::cell::RefCell<ScanMemo> = const {
        std::cell::RefCell::new(ScanMemo {
            input: None,
            stamp: 0,
            domain_runs: Vec::new(),
            run_ends: Vec::new(),
            reach: 0,
            url_body: None,
        })
    };
    /// Characters the scans looked at (bytes, in the scans that go byte by
    /// byte), for the tests that prove linear work. Apart from `MEMO` so
    /// that counting is a plain add.
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Starts a parse of `input`: forget what earlier parses scanned.
///
/// While the thread's locals are being destroyed there is no memory, and
/// the scans run without it (as they do for a text of no parse).
pub(crate) fn begin_parse(input: &str) {
    let _ = MEMO.try_with(|m| {
        let mut m = m.borrow_mut();
        m.input = Some((input.as_ptr() as usize, input.len()));
        m.stamp = m.stamp.wrapping_add(1);
        if m.stamp == 0 {
            // Every stamp was used: old entries could look current.
            m.domain_runs.fill(0);
            m.stamp = 1;
        }
        m.run_ends.clear();
        m.reach = 0;
        m.url_body = None;
    });
    STEPS.with(|c| c.set(0));
}

/// Ends the parse: the memory is not used until the next [`begin_parse`].
pub(crate) fn end_parse() {
    let _ = MEMO.try_with(|m| {
        let mut m = m.borrow_mut();
        m.input = None;
        m.run_ends.clear();
        // Keep a small table for the next parse; give a large one back.
        if m.domain_runs.len() > 1 << 16 {
            m.domain_runs = Vec::new();
        }
        if m.run_ends.capacity() > 1 << 16 {
            m.run_ends = Vec::new();
        }
    });
}

/// Characters (or bytes) the scans of this module looked at since
/// [`begin_parse`].
pub(crate) fn steps() -> u64 {
    STEPS.with(std::cell::Cell::get)
}

fn step() {
    step_n(1);
}

fn step_n(n: usize) {
    STEPS.with(|c| c.set(c.get() + n as u64));
}

/// Runs `f` on the memory when `s` is the input of the parse in progress.
fn with_memo<R>(s: &str, f: impl FnOnce(&mut ScanMemo) -> R) -> Option<R> {
    MEMO.try_with(|m| {
        let mut m = m.borrow_mut();
        (m.input == Some((s.as_ptr() as usize, s.len()))).then(|| f(&mut m))
    })
    .ok()
    .flatten()
}

/// `DomainChar+` at `p` (`first_end` is the end of its first
/// `DomainChar`): the end and the steps it took. A `DomainChar` is one or
/// two characters, so runs from different starts can take different steps;
/// with the memory `m` (within a parse of `s`), every position a run
/// visits remembers the run, the run its end, and a later run stops at the
/// first position already visited.
#[inline]
fn domain_chars(m: Option<&mut ScanMemo>, s: &str, p: usize, first_end: usize) -> (usize, usize) {
    match m {
        Some(m) => memo_run(m, s, p, first_end),
        None => {
            let mut e = first_end;
            let mut steps = 2;
            while let Some(n) = domain_char(s, e) {
                steps += 1;
                e = n;
            }
            (e, steps)
        }
    }
}

/// The run of [`domain_chars`] from `p` (a `DomainChar` up to `first_end`)
/// with the memory: its end and the steps it took.
#[inline]
fn memo_run(m: &mut ScanMemo, s: &str, p: usize, first_end: usize) -> (usize, usize) {
    const STAMP_BITS: u64 = !0xFFFF_FFFF;
    if m.domain_runs.len() <= s.len() {
        m.domain_runs.resize(s.len() + 1, 0);
    }
    let stamp = u64::from(m.stamp) << 32;
    let run_ends = &mut m.run_ends;
    let runs = &mut m.domain_runs[..];
    let end_of = |run_ends: &[u32], v: u64, e: usize| {
        run_ends.get(v as u32 as usize).map_or(e, |&x| x as usize)
    };
    let Some(v) = runs.get_mut(p) else {
        return (first_end, 1);
    };
    if *v & STAMP_BITS == stamp {
        return (end_of(run_ends, *v, first_end), 1);
    }
    let mark = stamp | run_ends.len() as u64;
    *v = mark;
    let reach = m.reach;
    let b = s.as_bytes();
    let mut e = first_end;
    // One for the DomainChar at `p`, one for the attempt that ends the run.
    let mut steps = 2;
    let end = 'run: loop {
        if e >= reach {
            // Past every earlier run: nothing to look up, only to mark.
            loop {
                let next = match b.get(e) {
                    Some(&c) if DOMAIN_BYTE[usize::from(c)] == DC_ONE => e + 1,
                    _ => match domain_char(s, e) {
                        Some(n) => n,
                        None => break 'run e,
                    },
                };
                // `runs` covers every offset up to the end of `s`.
                if let Some(v) = runs.get_mut(e) {
                    *v = mark;
                }
                steps += 1;
                e = next;
            }
        }
        let Some(v) = runs.get_mut(e) else {
            break e;
        };
        if *v & STAMP_BITS == stamp {
            steps -= 1;
            break end_of(run_ends, *v, e);
        }
        let next = match domain_char(s, e) {
            Some(n) => n,
            None => break e,
        };
        *v = mark;
        steps += 1;
        e = next;
    };
    run_ends.push(end as u32);
    m.reach = m.reach.max(end);
    (end, steps)
}

/// `DomainName`'s one host without a dot. It matches at the start of any
/// word (`localhostfoo.com` is `localhost` and a URL body), so a word that
/// starts with it may begin a URL with no dot inside it: `localhost.`
/// before a blank is a link, where other words before a full stop are not.
pub(crate) const DOTLESS_HOST: &[u8] = b"localhost";

/// `DomainName` = `"localhost" / $(![_] DomainNameLabel ("." DomainChar
/// DomainNameLabel*)+)`. A label is `DomainChar+` (its `("-" DomainChar+)*`
/// part can never match: a `-` before a `DomainChar` is one itself), so
/// this is at least two labels joined by dots.
pub fn domain_name(s: &str, pos: usize) -> Option<usize> {
    let b = s.as_bytes();
    let rest = b.get(pos..)?;
    if rest.starts_with(DOTLESS_HOST) {
        return Some(pos + DOTLESS_HOST.len());
    }
    if rest.first() == Some(&b'_') {
        return None;
    }
    // No DomainChar at `pos` is cheap to find again: no memory needed.
    let Some(first_end) = domain_char(s, pos) else {
        step();
        return None;
    };
    let labels_from = |mut m: Option<&mut ScanMemo>| {
        let (mut p, mut steps) = domain_chars(m.as_deref_mut(), s, pos, first_end);
        let mut labels = 1;
        while b.get(p) == Some(&b'.') {
            let Some(first_end) = domain_char(s, p + 1) else {
                steps += 1;
                break;
            };
            let (e, n) = domain_chars(m.as_deref_mut(), s, p + 1, first_end);
            steps += n;
            p = e;
            labels += 1;
        }
        ((labels > 1).then_some(p), steps)
    };
    // Without the memory (no parse of `s` in progress, or the thread's
    // locals being destroyed) the runs are scanned afresh.
    let (end, steps) = with_memo(s, |m| {
        labels_from((s.len() < u32::MAX as usize).then_some(m))
    })
    .unwrap_or_else(|| labels_from(None));
    step_n(steps);
    end
}

/// `$(URLScheme URLAuthority) / $(URLAuthorityHost)`: the head of `URL`,
/// `MarkdownLinkURL` and `AutoLinkURL`.
fn url_head(s: &str, pos: usize) -> Option<usize> {
    if let Some(e) = url_scheme(s, pos).and_then(|p| url_authority(s, p)) {
        return Some(e);
    }
    url_authority_host(s, pos)
}

/// For the run of class `run` bytes (`EXTRA` or `MD_EXTRA`) from `p`, a
/// byte of the class, where a URL body's `!(Extra+ (Whitespace /
/// EndOfLine / …))` looks: where the run ends, and whether it stops the body (a blank or a line
/// end follows it, or, with `end_stops`, the end of the text). The body
/// scans take a run that does not stop them whole, so each run is
/// scanned once (linear time).
#[inline]
fn extra_run(b: &[u8], p: usize, run: u8, end_stops: bool) -> (usize, bool) {
    let mut end = p + 1;
    while b.get(end).is_some_and(|&c| class(c) & run != 0) {
        end += 1;
    }
    let stops = match b.get(end) {
        Some(&c) => class(c) & (SPACE | EOL) != 0,
        None => end_stops,
    };
    (end, stops)
}

/// The grammar's `Extra` class, on bytes (all its members are ASCII).
#[cfg(test)]
fn extra_byte(c: u8) -> bool {
    c.is_ascii() && is_extra(char::from(c))
}

/// `URLBody` = `(!(Extra+ (Whitespace / EndOfLine / !.) / Whitespace)
/// (AnyText / [*\[\/\]\^_\`{}~(]))+`.
pub fn url_body(s: &str, pos: usize) -> Option<usize> {
    // Where the body stops depends only on the stopping position, so a scan
    // that starts inside the last one ends where it ended.
    if let Some((from, to)) = with_memo(s, |m| m.url_body).flatten()
        && from <= pos
        && pos <= to
    {
        return (to > pos).then_some(to);
    }
    let end = url_body_scan(s, pos);
    with_memo(s, |m| m.url_body = Some((pos, end)));
    (end > pos).then_some(end)
}

/// The scan behind [`url_body`]: where the body from `pos` stops.
fn url_body_scan(s: &str, pos: usize) -> usize {
    let b = s.as_bytes();
    if inside_char(b, pos) {
        return pos;
    }
    let mut p = pos;
    // Byte by byte: a byte of a non-ASCII character is a body character.
    // A run of `Extra` that does not stop the body is taken to its first
    // byte that is no body character (`)`), if any.
    while let Some(&c) = b.get(p) {
        let f = class(c) & (SPACE | EXTRA | NOT_BODY);
        if f & SPACE != 0 {
            break;
        }
        if f & EXTRA != 0 {
            let (end, stops) = extra_run(b, p, EXTRA, true);
            if stops {
                break;
            }
            match (p..end).find(|&k| class(b[k]) & NOT_BODY != 0) {
                Some(k) => {
                    p = k;
                    break;
                }
                None => p = end,
            }
            continue;
        }
        if f & NOT_BODY != 0 {
            break;
        }
        p += 1;
    }
    step_n(1 + (p - pos));
    p
}

/// `URL` = `head:(…) tail:$(URLBody*)`: the URL form of `LinkRef`.
pub fn url(s: &str, pos: usize) -> Option<usize> {
    let h = simple_url_head(s, pos).or_else(|| url_head(s, pos))?;
    Some(url_body(s, h).unwrap_or(h))
}

/// `FilePath` = `$(URLScheme URLBody+)`.
pub fn file_path(s: &str, pos: usize) -> Option<usize> {
    url_body(s, url_scheme(s, pos)?)
}

/// `MarkdownLinkURLBodyParen`'s class: a URL body character other than a
/// space (and `)`), on bytes (a byte of a non-ASCII character is one).
fn paren_body_byte(c: u8) -> bool {
    class(c) & (SPACE | NOT_BODY) == 0
}

/// `MarkdownLinkURLBody` = `(!(MarkdownLinkExtra+ (Whitespace / EndOfLine)
/// / Whitespace) !")" (AnyText / [*\[\/\]\^_\`{}~] / "(" Paren* ")"))+`.
pub fn markdown_link_url_body(s: &str, pos: usize) -> Option<usize> {
    let b = s.as_bytes();
    if inside_char(b, pos) {
        step();
        return None;
    }
    let mut p = pos;
    let mut paren_steps = 0;
    // Byte by byte: a byte of a non-ASCII character is a body character.
    while let Some(&c) = b.get(p) {
        let f = class(c) & (SPACE | MD_EXTRA | NOT_BODY);
        if f != 0 || c == b'(' {
            if f & SPACE != 0 || c == b')' {
                break;
            }
            if f & MD_EXTRA != 0 {
                // No `MarkdownLinkExtra` byte is `(`, `)` or outside the
                // body: a run that does not stop the body is all taken.
                let (end, stops) = extra_run(b, p, MD_EXTRA, false);
                if stops {
                    break;
                }
                p = end;
                continue;
            }
            if c == b'(' {
                // "(" MarkdownLinkURLBodyParen* ")"
                let start = p + 1;
                let mut e = start;
                while b.get(e).is_some_and(|&c| paren_body_byte(c)) {
                    e += 1;
                }
                paren_steps += e - start;
                if b.get(e) == Some(&b')') {
                    p = e + 1;
                    continue;
                }
                break;
            }
            if f & NOT_BODY != 0 {
                break;
            }
        }
        p += 1;
    }
    step_n(1 + paren_steps + (p - pos));
    (p > pos).then_some(p)
}

/// `MarkdownLinkURL` = `head:(…) tail:$(MarkdownLinkURLBody*)`.
pub fn markdown_link_url(s: &str, pos: usize) -> Option<usize> {
    let h = simple_url_head(s, pos).or_else(|| url_head(s, pos))?;
    Some(markdown_link_url_body(s, h).unwrap_or(h))
}

/// `MarkdownLinkFilePath` = `$(URLScheme MarkdownLinkURLBody+)`.
pub fn markdown_link_file_path(s: &str, pos: usize) -> Option<usize> {
    markdown_link_url_body(s, url_scheme(s, pos)?)
}

/// `MarkdownLinkRef` = `MarkdownLinkURL / MarkdownLinkFilePath / Phone`:
/// the end and the href (the matched text, or `tel:` and the digits).
pub fn markdown_link_ref(s: &str, pos: usize) -> Option<(usize, Cow<'_, str>)> {
    if let Some(e) = markdown_link_url(s, pos).or_else(|| markdown_link_file_path(s, pos)) {
        return Some((e, Cow::Borrowed(&s[pos..e])));
    }
    let (e, _, number) = phone(s, pos)?;
    Some((e, Cow::Owned(prefixed("tel:", &number))))
}

/// `LinkRef` = `URL / FilePath / Phone` (the `<href|title>` form): the end
/// and the href (the matched text, or `tel:` and the digits).
pub fn link_ref(s: &str, pos: usize) -> Option<(usize, Cow<'_, str>)> {
    if let Some(e) = url(s, pos).or_else(|| file_path(s, pos)) {
        return Some((e, Cow::Borrowed(&s[pos..e])));
    }
    let (e, _, number) = phone(s, pos)?;
    Some((e, Cow::Owned(prefixed("tel:", &number))))
}

/// `LinkTitle2` = `$([\x20-\x3B\x3D\x3F-\x7B\x7D-\xFF] / NonASCII)+`.
pub fn link_title2(s: &str, pos: usize) -> Option<usize> {
    let n: usize = s
        .get(pos..)?
        .chars()
        .take_while(|&c| matches!(c, '\x20'..='\x3B' | '\x3D' | '\x3F'..='\x7B') || c >= '\x7D')
        .map(char::len_utf8)
        .sum();
    (n > 0).then_some(pos + n)
}

/// `AutoLinkURLBody` repeated: `([^ \t\r\n.,!%~*"':;()=] / !(Extra*
/// (Whitespace / EndOfLine / !.)) .)*` — everything up to trailing
/// punctuation before a space, line end or the end.
fn auto_link_url_body(s: &str, pos: usize) -> usize {
    let b = s.as_bytes();
    if inside_char(b, pos) {
        step();
        return pos;
    }
    let mut p = pos;
    // Byte by byte: a byte of a non-ASCII character is taken. A run of
    // `Extra` is taken whole, unless a blank, a line end or the end
    // follows it: the body then stops where the run starts.
    while let Some(&c) = b.get(p) {
        let f = class(c) & (SPACE | EOL | EXTRA);
        if f == 0 {
            p += 1;
            continue;
        }
        if f & (SPACE | EOL) != 0 {
            break;
        }
        match extra_run(b, p, EXTRA, true) {
            (_, true) => break,
            (end, false) => p = end,
        }
    }
    step_n(1 + (p - pos));
    p
}

/// `AutoLinkURL` = `head:(…) tail:$(AutoLinkURLBody*)`.
///
/// The inline rule guards it with `&([^ \t\r\n:./@]* ("://" / "."))`, which
/// this does not imply: `localhost:3000` matches here but stays text there.
#[cfg(test)]
pub fn auto_link_url(s: &str, pos: usize) -> Option<usize> {
    auto_link_url_and_host(s, pos).map(|(end, _)| end)
}

/// [`auto_link_url`], and the URL's host when it is the labels of a
/// [`simple_url_head`] that the URL's end follows, or (after a scheme) a
/// `/`: tldts's host-name extraction reads them unchanged (lower-cased),
/// as it stops at the first `/` after the scheme and the labels hold no
/// `@`, `:`, `[`, `#` or `?`. Give it to [`auto_link_with_host`].
pub fn auto_link_url_and_host(s: &str, pos: usize) -> Option<(usize, Option<&str>)> {
    if let Some((host, h)) = simple_url_host(s, pos) {
        let end = auto_link_url_body(s, h);
        // Without a scheme, tldts reads a `:/` further on as one.
        let known = h == end || (host > pos && s.as_bytes().get(h) == Some(&b'/'));
        return Some((end, known.then(|| &s[host..h])));
    }
    Some((auto_link_url_body(s, url_head(s, pos)?), None))
}

/// [`url_head`] of the commonest URLs, without the grammar's alternatives:
/// `http://`, `https://` or no scheme, then two or more labels of ASCII
/// letters and digits joined by dots, then `/`, `)`, a blank, a line end
/// or the end.
/// No user info can be read there (it needs an `@` before any of them),
/// and the host is a `DomainName` that ends there (no port). `None` for
/// every other text, and for hosts that start with [`DOTLESS_HOST`] (a
/// `DomainName` of its own).
fn simple_url_head(s: &str, pos: usize) -> Option<usize> {
    simple_url_host(s, pos).map(|(_, end)| end)
}

/// [`simple_url_head`], and where its host starts (after the scheme, if
/// any).
fn simple_url_host(s: &str, pos: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let rest = b.get(pos..)?;
    let scheme = if rest.starts_with(b"https://") {
        8
    } else if rest.starts_with(b"http://") {
        7
    } else {
        0
    };
    let host = pos + scheme;
    if b[host..].starts_with(DOTLESS_HOST) {
        return None;
    }
    let mut i = host;
    let mut labels = 0;
    loop {
        let n = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if n == 0 {
            return None;
        }
        i += n;
        labels += 1;
        if b.get(i) != Some(&b'.') {
            break;
        }
        i += 1;
    }
    step_n(1 + (i - pos));
    if labels < 2 {
        return None;
    }
    // A `)` (a markdown link's end) stops the user info's run as `/` does
    // (it is neither `AlphaDigit` nor `Safe`), and ends the host.
    matches!(
        b.get(i),
        None | Some(b'/' | b')' | b' ' | b'\t' | b'\n' | b'\r')
    )
    .then_some((host, i))
}

/// `Phone` = `"+" PhoneNumber`: the end, the text (with `+`, as written)
/// and the number (the digits only).
pub fn phone(s: &str, pos: usize) -> Option<(usize, String, String)> {
    let b = s.as_bytes();
    if b.get(pos) != Some(&b'+') {
        return None;
    }
    let p = pos + 1;
    // PhonePrefix = Digits / "(" Digits ")": (end, text, number).
    let prefix = || -> Option<(usize, &str, &str)> {
        if let Some(e) = digits(b, p) {
            return Some((e, &s[p..e], &s[p..e]));
        }
        if b.get(p) == Some(&b'(') {
            let e = digits(b, p + 1)?;
            if b.get(e) == Some(&b')') {
                return Some((e + 1, &s[p..e + 1], &s[p + 1..e]));
            }
        }
        None
    };
    let done = |e: usize, number: String| Some((e, s[pos..e].to_owned(), number));
    if let Some((pe, _, pn)) = prefix() {
        // PhonePrefix "-" Digits
        if b.get(pe) == Some(&b'-')
            && let Some(e) = digits(b, pe + 1)
        {
            return done(e, [pn, &s[pe + 1..e]].concat());
        }
        if let Some(d1) = digits(b, pe) {
            // PhonePrefix Digits "-" Digits
            if b.get(d1) == Some(&b'-')
                && let Some(e) = digits(b, d1 + 1)
            {
                return done(e, [pn, &s[pe..d1], &s[d1 + 1..e]].concat());
            }
            // PhonePrefix Digits
            return done(d1, [pn, &s[pe..d1]].concat());
        }
    }
    // Digits
    let e = digits(b, p)?;
    done(e, s[p..e].to_owned())
}

/// `LocalPartSpecialChars` = `[!#$%&'*+/=?^_\`{|}~-]`.
fn local_part_special(c: char) -> bool {
    matches!(
        c,
        '!' | '#'
            | '$'
            | '%'
            | '&'
            | '\''
            | '*'
            | '+'
            | '/'
            | '='
            | '?'
            | '^'
            | '_'
            | '`'
            | '{'
            | '|'
            | '}'
            | '~'
            | '-'
    )
}

/// `LocalPartChar+` at `p`: an `AlphaNumericOrMarkChar`, then any of those
/// and the special characters.
fn local_part_chars(s: &str, p: usize) -> Option<usize> {
    step();
    let (c, mut e) = ch(s, p)?;
    if !is_alpha_numeric_or_mark_char(c) {
        return None;
    }
    let b = s.as_bytes();
    while let Some(&c) = b.get(e) {
        // An ASCII character is an AlphaNumericOrMarkChar when it is a
        // letter or a digit.
        if c.is_ascii_alphanumeric() || local_part_special(char::from(c)) {
            e += 1;
            continue;
        }
        if c.is_ascii() {
            break;
        }
        match ch(s, e) {
            Some((c, next)) if is_alpha_numeric_or_mark_char(c) => e = next,
            _ => break,
        }
    }
    step_n(e - p);
    Some(e)
}

/// `Email` = `"mailto:"? @$(LocalPart "@" DomainName)`: the end and the
/// address (without `mailto:`).
pub fn email(s: &str, pos: usize) -> Option<(usize, &str)> {
    let b = s.as_bytes();
    let start = if b.get(pos..)?.starts_with(b"mailto:") {
        pos + 7
    } else {
        pos
    };
    let mut p = local_part_chars(s, start)?;
    while b.get(p) == Some(&b'.') {
        match local_part_chars(s, p + 1) {
            Some(e) => p = e,
            None => break,
        }
    }
    if b.get(p) != Some(&b'@') {
        return None;
    }
    let e = domain_name(s, p + 1)?;
    Some((e, &s[start..e]))
}

/// `prefix` and then `s`, in one allocation.
fn prefixed(prefix: &str, s: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + s.len());
    out.push_str(prefix);
    out.push_str(s);
    out
}

/// `phoneChecker`: the href `tel:NUMBER`, or `None` (plain text) when the
/// number has fewer than five digits.
pub fn phone_checker(_text: &str, number: &str) -> Option<String> {
    (number.len() >= 5).then(|| prefixed("tel:", number))
}

/// `autoEmail`: the href `mailto:ADDR` when the address's host ends in a
/// public suffix, or `None` (plain text).
pub fn auto_email(addr: &str) -> Option<String> {
    let href = prefixed("mailto:", addr);
    let (host, valid) = tldts_hostname(&href)?;
    ((valid || is_valid_hostname(&host)) && has_public_suffix(&host)).then_some(href)
}

/// `autoLink`: the href for an autolinked URL, or `None` (plain text).
///
/// Links when tldts (with `detectIp`, private domains allowed and
/// `validHosts: ['localhost', ...customDomains]`) finds an IP address, a
/// host ending in a public suffix, or a host that is (or is under) one of
/// the valid hosts. The href is the text itself when it starts with a
/// scheme and `://`, with `//`, or parses as a WHATWG URL; else `//` + text.
pub fn auto_link<'s>(src: &'s str, custom_domains: Option<&[String]>) -> Option<Cow<'s, str>> {
    let (host, valid) = tldts_hostname(src)?;
    link_for_host(src, host, valid, custom_domains)
}

/// [`auto_link`] for a URL whose host [`auto_link_url_and_host`] found,
/// without tldts's host-name extraction. The host is labels of ASCII
/// letters and digits: with no capital, it is a valid host name when its
/// lengths fit (at most 255 bytes, no label over 63).
pub fn auto_link_with_host<'s>(
    src: &'s str,
    host: &str,
    custom_domains: Option<&[String]>,
) -> Option<Cow<'s, str>> {
    // One pass: capitals, and the longest label.
    let (mut upper, mut label, mut longest) = (false, 0usize, 0usize);
    for &c in host.as_bytes() {
        if c == b'.' {
            longest = longest.max(label);
            label = 0;
        } else {
            label += 1;
            upper |= c.is_ascii_uppercase();
        }
    }
    let (host, valid) = if upper {
        (Cow::Owned(host.to_ascii_lowercase()), false)
    } else {
        let fits = host.len() <= 255 && longest.max(label) <= 63;
        (Cow::Borrowed(host), fits)
    };
    link_for_host(src, host, valid, custom_domains)
}

/// The rest of [`auto_link`], given tldts's host name of `src` and
/// whether it is known to be a valid host name.
fn link_for_host<'s>(
    src: &'s str,
    host: Cow<'_, str>,
    valid: bool,
    custom_domains: Option<&[String]>,
) -> Option<Cow<'s, str>> {
    let linked = if is_ipv6(&host) || is_ipv4(&host) {
        true
    } else if !(valid || is_valid_hostname(&host)) {
        false
    } else {
        // tldts takes the first valid host the name is (under); an empty
        // one is a falsy `domain` in the reference's test.
        has_public_suffix(&host)
            || std::iter::once("localhost")
                .chain(
                    custom_domains
                        .unwrap_or_default()
                        .iter()
                        .map(String::as_str),
                )
                .find(|v| is_under_valid_host(&host, v))
                .is_some_and(|v| !v.is_empty())
    };
    if !linked {
        return None;
    }
    let keep = starts_with_scheme_and_slashes(src) || src.starts_with("//") || url_can_parse(src);
    Some(if keep {
        Cow::Borrowed(src)
    } else {
        Cow::Owned(prefixed("//", src))
    })
}

/// tldts's host-name extraction with `mixedInputs` (a string that already
/// is a valid host name is only stripped of trailing dots), lower-cased
/// when it had an ASCII capital; and whether the host is known to be a
/// valid host name (it is when `url` was: stripping trailing dots keeps
/// it valid).
fn tldts_hostname(url: &str) -> Option<(Cow<'_, str>, bool)> {
    let b = url.as_bytes();
    let mut start = 0;
    let mut end = b.len();
    let mut has_upper = false;
    let valid = is_valid_hostname(url);
    if !valid {
        if url.starts_with("data:") {
            return None;
        }
        while start < b.len() && b[start] <= 32 {
            start += 1;
        }
        while end > start + 1 && b[end - 1] <= 32 {
            end -= 1;
        }
        if b.get(start) == Some(&b'/') && b.get(start + 1) == Some(&b'/') {
            start += 2;
        } else if let Some(idx) = find_colon_slash(b, start) {
            let scheme = &b[start..idx];
            if !matches!(scheme, b"https" | b"http" | b"wss" | b"ws") {
                for &c in scheme {
                    let l = c | 32;
                    if !(l.is_ascii_lowercase()
                        || l.is_ascii_digit()
                        || l == b'.'
                        || l == b'-'
                        || l == b'+')
                    {
                        return None;
                    }
                }
            }
            start = idx + 2;
            while b.get(start) == Some(&b'/') {
                start += 1;
            }
        }
        let mut at = None;
        let mut bracket = None;
        let mut colon = None;
        let host_part = b.get(start..end).unwrap_or_default();
        for (k, &c) in host_part.iter().enumerate() {
            if class(c) & HOST_MARK == 0 {
                continue;
            }
            let i = start + k;
            match c {
                b'#' | b'/' | b'?' => {
                    end = i;
                    break;
                }
                b'@' => at = Some(i),
                b']' => bracket = Some(i),
                b':' => colon = Some(i),
                b'A'..=b'Z' => has_upper = true,
                _ => {}
            }
        }
        if let Some(i) = at
            && i > start
            && i < end
        {
            start = i + 1;
        }
        if b.get(start) == Some(&b'[') {
            let close = bracket?;
            return Some((
                Cow::Owned(js_slice(url, start + 1, close).to_lowercase()),
                false,
            ));
        }
        if let Some(i) = colon
            && i > start
            && i < end
        {
            end = i;
        }
    }
    while end > start + 1 && b[end - 1] == b'.' {
        end -= 1;
    }
    let host = js_slice(url, start, end);
    Some(if has_upper {
        (Cow::Owned(host.to_lowercase()), false)
    } else {
        (Cow::Borrowed(host), valid)
    })
}

/// `s.slice(a, b)` for ASCII-boundary byte offsets (empty when `b <= a`).
fn js_slice(s: &str, a: usize, b: usize) -> &str {
    if b <= a {
        ""
    } else {
        s.get(a..b).unwrap_or("")
    }
}

/// The first `:/` in `hay` at or after `from`.
fn find_colon_slash(hay: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        i += memchr::memchr(b':', hay.get(i..)?)?;
        if hay.get(i + 1) == Some(&b'/') {
            return Some(i);
        }
        i += 1;
    }
}

/// What [`is_valid_hostname`] does with each byte: nothing (`[a-z0-9_-]`
/// and the first byte of a non-ASCII character of up to three bytes), or
/// one of the others.
static HOST_BYTE: [u8; 256] = {
    let mut t = [HOST_BAD; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = match c {
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | 0xC0..=0xEF => 0,
            b'.' => HOST_DOT,
            0x80..=0xBF => HOST_CONTINUATION,
            0xF0..=0xFF => HOST_ASTRAL,
            _ => HOST_BAD,
        };
        i += 1;
    }
    t
};
/// A dot.
const HOST_DOT: u8 = 1;
/// A continuation byte of a non-ASCII character.
const HOST_CONTINUATION: u8 = 2;
/// The first byte of an astral character (two UTF-16 units).
const HOST_ASTRAL: u8 = 3;
/// Not allowed in a host name.
const HOST_BAD: u8 = 4;

/// tldts's `isValidHostname` (lengths in UTF-16 units, as JavaScript counts).
///
/// On bytes: every byte of a non-ASCII character is allowed; the UTF-16
/// offset is the byte offset plus `adj`, which each non-ASCII byte moves
/// by its units less one (a first byte counts one unit, two for an astral
/// character's, and the others none). The character before a dot is the
/// byte before it as far as `.`, `-` and `_` go.
fn is_valid_hostname(h: &str) -> bool {
    let b = h.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    if !(first.is_ascii_lowercase() || first.is_ascii_digit() || first >= 0x80)
        && first != b'.'
        && first != b'_'
    {
        return false;
    }
    let mut last_dot: isize = -1;
    let mut adj: isize = 0;
    for (k, &c) in b.iter().enumerate() {
        match HOST_BYTE[usize::from(c)] {
            0 => {}
            HOST_DOT => {
                let i = k as isize + adj;
                if i - last_dot > 64 || (k > 0 && matches!(b[k - 1], b'.' | b'-' | b'_')) {
                    return false;
                }
                last_dot = i;
            }
            HOST_CONTINUATION => adj -= 1,
            HOST_ASTRAL => adj += 1,
            _ => return false,
        }
    }
    let len = b.len() as isize + adj;
    len <= 255 && len - last_dot - 1 <= 63 && b[b.len() - 1] != b'-'
}

/// tldts's `isIPv6`: hex digits (lower case a-f, any capital) and at least
/// one colon, optionally in brackets, at most 39 characters.
fn is_ipv6(h: &str) -> bool {
    let b = h.as_bytes();
    if b.len() < 3 || !h.is_ascii() {
        return false;
    }
    let start = usize::from(b[0] == b'[');
    let end = if b[b.len() - 1] == b']' {
        b.len() - 1
    } else {
        b.len()
    };
    if end.saturating_sub(start) > 39 {
        return false;
    }
    let mut colon = false;
    for &c in b.get(start..end).unwrap_or_default() {
        if c == b':' {
            colon = true;
        } else if !(c.is_ascii_digit() || (b'a'..=b'f').contains(&c) || c.is_ascii_uppercase()) {
            return false;
        }
    }
    colon
}

/// tldts's `isIPv4`: 7 to 15 characters, digits and exactly three dots,
/// not at either end.
fn is_ipv4(h: &str) -> bool {
    let b = h.as_bytes();
    if !(7..=15).contains(&b.len()) {
        return false;
    }
    let mut dots = 0;
    for &c in b {
        if c == b'.' {
            dots += 1;
        } else if !c.is_ascii_digit() {
            return false;
        }
    }
    dots == 3 && b[0] != b'.' && b[b.len() - 1] != b'.'
}

/// Whether some rule of the Public Suffix List (ICANN or private) matches
/// the end of the host name.
fn has_public_suffix(host: &str) -> bool {
    use psl::Psl;
    psl::List
        .find(host.as_bytes().rsplit(|&c| c == b'.'))
        .typ
        .is_some()
}

/// tldts's `validHosts` test: the host is `valid` or ends with `.` + `valid`.
fn is_under_valid_host(host: &str, valid: &str) -> bool {
    host.ends_with(valid)
        && (host.len() == valid.len() || host.as_bytes()[host.len() - valid.len() - 1] == b'.')
}

/// `/^[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\//`.
fn starts_with_scheme_and_slashes(s: &str) -> bool {
    let b = s.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let n = b[1..]
        .iter()
        .take_while(|&&c| class(c) & SCHEME_TAIL != 0)
        .count();
    n <= 31 && b[1 + n..].starts_with(b"://")
}

/// WHATWG `URL.canParse(s)` without a base, for the strings `autoLink`
/// asks about (no `scheme://` prefix of at most 32 characters).
///
/// Exact for non-special schemes (an opaque host, an IPv6 literal, a port);
/// a special scheme (`http:`…) cannot reach here from `AutoLinkURL` and is
/// answered `true`.
fn url_can_parse(input: &str) -> bool {
    let trimmed = input.trim_matches(|c: char| c <= ' ');
    let s: Cow<'_, str> = if memchr::memchr3(b'\t', b'\n', b'\r', trimmed.as_bytes()).is_some() {
        Cow::Owned(
            trimmed
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect(),
        )
    } else {
        Cow::Borrowed(trimmed)
    };
    let b = s.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let n = b
        .iter()
        .take_while(|&&c| class(c) & SCHEME_TAIL != 0)
        .count();
    if b.get(n) != Some(&b':') {
        return false;
    }
    let scheme = &s[..n];
    if ["http", "https", "ws", "wss", "ftp", "file"]
        .iter()
        .any(|x| scheme.eq_ignore_ascii_case(x))
    {
        return true;
    }
    let rest = &s[n + 1..];
    let Some(after) = rest.strip_prefix("//") else {
        // A path or an opaque path: never a failure.
        return true;
    };
    let auth_end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let authority = &after[..auth_end];
    let host_port = match authority.rfind('@') {
        Some(i) => {
            let hp = &authority[i + 1..];
            if hp.is_empty() {
                return false;
            }
            hp
        }
        None => authority,
    };
    // Split host and port at the first ':' outside brackets.
    let mut inside = false;
    let mut split = None;
    for (i, c) in host_port.char_indices() {
        match c {
            '[' => inside = true,
            ']' => inside = false,
            ':' if !inside => {
                split = Some(i);
                break;
            }
            _ => {}
        }
    }
    let (host, port) = match split {
        Some(i) => (&host_port[..i], Some(&host_port[i + 1..])),
        None => (host_port, None),
    };
    if split.is_some() && host.is_empty() {
        return false;
    }
    if let Some(port) = port {
        if !port.bytes().all(|c| c.is_ascii_digit()) {
            return false;
        }
        if !port.is_empty() && port.trim_start_matches('0').len() > 5
            || port.parse::<u32>().is_ok_and(|p| p > 65535)
        {
            return false;
        }
    }
    if let Some(inner) = host.strip_prefix('[') {
        return inner.strip_suffix(']').is_some_and(ipv6_parses);
    }
    !host.chars().any(|c| {
        matches!(
            c,
            '\0' | '\t'
                | '\n'
                | '\r'
                | ' '
                | '#'
                | '/'
                | ':'
                | '<'
                | '>'
                | '?'
                | '@'
                | '['
                | '\\'
                | ']'
                | '^'
                | '|'
        )
    })
}

/// The WHATWG IPv6 parser's verdict on the text between the brackets.
fn ipv6_parses(input: &str) -> bool {
    let b = input.as_bytes();
    let mut pieces = 0usize;
    let mut compress: Option<usize> = None;
    let mut p = 0;
    if b.first() == Some(&b':') {
        if b.get(1) != Some(&b':') {
            return false;
        }
        p = 2;
        pieces = 1;
        compress = Some(1);
    }
    while p < b.len() {
        if pieces == 8 {
            return false;
        }
        if b[p] == b':' {
            if compress.is_some() {
                return false;
            }
            p += 1;
            pieces += 1;
            compress = Some(pieces);
            continue;
        }
        let mut len = 0;
        while len < 4 && p < b.len() && is_hex_digit(char::from(b[p])) {
            p += 1;
            len += 1;
        }
        if p < b.len() && b[p] == b'.' {
            // An embedded IPv4 address.
            if len == 0 || pieces > 6 {
                return false;
            }
            p -= len;
            let mut seen = 0;
            while p < b.len() {
                if seen > 0 {
                    if b[p] == b'.' && seen < 4 {
                        p += 1;
                    } else {
                        return false;
                    }
                }
                if !b.get(p).is_some_and(u8::is_ascii_digit) {
                    return false;
                }
                let mut value: Option<u32> = None;
                while let Some(&d) = b.get(p).filter(|d| d.is_ascii_digit()) {
                    value = match value {
                        None => Some(u32::from(d - b'0')),
                        Some(0) => return false,
                        Some(v) => Some(v * 10 + u32::from(d - b'0')),
                    };
                    if value > Some(255) {
                        return false;
                    }
                    p += 1;
                }
                seen += 1;
                if seen == 2 || seen == 4 {
                    pieces += 1;
                }
            }
            if seen != 4 {
                return false;
            }
            break;
        } else if p < b.len() && b[p] == b':' {
            p += 1;
            if p >= b.len() {
                return false;
            }
        } else if p < b.len() {
            return false;
        }
        pieces += 1;
    }
    if compress.is_some() {
        pieces <= 8
    } else {
        pieces == 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20000, failure_persistence: None, ..ProptestConfig::default() })]

        /// Where the shortcut finds a URL head, the grammar's head ends at
        /// the same place.
        #[test]
        fn simple_url_heads_are_url_heads(
            scheme in proptest::sample::select(vec!["http://", "https://", "ftp://", "http:/", "", "a", "x.", "www."]),
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "b1", "9", ".", "..", "-", "_", "@", ":", ":80", "/", " ", "\n", "\r", "\t",
                "?", "#", "localhost", "Ab", "é", "%", "[", "]", "x@y", "1.2.3.4", ")", "(", "!",
                "~", "*",
            ]), 0..10),
        ) {
            let s: String = [scheme.to_owned(), parts.concat()].concat();
            if let Some(e) = simple_url_head(&s, 0) {
                prop_assert_eq!(url_head(&s, 0), Some(e), "{:?}", s);
            }
        }

        /// Where the URL's host is known from its simple head, the link
        /// is the one tldts's extraction gives.
        #[test]
        fn known_hosts_link_as_extracted_hosts(
            scheme in proptest::sample::select(vec!["http://", "https://", ""]),
            labels in proptest::collection::vec("[a-zA-Z0-9]{1,3}|[a-z]{62,65}|com|io|txt|localhost|1|255", 1..5),
            after in proptest::sample::select(vec!["", "/", "/a@b", "/x:y", "/x:/y", ")", " ", "/?q#f", "/[", ".", "?", ")@b.c", ")(x@y.z)", "#a@b", ". x", "/a.b:/c"]),
            domains in proptest::sample::select(vec![None, Some(vec!["ab".to_owned()]), Some(vec![String::new()])]),
        ) {
            let s = [scheme.to_owned(), labels.join("."), after.to_owned()].concat();
            let Some((end, host)) = auto_link_url_and_host(&s, 0) else {
                return Ok(());
            };
            prop_assert_eq!(Some(end), url_head(&s, 0).map(|h| auto_link_url_body(&s, h)));
            if let Some(host) = host {
                let src = &s[..end];
                prop_assert_eq!(
                    auto_link_with_host(src, host, domains.as_deref()),
                    auto_link(src, domains.as_deref()),
                    "{:?}", src
                );
            }
        }
    }

    // Expected values: the reference 0.32.0 parser's own rules (and its
    // autoLink / autoEmail helpers) run on the same strings; offsets are
    // bytes here.

    fn check(f: fn(&str, usize) -> Option<usize>, cases: &[(&str, Option<usize>)]) {
        for &(s, want) in cases {
            assert_eq!(f(s, 0), want, "{s:?}");
        }
    }

    #[test]
    fn domain_names() {
        check(
            domain_name,
            &[
                ("example.com", Some(11)),
                ("localhost", Some(9)),
                ("localhostfoo.com", Some(9)),
                ("a.b.c", Some(5)),
                ("a", None),
                ("a.", None),
                ("_a.com", None),
                ("a_b.com", Some(7)),
                ("-.com.-$", Some(8)),
                ("foo-.com", None),
                ("a-@.b", Some(5)),
                ("a.-b", Some(4)),
                ("\u{E9}.com", Some(6)),
                ("\u{1F600}.x", Some(6)),
                ("a..b", None),
                ("a.b/c", Some(3)),
                ("a.b:80", Some(3)),
                ("a.b%c", Some(3)),
                ("a.b!c", Some(3)),
                ("a$b.c", None),
                ("a#b.c", None),
                ("a.b c", Some(3)),
            ],
        );
    }

    #[test]
    fn authority_hosts_schemes_and_authorities() {
        check(
            url_authority_host,
            &[
                ("example.com:8080", Some(16)),
                ("example.com:", Some(11)),
                ("example.com:x", Some(11)),
                ("1.2.3.4", Some(7)),
                ("_1.2.3.4:5", None),
                ("1.2.3", Some(5)),
                ("localhost:3000", Some(14)),
            ],
        );
        check(
            url_scheme,
            &[
                ("http:", Some(5)),
                ("a+b-c:", Some(6)),
                ("a.b:", None),
                (":", None),
                ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:", Some(33)),
                ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:", None),
            ],
        );
        check(
            url_authority,
            &[
                ("//x.com", Some(7)),
                ("//user@x.com", Some(12)),
                ("//user:pw@x.com", Some(15)),
                ("//user:@x.com", None),
                ("//u.v@x.com", Some(5)),
                ("//@x.com", None),
                ("/x.com", None),
            ],
        );
    }

    #[test]
    fn url_bodies() {
        check(
            url_body,
            &[
                ("/a/b", Some(4)),
                ("/a. b", Some(2)),
                ("/a.", Some(2)),
                ("/a.,!", Some(2)),
                ("/a.,x", Some(5)),
                ("/a)b", Some(2)),
                ("/a(b", Some(4)),
                ("/a|b", Some(2)),
                ("/a\\b", Some(2)),
                ("/a\tb", Some(2)),
                ("/a~b", Some(4)),
                ("/a. \n", Some(2)),
            ],
        );
        check(
            markdown_link_url_body,
            &[
                ("/a(b)c", Some(6)),
                ("/a(b c)", Some(2)),
                ("/a(b", Some(2)),
                ("/a)b", Some(2)),
                ("/a.", Some(3)),
                ("/a. b", Some(2)),
                ("/a.\n", Some(2)),
                ("/a~", Some(3)),
                ("/((a))", Some(5)),
                ("/a(b(c)d)e", Some(8)),
            ],
        );
    }

    #[test]
    fn link_refs() {
        let md: &[(&str, Option<(usize, &str)>)] = &[
            ("http://x.com/a_(b)", Some((18, "http://x.com/a_(b)"))),
            ("x.com/a)", Some((7, "x.com/a"))),
            ("mailto:x", Some((8, "mailto:x"))),
            ("mailto:", None),
            ("ftp:/x", Some((6, "ftp:/x"))),
            ("+1234", Some((5, "tel:1234"))),
            ("+(12)34-56", Some((10, "tel:123456"))),
            ("x", None),
        ];
        for &(s, want) in md {
            let got = markdown_link_ref(s, 0);
            assert_eq!(got.as_ref().map(|(e, h)| (*e, h.as_ref())), want, "{s:?}");
        }
        let plain: &[(&str, Option<(usize, &str)>)] = &[
            ("http://x.com/a(b)", Some((16, "http://x.com/a(b"))),
            ("x.com", Some((5, "x.com"))),
            ("a:b/c", Some((5, "a:b/c"))),
            ("+12-34", Some((6, "tel:1234"))),
            ("nope", None),
        ];
        for &(s, want) in plain {
            let got = link_ref(s, 0);
            assert_eq!(got.as_ref().map(|(e, h)| (*e, h.as_ref())), want, "{s:?}");
        }
    }

    #[test]
    fn phones() {
        type Case<'a> = (&'a str, Option<(usize, &'a str, &'a str)>);
        let cases: &[Case] = &[
            ("+1234567", Some((8, "+1234567", "1234567"))),
            ("+123-456", Some((8, "+123-456", "123456"))),
            ("+(12)34-56", Some((10, "+(12)34-56", "123456"))),
            ("+(12)-34", Some((8, "+(12)-34", "1234"))),
            ("+(12)34", Some((7, "+(12)34", "1234"))),
            ("+(12)", None),
            ("+123-", Some((4, "+123", "123"))),
            ("+1-2-3", Some((4, "+1-2", "12"))),
            ("12345", None),
            ("+(1", None),
            ("+ 1", None),
        ];
        for &(s, want) in cases {
            let got = phone(s, 0);
            assert_eq!(
                got.as_ref().map(|(e, t, n)| (*e, t.as_str(), n.as_str())),
                want,
                "{s:?}"
            );
        }
        assert_eq!(phone_checker("+1234", "1234"), None);
        assert_eq!(
            phone_checker("+12345", "12345").as_deref(),
            Some("tel:12345")
        );
    }

    #[test]
    fn emails() {
        let cases: &[(&str, Option<(usize, &str)>)] = &[
            ("a@b.com", Some((7, "a@b.com"))),
            ("mailto:a@b.com", Some((14, "a@b.com"))),
            ("a.b@c.de", Some((8, "a.b@c.de"))),
            ("a..b@c.de", None),
            ("a.@c.de", None),
            ("!a@b.com", None),
            ("a!#@b.com", Some((9, "a!#@b.com"))),
            ("a@localhost", Some((11, "a@localhost"))),
            ("a@b", None),
            ("\u{E9}@b.com", Some((8, "\u{E9}@b.com"))),
            ("\u{1F600}@b.com", Some((10, "\u{1F600}@b.com"))),
            ("a\u{301}@b.com", Some((9, "a\u{301}@b.com"))),
            ("a@_b.com", None),
            ("mailto:@b.com", None),
            ("a@b.com.", Some((7, "a@b.com"))),
        ];
        for &(s, want) in cases {
            assert_eq!(email(s, 0), want, "{s:?}");
        }
    }

    #[test]
    fn auto_link_urls_and_titles() {
        check(
            auto_link_url,
            &[
                ("example.com", Some(11)),
                ("example.com/path?q=1#f", Some(22)),
                ("example.com.", Some(11)),
                ("example.com...", Some(11)),
                ("example.com/a). x", Some(13)),
                ("example.com/a.b", Some(15)),
                ("http://x.com:80/p", Some(17)),
                ("x.com\tz", Some(5)),
                ("x.com/(a)", Some(8)),
                ("x.com/\"q\"", Some(8)),
                ("http://", None),
                ("x", None),
                ("x.com/\u{1F600}.", Some(10)),
            ],
        );
        check(
            link_title2,
            &[
                ("abc|d", Some(3)),
                ("a<b", Some(1)),
                ("a>b", Some(1)),
                ("a=b", Some(3)),
                ("\u{E9}\u{1F600}", Some(6)),
                ("\u{7F}", Some(1)),
                ("|", None),
            ],
        );
    }

    #[test]
    fn auto_link_decisions() {
        type Case<'a> = (&'a str, Option<&'a [&'a str]>, Option<&'a str>);
        let cases: &[Case] = &[
            ("example.com", None, Some("//example.com")),
            ("EXAMPLE.COM", None, Some("//EXAMPLE.COM")),
            (
                "https://EXAMPLE.COM/Path",
                None,
                Some("https://EXAMPLE.COM/Path"),
            ),
            ("example.com:8080", None, Some("example.com:8080")),
            ("localhost:3000", None, Some("localhost:3000")),
            ("http://localhost", None, Some("http://localhost")),
            ("1.2.3.4:80", None, Some("//1.2.3.4:80")),
            ("http://[::1]:80/", None, Some("http://[::1]:80/")),
            ("1http://example.com", None, Some("//1http://example.com")),
            ("example.com/a:/b", None, None),
            ("example.com+x:y", None, None),
            ("foo.com://bar", None, Some("foo.com://bar")),
            ("foo.unknowntld", None, None),
            (
                "foo.unknowntld",
                Some(&["unknowntld"][..]),
                Some("//foo.unknowntld"),
            ),
            (
                "a.b.intranet/x",
                Some(&["intranet"][..]),
                Some("//a.b.intranet/x"),
            ),
            ("x.ck", None, Some("//x.ck")),
            ("ck", None, None),
            ("x.com://", None, None),
            ("m\u{FC}nchen.de", None, Some("//m\u{FC}nchen.de")),
            ("M\u{DC}NCHEN.DE", None, Some("//M\u{DC}NCHEN.DE")),
            ("a.bentley", None, Some("//a.bentley")),
            ("a.hotel", None, None),
            ("x.github.io", None, Some("//x.github.io")),
            (".", Some(&[""][..]), None),
            ("data:x.com", None, None),
            (
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com://x.com",
                None,
                Some("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com://x.com"),
            ),
            (
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com://x.com:99999",
                None,
                Some("//aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com://x.com:99999"),
            ),
            (
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com://x.com:65535",
                None,
                Some("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com://x.com:65535"),
            ),
            (
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com://[::1]",
                None,
                Some("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com://[::1]"),
            ),
            (
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com://[::1",
                None,
                None,
            ),
            (
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com://x^y.com",
                None,
                None,
            ),
            (
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com://u@",
                None,
                None,
            ),
            (
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com",
                None,
                None,
            ),
            (
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com",
                None,
                Some("//aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com"),
            ),
        ];
        for &(s, domains, want) in cases {
            let domains: Option<Vec<String>> =
                domains.map(|d| d.iter().map(|x| (*x).to_owned()).collect());
            assert_eq!(auto_link(s, domains.as_deref()).as_deref(), want, "{s:?}");
        }
    }

    #[test]
    fn auto_email_decisions() {
        let cases: &[(&str, Option<&str>)] = &[
            ("a@b.com", Some("mailto:a@b.com")),
            ("a@localhost", None),
            ("a@b.unknowntld", None),
            ("a@1.2.3.4", None),
            ("a@B.COM", Some("mailto:a@B.COM")),
            ("a@b.github.io", Some("mailto:a@b.github.io")),
            ("a@b.bentley", Some("mailto:a@b.bentley")),
            ("a@b.hotel", None),
            ("a@b.co.uk", Some("mailto:a@b.co.uk")),
            ("a@b_c.com", Some("mailto:a@b_c.com")),
            ("a@-b.com", None),
        ];
        for &(s, want) in cases {
            assert_eq!(auto_email(s).as_deref(), want, "{s:?}");
        }
    }

    /// tldts's `isValidHostname`, char by char: the plain statement the
    /// byte-level [`is_valid_hostname`] must agree with.
    fn is_valid_hostname_by_chars(h: &str) -> bool {
        let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || !c.is_ascii();
        let len: usize = h.chars().map(char::len_utf16).sum();
        let Some(first) = h.chars().next() else {
            return false;
        };
        if len > 255 || !(ok(first) || first == '.' || first == '_') {
            return false;
        }
        let mut last_dot: isize = -1;
        let mut last: Option<char> = None;
        let mut i: isize = 0;
        for c in h.chars() {
            if c == '.' {
                if i - last_dot > 64 || matches!(last, Some('.' | '-' | '_')) {
                    return false;
                }
                last_dot = i;
            } else if !(ok(c) || c == '-' || c == '_') {
                return false;
            }
            last = Some(c);
            i += c.len_utf16() as isize;
        }
        len as isize - last_dot - 1 <= 63 && last != Some('-')
    }

    #[test]
    fn valid_hostnames_by_bytes_and_by_chars_agree() {
        let alphabet = [
            "a",
            "Z",
            "0",
            ".",
            "-",
            "_",
            ":",
            "\u{E9}",
            "\u{20AC}",
            "\u{1F600}",
        ];
        let mut cases: Vec<String> = vec![String::new()];
        let mut layer: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            layer = layer
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            cases.extend(layer.iter().cloned());
        }
        for unit in ["a", "\u{E9}", "\u{1F600}"] {
            for n in [31, 32, 62, 63, 64, 65, 127, 128, 254, 255, 256] {
                let label = unit.repeat(n);
                cases.push(label.clone());
                cases.push(format!("{label}.com"));
                cases.push(format!("x.{label}"));
                cases.push(format!("x.{label}."));
                cases.push(format!("{label}-"));
            }
        }
        for h in &cases {
            assert_eq!(is_valid_hostname(h), is_valid_hostname_by_chars(h), "{h:?}");
        }
    }

    #[test]
    fn byte_classes() {
        for c in 0..=255u8 {
            let f = class(c);
            let ch = char::from(c);
            let ascii = c.is_ascii();
            assert_eq!(f & SPACE != 0, ascii && is_space(ch), "{c:#x}");
            assert_eq!(f & EOL != 0, matches!(c, b'\r' | b'\n'), "{c:#x}");
            assert_eq!(f & EXTRA != 0, ascii && is_extra(ch), "{c:#x}");
            assert_eq!(f & EXTRA != 0, extra_byte(c), "{c:#x}");
            assert_eq!(
                f & MD_EXTRA != 0,
                ascii && is_extra(ch) && !matches!(c, b'~' | b'(' | b')'),
                "{c:#x}"
            );
            let body = !ascii
                || matches!(ch, '\x20'..='\x28' | '\x2A'..='\x5B' | '\x5D'..='\x7B' | '\x7D'..='\x7E');
            assert_eq!(f & NOT_BODY == 0, body, "{c:#x}");
            assert_eq!(paren_body_byte(c), body && c != b' ', "{c:#x}");
            assert_eq!(
                f & NOT_SCHEME == 0,
                c.is_ascii_alphanumeric() || c == b'+' || c == b'-',
                "{c:#x}"
            );
            assert_eq!(
                f & SCHEME_TAIL != 0,
                c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'),
                "{c:#x}"
            );
            assert_eq!(
                f & HOST_MARK != 0,
                b"#/?@]:".contains(&c) || c.is_ascii_uppercase(),
                "{c:#x}"
            );
        }
    }

    /// `DomainChar` = `[a-zA-Z0-9] / !Extra ([_-] / !Safe) !EndOfLine !Space
    /// ![\\/|><%\`[\]] .` at `p`, by the classes: the plain statement the
    /// byte table of [`domain_char`] must agree with.
    fn domain_char_by_classes(s: &str, p: usize) -> Option<usize> {
        let b = s.as_bytes();
        let (c, next) = unit(b, p)?;
        if c.is_ascii_alphanumeric() {
            return Some(next);
        }
        // Every non-ASCII character is neither Extra nor Safe, nor a stop.
        if c >= 0x80 {
            return Some(next);
        }
        if extra_byte(c) {
            return None;
        }
        let q = if c == b'_' || c == b'-' {
            next
        } else if is_safe(char::from(c)) {
            return None;
        } else {
            p
        };
        match unit(b, q) {
            Some((c2, e)) if !domain_char_stop(char::from(c2)) => Some(e),
            _ => None,
        }
    }

    #[test]
    fn domain_char_table_agrees_with_the_classes() {
        let mut s = String::new();
        for c in (0u8..128)
            .map(char::from)
            .chain(['\u{E9}', '\u{20AC}', '\u{1F600}'])
        {
            s.push(c);
            s.push('_');
            s.push(c);
            s.push('-');
        }
        for p in 0..=s.len() + 1 {
            assert_eq!(domain_char(&s, p), domain_char_by_classes(&s, p), "at {p}");
        }
    }

    #[test]
    fn the_memory_gives_the_plain_scans_answers() {
        let inputs = [
            "-a-a-a.b",
            "a_b-c.d-e_f.g",
            "--.--.--.x",
            "x.y.z.",
            "a-.b_.c",
            "_-_-._-.a",
            "\u{E9}-\u{1F600}.a-b.\u{E9}_",
            "ab.cd ef.gh/ij.kl",
        ];
        for s in inputs {
            let positions: Vec<usize> = (0..=s.len()).collect();
            // Without a parse in progress: no memory.
            let plain: Vec<_> = positions.iter().map(|&p| domain_name(s, p)).collect();
            let evens_then_odds: Vec<usize> = positions
                .iter()
                .copied()
                .filter(|p| p % 2 == 0)
                .chain(positions.iter().copied().filter(|p| p % 2 == 1))
                .collect();
            let reversed: Vec<usize> = positions.iter().rev().copied().collect();
            for order in [&positions, &reversed, &evens_then_odds] {
                begin_parse(s);
                for &p in order {
                    assert_eq!(domain_name(s, p), plain[p], "{s:?} at {p}");
                }
                end_parse();
            }
        }
    }

    #[test]
    fn never_panics_on_odd_offsets() {
        let s = "a\u{E9}\u{1F600}.com";
        for pos in 0..s.len() + 2 {
            let _ = domain_name(s, pos);
            let _ = url_body(s, pos);
            let _ = markdown_link_ref(s, pos);
            let _ = link_ref(s, pos);
            let _ = auto_link_url(s, pos);
            let _ = email(s, pos);
            let _ = phone(s, pos);
            let _ = link_title2(s, pos);
        }
    }
}
